"""`briefs_lines`: the headline and the lede are parsed as separate sentences, cut only after final punctuation."""

from __future__ import annotations

import pytest

CASES = [
    ("headline-then-lede", "Le Tadjikistan lance son propre IXP\nLe 23 mai 2025, le Tadjikistan a franchi un cap.", 2),
    ("dashes-keep-subject", "Qarmet – groupe minier du Kazakhstan – a mis en service quatre galeries.", 1),
    ("colon-in-headline", "Police : au Kazakhstan, un algorithme s’invite\nLa police a lancé un projet.", 2),
    ("two-lede-sentences", "Titre\nLe 2 juin 2025, X a signé. Y a inauguré un bureau à Tachkent.", 3),
]


@pytest.mark.parametrize("text,count", [(t, c) for _, t, c in CASES], ids=[i for i, _, _ in CASES])
def test_sentences(nlp, text, count):
    doc = nlp(text)
    sentences = list(doc.sents)
    assert len(sentences) == count
    lede = text.find("\n") + 1
    if lede:
        assert any(s.start_char == lede for s in sentences), "the lede starts a sentence"
        assert all(t.head.idx >= lede for t in doc if t.idx >= lede), "no lede word hangs on the headline"
