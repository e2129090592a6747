"""The process engine: same rows in the same order as one process, streamed, one model per worker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.annotate import model_meta
from pipeline.engines import processes
from pipeline.engines.processes import ProcessEngine
from pipeline.records import Brief, make_brief_id
from pipeline.run import RunOptions, extract

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_65776baa6f31d072.txt"

# Briefs of other countries, companies and dates than the seed's (one of them twice,
# so a duplicate is rejected), to check the engines on text they were not written around.
OTHER_BRIEFS = ROOT / "tests" / "fixtures" / "engine_briefs.jsonl"


def _brief(i: int, text: str) -> Brief:
    return Brief(make_brief_id(None, text), "test", None, i, None, text, None)


def test_two_workers_write_the_same_tables_as_one(tmp_path: Path):
    feed = [SEED, OTHER_BRIEFS]
    one = extract(RunOptions(inputs=feed, out_dir=tmp_path / "one", progress=False))
    two = extract(RunOptions(inputs=feed, out_dir=tmp_path / "two", progress=False, workers=2, batch_size=4))
    assert one.briefs == two.briefs == 25 and one.rejected == two.rejected == 1
    for table in ("briefs", "mentions", "events"):
        assert (tmp_path / "one" / f"{table}.csv").read_bytes() == (tmp_path / "two" / f"{table}.csv").read_bytes()
    manifests = [json.loads((tmp_path / run / "run.json").read_text()) for run in ("one", "two")]
    assert manifests[0]["rows"] == manifests[1]["rows"]
    assert manifests[0]["versions"] == manifests[1]["versions"]


def test_briefs_stream_through_in_bounded_chunks():
    pulled = []

    def briefs():
        for i in range(40):
            pulled.append(i)
            yield _brief(i, f"Le {i % 28 + 1} mars 2024, la Banque du Chili a publié {i} rapports.")

    stream = ProcessEngine(ROOT / "models", workers=2, chunk_size=3).run(briefs())
    first = next(stream)
    # Only the chunks in flight have been read when the first result comes back, not the whole feed.
    assert len(pulled) <= (processes.CHUNKS_AHEAD * 2 + 1) * 3
    rest = list(stream)
    assert [r.brief.index for r in [first, *rest]] == list(range(40))
    assert all(r.events for r in [first, *rest])


def test_model_meta_is_read_without_loading_the_model(nlp):
    meta = model_meta(ROOT / "models")
    assert (meta["lang"], meta["name"], meta["version"]) == (nlp.meta["lang"], nlp.meta["name"], nlp.meta["version"])


@pytest.mark.parametrize("start_method", ["forkserver", "spawn"])
def test_start_methods_give_the_same_results(start_method):
    briefs = [_brief(i, f"Le {i + 1} avril 2023, le Pérou a commandé {i + 2} trains.") for i in range(6)]
    engine = ProcessEngine(ROOT / "models", workers=2, chunk_size=2, start_method=start_method)
    results = list(engine.run(briefs))
    assert [r.brief for r in results] == briefs
    assert all(any(m.kind == "DATE" for m in r.mentions) for r in results)


def test_two_workers_reuse_the_previous_run_like_one_process(tmp_path: Path):
    """An incremental run with `--workers 2` reuses what it can and writes a full run's tables."""
    out = tmp_path / "out"
    extract(RunOptions(inputs=[SEED], out_dir=out, progress=False, workers=2, batch_size=4))
    summary = extract(RunOptions(inputs=[SEED, OTHER_BRIEFS], out_dir=out, progress=False, workers=2, batch_size=4))
    assert json.loads((out / "run.json").read_text())["incremental"]["reused"] == 21
    assert summary.briefs == 25
    extract(RunOptions(inputs=[SEED, OTHER_BRIEFS], out_dir=tmp_path / "full", progress=False))
    for table in ("briefs", "mentions", "events"):
        assert (out / f"{table}.csv").read_bytes() == (tmp_path / "full" / f"{table}.csv").read_bytes()
