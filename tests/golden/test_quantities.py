"""Quantities through the whole pipeline: golden sentences must give exactly their quantities,
the negative corpus must give none."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.components import QUANTITIES
from pipeline.normalize.quantities import QuantityLexicon, normalize_quantity
from pipeline.resources import models_dir

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
LEXICON = QuantityLexicon.from_folder(models_dir() / "lexicons")


def _golden() -> list:
    rows = [json.loads(line) for line in (GOLDEN / "quantities.golden.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [pytest.param(r["text"], r["expected"], id=r["id"]) for r in rows]


def _negative() -> list:
    lines = (GOLDEN / "quantities.negative.txt").read_text(encoding="utf-8").splitlines()
    return [pytest.param(line, id=f"neg{i:02d}") for i, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]


def _quantities(brief_mentions, text: str) -> list[tuple[float | None, str | None, str | None]]:
    # As the evaluation does: a mention without a value is not a quantity.
    return [(m.value, m.unit, m.qualifier) for m in brief_mentions(text)
            if m.kind == "QUANTITY" and m.value is not None]


@pytest.mark.parametrize("text, expected", _golden())
def test_golden_sentence(brief_mentions, text: str, expected: list[dict]):
    found = _quantities(brief_mentions, text)
    assert len(found) == len(expected), found
    for (value, unit, qualifier), exp in zip(found, expected):
        assert value is not None and math.isclose(value, exp["value"], rel_tol=1e-9), found
        assert unit == exp["unit"], found
        assert qualifier == exp["qualifier"], found


@pytest.mark.parametrize("text", _negative())
def test_negative_sentence_gives_nothing(nlp, text: str):
    assert [span.text for span in nlp(text).spans[QUANTITIES]] == []


def test_corpora_are_large_enough():
    assert len(_golden()) >= 60 and len(_negative()) >= 25


_FRAGMENTS = st.lists(
    st.sampled_from([
        "Le", "en 2025", "le 22 juin 2025", "120 000", "120\u00a0000", "3.000", "1,35", "quatre", "vingt-cinq",
        "millions", "milliard", "de", "d’", "tonnes", "dollars", "€", "$", "%", "MW", "villages", "nouvelles",
        "près de", "plus de", "un", "une", "algorithme", "C5+1", "787-9", "article 5", "10h30", "premier", "1er",
        "pays", ",", ".", "\n", "ans", "km/h", "−3,5", "Md€", "5G",
    ]),
    max_size=14,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_FRAGMENTS)
def test_pipeline_on_fragment_soup_never_fails(nlp, fragments: list[str]):
    doc = nlp(" ".join(fragments))
    for span in doc.spans[QUANTITIES]:
        q = normalize_quantity(span.text, LEXICON, doc[max(0, span.start - 4) : span.start].text, span.label_)
        assert q.value is None or math.isfinite(q.value)
        assert q.value is not None or q.note
        assert span.text.strip() and not span.text.startswith(("de ", "d’"))


def test_headline_verb_tagged_noun_is_not_counted(brief_mentions):
    """In "magnitude 5,8 frappe la région", the tagger takes the headline's verb for a noun;
    the parse gives the number to "séisme", so "frappe" is not what it counts."""
    units = [unit for _, unit, _ in _quantities(brief_mentions, "Tadjikistan : un séisme de magnitude 5,8 frappe la région de Khatlon")]
    assert "frappe" not in units
