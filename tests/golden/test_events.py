"""Golden event cases: one pytest case per brief of tests/golden/events.golden.jsonl.

Each case is a brief (headline, lede, optional reference date) run through the
real pipeline: the session `nlp`, the real Normalizer for mentions, the event
extractor. `expect` lists the fields the main event must have (a field left out
is not checked); `also` lists further events the brief must report; `only`
says it reports no further event.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.events import EventExtractor
from pipeline.normalize import Normalizer
from pipeline.records import EVENT_TYPES, Brief, Event, make_brief_id
from pipeline.resources import models_dir

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "events.golden.jsonl"
CASES = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
FIELDS = {"type": "event_type", "date": "event_date"}


@pytest.fixture(scope="session")
def extract_events(nlp):
    models = models_dir(None)
    normalizer = Normalizer.from_models(models)
    extractor = EventExtractor.from_models(models)

    def run(case: dict) -> tuple[Brief, list[Event]]:
        ref = case.get("reference_date")
        brief = Brief(
            brief_id=make_brief_id(case.get("headline"), case["text"]),
            source="golden",
            source_id=case["id"],
            index=1,
            headline=case.get("headline"),
            text=case["text"],
            reference_date=dt.date.fromisoformat(ref) if ref else None,
        )
        doc = nlp(brief.full_text)
        return brief, extractor.events(doc, brief, normalizer.mentions(doc, brief))

    return run


def _check(event: Event, expected: dict) -> list[str]:
    errors = []
    for name, want in expected.items():
        if name == "quantity":
            got = None if event.quantity_value is None else [event.quantity_value, event.quantity_unit]
            ok = (want is None and got is None) or (
                want is not None and got is not None and math.isclose(got[0], want[0], rel_tol=1e-6) and got[1] == want[1]
            )
        else:
            got = getattr(event, FIELDS.get(name, name))
            ok = got == want
        if not ok:
            errors.append(f"{name}: got {got!r}, want {want!r}")
    return errors


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_event(case, extract_events):
    brief, events = extract_events(case)
    assert events, "every brief gets at least one event"
    main = events[0]
    errors = _check(main, case["expect"])
    if case.get("only"):
        # A purpose ("pour financer…") or an earlier fact ("avait été lancé") is not a further event.
        errors += [f"unexpected further event {e.event_type} ({e.trigger!r})" for e in events[1:]]
    for extra in case.get("also", []):
        match = next((e for e in events[1:] if e.event_type == extra["type"]), None)
        if match is None:
            errors.append(f"no further {extra['type']} event among {[e.event_type for e in events]}")
        else:
            errors += [f"{extra['type']} {e}" for e in _check(match, extra)]
    assert not errors, f"{main.trigger!r} ({main.missing}): " + "; ".join(errors)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_event_is_traceable(case, extract_events):
    """Every event has a known type, offsets that point at its trigger, a confidence in [0, 1], a reason per gap."""
    brief, events = extract_events(case)
    for event in events:
        assert event.event_type in EVENT_TYPES
        assert 0.0 <= event.confidence <= 1.0
        if event.trigger is not None:
            assert brief.full_text[event.trigger_start:event.trigger_end] == event.trigger
            assert event.trigger in event.evidence
        if event.event_date is None:
            assert any("event_date:" in m for m in event.missing) or event.event_type == "other"
        if event.actor is None:
            assert any("actor:" in m for m in event.missing)
        assert (event.cameo is not None) == (event.event_type in ("agreement", "diplomacy"))


NEGATIVE = GOLDEN.with_name("events.negative.jsonl")
NEGATIVES = [json.loads(line) for line in NEGATIVE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", NEGATIVES, ids=[c["id"] for c in NEGATIVES])
def test_brief_without_event_is_other(case, extract_events):
    """Opinions, portraits, hypotheses and questions report no event: one `other` row, low confidence."""
    _, events = extract_events(case)
    assert [(e.event_type, e.trigger) for e in events] == [("other", None)]
    assert events[0].confidence <= 0.1


FRAGMENTS = [
    "Le 3 mai 2025,", "le gouvernement kazakhstanais", "a signé", "un accord", "avec", "la Chine", "par", "Le",
    "a été inauguré", "à Almaty", "construction", "d'ici 2030", "?", "Et si", "la loi", "de", "\n", "–", "1,5 milliard de dollars",
    "vient de lancer", "les autorités ouzbèkes", "le pays", "du constructeur Airbus", ".", "prévue pour mars 2026",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fragments=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14))
def test_events_on_fragment_soup_never_fail(fragments, extract_events):
    """Any jumble of cue words, names, dates and punctuation gives well-formed events, never an error."""
    text = " ".join(fragments).strip() or "."
    brief, events = extract_events({"id": "soup", "headline": None, "text": text})
    assert events
    for event in events:
        assert event.event_type in EVENT_TYPES and 0.0 <= event.confidence <= 1.0
        if event.trigger is not None:
            assert brief.full_text[event.trigger_start:event.trigger_end] == event.trigger
