"""The engine interface, model-free: a stand-in engine drives the run; worker plumbing; engine options."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from pipeline.cli import build_parser, main
from pipeline.engines import chunked, portable, sendable
from pipeline.engines.processes import PRELOAD_ENV, worker_env
from pipeline.records import BriefResult
from pipeline.run import RunOptions, extract
from pipeline.stages import Failure

FEED = (
    "La Bolivie ouvre une mine de lithium\n"
    "La compagnie publique bolivienne a ouvert le 4 juin 2024 une mine à Uyuni.\n\n"
    "Le Laos signe un accord ferroviaire\n"
    "Vientiane a signé hier un accord pour une ligne de 400 kilomètres.\n\n"
    "L’Islande relève son taux directeur\n"
    "La banque centrale islandaise a relevé son taux de 0,5 point.\n"
)


class StandIn:
    """An engine that finds nothing in a brief, and fails on briefs whose text names Vientiane."""

    name = "stand-in"
    partitioned = False
    meta = {"lang": "fr", "name": "stand_in", "version": "0.0"}

    def run(self, briefs):
        for brief in briefs:
            if "Vientiane" in brief.text:
                yield Failure(brief, ValueError("date impossible"))
                continue
            yield BriefResult(brief, (), ())

    def describe(self):
        return {"name": self.name}


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    path = tmp_path / "feed.txt"
    path.write_text(FEED, encoding="utf-8")
    return path


def test_the_run_writes_what_an_engine_streams_and_rejects_its_failures(tmp_path: Path, feed: Path):
    summary = extract(RunOptions(inputs=[feed], out_dir=tmp_path / "out", progress=False), engine=StandIn())
    assert (summary.briefs, summary.mentions, summary.events, summary.rejected) == (2, 0, 0, 1)
    with (tmp_path / "out" / "rejected.csv").open(encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["reason"] == "extraction failed: ValueError: date impossible" and row["record"] == "4"
    manifest = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == {"name": "stand-in"}
    assert manifest["versions"]["model"] == "fr_stand_in-0.0"
    assert manifest["files"][str(feed)]["briefs_written"] == 2


def test_a_failure_in_strict_mode_stops_the_run(tmp_path: Path, feed: Path):
    from pipeline.accounting import RunError

    with pytest.raises(RunError, match="extraction failed: ValueError"):
        extract(RunOptions(inputs=[feed], out_dir=tmp_path / "out", progress=False, strict=True), engine=StandIn())
    assert not (tmp_path / "out" / "briefs.csv").exists()


def test_chunks_cover_the_stream_in_order():
    assert [len(c) for c in chunked(iter(range(130)), 64)] == [64, 64, 2]


def test_worker_env_is_set_then_restored(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "8")
    monkeypatch.delenv("MKL_NUM_THREADS", raising=False)
    with worker_env(Path("/srv/models")):
        assert os.environ["OMP_NUM_THREADS"] == os.environ["MKL_NUM_THREADS"] == "1"
        assert json.loads(os.environ[PRELOAD_ENV]) == "/srv/models"
    assert os.environ["OMP_NUM_THREADS"] == "8"
    assert "MKL_NUM_THREADS" not in os.environ and PRELOAD_ENV not in os.environ


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


def test_an_unpicklable_error_is_sent_as_its_type_and_message():
    class LocalError(Exception):  # defined in a function: pickle cannot find it by name
        pass

    sent = sendable(LocalError("lexique illisible"))
    assert isinstance(sent, RuntimeError) and str(sent) == "LocalError: lexique illisible"
    error = KeyError("EUR")
    assert sendable(error) is error
    (failure,) = portable([Failure(None, LocalError("gazetier"))])
    assert str(failure.error) == "LocalError: gazetier"
