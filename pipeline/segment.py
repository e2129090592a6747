"""Segment: split raw records into briefs (optional headline line + one lede paragraph).

A headline is one short line without a final full stop (it may end with `?` or
`!`) and without an inner sentence break, directly followed by its lede. A lede
with no headline stands alone (a file may open with one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .records import Brief, RawRecord, make_brief_id

MAX_HEADLINE_CHARS = 250
# A sentence break inside a line: end punctuation, space, then an upper-case letter,
# a digit or an opening quote. Headlines have none; ledes usually do.
_INNER_BREAK = re.compile(r"[.!?…]\s+[«\"“A-ZÀ-ÖØ-Þ0-9]")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")


def is_headline(line: str) -> bool:
    """True when a line can be a headline: short, one sentence, no final full stop.

    >>> is_headline("Le Kazakhstan lance des cartes bancaires en cryptomonnaie")
    True
    >>> is_headline("Le Kazakhstan lance des cartes. Elles arrivent en mai.")
    False
    """
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADLINE_CHARS:
        return False
    if stripped.endswith((".", "…", ":", ";", ",")):
        return False
    return _INNER_BREAK.search(stripped) is None


def split_lines(text: str) -> list[str]:
    """Non-empty lines of a text, with inner runs of blanks kept as written."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def segment_text(text: str) -> Iterator[tuple[str | None, str]]:
    """Split a `.txt` body into (headline, lede) pairs in reading order.

    >>> list(segment_text("Titre court\\nUn lede. Deux phrases."))
    [('Titre court', 'Un lede. Deux phrases.')]
    """
    lines = split_lines(text)
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines) and is_headline(line) and not is_headline_only_pair(line, lines[i + 1]):
            yield line, lines[i + 1]
            i += 2
        else:
            yield None, line
            i += 1


def is_headline_only_pair(line: str, following: str) -> bool:
    """True when `line` and the next one are both headlines (so `line` has no lede).

    A headline followed by another headline-like line that is itself followed by
    nothing would otherwise swallow it; a lede is expected to be longer than
    its headline.
    """
    return is_headline(following) and len(following) <= len(line)


def segment(records: Iterable[RawRecord]) -> Iterator[Brief]:
    """Turn raw records into briefs, numbering them 1.. within each source file."""
    counters: dict[str, int] = {}
    for record in records:
        if record.layout == "fields":
            pairs: Iterable[tuple[str | None, str]] = [(record.headline, " ".join(split_lines(record.text)))]
        else:
            pairs = segment_text(record.text)
        for headline, lede in pairs:
            index = counters.get(record.source, 0) + 1
            counters[record.source] = index
            yield Brief(
                brief_id=make_brief_id(headline, lede),
                source=record.source,
                source_id=record.source_id,
                index=index,
                headline=headline,
                text=lede,
                reference_date=record.reference_date,
            )
