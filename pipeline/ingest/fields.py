"""Records with fields (JSONL objects, CSV rows, feed items): column names, validation, rejections.

A record's columns are matched to its fields (text, headline, date, id,
source) by the names of `models/lexicons/input_columns.tsv` or `--columns`;
a record without text, with an invalid date or a field that is not text is
rejected with its reason. Nothing in a record is ever used as a path: the
`source` field is data, copied to the briefs table and never opened.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..lexicons.text import fold
from ..records import RawRecord, Rejection
from ..resources import models_dir
from .decoding import clean_text
from .markup import repair_text

RECORD_FIELDS = ("text", "headline", "date", "id", "source")


@dataclass
class FileReport:
    """What ingest saw of one input file: encoding, records, rejections and notes."""

    path: str
    encoding: str | None = None
    layout: str | None = None  # a text file's layout ("lines", "blocks"), or its format ("jsonl", "csv", …)
    records_read: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        """Record a repair or remark about the file, once."""
        if text not in self.notes:
            self.notes.append(text)


# (a fixed RELATIVE_BASE, and only the timestamp and absolute parsers: "hier",
# "il y a 2 jours", "bientôt" are not read), and reads 18/05/1999 day first.
_FEED_DATE_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),
    "PREFER_DATES_FROM": "past",
    "DATE_ORDER": "DMY",
    "STRICT_PARSING": True,
    "PARSERS": ["timestamp", "absolute-time"],
}


@functools.cache
def _feed_date_parser():
    from dateparser.date import DateDataParser  # loaded on the first date that is not ISO

    return DateDataParser(languages=["fr", "en"], settings=_FEED_DATE_SETTINGS)


def parse_date(value: object) -> dt.date | None:
    """A record's `date` as feeds write it; None if empty. The time part is ignored.

    ISO 8601 (`2025-06-22`, `2025-06-22T08:00:00+02:00`) is read directly; RSS/RFC 2822
    (`Tue, 18 May 1999 10:30:00 +0200`), `18/05/1999`, `18 mai 1999`, `mardi 18 mai 1999
    à 10h30` through dateparser (`_FEED_DATE_SETTINGS`). The day is the one written, in the
    writer's time zone. Raises ValueError on anything that does not give a day, month and
    year with certainty ("bientôt", "mai 1999", "31/02/2025"), so the record can be rejected
    with a reason.

    >>> parse_date("2025-06-22T08:00:00Z"), parse_date("Tue, 18 May 1999 10:30:00 +0200")
    (datetime.date(2025, 6, 22), datetime.date(1999, 5, 18))
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"not a date string: {value!r}")
    text = " ".join(value.split())
    if not text:
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    if not any(c.isdigit() for c in text):
        raise ValueError(f"no day, month and year in {text!r}")
    found = _feed_date_parser().get_date_data(text)
    if found is None or found.date_obj is None:
        raise ValueError(f"no day, month and year in {text!r}")
    return found.date_obj.date()


def _clean_field(value: str, report: FileReport) -> str:
    """`repair_text` of one field, its repairs noted in the file's report."""
    text, notes = repair_text(value)
    for note in notes:
        report.note(note)
    return text


def _scalar(obj: dict, key: str) -> str | None:
    """A field as text: strings and numbers are accepted, empty means absent; else ValueError."""
    value = obj.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"'{key}' is not text: {type(value).__name__}")
    return str(value)


def short(value: object, limit: int = 60) -> str:
    """`repr(value)` cut to `limit` characters, for a rejection's reason.

    >>> short("x" * 80, 10)
    "'xxxxxxxx…"
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@functools.lru_cache(maxsize=4)
def column_names(models: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Column names of each record field, folded (`fold_column`), from `models/lexicons/input_columns.tsv`."""
    path = models_dir(models) / "lexicons" / "input_columns.tsv"
    names: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            field_name, aliases = line.split("\t", 1)
            names[field_name.strip()] = tuple(fold_column(a) for a in aliases.split("|") if a.strip())
    return names


