"""Duplicates: when the same brief arrives more than once, keep its richest copy.

Two briefs are copies when their headline and lede are the same words
(`records.make_brief_id` without a date). Among the copies of one text:

- copies with different reference dates are different briefs to an analyst
  (the same wire story dated twice): one is kept per date, and their
  `brief_id`s differ since the id hashes the record's own date too;
- a copy without a reference date is a duplicate when a dated copy exists (the
  dated one resolves "hier" and "lundi dernier");
- among copies with the same date (or all undated), the first with a source id
  is kept, else the first in reading order.

Streaming writes a brief as soon as it is annotated, so the choice is made
before: `choose_copies` reads and segments the inputs once more, cheaply (no
language guess, no annotation), and keeps only the position of each winner.
What it read of the first files, up to `KEEP_CHARS` characters of text, is
kept for the run's own pass (`Copies.read_again`), so a feed of a few thousand
briefs is read from disk once while the memory of a large one stays flat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .records import Brief, RawRecord, make_brief_id
from .segment import brief_problem, segment_records

# Characters of record text the first pass keeps for the second (8 to 32 MB of strings).
KEEP_CHARS = 8_000_000
Read = Callable[[Path], tuple[list[RawRecord], object]]


@dataclass(frozen=True, slots=True)
class Position:
    """Where a brief was read: its input file (as shown) and line, row or item number."""

    file: str
    line: int


@dataclass
class Copies:
    """The copy kept for each text and reference date: text key -> date (or None) -> position."""

    kept: dict[str, dict[dt.date | None, tuple[bool, Position]]] = field(default_factory=dict)
    reads: dict[Path, tuple[list[RawRecord], object]] = field(default_factory=dict)  # files read, kept

    def offer(self, key: str, date: dt.date | None, has_id: bool, where: Position) -> None:
        """Consider one copy, in reading order: it wins its date when it is the first, or the first with an id."""
        by_date = self.kept.setdefault(key, {})
        held = by_date.get(date)
        if held is None or (has_id and not held[0]):
            by_date[date] = (has_id, where)

    def duplicate_of(self, brief: Brief, where: Position) -> Position | None:
        """The position of the copy kept instead of `brief` (read at `where`), or None when it is kept.

        `brief.reference_date` must be the record's own date (before any run-wide default).
        """
        by_date = self.kept.get(text_key(brief))
        if not by_date:
            return None
        date = brief.reference_date
        if date is None and any(d is not None for d in by_date):
            return next(pos for d, (_, pos) in by_date.items() if d is not None)
        held = by_date.get(date)
        if held is None or held[1] == where:
            return None
        return held[1]


    def read_again(self, path: Path, read: Read) -> tuple[list[RawRecord], object]:
        """The records and report of `path`: those the first pass kept (handed over once), else read anew."""
        kept = self.reads.pop(path, None)
        return kept if kept is not None else read(path)


def text_key(brief: Brief) -> str:
    """What makes two briefs copies of one another: the same headline and lede."""
    return make_brief_id(brief.headline, brief.text)


def choose_copies(files: Iterable[Path], read: Read, keep_chars: int = KEEP_CHARS) -> Copies:
    """Read and segment every input file once (no annotation) and choose the copy kept for each text and date.

    `read` is `ingest.read_file` with the run's options; briefs that will be
    rejected anyway (too long, no words) take no part. Files read are kept for
    `Copies.read_again` while their texts fit in `keep_chars` characters.
    """
    copies = Copies()
    room = keep_chars
    for path in files:
        records, report = read(path)
        for line, brief in segment_records(records, guess_languages=False):
            if brief_problem(brief) is None:
                copies.offer(text_key(brief), brief.reference_date, brief.source_id is not None,
                             Position(report.path, line))
        size = sum(len(record.text) for record in records)
        if size <= room:
            copies.reads[path] = (records, report)
            room -= size
    return copies
