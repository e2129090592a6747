"""The base model's French rule lemmatizer, with its per-token Python work memoised.

spaCy's `Lemmatizer.__call__` builds a Token and calls `rule_lemmatize` for
every token of every Doc; its own cache only skips the table look-ups, and
proper nouns, numbers and symbols are not cached at all. The French rule
lemmatizer reads nothing of a token but its text and its part of speech
(`FrenchLemmatizer.rule_lemmatize` and `lookup_lemmatize`), so its lemma is a
function of (ORTH, POS): `MemoLemmatizer` keeps that lemma's hash per pair and
writes all lemmas of a Doc in one array pass. Its `rule_lemmatize` is spaCy's
French one, line for line, except that the lemma index of each part of speech
(a list of some 66,000 words, scanned for every new word and every form the
rules derive from it) is looked up as a frozenset. Every lemma is the one spaCy's
lemmatizer sets (tests/test_lemmas.py compares both on real briefs).
"""

from __future__ import annotations

from typing import List

import numpy
from spacy.attrs import LEMMA, ORTH, POS
from spacy.errors import Errors
from spacy.lang.fr.lemmatizer import FrenchLemmatizer
from spacy.language import Language
from spacy.tokens import Doc, Token

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

    def _index_set(self, univ_pos: str) -> frozenset:
        """The lemma index of a part of speech as a set (spaCy keeps it as a list)."""
        sets = self.__dict__.setdefault("_index_sets", {})
        if univ_pos not in sets:
            sets[univ_pos] = frozenset(self.lookups.get_table("lemma_index", {}).get(univ_pos, {}))
        return sets[univ_pos]

    def rule_lemmatize(self, token: Token) -> List[str]:
        """spaCy's `FrenchLemmatizer.rule_lemmatize` (3.8) with set look-ups in the lemma index."""
        cache_key = (token.orth, token.pos)
        if cache_key in self.cache:
            return self.cache[cache_key]
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            return [string.lower()]
        elif "lemma_rules" not in self.lookups or univ_pos not in (
            "noun", "verb", "adj", "adp", "adv", "aux", "cconj", "det", "pron", "punct", "sconj",
        ):
            return self.lookup_lemmatize(token)
        exc_table = self.lookups.get_table("lemma_exc", {})
        rules_table = self.lookups.get_table("lemma_rules", {})
        lookup_table = self.lookups.get_table("lemma_lookup", {})
        index = self._index_set(univ_pos)
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, [])
        string = string.lower()
        forms = []
        # first try lookup in table based on upos
        if string in index:
            forms.append(string)
            self.cache[cache_key] = forms
            return forms
        # then add anything in the exceptions table
        forms.extend(exceptions.get(string, []))
        # if nothing found yet, use the rules
        oov_forms = []
        if not forms:
            for old, new in rules:
                if string.endswith(old):
                    form = string[: len(string) - len(old)] + new
                    if not form:
                        pass
                    elif form in index or not form.isalpha():
                        forms.append(form)
                    else:
                        oov_forms.append(form)
        # if still nothing, add the oov forms from rules
        if not forms:
            forms.extend(oov_forms)
        # use lookups, which fall back to the token itself
        if not forms:
            forms.append(lookup_table.get(string, [string])[0])
        forms = list(dict.fromkeys(forms))
        self.cache[cache_key] = forms
        return forms


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
        pipe.lemmatize = pipe.rule_lemmatize  # bound at construction to the base class's method
