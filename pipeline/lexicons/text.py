"""The two keys under which words and names are looked up in the word lists.

`fold` keys names (gazetteers, known organisations, demonyms): case, accents,
apostrophes, hyphens and spaces do not tell two names apart. `word_key` keys
single words of the cue lists: lower case with a straight apostrophe, accents
kept ("été" is not "ete").
"""

from __future__ import annotations

import re
import unicodedata

# Typographic apostrophes and non-breaking hyphens, written as their ASCII forms.
_ASCII_MARKS = str.maketrans({"’": "'", "‘": "'", "\u2011": "-", "\u2010": "-"})
_SPACE_RUNS = re.compile(r"\s+")


class _CombiningMarks(dict):
    """`str.translate` table deleting combining marks, filled one code point at a time on first sight."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_STRIP_MARKS = _CombiningMarks()


def fold(text: str) -> str:
    """Key under which names are indexed: lower case, no accents, straight apostrophes, one space.

    >>> fold("Côte d’Ivoire")
    "cote d'ivoire"
    """
    if text.isascii() and " " not in text:
        return text.lower()  # the common case, without Unicode decomposition
    t = unicodedata.normalize("NFKD", text.translate(_ASCII_MARKS))
    t = t.translate(_STRIP_MARKS).lower()  # one C pass instead of a generator over characters
    return _SPACE_RUNS.sub(" ", t).strip()


def straight_apostrophes(text: str) -> str:
    """`text` with the typographic apostrophe (U+2019) written as a straight one.

    >>> straight_apostrophes("d’ici")
    "d'ici"
    """
    return text.replace("’", "'") if "’" in text else text


def word_key(word: str) -> str:
    """Key of a word in a cue list: lower case, straight apostrophe, accents kept.

    >>> word_key("L’Été")
    "l'été"
    """
    return straight_apostrophes(word.lower())
