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

from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_END = frozenset({".", "!", "?", "…", "»", "\"", ")", "”"})


class LineBreaks:
    """Marks line starts as sentence starts and forbids starts inside a sentence."""

    def __call__(self, doc: Doc) -> Doc:
        """Set `is_sent_start` on every token but the first from the token before it.

        >>> # "Titre\\nLe 2 juin 2025, X – groupe – a signé." → two sentences, cut at the line break
        """
        for token in doc[:-1]:
            following = doc[token.i + 1]
            if "\n" in token.text_with_ws:
                following.is_sent_start = True
            elif token.text[-1:] not in SENTENCE_END:
                following.is_sent_start = False
        return doc


@Language.factory("briefs_lines", assigns=["token.is_sent_start"])
def make_lines(nlp: Language, name: str) -> LineBreaks:
    """Factory of `briefs_lines` (configured in models/pipeline.cfg with `before = "parser"`)."""
    return LineBreaks()
