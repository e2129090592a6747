"""Emit: staged writes, all-or-nothing commit, recovery after a killed run, the folder lock."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import io
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.emit import rejections_csv
from pipeline.staging import COMMIT_MARKER, STAGING_PREFIX, OutputError, TableSet, recover
from pipeline.records import SCHEMAS, BriefRow, Rejection

OUTPUTS = [f"{t}.{fmt}" for t in SCHEMAS for fmt in ("csv", "parquet")]


def _row(n: int, text: str = "Le Ghana lance un satellite.") -> BriefRow:
    return BriefRow(f"id{n:04d}", "feed.txt", None, n, None, text, dt.date(2025, 1, 2), "fr")


def _run(out: Path, n: int, extra: bytes = b"{}") -> list[Path]:
    with TableSet(out) as tables:
        tables.write("briefs", [_row(i) for i in range(n)])
        tables.add_file("run.json", extra)
        return tables.commit()


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def test_commit_moves_every_file_and_leaves_no_staging(tmp_path: Path):
    final = _run(tmp_path, 3)
    assert sorted(p.name for p in final) == sorted(OUTPUTS + ["run.json"])
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(STAGING_PREFIX)] == []
    assert pq.read_table(tmp_path / "briefs.parquet").num_rows == 3
    assert len(pd.read_csv(tmp_path / "briefs.csv")) == 3


def test_empty_tables_still_have_their_header(tmp_path: Path):
    _run(tmp_path, 1)
    assert pd.read_csv(tmp_path / "events.csv").columns.tolist() == SCHEMAS["events"].names
    assert pq.read_schema(tmp_path / "events.parquet").names == SCHEMAS["events"].names


def test_exception_inside_the_block_keeps_previous_outputs(tmp_path: Path):
    _run(tmp_path, 2)
    before = _snapshot(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        with TableSet(tmp_path) as tables:
            tables.write("briefs", [_row(i, "Autre texte.") for i in range(5)])
            raise KeyboardInterrupt
    assert _snapshot(tmp_path) == before
    assert not any(p.name.startswith(STAGING_PREFIX) for p in tmp_path.iterdir())


def test_leaving_without_commit_discards(tmp_path: Path):
    _run(tmp_path, 2)
    before = _snapshot(tmp_path)
    with TableSet(tmp_path) as tables:
        tables.write("briefs", [_row(9)])
    assert _snapshot(tmp_path) == before


def test_unfinished_staging_of_a_killed_run_is_removed(tmp_path: Path):
    _run(tmp_path, 2)
    before = _snapshot(tmp_path)
    stale = tmp_path / f"{STAGING_PREFIX}killed"
    stale.mkdir()
    (stale / "briefs.csv").write_text("brief_id\nhalf", encoding="utf-8")
    (tmp_path / ".run.json.abc123.tmp").write_text("{", encoding="utf-8")
    done = recover(tmp_path)
    assert len(done) == 2 and not stale.exists() and not (tmp_path / ".run.json.abc123.tmp").exists()
    assert _snapshot(tmp_path) == before


def test_commit_interrupted_between_renames_is_completed_by_the_next_run(tmp_path: Path):
    _run(tmp_path, 2, b'{"run": 1}')
    # A run that wrote its marker and renamed only its first file before being killed.
    stage = tmp_path / f"{STAGING_PREFIX}killed"
    stage.mkdir()
    with TableSet(tmp_path / "other") as tables:
        tables.write("briefs", [_row(i, "Run deux.") for i in range(4)])
        tables.add_file("run.json", b'{"run": 2}')
        for p in tables.commit():
            p.rename(stage / p.name)
    names = [*OUTPUTS, "run.json"]
    (stage / COMMIT_MARKER).write_text("\n".join(names), encoding="utf-8")
    (stage / names[0]).rename(tmp_path / names[0])
    with TableSet(tmp_path) as tables:
        assert any("completed" in d for d in tables.recovered)
    assert (tmp_path / "run.json").read_bytes() == b'{"run": 2}'
    assert pq.read_table(tmp_path / "briefs.parquet").num_rows == 4
    assert not stage.exists()


def test_second_writer_on_the_same_folder_is_refused(tmp_path: Path):
    with TableSet(tmp_path):
        with pytest.raises(OutputError, match="another run"):
            TableSet(tmp_path)
    with TableSet(tmp_path) as tables:  # the lock is released with the first set
        tables.commit()


def test_output_path_that_is_a_file_is_refused(tmp_path: Path):
    (tmp_path / "out").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="not a folder"):
        TableSet(tmp_path / "out")


@pytest.mark.parametrize("name", ["../evil.json", "sub/run.json", ".hidden"])
def test_staged_file_names_stay_inside_the_output_folder(tmp_path: Path, name: str):
    with TableSet(tmp_path) as tables:
        with pytest.raises(ValueError):
            tables.add_file(name, b"x")


def test_same_rows_give_byte_identical_files(tmp_path: Path):
    _run(tmp_path / "a", 50)
    _run(tmp_path / "b", 50)
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b")


def test_rejections_csv_round_trips():
    rows = [Rejection("a.jsonl", 3, 'malformed JSON: "x"'), Rejection("b.txt", None, "empty file")]
    frame = pd.read_csv(io.BytesIO(rejections_csv(rows)))
    assert frame["reason"].tolist() == ['malformed JSON: "x"', "empty file"]


def _run_with_cleanup(out: Path, formats=("csv", "parquet")) -> dict:
    with TableSet(out, formats=formats) as tables:
        tables.write("briefs", [_row(1)])
        tables.add_file("rejected.csv", b"file,record,reason\n")
        plan = tables.plan_cleanup()
        tables.add_file("run.json", json.dumps(plan).encode())
        tables.commit()
    return plan


def test_an_output_folder_holds_one_run(tmp_path: Path):
    """Files of an earlier run that this run does not write are removed and listed; others are left and listed."""
    (tmp_path / "eval.json").write_text("{}")  # `pipeline eval` of an earlier run
    (tmp_path / "report.html").write_text("<html>")  # `pipeline report` of an earlier run
    (tmp_path / "events.xlsx-safe.csv").write_text("x")
    (tmp_path / "events").mkdir()  # a Dask run's partitioned table
    (tmp_path / "events" / "part-00000.parquet").write_bytes(b"x")
    (tmp_path / "mes notes.txt").write_text("à garder")  # never written by the project
    plan = _run_with_cleanup(tmp_path)
    assert plan["removed"] == ["eval.json", "events", "events.xlsx-safe.csv", "report.html"]
    assert plan["left_alone"] == ["mes notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == sorted(plan["outputs"] + ["mes notes.txt"])
    assert "briefs.parquet" in plan["outputs"] and "run.json" in plan["outputs"]


def test_files_listed_by_the_previous_run_json_are_the_project_s(tmp_path: Path):
    (tmp_path / "run.json").write_text(json.dumps({"outputs": ["clusters.csv", "../evasion"]}))
    (tmp_path / "clusters.csv").write_text("cluster_id\n")
    (tmp_path / "evasion").write_text("x")
    plan = _run_with_cleanup(tmp_path)
    assert plan["removed"] == ["clusters.csv"] and plan["left_alone"] == ["evasion"]


def test_tables_are_written_under_the_umask(tmp_path: Path):
    previous = os.umask(0o022)
    try:
        _run_with_cleanup(tmp_path / "out")
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")}
        os.umask(0o027)
        _run_with_cleanup(tmp_path / "out2")
        group = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out2").iterdir() if not p.name.startswith(".")}
    finally:
        os.umask(previous)
    assert set(modes.values()) == {0o644}, modes
    assert set(group.values()) == {0o640}, group
