"""Language guess for briefs: the share of each language's function words.

A feed of French briefs sometimes carries an English or Spanish one; such a
brief is kept and flagged through the `language` column. Function words make up
a third to a half of running text in the languages listed in
`models/lexicons/function_words.tsv`, so their share is a cheap, dependable
guess from a couple of sentences on; shorter texts get no guess (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .resources import models_dir

# A brief's language shows in its first sentences; the cap keeps a pathological
# multi-megabyte "brief" from costing more than a normal one.
HEAD_CHARS = 600
MIN_WORDS = 4
MIN_SHARE = 0.12
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LanguageGuesser:
    """Function words per language, read once from `models/`."""

    words: dict[str, frozenset[str]]
    # word -> indices of the languages that list it, built once for a single lookup per word
    _index: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[int]] = {}
        for i, vocabulary in enumerate(self.words.values()):
            for word in vocabulary:
                index.setdefault(word, []).append(i)
        object.__setattr__(self, "_index", {w: tuple(ids) for w, ids in index.items()})

    @classmethod
    def from_models(cls, models: Path) -> "LanguageGuesser":
        return cls(words=load_function_words(models / "lexicons" / "function_words.tsv"))

    def guess(self, text: str) -> str | None:
        """ISO 639-1 code of the language whose function words are most frequent, or None.

        Ties go to the language listed first (French). None when the text has
        fewer than `MIN_WORDS` words or no language reaches `MIN_SHARE`.

        >>> LanguageGuesser({"fr": frozenset({"le", "de"}), "en": frozenset({"the", "of"})}).guess(
        ...     "The price of oil and the cost of gas")
        'en'
        """
        words = _WORD.findall(text[:HEAD_CHARS].lower())
        if len(words) < MIN_WORDS:
            return None
        hits = [0] * len(self.words)
        index = self._index
        for word in words:
            ids = index.get(word)
            if ids is not None:
                for i in ids:
                    hits[i] += 1
        best_hits = max(hits, default=0)
        if best_hits == 0 or best_hits < MIN_SHARE * len(words):
            return None
        return list(self.words)[hits.index(best_hits)]


def load_function_words(path: Path) -> dict[str, frozenset[str]]:
    """Read the TSV lexicon (language, space-separated words; `#` starts a comment), in file order."""
    table: dict[str, frozenset[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, words = line.split("\t", 1)
        table[language.strip()] = frozenset(words.split())
    return table


@lru_cache(maxsize=None)
def default_guesser(models: Path | None = None) -> LanguageGuesser:
    """The guesser of a models folder (the checkout's by default), loaded once per folder."""
    return LanguageGuesser.from_models(models_dir(models))


def guess_language(text: str) -> str | None:
    """Guess a text's language with the default models folder's function words.

    >>> guess_language("Le Kazakhstan lance des cartes bancaires en cryptomonnaie")
    'fr'
    >>> guess_language("Kazakhstan launches crypto bank cards for the first time")
    'en'
    """
    return default_guesser().guess(text)
