"""Segment: split raw records into briefs (optional headline line + one lede paragraph).

A headline is one short line without a final full stop (it may end with `?` or
`!`) and without an inner sentence break, directly followed by its lede. A lede
with no headline stands alone (a file may open with one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .language import LanguageGuesser, default_guesser
from .records import Brief, RawRecord, make_brief_id

MAX_HEADLINE_CHARS = 250
# A brief longer than this is rejected, not annotated: it is no news brief (a
# whole book, a dump without line breaks) and would take minutes of parsing.
# Between `annotate.CHUNK_CHARS` and this cap a brief is annotated in chunks.
MAX_BRIEF_CHARS = 1_000_000
_WORDY = re.compile(r"\w")
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
    for _, headline, lede in segment_lines(text):
        yield headline, lede


def segment_lines(text: str) -> Iterator[tuple[int, str | None, str]]:
    """Like `segment_text`, with the 1-based line number where each brief starts.

    >>> list(segment_lines("Lede seul.\\n\\nTitre\\nLe lede."))
    [(1, None, 'Lede seul.'), (3, 'Titre', 'Le lede.')]
    """
    lines = [(n, line.strip()) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    i = 0
    while i < len(lines):
        number, line = lines[i]
        if i + 1 < len(lines) and is_headline(line) and not is_headline_only_pair(line, lines[i + 1][1]):
            yield number, line, lines[i + 1][1]
            i += 2
        else:
            yield number, None, line
            i += 1


def is_headline_only_pair(line: str, following: str) -> bool:
    """True when `line` and the next one are both headlines (so `line` has no lede).

    A headline followed by another headline-like line that is itself followed by
    nothing would otherwise swallow it; a lede is expected to be longer than
    its headline.
    """
    return is_headline(following) and len(following) <= len(line)


def segment(records: Iterable[RawRecord], languages: LanguageGuesser | None = None) -> Iterator[Brief]:
    """Turn raw records into briefs, numbering them 1.. within each source file.

    Each brief's `language` is guessed from its words (see `pipeline.language`).
    """
    for _, brief in segment_records(records, languages):
        yield brief


def segment_records(
    records: Iterable[RawRecord], languages: LanguageGuesser | None = None
) -> Iterator[tuple[int, Brief]]:
    """Like `segment`, with where each brief starts in its file: the line of a `.txt`
    brief, the line (JSONL) or row (CSV) of a record, for messages."""
    guesser = languages or default_guesser()
    counters: dict[str, int] = {}
    for record in records:
        if record.layout == "fields":
            parts: Iterable[tuple[int, str | None, str]] = [
                (record.record, record.headline, " ".join(split_lines(record.text)))
            ]
        else:
            parts = segment_lines(record.text)
        for line, headline, lede in parts:
            index = counters.get(record.source, 0) + 1
            counters[record.source] = index
            yield line, Brief(
                brief_id=make_brief_id(headline, lede),
                source=record.source,
                source_id=record.source_id,
                index=index,
                headline=headline,
                text=lede,
                reference_date=record.reference_date,
                language=guesser.guess(f"{headline}\n{lede}" if headline else lede),
            )


def brief_problem(brief: Brief) -> str | None:
    """Why a brief cannot be annotated (too long, no words), or None when it can.

    >>> brief_problem(Brief("id", "f.txt", None, 1, None, "« … »", None))
    'no words in brief'
    """
    length = len(brief.full_text)
    if length > MAX_BRIEF_CHARS:
        return f"brief too long: {length} characters (limit {MAX_BRIEF_CHARS})"
    if _WORDY.search(brief.full_text) is None:
        return "no words in brief"
    return None
