"""Benchmark of the story stage: `python -m benchmarks.stories [--events N] [--corpus N] [--run DIR ...]`.

Times `stories.build_stories` (CPU and wall seconds) on N synthetic events
(default 1,000,000), on the bench corpus of `make bench` (`--corpus N`:
extracted first, not timed) and on the tables of finished runs (`--run DIR`),
and prints the peak memory of the process.
Synthetic events: 13 types, 60 countries, 3,000 actors, dates over two years;
one event in four is a second wording (another brief, another source) of an
earlier one, its date one day later or unknown, so the stage has real merges
to find. The 1,000,000 target is under 60 s on one core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)

from pipeline.records import EVENT_TYPES, SCHEMAS
from pipeline.stories import BRIEF_COLUMNS, MENTION_COLUMNS, NameData, build_stories, read_run_table


def synthetic_tables(n: int, seed: int = 13) -> tuple[pa.Table, pa.Table]:
    """(events, briefs) of `n` synthetic events, one per brief; a quarter repeat an earlier event."""
    import numpy as np

    rng = np.random.default_rng(seed)
    epoch = (dt.date(2024, 1, 1) - dt.date(1970, 1, 1)).days
    types = rng.integers(0, len(EVENT_TYPES), n)
    day = rng.integers(0, 730, n)
    actor = rng.integers(0, 3000, n)
    has_actor = rng.random(n) < 0.8
    country = rng.integers(0, 60, n)
    value = rng.integers(1, 500, n).astype(float)
    has_value = rng.random(n) < 0.6
    dup = (rng.random(n) < 0.25) & (np.arange(n) > 10)
    source = np.maximum(np.arange(n) - rng.integers(1, 5000, n), 0)
    later = rng.random(n) < 0.5
    for i in np.flatnonzero(dup):  # in order, so a repeat of a repeat copies the first event
        j = source[i]
        types[i], day[i], actor[i], has_actor[i] = types[j], day[j] + later[i], actor[j], has_actor[j]
        country[i], value[i], has_value[i] = country[j], value[j], has_value[j]
    dated = rng.random(n) < 0.85
    ids = np.char.add("e", np.char.zfill(np.arange(n).astype(str), 8))
    brief_ids = np.char.add("b", np.char.zfill(np.arange(n).astype(str), 8))
    dates = pa.array(np.where(dated, day + epoch, 0).astype("int32"), pa.date32(), mask=~dated)
    names = np.char.add("Organisation ", actor.astype(str))
    cols = {name: pa.nulls(n, SCHEMAS["events"].field(name).type) for name in SCHEMAS["events"].names}
    cols.update({
        "event_id": pa.array(ids), "brief_id": pa.array(brief_ids),
        "event_type": pa.array(np.array(EVENT_TYPES)[types]),
        "event_date": pa.compute.strftime(dates.cast(pa.timestamp("s")), "%Y-%m-%d"),
        "event_date_start": dates, "event_date_end": dates,
        "actor": pa.array(names, mask=~has_actor),
        "country": pa.array(np.char.add("C", country.astype(str))),
        "quantity_value": pa.array(value, mask=~has_value),
        "quantity_unit": pa.array(np.full(n, "MW"), mask=~has_value),
        "confidence": pa.array(np.full(n, 0.8)),
    })
    briefs = {
        "brief_id": pa.array(brief_ids),
        "reference_date": pa.array((day + epoch + 1).astype("int32"), pa.date32()),
        "source": pa.array(np.char.add("source-", (np.arange(n) % 7).astype(str))),
    }
    return (pa.Table.from_pydict(cols, schema=SCHEMAS["events"]),
            pa.Table.from_pydict(briefs, schema=pa.schema([SCHEMAS["briefs"].field(c) for c in briefs])))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _merged(stories: pa.Table) -> int:
    """Stories of more than one event (read from the table: no Python row per story)."""
    return pa.compute.sum(pa.compute.greater(stories.column("n_events"), 1)).as_py() or 0


def bench_synthetic(n: int) -> dict:
    """Time the story stage on `n` synthetic events; returns the figures."""
    events, briefs = synthetic_tables(n)
    before = _peak_mb()
    started, cpu = time.perf_counter(), time.process_time()
    result = build_stories(events, briefs)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    merged = _merged(result.table)
    return {"events": n, "stories": result.table.num_rows, "stories_of_several_events": merged,
            "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "peak_mb_before": round(before), "peak_mb": round(_peak_mb()),
            "input_mb": round((events.nbytes + briefs.nbytes) / 2**20),
            "output_mb": round((result.table.nbytes + result.story_ids.nbytes) / 2**20)}


def bench_run(out_dir: Path, models: Path | None = None) -> dict:
    """Time the story stage on the tables of a finished run."""
    events = read_run_table(out_dir, "events")
    briefs = read_run_table(out_dir, "briefs", BRIEF_COLUMNS)
    mentions = read_run_table(out_dir, "mentions", MENTION_COLUMNS)
    started, cpu = time.perf_counter(), time.process_time()
    result = build_stories(events, briefs, mentions, NameData.from_models(models))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    merged = _merged(result.table)
    return {"run": str(out_dir), "events": events.num_rows, "stories": result.table.num_rows,
            "stories_of_several_events": merged, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "peak_mb": round(_peak_mb())}


def bench_corpus(n: int, models: Path) -> dict:
    """Extract the bench corpus of `n` briefs (not timed), then time the story stage on its tables."""
    import tempfile

    from pipeline.run import RunOptions, extract

    from .bench import SEED_FEED
    from .corpus import DEFAULT_SEED, build_corpus

    root = Path(__file__).resolve().parent.parent
    corpus = build_corpus(n, DEFAULT_SEED, root=root / "bench" / "corpus", seed_feed=root / "seeds" / SEED_FEED,
                          models=models, gold=root / "tests" / "golden" / "seed.gold.jsonl")
    with tempfile.TemporaryDirectory(prefix="stories-bench-") as tmp:
        extract(RunOptions(inputs=[corpus], out_dir=Path(tmp), progress=False, models=models))
        return {"briefs": n, **bench_run(Path(tmp), models)}


def main(argv: list[str] | None = None) -> int:
    """Print the story stage's timings (the entry `make bench` calls)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stories", description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events (default: 1,000,000)")
    parser.add_argument("--run", type=Path, action="append", default=[], help="a finished run's folder to time")
    parser.add_argument("--corpus", type=int, default=0, metavar="N",
                        help="also extract the bench corpus of N briefs (make bench's, built if missing) into a "
                             "temporary folder and time the story stage on it (default: 0, not done)")
    parser.add_argument("--models", type=Path, default=None)
    args = parser.parse_args(argv)
    from pipeline.resources import models_dir

    for out_dir in args.run:
        print("stories on run:", bench_run(out_dir, models_dir(args.models)))
    if args.corpus:
        print("stories on the bench corpus:", bench_corpus(args.corpus, models_dir(args.models)))
    if args.events:
        print("stories on synthetic events:", bench_synthetic(args.events))
    return 0


if __name__ == "__main__":
    sys.exit(main())
