"""Segmentation: headline detection and brief splitting, as golden cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.ingest import read_file
from pipeline.segment import Layout, detect_layout, is_headline, segment, segment_text

HEADLINES = [
    ("Le Kazakhstan lance des cartes bancaires en cryptomonnaie", True),
    ("Aviation régionale : pourquoi le Kazakhstanais SCAT choisit des avions franco-italiens ?", True),
    ("Le Kazakhstan lance. Les banques suivent.", False),
    ("Une phrase qui finit par un point.", False),
    ("", False),
    ("x" * 400, False),
]


@pytest.mark.parametrize("line,expected", HEADLINES, ids=[h[0][:30] or "empty" for h in HEADLINES])
def test_is_headline(line: str, expected: bool):
    assert is_headline(line) is expected


CASES = [
    ("lede only", "Un lede. Deux phrases.", [(None, "Un lede. Deux phrases.")]),
    ("headline and lede", "Titre\nLe lede. Suite.", [("Titre", "Le lede. Suite.")]),
    ("opening lede then brief", "Lede seul.\nTitre ?\nLede deux. Fin ?", [(None, "Lede seul."), ("Titre ?", "Lede deux. Fin ?")]),
    ("blank lines between briefs", "Titre\n\nLe lede.\n\n\nTitre 2\nLede 2.", [("Titre", "Le lede."), ("Titre 2", "Lede 2.")]),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_segment_text(name: str, text: str, expected: list):
    assert list(segment_text(text)) == expected


def test_seed_segmentation_matches_gold(gold):
    from tests.conftest import SEED

    records, _ = read_file(SEED)
    briefs = list(segment(records))
    assert [(b.index, b.headline) for b in briefs] == [(g["index"], g["headline"]) for g in gold]
    for brief, g in zip(briefs, gold):
        assert brief.text.startswith(g["lede_start"])


SEGMENT_GOLDEN = Path(__file__).parents[1] / "golden" / "segment.golden.jsonl"
LAYOUT_CASES = [json.loads(line) for line in SEGMENT_GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", LAYOUT_CASES, ids=[c["id"] for c in LAYOUT_CASES])
def test_layout_golden(case: dict):
    """Each text layout segments into the expected briefs, and the layout is detected (and flagged) as expected."""
    layout = detect_layout(case["text"])
    assert layout.name == case["layout"]
    assert (layout.ambiguous is not None) == case["ambiguous"]
    assert [list(pair) for pair in segment_text(case["text"])] == case["briefs"]


def test_seed_layout_is_lines():
    from tests.conftest import SEED

    assert detect_layout(SEED.read_text(encoding="utf-8")) == Layout("lines")
