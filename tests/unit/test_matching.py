"""The shortcuts of `pipeline.components.matching` give what the plain spaCy calls give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components import DATES, QUANTITIES, matching
from pipeline.components.matching import filter_ranges

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
TRICKY = (
    "Le 22\u00a0juin\u00a02025, Mars et Mai : 5M€, −3,5 %, 14,25\u00a0%, un bâtiment neuf, 10km, 5G, "
    "septante-cinq, 1\u202f500 MW, du 3 au 5 juin, d’ici fin 2030, mi-juin, T1 2024, 90 km/h, 45 °C."
)


def _texts() -> list[str]:
    texts = [TRICKY]
    for name in ("dates.golden.jsonl", "quantities.golden.jsonl"):
        lines = (GOLDEN / name).read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    for name in ("dates.negative.txt", "quantities.negative.txt"):
        texts += [line for line in (GOLDEN / name).read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")]
    return texts


@pytest.fixture(scope="module")
def docs(nlp) -> list[Doc]:
    return list(nlp.pipe(_texts()))


def _memos(nlp) -> list[matching.MemoMatcher]:
    dates, quantities = nlp.get_pipe("briefs_dates"), nlp.get_pipe("briefs_quantities")
    return [dates._memo, dates._spaced_memo, quantities._memo]


def test_spec_tests_agree_with_the_matcher(nlp, docs):
    """`MemoMatcher.passed` (Python) says of every token what a one-token Matcher pattern says."""
    for memo in _memos(nlp):
        probe = Matcher(nlp.vocab)
        for i, spec in enumerate(memo.specs):
            probe.add(str(i), [[spec]])
        for doc in docs:
            by_token: dict[int, set[int]] = {}
            for key, start, _ in probe(doc):
                by_token.setdefault(start, set()).add(int(nlp.vocab.strings[key]))
            assert [set(memo.passed(tok)) for tok in doc] == [by_token.get(t.i, set()) for t in doc]


def test_quantity_windows_match_as_the_plain_matcher(nlp, docs):
    finder = nlp.get_pipe("briefs_quantities")
    for doc in docs:
        orths, poses = zip(*((t.orth, t.pos) for t in doc))
        for start, end in finder.windows(doc):
            expected = {(k, s, e) for k, s, e in finder.matcher(doc[start:end])}
            got = finder._memo(doc, start, end, list(zip(orths[start:end], poses[start:end])))
            assert len(got) == len(expected) and set(got) == expected


def test_forgetting_changes_nothing(nlp, docs, monkeypatch):
    """With memories that start afresh at every call, the spans stay the same."""
    before = [[(s.start, s.end, s.label_) for s in d.spans[key]] for d in docs for key in (DATES, QUANTITIES)]
    monkeypatch.setattr(matching, "_MAX_ENTRIES", 1)
    again = [nlp(d.text) for d in docs]
    assert before == [[(s.start, s.end, s.label_) for s in d.spans[key]] for d in again for key in (DATES, QUANTITIES)]


def test_a_spec_the_test_cannot_read_is_an_error(nlp):
    with pytest.raises(ValueError, match="cannot test"):
        matching.MemoMatcher(Matcher(nlp.vocab), [[{"LEMMA": "être"}]])
    with pytest.raises(ValueError, match="POS"):
        matching.MemoMatcher(Matcher(nlp.vocab), [[{"POS": "NOUN"}]])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(1, 5), st.sampled_from("ABC")), max_size=12))
def test_filter_ranges_is_filter_spans(nlp, ranges):
    doc = Doc(nlp.vocab, words=["w"] * 20)
    triples = [(start, start + size, label) for start, size, label in ranges]
    spans = filter_spans([Span(doc, s, e, label=label) for s, e, label in triples])
    assert [(s.start, s.end, s.label_) for s in spans] == filter_ranges(triples)
