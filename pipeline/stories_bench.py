"""Benchmark of the story stage: `python -m pipeline.stories_bench [--events N] [--run DIR ...]`.

Times `stories.build_stories` (one core) on N synthetic events (default
1,000,000) and on the tables of finished runs (`--run DIR`, e.g. the bench
corpus extracted by `make bench`), and prints the peak memory of the process.
Synthetic events: 13 types, 60 countries, 3,000 actors, dates over two years;
one event in four is a second wording (another brief, another source) of an
earlier one, its date one day later or unknown, so the stage has real merges
to find. The 1,000,000 target is under 60 s on one core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import time
from pathlib import Path

import pyarrow as pa

from .records import EVENT_TYPES, SCHEMAS
from .stories import build_stories, read_run_table, NameData, _BRIEF_COLUMNS, _MENTION_COLUMNS


def synthetic_tables(n: int, seed: int = 13) -> tuple[pa.Table, pa.Table]:
    """(events, briefs) of `n` synthetic events, one per brief; a quarter repeat an earlier event."""
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1).toordinal()
    countries = [f"C{i:02d}" for i in range(60)]
    cols: dict[str, list] = {name: [] for name in SCHEMAS["events"].names}
    briefs: dict[str, list] = {"brief_id": [], "reference_date": [], "source": []}
    for i in range(n):
        brief_id = f"b{i:08d}"
        if i > 10 and rng.random() < 0.25:  # a second wording of an earlier event
            j = rng.randrange(max(0, i - 5000), i)
            event_type, day, actor, country, value = (cols["event_type"][j], _day(cols, j, start),
                                                      cols["actor"][j], cols["country"][j], cols["quantity_value"][j])
            day = day + 1 if day is not None and rng.random() < 0.5 else day
        else:
            event_type = rng.choice(EVENT_TYPES)
            day = start + rng.randrange(730)
            actor = f"Organisation {rng.randrange(3000)}" if rng.random() < 0.8 else None
            country = rng.choice(countries)
            value = float(rng.randrange(1, 500)) if rng.random() < 0.6 else None
        dated = day is not None and rng.random() < 0.85
        date = dt.date.fromordinal(day) if dated else None
        row = {
            "event_id": f"e{i:08d}", "brief_id": brief_id, "event_type": event_type, "trigger": None,
            "trigger_start": None, "trigger_end": None, "event_date": date.isoformat() if date else None,
            "event_date_start": date, "event_date_end": date, "actor": actor, "actor_country": None,
            "partner": None, "place": None, "country": country, "quantity_value": value,
            "quantity_unit": "MW" if value is not None else None, "evidence": None, "confidence": 0.8,
            "cameo": None, "plover": None, "missing": None, "story_id": None,
        }
        for name in cols:
            cols[name].append(row.get(name))
        briefs["brief_id"].append(brief_id)
        briefs["reference_date"].append(dt.date.fromordinal((day or start + 730) + 1))
        briefs["source"].append(f"source-{i % 7}")
    return (pa.Table.from_pydict(cols, schema=SCHEMAS["events"]),
            pa.Table.from_pydict(briefs, schema=pa.schema([SCHEMAS["briefs"].field(c) for c in briefs])))


def _day(cols: dict, j: int, start: int) -> int | None:
    date = cols["event_date_start"][j]
    return date.toordinal() if date else None


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_synthetic(n: int) -> dict:
    """Time the story stage on `n` synthetic events; returns the figures."""
    events, briefs = synthetic_tables(n)
    before = _peak_mb()
    started = time.perf_counter()
    result = build_stories(events, briefs)
    seconds = time.perf_counter() - started
    return {"events": n, "stories": len(result.stories), "seconds": round(seconds, 2),
            "peak_mb": round(_peak_mb()), "peak_mb_before": round(before)}


def bench_run(out_dir: Path, models: Path | None = None) -> dict:
    """Time the story stage on the tables of a finished run."""
    events = read_run_table(out_dir, "events")
    briefs = read_run_table(out_dir, "briefs", _BRIEF_COLUMNS)
    mentions = read_run_table(out_dir, "mentions", _MENTION_COLUMNS)
    started = time.perf_counter()
    result = build_stories(events, briefs, mentions, NameData.from_models(models))
    seconds = time.perf_counter() - started
    merged = sum(1 for s in result.stories if s.n_events > 1)
    return {"run": str(out_dir), "events": events.num_rows, "stories": len(result.stories),
            "stories_of_several_events": merged, "seconds": round(seconds, 2), "peak_mb": round(_peak_mb())}


def main(argv: list[str] | None = None) -> int:
    """Print the story stage's timings (the entry `make bench` calls)."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.stories_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events (default: 1,000,000)")
    parser.add_argument("--run", type=Path, action="append", default=[], help="a finished run's folder to time")
    parser.add_argument("--models", type=Path, default=None)
    args = parser.parse_args(argv)
    from .resources import models_dir

    for out_dir in args.run:
        print("stories on run:", bench_run(out_dir, models_dir(args.models)))
    if args.events:
        print("stories on synthetic events:", bench_synthetic(args.events))
    return 0


if __name__ == "__main__":
    sys.exit(main())
