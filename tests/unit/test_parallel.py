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

# Briefs of other countries, companies and dates than the seed's, so that the
# parallel path is checked on text it was not written around.
OTHER_BRIEFS = [
    {"id": "cl-1", "date": "2024-03-12", "headline": "Le Chili inaugure une usine de lithium à Antofagasta",
     "text": "Le 11 mars 2024, la société chilienne SQM a mis en service une usine de carbonate de lithium "
             "d’une capacité de 40.000 tonnes par an près d’Antofagasta."},
    {"id": "vn-2", "date": "2023-11-02",
     "text": "Hanoï et Tokyo ont signé le 1er novembre 2023 un accord de partenariat pour la construction "
             "d’une ligne de métro de 12 kilomètres, financée à hauteur de 1,5 milliard de dollars."},
    {"id": "ma-3", "date": "2025-01-20", "headline": "Maroc : l’OCP lance un programme d’hydrogène vert",
     "text": "Le groupe OCP a annoncé lundi un investissement de 7 milliards de dirhams dans la production "
             "d’ammoniac vert à Jorf Lasfar d’ici 2027."},
]


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("feed")
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "other.jsonl").write_text(
        "".join(json.dumps(b, ensure_ascii=False) + "\n" for b in OTHER_BRIEFS), encoding="utf-8"
    )
    return folder


def _brief(i: int, text: str) -> Brief:
    return Brief(make_brief_id(None, text), "test", None, i, None, text, None)


def test_two_workers_write_the_same_tables_as_one(feed: Path, tmp_path: Path):
    one = extract(RunOptions(inputs=[feed], out_dir=tmp_path / "one", progress=False))
    two = extract(RunOptions(inputs=[feed], out_dir=tmp_path / "two", progress=False, workers=2, batch_size=4))
    assert one.briefs == two.briefs == 24
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
