"""`briefs_lines`: sentence starts the parser must keep, set from line breaks and punctuation.

A headline has no final full stop, so the parser would otherwise join it to the
first lede sentence and let dependencies cross the line break (the headline verb
taking the lede's date as an argument). It also cuts sentences at dashes and
colons ("Qarmet – groupe minier – a mis en service…" became three sentences,
leaving the verb without its subject). This component runs before the parser,
which keeps sentence starts that are already set: a sentence starts after each
line break, and may start only after sentence-final punctuation.
"""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_END = frozenset({".", "!", "?", "…", "»", "\"", ")", "”"})
START, INSIDE, FREE = 1, -1, 0


class LineBreaks:
    """Marks line starts as sentence starts and forbids starts inside a sentence."""

    def __init__(self) -> None:
        # orth id → what the word says about the next token; filled as words are first seen.
        self._after: dict[int, int] = {}

    def _kind(self, doc: Doc, orth: int) -> int:
        """What a word says about the token after it (START, FREE or INSIDE), remembered by word."""
        lexeme = doc.vocab[orth]
        text = lexeme.text
        if lexeme.is_space and "\n" in text:
            kind = START
        elif text[-1:] in SENTENCE_END:
            kind = FREE
        else:
            kind = INSIDE
        self._after[orth] = kind
        return kind

    def __call__(self, doc: Doc) -> Doc:
        """Set every token's sentence start from the token before it, in one array write.

        >>> # "Titre\\nLe 2 juin 2025, X – groupe – a signé." → two sentences, cut at the line break
        """
        if len(doc) < 2:
            return doc
        orths = doc.to_array(ORTH).tolist()[:-1]
        after = self._after
        for orth in set(orths).difference(after):  # words met for the first time
            self._kind(doc, orth)
        starts = [START, *map(after.__getitem__, orths)]
        # from_array takes uint64 columns; -1 (not a start) wraps around as spaCy expects.
        doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64"))
        return doc


@Language.factory("briefs_lines", assigns=["token.is_sent_start"])
def make_lines(nlp: Language, name: str) -> LineBreaks:
    """Factory of `briefs_lines` (configured in models/pipeline.cfg with `before = "parser"`)."""
    return LineBreaks()
