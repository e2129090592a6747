"""The two keys under which words and names are looked up in the word lists.

`fold` keys names (gazetteers, known organisations, demonyms): case, accents,
apostrophes, hyphens and spaces do not tell two names apart. `word_key` keys
single words of the cue lists: lower case with a straight apostrophe, accents
kept ("été" is not "ete").
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Typographic apostrophes and non-breaking hyphens, written as their ASCII forms.
_ASCII_MARKS = (("’", "'"), ("‘", "'"), ("\u2011", "-"), ("\u2010", "-"))


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


@functools.cache
def _combining_marks() -> re.Pattern:
    """One character class of every combining mark of the Basic Multilingual Plane (`unicodedata.combining`),
    written as ranges: deleting with it is several times faster than `str.translate` over a text."""
    marks = [c for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))]
    ranges, start, prev = [], marks[0], marks[0]
    for c in marks[1:] + [-1]:
        if c != prev + 1:
            ranges.append(f"\\u{start:04x}" + (f"-\\u{prev:04x}" if prev > start else ""))
            start = c
        prev = c
    return re.compile("[" + "".join(ranges) + "]")


def strip_marks(text: str) -> str:
    """`text` without its combining marks (accents of a decomposed text).

    >>> strip_marks(unicodedata.normalize("NFKD", "Émirats"))
    'Emirats'
    """
    if text.isascii():
        return text
    if _ASTRAL.search(text):  # marks outside the BMP are rare: a loop over the characters
        return "".join(c for c in text if not unicodedata.combining(c))
    return _combining_marks().sub("", text)


def fold(text: str) -> str:
    """Key under which names are indexed: lower case, no accents, straight apostrophes, one space.

    >>> fold("Côte d’Ivoire")
    "cote d'ivoire"
    """
    if text.isascii():
        # the common case, without Unicode decomposition (a word alone is only lower-cased)
        return text.lower() if " " not in text else " ".join(text.lower().split())
    for mark, ascii_form in _ASCII_MARKS:
        if mark in text:
            text = text.replace(mark, ascii_form)
    return " ".join(strip_marks(unicodedata.normalize("NFKD", text)).lower().split())


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
