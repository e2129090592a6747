"""Incremental runs: reused rows give the same tables as a full run, and a doubtful folder means a full run."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.staging import recover
from pipeline.incremental import Fingerprint, Reuse, pass_reused
from pipeline.records import TABLES, Brief, BriefResult
from pipeline.stages import Failure
from pipeline.run import RunOptions, extract
from tests.conftest import ROOT, SEED, big_feed, kill_while_staging

# Briefs of the pool the edit sequences draw from (written for these tests).
POOL = [
    ("La Zambie commande six locomotives", "Lusaka a commandé le 3 mars 2025 six locomotives à un constructeur sud-coréen."),
    ("Un prêt pour le port de Lomé", "La Banque ouest-africaine de développement a accordé hier un prêt de 40 milliards de francs CFA au Togo."),
    ("Le Ghana inaugure une centrale", "Le président ghanéen a inauguré lundi une centrale solaire de 50 MW près de Tamale."),
    ("Accord minier au Mali", "Bamako et une société australienne ont signé un accord sur le lithium de Goulamina en juin 2024."),
    ("Inflation en baisse au Sénégal", "L'inflation est tombée à 0,8 % en 2024 au Sénégal, selon l'ANSD, publiée le 15 janvier 2025."),
    ("Nouvelle loi sur les mines", "Le Parlement du Burkina Faso a adopté jeudi une loi qui relève la part de l'État dans les mines."),
    (None, "La compagnie Air Côte d'Ivoire a reçu son quatrième Airbus A320neo à Abidjan la semaine dernière."),
    ("Production d'or record", "La production d'or du Ghana a atteint 4 millions d'onces en 2024, selon la Chambre des mines."),
]
DATES = [None, "2025-03-04", "2025-06-10"]


def _write_feed(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _assert_same_tables(a: Path, b: Path) -> None:
    for table in TABLES:
        assert (a / f"{table}.csv").read_bytes() == (b / f"{table}.csv").read_bytes(), table
        assert pq.read_table(a / f"{table}.parquet").equals(pq.read_table(b / f"{table}.parquet")), table


def _manifest(out: Path) -> dict:
    return json.loads((out / "run.json").read_text(encoding="utf-8"))


# An edit: (operation, pool index, date index). Applied to a feed of records keyed by position.
EDITS = st.lists(
    st.tuples(st.sampled_from(["add", "remove", "edit", "redate", "move"]),
              st.integers(0, len(POOL) - 1), st.integers(0, len(DATES) - 1)),
    min_size=1, max_size=4,
)


def _apply(feed: list[dict], op: str, k: int, d: int, step: int) -> None:
    if op == "add" or not feed:
        headline, text = POOL[k]
        feed.insert(k % (len(feed) + 1), {"headline": headline, "text": text, "date": DATES[d]})
    elif op == "remove":
        feed.pop(k % len(feed))
    elif op == "edit":
        feed[k % len(feed)] = dict(feed[k % len(feed)], text=feed[k % len(feed)]["text"] + f" Mise à jour {step}.")
    elif op == "redate":
        feed[k % len(feed)] = dict(feed[k % len(feed)], date=DATES[d])
    else:
        feed.append(feed.pop(k % len(feed)))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.lists(st.integers(0, len(POOL) - 1), min_size=1, max_size=4, unique=True), edits=EDITS)
def test_incremental_run_equals_a_full_run_after_any_edits(tmp_path_factory, fast_models, start, edits):
    root = tmp_path_factory.mktemp("edits")
    feed = [{"headline": POOL[k][0], "text": POOL[k][1], "date": DATES[k % len(DATES)]} for k in start]
    inc = root / "incremental"
    _write_feed(root / "feed.jsonl", feed)
    extract(RunOptions(inputs=[root / "feed.jsonl"], out_dir=inc, progress=False))
    for step, (op, k, d) in enumerate(edits):
        _apply(feed, op, k, d, step)
        if not feed:
            continue
        _write_feed(root / "feed.jsonl", feed)
        summary = extract(RunOptions(inputs=[root / "feed.jsonl"], out_dir=inc, progress=False))
        full = root / f"full{step}"
        extract(RunOptions(inputs=[root / "feed.jsonl"], out_dir=full, progress=False))
        _assert_same_tables(inc, full)
        acc = _manifest(inc)["incremental"]
        assert acc["reused"] + acc["extracted"] == summary.briefs
        assert acc["full_run_reason"] is None


def test_unchanged_feed_is_all_reused_and_said_so(tmp_path: Path, fast_models, capsys):
    from pipeline.cli import main

    out = tmp_path / "out"
    assert main(["extract", str(SEED), "--out", str(out), "--quiet"]) == 0
    assert "(full run)" in capsys.readouterr().out
    assert _manifest(out)["incremental"]["full_run_reason"] == "no previous run in the output folder"
    before = {t: (out / f"{t}.csv").read_bytes() for t in TABLES}
    assert main(["extract", str(SEED), "--out", str(out), "--quiet"]) == 0
    assert "(21 reused, 0 extracted)" in capsys.readouterr().out
    assert _manifest(out)["incremental"] == {"reused": 21, "extracted": 0, "dropped": 0, "full_run_reason": None}
    assert before == {t: (out / f"{t}.csv").read_bytes() for t in TABLES}
    assert main(["extract", str(SEED), "--out", str(out), "--quiet", "--full"]) == 0
    assert _manifest(out)["incremental"]["full_run_reason"] == "--full was given"
    assert before == {t: (out / f"{t}.csv").read_bytes() for t in TABLES}


def test_removed_briefs_disappear_and_are_counted(tmp_path: Path, fast_models):
    feed = [{"headline": h, "text": t, "date": "2025-05-01"} for h, t in POOL[:4]]
    _write_feed(tmp_path / "feed.jsonl", feed)
    out = tmp_path / "out"
    extract(RunOptions(inputs=[tmp_path / "feed.jsonl"], out_dir=out, progress=False))
    _write_feed(tmp_path / "feed.jsonl", feed[1:3])
    extract(RunOptions(inputs=[tmp_path / "feed.jsonl"], out_dir=out, progress=False))
    assert _manifest(out)["incremental"] == {"reused": 2, "extracted": 0, "dropped": 2, "full_run_reason": None}
    assert pq.read_table(out / "briefs.parquet").num_rows == 2


def test_a_change_under_models_means_a_full_run(tmp_path: Path, fast_models):
    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models)
    out = tmp_path / "out"
    extract(RunOptions(inputs=[SEED], out_dir=out, progress=False, models=models))
    with (models / "lexicons" / "acronyms.tsv").open("a", encoding="utf-8") as handle:
        handle.write("# a comment is a change too\n")
    extract(RunOptions(inputs=[SEED], out_dir=out, progress=False, models=models))
    acc = _manifest(out)["incremental"]
    assert acc["reused"] == 0 and acc["extracted"] == 21
    assert acc["full_run_reason"] == "the previous run was made with another models"


@pytest.mark.parametrize("damage", ["truncated", "foreign schema", "no fingerprint", "unreadable run.json"])
def test_a_damaged_or_foreign_folder_means_a_full_run_with_right_rows(tmp_path: Path, fast_models, damage: str):
    out, reference = tmp_path / "out", tmp_path / "reference"
    extract(RunOptions(inputs=[SEED], out_dir=reference, progress=False))
    extract(RunOptions(inputs=[SEED], out_dir=out, progress=False))
    if damage == "truncated":
        data = (out / "mentions.parquet").read_bytes()
        (out / "mentions.parquet").write_bytes(data[: len(data) // 2])
    elif damage == "foreign schema":
        table = pq.read_table(out / "events.parquet")
        pq.write_table(table.drop_columns(["confidence"]).append_column("score", pa.array([0.5] * table.num_rows)),
                       out / "events.parquet")
    else:
        run = _manifest(out)
        if damage == "no fingerprint":
            run.pop("fingerprint")
            (out / "run.json").write_text(json.dumps(run), encoding="utf-8")
        else:
            (out / "run.json").write_text("{not json", encoding="utf-8")
    extract(RunOptions(inputs=[SEED], out_dir=out, progress=False))
    acc = _manifest(out)["incremental"]
    assert acc["reused"] == 0 and acc["full_run_reason"]
    _assert_same_tables(out, reference)


def test_reused_results_pass_through_in_input_order():
    def brief(i: int) -> Brief:
        return Brief(f"b{i}", "s", None, i, None, f"texte {i}", None)

    reuse = Reuse(reference_dates={f"b{i}": None for i in (0, 2, 3)})
    seen = []

    def process_new(briefs):
        for b in briefs:
            seen.append(b.brief_id)
            yield Failure(b, ValueError("x")) if b.brief_id == "b4" else BriefResult(b)

    items = [reuse.take(brief(i)) or brief(i) for i in range(6)]
    out = list(pass_reused(items, process_new))
    assert [o.brief.brief_id for o in out] == [f"b{i}" for i in range(6)]
    assert isinstance(out[4], Failure) and seen == ["b1", "b4", "b5"]
    assert (reuse.reused, reuse.extracted) == (3, 3)


def test_nothing_new_asks_nothing_of_the_stages():
    reuse = Reuse(reference_dates={"b1": None})

    def process_new(briefs):
        raise AssertionError("the stages were asked for although every brief is reused")

    item = reuse.take(Brief("b1", "s", None, 1, None, "x", None))
    assert [r.brief.brief_id for r in pass_reused([item], process_new)] == ["b1"]


def test_fingerprint_names_what_changed():
    fp = Fingerprint.of(ROOT / "models")
    other = dict(fp.to_json(), code="0" * 64, spacy="3.0.0")
    assert fp.differences(other) == ["code", "spacy"]
    assert fp.differences(fp.to_json()) == []


def test_reference_date_change_re_extracts_the_brief(tmp_path: Path, fast_models):
    feed = [{"headline": POOL[0][0], "text": POOL[0][1], "date": "2025-03-04"}]
    _write_feed(tmp_path / "feed.jsonl", feed)
    out = tmp_path / "out"
    extract(RunOptions(inputs=[tmp_path / "feed.jsonl"], out_dir=out, progress=False))
    extract(RunOptions(inputs=[tmp_path / "feed.jsonl"], out_dir=out, progress=False,
                       reference_date=dt.date(2030, 1, 1)))  # the record's own date still wins
    assert _manifest(out)["incremental"]["reused"] == 1
    _write_feed(tmp_path / "feed.jsonl", [dict(feed[0], date="2025-03-05")])
    extract(RunOptions(inputs=[tmp_path / "feed.jsonl"], out_dir=out, progress=False))
    assert _manifest(out)["incremental"]["extracted"] == 1


def test_sigkill_during_an_incremental_run_leaves_the_previous_outputs(tmp_path: Path, seed_run: Path):
    out = tmp_path / "out"
    shutil.copytree(seed_run, out)
    before = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}
    kill_while_staging([str(SEED), str(big_feed(tmp_path / "new.txt", "Mombasa"))], out, min_bytes=5000)
    recover(out)
    after = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}
    assert after == before