def fold_column(name: object) -> str:
    """A column name as matched: the names' `fold` (lower case, no accents), `_`/`-` and runs of
    blanks as one space.

    >>> fold_column("  Date_de   Publication "), fold_column("Publié"), fold_column("date\u2011publication")
    ('date de publication', 'publie', 'date publication')
    """
    return " ".join(_COLUMN_JOINERS.sub(" ", fold(str(name).replace("\ufeff", ""))).split())


_COLUMN_JOINERS = re.compile(r"[_\-]+")


def column_map(columns: Iterable[object], overrides: Mapping[str, str] | None = None) -> dict[str, object]:
    """Which of `columns` holds each record field: `overrides` first (`--columns`), then the known names in order.

    >>> column_map(["Id", "Titre", "Texte", "Date de publication"])
    {'text': 'Texte', 'headline': 'Titre', 'date': 'Date de publication', 'id': 'Id'}
    >>> column_map(["Corps", "Publié"], {"text": "corps", "date": "Publié"})
    {'text': 'Corps', 'date': 'Publié'}
    """
    return dict(_column_map(tuple(columns), _overrides_key(overrides)))


def _overrides_key(overrides: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(overrides.items())) if overrides else ()


# The records of one feed share their columns: the map is computed once per set of column
# names (every JSONL object or CSV row would otherwise fold every one of its keys again).
@functools.lru_cache(maxsize=256)
def _column_map(columns: tuple[object, ...], overrides_key: tuple[tuple[str, str], ...]) -> dict[str, object]:
    """`column_map`, remembered; the returned dict is shared and must not be changed."""
    overrides = dict(overrides_key)
    by_fold: dict[str, object] = {}
    for column in columns:
        if column is not None:
            by_fold.setdefault(fold_column(column), column)
    known = column_names()
    out: dict[str, object] = {}
    for field_name in RECORD_FIELDS:
        if overrides and field_name in overrides:
            wanted = [fold_column(overrides[field_name])]
        else:
            wanted = list(known.get(field_name, (field_name,)))
        column = next((by_fold[w] for w in wanted if w in by_fold), None)
        if column is not None and column not in out.values():
            out[field_name] = column
    return out


def canonical_record(obj: dict, overrides: Mapping[str, str] | None = None) -> dict[str, object]:
    """A JSONL object or CSV row keyed by record field (text, headline, date, id, source).

    >>> canonical_record({"TEXTE": "Un texte.", "pubDate": "2025-12-18"})
    {'text': 'Un texte.', 'date': '2025-12-18'}
    """
    columns = _column_map(tuple(obj), _overrides_key(overrides))
    return {field_name: obj[column] for field_name, column in columns.items()}


def fields_record(
    file: str, number: int, obj: dict, encoding: str, report: FileReport, overrides: Mapping[str, str]
) -> RawRecord | None:
    """A record with fields (JSONL object, CSV row, feed item) as a `RawRecord`, or None when it is
    rejected: its rejection (no text, invalid date, a field that is not text) goes to `report`."""
    obj = canonical_record(obj, overrides)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        report.rejections.append(Rejection(file, number, "missing or empty 'text'"))
        return None
    try:
        reference_date = parse_date(obj.get("date"))
    except ValueError:
        reason = f"invalid 'date' (expected a full day, e.g. YYYY-MM-DD): {short(obj.get('date'))}"
        report.rejections.append(Rejection(file, number, reason))
        return None
    try:
        headline, source_id, source = (_scalar(obj, key) for key in ("headline", "id", "source"))
    except ValueError as exc:
        report.rejections.append(Rejection(file, number, str(exc)))
        return None
    text = _clean_field(text, report).strip()
    if not text:
        report.rejections.append(Rejection(file, number, "no text once HTML markup was stripped"))
        return None
    headline = " ".join(_clean_field(headline, report).split()) or None if headline else None
    return RawRecord(
        source=clean_text(source).strip() or file if source else file,
        record=number,
        text=text,
        headline=headline,
        source_id=clean_text(source_id).strip() or None if source_id else None,
        reference_date=reference_date,
        encoding=encoding,
        layout="fields",
    )


