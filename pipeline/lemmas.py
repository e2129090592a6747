"""The base model's French rule lemmatizer, with its per-token Python work memoised.

spaCy's `Lemmatizer.__call__` builds a Token and calls `rule_lemmatize` for
every token of every Doc; its own cache only skips the table look-ups, and
proper nouns, numbers and symbols are not cached at all. The French rule
lemmatizer reads nothing of a token but its text and its part of speech
(`FrenchLemmatizer.rule_lemmatize` and `lookup_lemmatize`), so its lemma is a
function of (ORTH, POS): `MemoLemmatizer` keeps that lemma's hash per pair and
writes all lemmas of a Doc in one array pass. Every lemma is the one spaCy's
lemmatizer sets (tests/test_lemmas.py compares both on real briefs).
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, ORTH, POS
from spacy.errors import Errors
from spacy.lang.fr.lemmatizer import FrenchLemmatizer
from spacy.language import Language
from spacy.tokens import Doc

# The memo is dropped when it holds this many (ORTH, POS) pairs, so that memory stays
# bounded on an open-ended vocabulary; dropping it changes no lemma.
MEMO_LIMIT = 200_000


class MemoLemmatizer(FrenchLemmatizer):
    """`FrenchLemmatizer` in rule mode with lemmas memoised per (ORTH, POS); same lemmas."""

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token whose lemma is unset (or all, with `overwrite`); return the Doc."""
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            if not len(doc):
                return doc
            memo = self.__dict__.setdefault("_lemma_memo", {})
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            strings, overwrite = doc.vocab.strings, self.overwrite
            rows = doc.to_array([ORTH, POS, LEMMA]).tolist()
            lemmas = []
            for i, (orth, pos, lemma) in enumerate(rows):
                if overwrite or lemma == 0:
                    key = (orth, pos)
                    lemma = memo.get(key)
                    if lemma is None:
                        lemma = memo[key] = strings.add(self.lemmatize(doc[i])[0])
                lemmas.append(lemma)
            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)


def memoise_lemmatizer(nlp: Language) -> None:
    """Swap the base model's French rule lemmatizer for `MemoLemmatizer` (same lemmas, less work).

    Any other lemmatizer (another language, lookup mode, a subclass) is left as it is.

    >>> memoise_lemmatizer(nlp)  # doctest: +SKIP
    >>> type(nlp.get_pipe("lemmatizer")).__name__  # doctest: +SKIP
    'MemoLemmatizer'
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    pipe = nlp.get_pipe("lemmatizer")
    if type(pipe) is FrenchLemmatizer and pipe.mode == "rule":
        pipe.__class__ = MemoLemmatizer
