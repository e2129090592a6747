"""The multi-process engine: same rows in the same order as one process, streamed, one model per worker."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline import parallel
from pipeline.cli import build_parser, main
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

    stream = parallel.process_parallel(briefs(), ROOT / "models", workers=2, chunk_size=3)
    first = next(stream)
    # Only the chunks in flight have been read when the first result comes back, not the whole feed.
    assert len(pulled) <= (parallel.CHUNKS_AHEAD * 2 + 1) * 3
    rest = list(stream)
    assert [r.brief.index for r in [first, *rest]] == list(range(40))
    assert all(r.events for r in [first, *rest])


def test_model_info_reads_the_meta_without_loading_the_model(nlp):
    meta = parallel.ModelInfo.from_models(ROOT / "models").meta
    assert (meta["lang"], meta["name"], meta["version"]) == (nlp.meta["lang"], nlp.meta["name"], nlp.meta["version"])


def test_worker_env_is_set_then_restored(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "8")
    monkeypatch.delenv("MKL_NUM_THREADS", raising=False)
    with parallel.worker_env(Path("/srv/models")):
        assert os.environ["OMP_NUM_THREADS"] == os.environ["MKL_NUM_THREADS"] == "1"
        assert json.loads(os.environ[parallel.PRELOAD_ENV]) == "/srv/models"
    assert os.environ["OMP_NUM_THREADS"] == "8"
    assert "MKL_NUM_THREADS" not in os.environ and parallel.PRELOAD_ENV not in os.environ


@pytest.mark.parametrize("start_method", ["forkserver", "spawn"])
def test_start_methods_give_the_same_results(start_method):
    briefs = [_brief(i, f"Le {i + 1} avril 2023, le Pérou a commandé {i + 2} trains.") for i in range(6)]
    results = list(parallel.process_parallel(briefs, ROOT / "models", workers=2, chunk_size=2,
                                             start_method=start_method))
    assert [r.brief for r in results] == briefs
    assert all(any(m.kind == "DATE" for m in r.mentions) for r in results)


@pytest.mark.parametrize("argv", [
    ["extract", "--workers", "0"],
    ["extract", "--workers", "deux"],
    ["extract", "--engine", "spark"],
])
def test_cli_rejects_bad_engine_options(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(argv)
    assert exc.value.code == 2
    assert "error" in capsys.readouterr().err


def test_scheduler_needs_the_dask_engine(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--scheduler", "tcp://127.0.0.1:8786"])
    assert exc.value.code == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_failures_from_workers_are_handed_over_in_order():
    briefs = [_brief(i, f"Brève {i}.") for i in range(3)]
    items = [parallel.BriefResult(briefs[0]), parallel.Failure(briefs[1], ValueError("date impossible")),
             parallel.BriefResult(briefs[2])]
    seen = []
    results = list(parallel.replay(items, lambda brief, exc: seen.append((brief.index, str(exc)))))
    assert [r.brief.index for r in results] == [0, 2]
    assert seen == [(1, "date impossible")]
    with pytest.raises(ValueError, match="date impossible"):
        list(parallel.replay(items, None))


def test_an_unpicklable_error_is_sent_as_its_type_and_message():
    class LocalError(Exception):  # defined in a function: pickle cannot find it by name
        pass

    sent = parallel.sendable(LocalError("lexique illisible"))
    assert isinstance(sent, RuntimeError) and str(sent) == "LocalError: lexique illisible"
    error = KeyError("EUR")
    assert parallel.sendable(error) is error
