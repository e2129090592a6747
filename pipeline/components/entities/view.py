"""A Doc as plain columns: the token view every entity rule reads.

spaCy builds a new Token object on every `doc[i]` (and one per token on `span.text`);
the rules index tokens many times, so they read these columns instead, filled from
one `doc.to_array` and the per-word facts of `WordFacts`.
"""

from __future__ import annotations

import functools
from itertools import accumulate, repeat
from operator import add, mul

from spacy.attrs import IDX, ORTH, POS, SPACY
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from ...lexicons.text import straight_apostrophes
from .words import EntityWords

SENTENCE_END = frozenset({".", "!", "?", "…", ":", ";"})
# Punctuation a gazetteer name may go on over ("Sud-Kazakhstan", "Côte d'Ivoire", "St. Louis").
_INNER_PUNCT = frozenset({"-", "‑", "'", "’", "."})


class WordFacts(dict):
    """ORTH hash → the string facts the rules read about a word, worked out on its first sight.

    Briefs share most of their words, so the per-token string work (folding, case tests,
    demonym and cue look-ups) is done once per distinct word rather than once per token.
    Filled by `__missing__`, so `map(facts.__getitem__, orths)` stays in C for known words.
    """

    # Fields of an entry, in order; `TokenView` transposes the entries of a Doc into these columns.
    FIELDS = ("texts", "lowers", "keys", "caps", "ends", "folds", "starters", "stops", "demos", "insts", "firms")

    def __init__(self, words: EntityWords):
        super().__init__()
        self.words = words
        self.vocab = None  # the Doc's vocab, set before each look-up pass

    def __missing__(self, orth: int) -> tuple:
        if len(self) > 50_000:  # a few hundred bytes an entry: bounded for long runs
            self.clear()
        lexeme = self.vocab[orth]
        text, lower = lexeme.orth_, lexeme.lower_
        words = self.words
        key = straight_apostrophes(lower)
        folded = words.fold(text)
        entry = self[orth] = (
            text,
            lower,
            key,
            text[:1].isupper(),
            "\n" in text or text in SENTENCE_END,  # the next token starts a sentence
            folded,
            words.starter(text, lower, folded),
            # a gazetteer name cannot go on over this token
            "\n" in text or (text not in _INNER_PUNCT and not text[0].isalnum()),
            words.demonym_of(text),
            key in words.institution_cues,
            words.company_word(text, key, folded),
        )
        return entry


class TokenView:
    """A read-only view of a Doc with the same token indices, backed by plain sequences."""

    def __init__(self, doc: Doc, facts: WordFacts):
        self.doc = doc
        n = len(doc)
        if n:
            orths, pos, self.idxs, self.spaces = doc.to_array([ORTH, POS, IDX, SPACY]).T.tolist()
            facts.vocab = doc.vocab
            columns = zip(*map(facts.__getitem__, orths))
        else:
            pos, self.idxs, self.spaces = [], [], []
            columns = [()] * len(WordFacts.FIELDS)
        (self.texts, self.lowers, self.keys, self.caps, ends, self.folds, self.starters, self.stops, self.demos,
         self.insts, self.firms) = columns
        self.pos = list(map(POS_NAMES.__getitem__, pos))
        # Sentence number of each token: one more after each token that ends a sentence.
        self.sents = list(accumulate(ends[:-1], initial=1)) if n else []
        # (start, end, label) of the model's entities; `Doc.ents` builds its Spans in C, cheaper
        # than reading them from the ENT_IOB and ENT_TYPE columns in Python.
        self.ents = [(e.start, e.end, e.label_) for e in doc.ents]
        self.persons = {k for start, end, label in self.ents if label == "PER" for k in range(start, end)}

    @functools.cached_property
    def text(self) -> str:
        """The Doc's text (`Doc.text` builds a Token per token on each access; the columns give the same string)."""
        return "".join(map(add, self.texts, map(mul, repeat(" "), self.spaces)))

    def span_text(self, start: int, end: int) -> str:
        """Text of tokens start..end, as `doc[start:end].text`."""
        if end - start == 1:
            return self.texts[start]
        if end <= start:
            return ""
        return self.text[self.idxs[start] : self.idxs[end - 1] + len(self.texts[end - 1])]

    def starts_sentence(self, i: int) -> bool:
        """Sentence start by punctuation and line breaks (the parser also splits inside names)."""
        return i == 0 or self.sents[i - 1] != self.sents[i]

    def is_person(self, start: int, end: int) -> bool:
        """Whether the model tagged any of tokens start..end as a person."""
        return any(k in self.persons for k in range(start, end))

    def __len__(self) -> int:
        return len(self.texts)
