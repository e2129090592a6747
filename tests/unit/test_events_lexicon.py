"""The event lexicon as data: every type has cues, weights are sane, bad rows are refused."""

from __future__ import annotations

import json

import pytest

from pipeline.lexicons.events import load_lexicon, read_cues
from pipeline.records import EVENT_TYPES
from pipeline.resources import models_dir

LEXICONS = models_dir(None) / "lexicons"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(LEXICONS)


@pytest.mark.parametrize("event_type", [t for t in EVENT_TYPES if t != "other"])
def test_every_type_has_cues(event_type):
    cues = [c for c in read_cues(LEXICONS / "event_cues.jsonl") if c.event_type == event_type]
    assert len(cues) >= 3
    assert all(0.0 < c.weight <= 1.0 for c in cues)


def test_counterpart_codes_only_where_one_exists(lexicon):
    assert set(lexicon.cameo) == set(lexicon.plover) == {"agreement", "diplomacy"}


def test_context_roles_are_present(lexicon):
    for role in ("target", "target_case", "background_case", "role"):
        assert lexicon.words(role), role


def test_specific_cue_needs_its_complement(lexicon):
    """'signer' is a cue only with a complement: a law, an agreement or a decree."""
    signer = {c.event_type for c in lexicon.by_lemma["signer"]}
    assert signer == {"legislation", "agreement", "government_decision"}
    assert all(c.comp for c in lexicon.by_lemma["signer"])


def test_unknown_type_is_refused(tmp_path):
    path = tmp_path / "event_cues.jsonl"
    path.write_text(json.dumps({"type": "festival", "lemma": "fêter", "weight": 1.0}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="festival"):
        read_cues(path)
