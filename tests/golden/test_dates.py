"""Date grammar and normaliser over the spaCy pipeline: golden sentences and a negative corpus.

tests/golden/dates.golden.jsonl: one sentence a line with its reference date and the
dates it holds (text as written, ISO value, granularity, qualifier).
tests/golden/dates.negative.txt: sentences in which nothing may be found.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.components import DATES
from pipeline.components.date_grammar import expand_pattern, read_date_patterns
from pipeline.lexicons.dates import DateLexicon, default_lexicon
from pipeline.normalize.dates import normalize_date
from pipeline.records import Brief
from pipeline.resources import models_dir

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
POSITIVE = [
    json.loads(line) for line in (GOLDEN / "dates.golden.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()
]
NEGATIVE = [
    line.strip()
    for line in (GOLDEN / "dates.negative.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def _dates(brief_mentions, text: str, ref: dt.date | None) -> list[dict]:
    out = []
    for m in brief_mentions(text, ref):
        if m.kind != "DATE":
            continue
        found = {"text": m.text, "value": m.normalized, "granularity": m.granularity}
        if m.qualifier:
            found["qualifier"] = m.qualifier
        out.append(found)
    return out


@pytest.mark.parametrize("case", POSITIVE, ids=[c["id"] for c in POSITIVE])
def test_golden_sentence(brief_mentions, case: dict):
    ref = dt.date.fromisoformat(case["reference_date"]) if case["reference_date"] else None
    assert _dates(brief_mentions, case["text"], ref) == case["dates"]


@pytest.mark.parametrize("text", NEGATIVE, ids=[t[:40] for t in NEGATIVE])
def test_negative_sentence_gives_nothing(brief_mentions, text: str):
    assert _dates(brief_mentions, text, dt.date(2025, 6, 25)) == []


def test_golden_corpus_size():
    assert len(POSITIVE) >= 60 and len(NEGATIVE) >= 25


def test_spans_are_exact_offsets(nlp):
    text = "Le 22 juin 2025, la ligne a été ouverte ; d’ici 2030, trois autres suivront."
    doc = nlp(text)
    spans = [(s.text, text[s.start_char:s.end_char]) for s in doc.spans[DATES]]
    assert spans == [("22 juin 2025", "22 juin 2025"), ("d’ici 2030", "d’ici 2030")]


def test_patterns_expand_lexicon_names():
    lex = default_lexicon()
    patterns = read_date_patterns(models_dir() / "patterns" / "dates.jsonl", lex)
    assert patterns and all("@" not in json.dumps(p.pattern) for p in patterns)


def test_unknown_lexicon_kind_is_an_error():
    with pytest.raises(ValueError, match="no words of kind"):
        expand_pattern([{"LOWER": {"IN": "@planets"}}], DateLexicon(()))


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 /.-àéabcdefijlmnorstuvy'’?,")), max_size=80))
def test_grammar_spans_always_normalise_without_error(nlp, text: str):
    for span in nlp(text).spans[DATES]:
        value = normalize_date(span.text, span.label_, dt.date(2025, 6, 25))
        assert value.value is not None or value.note


ALL_TEXTS = [c["text"] for c in POSITIVE] + NEGATIVE
ALL_IDS = [c["id"] for c in POSITIVE] + [t[:40] for t in NEGATIVE]


@pytest.mark.parametrize("text", ALL_TEXTS, ids=ALL_IDS)
def test_gated_matching_equals_whole_doc(nlp, text: str):
    finder = nlp.get_pipe("briefs_dates")
    doc = nlp(text)
    key = lambda m: (m[0].label, m[1], m[2])  # noqa: E731
    # Matched over the whole Doc, a pattern may also end on the line break after a headline
    # ("premier semestre\n"); the gated search stops before it, which is the span kept anyway.
    whole = [m for m in finder.matches(doc, gated=False) if not doc[m[2] - 1].is_space]
    assert sorted(map(key, finder.matches(doc))) == sorted(map(key, whole))


def test_date_mentions_carry_value_bounds_qualifier_and_note(nlp, normalizer):

    brief = Brief(
        brief_id="b1", source="test", source_id=None, index=1,
        headline="Ouzbékistan : la ligne sera prête d’ici 2030",
        text="Le ministère a annoncé hier le lancement des travaux, prévus du 3 au 5 juin 2025.",
        reference_date=dt.date(2025, 6, 25),
    )
    mentions = [m for m in normalizer.mentions(nlp(brief.full_text), brief) if m.kind == "DATE"]
    got = [(m.text, m.normalized, m.date_start, m.date_end, m.granularity, m.qualifier) for m in mentions]
    assert got == [
        ("d’ici 2030", "2030", dt.date(2030, 1, 1), dt.date(2030, 12, 31), "year", "d'ici"),
        ("hier", "2025-06-24", dt.date(2025, 6, 24), dt.date(2025, 6, 24), "day", None),
        ("du 3 au 5 juin 2025", "2025-06-03/2025-06-05", dt.date(2025, 6, 3), dt.date(2025, 6, 5), "interval", None),
    ]
    assert all(brief.full_text[m.start_char:m.end_char] == m.text for m in mentions)
    assert mentions[1].note == "resolved against the reference date 2025-06-25"


# --- Issue 12: direction by tense, narrative anchoring, seasons ---------------------------------

WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)), st.sampled_from(WEEKDAYS))
def test_next_and_last_weekday_are_within_a_week(ref: dt.date, weekday: str):
    nxt = normalize_date(f"{weekday} prochain", "DATE_REL", ref)
    last = normalize_date(f"{weekday} dernier", "DATE_REL", ref)
    future = normalize_date(weekday, "DATE_REL_FUT", ref)
    for value in (nxt, last, future):
        assert dt.date.fromisoformat(value.value).strftime("%w") == str((WEEKDAYS.index(weekday) + 1) % 7)
    assert 1 <= (dt.date.fromisoformat(nxt.value) - ref).days <= 7
    assert 1 <= (ref - dt.date.fromisoformat(last.value)).days <= 7
    assert 1 <= (dt.date.fromisoformat(future.value) - ref).days <= 7


@pytest.mark.parametrize("text,ref,value,start,end", [
    ("printemps 2025", None, "2025-SP", dt.date(2025, 3, 1), dt.date(2025, 5, 31)),
    ("l'été 2025", None, "2025-SU", dt.date(2025, 6, 1), dt.date(2025, 8, 31)),
    ("automne 2025", None, "2025-FA", dt.date(2025, 9, 1), dt.date(2025, 11, 30)),
    ("hiver 2023", None, "2023-WI", dt.date(2023, 12, 1), dt.date(2024, 2, 29)),
    ("cet hiver", dt.date(2026, 1, 15), "2025-WI", dt.date(2025, 12, 1), dt.date(2026, 2, 28)),
    ("cet été", dt.date(2025, 10, 2), "2025-SU", dt.date(2025, 6, 1), dt.date(2025, 8, 31)),
    ("l'hiver prochain", dt.date(2025, 3, 10), "2025-WI", dt.date(2025, 12, 1), dt.date(2026, 2, 28)),
    ("printemps dernier", dt.date(2025, 3, 10), "2024-SP", dt.date(2024, 3, 1), dt.date(2024, 5, 31)),
])
def test_seasons_are_meteorological(text, ref, value, start, end):
    got = normalize_date(text, "DATE_SEASON", ref)
    assert (got.value, got.start, got.end, got.granularity) == (value, start, end, "season")


def test_brief_year_never_overrides_the_tense(brief_mentions):
    text = "Les discussions se poursuivront jusqu'au 31 juillet. En 2021, elles avaient achoppé."
    got = {m.text: m.normalized for m in brief_mentions(text, dt.date(2023, 4, 2)) if m.kind == "DATE"}
    assert got["jusqu'au 31 juillet"] == "2023-07-31"


def test_narrative_anchor_is_named_in_the_note(brief_mentions):
    text = "Le 5 avril 2022, la société a publié ses comptes, en retard sur ceux de décembre dernier."
    found = [m for m in brief_mentions(text) if m.kind == "DATE"]
    relative = next(m for m in found if m.text == "décembre dernier")
    assert relative.normalized == "2021-12"
    assert relative.note == "resolved against 2022-04-05 written in the brief"


def test_relative_date_without_any_anchor_stays_empty(brief_mentions):
    found = [m for m in brief_mentions("Le comité s'est réuni lundi dernier à Quito.") if m.kind == "DATE"]
    assert [(m.normalized, m.note) for m in found] == [(None, "relative date, no reference date")]
