"""Golden and negative cases for organisations and places (tests/golden/entities.*.jsonl).

Each line of `entities.golden.jsonl` is one brief of our own (not from the seed) with
the organisations and places it must give, by the rules of GUIDELINES.md: the set
of canonical names must be exactly the expected one, and where a case gives a
country or a place kind, the mention must carry it. Each line of
`entities.negative.jsonl` names strings that must not come out as organisations
(or places).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.evaluate import fold
from pipeline.normalize import Normalizer
from pipeline.records import Brief, Mention, make_brief_id

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def _cases(name: str) -> list[dict]:
    lines = (GOLDEN / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _mentions(nlp, normalizer: Normalizer, text: str) -> list[Mention]:
    headline, _, lede = text.partition("\n") if "\n" in text else (None, "", text)
    brief = Brief(make_brief_id(headline, lede), "test", None, 1, headline, lede, None)
    mentions = normalizer.mentions(nlp(brief.full_text), brief)
    for m in mentions:
        assert brief.full_text[m.start_char : m.end_char] == m.text
    return [m for m in mentions if m.kind in ("ORG", "LOC")]


def _by_name(mentions: list[Mention], kind: str) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.kind == kind:
            out.setdefault(fold(m.normalized), []).append(m)
    return out


@pytest.mark.parametrize("case", _cases("entities.golden.jsonl"), ids=lambda c: c["id"])
def test_golden_entities(nlp, normalizer, case):
    mentions = _mentions(nlp, normalizer, case["text"])
    for kind, key in (("ORG", "orgs"), ("LOC", "places")):
        found = _by_name(mentions, kind)
        expected = {fold(e["name"]): e for e in case[key]}
        assert set(found) == set(expected), f"{kind}: got {sorted(found)}"
        for name, e in expected.items():
            if "country" in e:
                assert {m.country for m in found[name]} == {e["country"]}, f"{kind} {name} country"
            if "kind" in e:
                assert e["kind"] in {m.place_kind for m in found[name]}, f"{kind} {name} kind"


@pytest.mark.parametrize("case", _cases("entities.negative.jsonl"), ids=lambda c: c["id"])
def test_negative_entities(nlp, normalizer, case):
    mentions = _mentions(nlp, normalizer, case["text"])
    orgs = _by_name(mentions, "ORG")
    places = _by_name(mentions, "LOC")
    for name in case.get("not_orgs", []):
        assert fold(name) not in orgs
    for name in case.get("not_places", []):
        assert fold(name) not in places
    if case.get("no_orgs"):
        assert not orgs, f"unexpected organisations: {sorted(orgs)}"


def test_demonyms_are_spans_with_country(nlp):
    doc = nlp("Les autorités kazakhstanaises et le constructeur malaisien ont signé avec une société ouzbèke.")
    found = {(span.text, span.id_) for span in doc.spans["demonyms"]}
    assert found == {("kazakhstanaises", "KZ"), ("malaisien", "MY"), ("ouzbèke", "UZ")}
    assert not [e for e in doc.ents if e.label_ == "LOC"]


WORDS = ["le", "la", "de", "l’", "du", "Kazakhstan", "Banque", "nationale", "ministère", "(", ")", ":", "UE", "société",
         "Proton", "Holdings", "kazakhstanais", "Le", "Malaisien", "à", "Almaty", "région", "\n", ",", "–", "groupe",
         "franco-italien", "ATR", "gouvernement", "Police", "baptisé", "X-II", "e.MAS", "Tachkent", "d’", "Union"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=25))
@example(words=["Banque", "(", "Malaisien", "\n", "Union"])  # a model entity of white space only
def test_any_word_soup_gives_exact_offsets(nlp, normalizer, words):
    """Whatever the words, the component never fails and every mention points at its text."""
    text = " ".join(words)
    _mentions(nlp, normalizer, text)
