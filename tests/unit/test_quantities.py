"""Quantity normaliser: golden cases as data, and properties on arbitrary text."""

from __future__ import annotations

import csv
import math
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.components.quantities import GRAMMAR_REGEXES, expand_patterns
from pipeline.normalize.quantities import (
    SPACES,
    QuantityLexicon,
    find_qualifier,
    normalize_quantity,
    parse_number,
    singularize,
)
from pipeline.resources import models_dir

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "quantities.normalize.tsv"
LEXICON = QuantityLexicon.from_folder(models_dir() / "lexicons")


def _cases() -> list:
    with GOLDEN.open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]
    return [pytest.param(*(r + [""] * 4)[:4], id=f"{i:02d}-{r[0]}") for i, r in enumerate(rows, 1)]


@pytest.mark.parametrize("text, context, normalized, qualifier", _cases())
def test_normalize_golden(text: str, context: str, normalized: str, qualifier: str):
    q = normalize_quantity(text, LEXICON, context)
    assert q.normalized == (normalized or None)
    assert q.qualifier == (qualifier or None)
    if not normalized:
        assert q.note, "a quantity without a value must say why"


@pytest.mark.parametrize(
    "token, value",
    [("120.000", 120000.0), ("1.350.000", 1350000.0), ("1,35", 1.35), ("120\u00a0000", 120000.0),
     ("1 234,5", 1234.5), ("-3,5", -3.5), ("1.5", 1.5), ("1,2,3", None), ("abc", None)],
)
def test_parse_number(token: str, value: float | None):
    assert parse_number(token) == value


def test_singularize_uses_the_lexicon_for_invariable_and_excluded_words():
    assert singularize("pays", LEXICON.singulars) == "pays"
    assert singularize("travaux", LEXICON.singulars) == "travail"
    assert singularize("juin", LEXICON.singulars) is None
    assert singularize("trimestres", LEXICON.singulars) is None  # durations are units (units.tsv), not counted


def test_every_grammar_placeholder_names_a_lexicon_list():
    import srsly

    lines = list(srsly.read_jsonl(models_dir() / "patterns" / "quantities.jsonl"))
    patterns = expand_patterns(lines, LEXICON.word_sets(), GRAMMAR_REGEXES)
    assert patterns
    flat = repr(patterns)
    assert "'@" not in flat


def test_lexicon_codes_are_iso_4217():
    pycountry = pytest.importorskip("pycountry")
    codes = {code for code, _ in LEXICON.currencies.values()}
    assert codes and all(pycountry.currencies.get(alpha_3=c) for c in codes), codes


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=20))
def test_normalizer_never_raises_and_values_are_finite(text: str, context: str):
    q = normalize_quantity(text, LEXICON, context)
    assert q.value is None or (isinstance(q.value, float) and math.isfinite(q.value))
    assert q.value is not None or q.note


_NUMBERISH = st.from_regex(r"[+-]?\d{1,12}([.,  ]\d{1,3}){0,4}", fullmatch=True)
_TAIL = st.sampled_from(["", " millions", " milliards de", " 000", " de", " %", " €", " $"])
_UNIT = st.sampled_from(["tonnes", "dollars", "villages", "MW", "Md€", "pays", "ans", "", "e308", "milliards"])


@settings(max_examples=300, deadline=None)
@given(_NUMBERISH, _TAIL, _UNIT)
def test_normalizer_on_number_like_text(number: str, tail: str, unit: str):
    q = normalize_quantity(f"{number}{tail} {unit}", LEXICON)
    assert q.value is None or math.isfinite(q.value)


def _qualifier_by_scan(context: str, lexicon: QuantityLexicon) -> str | None:
    """The longest qualifier ending `context` at a word start, by a scan of every surface."""
    text = SPACES.sub(" ", context.replace("’", "'")).strip().lower()
    best = None
    for surface, canonical in lexicon.qualifiers.items():
        s = surface.lower()
        if text.endswith(s) and (len(text) == len(s) or text[-len(s) - 1] in " '"):
            if best is None or len(s) > len(best[0]):
                best = (s, canonical)
    return best[1] if best else None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*LEXICON.qualifiers, "de", "d’", "l'", " ", "Près", "x"]), max_size=5))
def test_qualifier_lookup_is_the_longest_qualifier(words):
    for context in (" ".join(words), "".join(words)):
        assert find_qualifier(context, LEXICON) == _qualifier_by_scan(context, LEXICON)


@pytest.mark.parametrize("text, context, normalized, qualifier", _cases())
def test_remembered_values_keep_their_context(text: str, context: str, normalized: str, qualifier: str):
    """A value remembered by text and label takes the qualifier of each call's context."""
    from pipeline.normalize.quantities import _normalize_quantity

    for ctx in (context, "", "près de", "soit plus d’"):
        for label in (None, "COUNT", "MEASURE"):
            found = _qualifier_by_scan(ctx, LEXICON) if ctx else None
            fresh = replace(_normalize_quantity(text, LEXICON, label), qualifier=found)
            assert normalize_quantity(text, LEXICON, ctx, label) == fresh
