"""Typed records passed between stages, and the table schemas derived from them.

Every output table is one of the frozen dataclasses below; the Arrow schema of
each table is computed from the dataclass fields (`schema_of`), so a column is
declared exactly once. Column names are the contract of docs/output-contract.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import types
import typing
from dataclasses import dataclass, field

import pyarrow as pa

SCHEMA_VERSION = "1.0"

MENTION_KINDS = ("ORG", "LOC", "PER", "DATE", "QUANTITY")

EVENT_TYPES = (
    "construction",
    "commissioning",
    "launch",
    "agreement",
    "diplomacy",
    "legislation",
    "government_decision",
    "investment",
    "procurement",
    "relocation",
    "economic_indicator",
    "production",
    "other",
)


@dataclass(frozen=True, slots=True)
class Rejection:
    """A record that could not become a brief, with where it was and why."""

    file: str
    record: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as read by ingest: decoded text plus whatever fields the input had.

    `record` is the 1-based line (txt/jsonl) or row (csv) number, for messages.
    `text` of a `.txt` file is the whole decoded file; segmentation splits it.
    """

    source: str
    record: int
    text: str
    headline: str | None = None
    source_id: str | None = None
    reference_date: dt.date | None = None
    encoding: str = "utf-8"
    layout: str = "txt"  # a text to segment ("txt": detect its layout, or "lines"/"blocks"), or "fields" (jsonl/csv)


@dataclass(frozen=True, slots=True)
class Brief:
    """One news brief: optional headline, one lede paragraph.

    Offsets of every mention refer to `full_text` (headline + "\\n" + text, or
    text alone when there is no headline).
    """

    brief_id: str
    source: str
    source_id: str | None
    index: int
    headline: str | None
    text: str
    reference_date: dt.date | None
    language: str | None = None

    @property
    def full_text(self) -> str:
        return f"{self.headline}\n{self.text}" if self.headline else self.text

    @property
    def lede_offset(self) -> int:
        """Character offset of the lede inside `full_text`."""
        return len(self.headline) + 1 if self.headline else 0


def make_brief_id(headline: str | None, text: str, reference_date: dt.date | None = None) -> str:
    """Stable content hash of a brief: the same words (and date) give the same id on every run.

    It hashes, as UTF-8, the headline (empty when there is none), a line break,
    the lede as segmented (wrapped lines joined with spaces) and, when the input
    record gives the brief a reference date of its own, a line break, "@" and
    that date in ISO form: the first 16 hex digits of the SHA-256. A date given
    to the whole run (`--reference-date`) is not hashed, so the ids of undated
    feeds do not depend on how they were run.

    >>> make_brief_id(None, "Le Kazakhstan lance.")
    '48a172c87fbf8e38'
    >>> make_brief_id(None, "Le Kazakhstan lance.", dt.date(2025, 6, 22)) != make_brief_id(None, "Le Kazakhstan lance.")
    True
    """
    payload = f"{headline or ''}\n{text}"
    if reference_date is not None:
        payload += f"\n@{reference_date.isoformat()}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention with its normalised value; offsets index `Brief.full_text`.

    `mention_id` is derived, never passed: a hash of the brief id, the kind and
    the offsets (see `make_mention_id`), so the same brief gives the same ids on
    every run, and `dataclasses.replace` recomputes it.
    """

    mention_id: str = field(init=False)
    brief_id: str
    kind: str
    text: str
    start_char: int
    end_char: int
    normalized: str | None = None
    value: float | None = None
    unit: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    granularity: str | None = None
    qualifier: str | None = None
    country: str | None = None
    place_kind: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    source: str | None = None
    note: str | None = None  # why a value is empty, or what was assumed

    def __post_init__(self) -> None:
        object.__setattr__(self, "mention_id", make_mention_id(self.brief_id, self.kind, self.start_char, self.end_char))


def make_mention_id(brief_id: str, kind: str, start_char: int, end_char: int) -> str:
    """Stable id of a mention: a hash of its brief, kind and character offsets.

    Two mentions of one brief never share kind and offsets, so the id is unique
    in the mentions table (the inner place of "la mairie de Bichkek" differs by
    kind and offsets from the ORG around it).

    >>> make_mention_id("48a172c87fbf8e38", "LOC", 3, 13)
    '1204d9f449fbda09'
    """
    return hashlib.sha256(f"{brief_id}:{kind}:{start_char}:{end_char}".encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Event:
    """One event of a brief, with its arguments and the words they came from."""

    event_id: str
    brief_id: str
    event_type: str
    trigger: str | None
    trigger_start: int | None
    trigger_end: int | None
    event_date: str | None = None
    event_date_start: dt.date | None = None
    event_date_end: dt.date | None = None
    actor: str | None = None
    actor_country: str | None = None
    partner: str | None = None
    place: str | None = None
    country: str | None = None
    quantity_value: float | None = None
    quantity_unit: str | None = None
    evidence: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    confidence: float = 0.0
    cameo: str | None = None
    plover: str | None = None
    # Why each empty argument is empty ("event_date: date is a target"); a list in
    # Parquet, `MISSING_SEPARATOR`-joined in CSV.
    missing: tuple[str, ...] = ()
    # The mention (mentions.mention_id) that fills each argument, when one does.
    actor_mention_id: str | None = None
    partner_mention_id: str | None = None
    place_mention_id: str | None = None
    date_mention_id: str | None = None
    quantity_mention_id: str | None = None
    # The story this event belongs to (pipeline/stories/); filled after every event of the run exists.
    story_id: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """One real-world event, reported by one or several briefs (pipeline/stories/).

    Dates, actor, partner, place and quantity are the values its events agree on;
    `event_date_start`/`event_date_end` is the span every member's date allows.
    """

    story_id: str
    event_type: str
    event_date: str | None = None
    event_date_start: dt.date | None = None
    event_date_end: dt.date | None = None
    actor: str | None = None
    actor_country: str | None = None
    partner: str | None = None
    place: str | None = None
    country: str | None = None
    quantity_value: float | None = None
    quantity_unit: str | None = None
    n_events: int = 1
    n_briefs: int = 1
    n_sources: int = 1
    first_brief_id: str | None = None
    brief_ids: tuple[str, ...] = ()  # a list in Parquet, ";"-joined in CSV
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class BriefResult:
    """Everything extracted from one brief."""

    brief: Brief
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(slots=True)
class BriefRow:
    """The briefs table row (the `Brief` minus derived properties)."""

    brief_id: str
    source: str
    source_id: str | None
    index: int
    headline: str | None
    text: str
    reference_date: dt.date | None
    language: str | None


def brief_row(brief: Brief) -> BriefRow:
    return BriefRow(**{f.name: getattr(brief, f.name) for f in dataclasses.fields(BriefRow)})


_ARROW_TYPES: dict[type, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    dt.date: pa.date32(),
}


def _arrow_type(annotation: typing.Any) -> tuple[pa.DataType, bool]:
    """Map a field annotation (`str | None`, `int`, `tuple[str, ...]`, …) to (arrow type, nullable)."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is tuple:  # tuple[X, ...]: a list column, never null (empty instead)
        return pa.list_(_ARROW_TYPES[args[0]]), False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _arrow_type(inner[0])[0], True
    return _ARROW_TYPES[annotation], False


def schema_of(record_type: type) -> pa.Schema:
    """Arrow schema of a record dataclass, in field order.

    >>> schema_of(Rejection).names
    ['file', 'record', 'reason']
    """
    hints = typing.get_type_hints(record_type)
    fields_ = []
    for f in dataclasses.fields(record_type):
        arrow_type, nullable = _arrow_type(hints[f.name])
        fields_.append(pa.field(f.name, arrow_type, nullable=nullable))
    return pa.schema(fields_)


# CSV has no lists: a list cell is written as its items joined by this separator
# (an empty list as an empty cell). No item the project writes contains it.
LIST_SEPARATOR = "|"


def csv_schema(schema: pa.Schema) -> pa.Schema:
    """The schema of a table's CSV file: list columns become `LIST_SEPARATOR`-joined strings.

    >>> csv_schema(pa.schema([pa.field("missing", pa.list_(pa.string()))])).field("missing").type
    DataType(string)
    """
    return pa.schema(
        [pa.field(f.name, pa.string(), nullable=True) if pa.types.is_list(f.type) else f for f in schema]
    )


# Columns whose CSV cells use another separator: the stories' brief ids are ";"-joined
# (issue 13; a brief id is hexadecimal and never holds one).
LIST_SEPARATORS: dict[str, str] = {"brief_ids": ";"}


def list_separator(column: str) -> str:
    """The separator of a list column's CSV cells.

    >>> list_separator("missing"), list_separator("brief_ids")
    ('|', ';')
    """
    return LIST_SEPARATORS.get(column, LIST_SEPARATOR)


def csv_value(value: typing.Any, separator: str = LIST_SEPARATOR) -> typing.Any:
    """A cell as the CSV file holds it: a list or tuple joined by `separator` (None when empty).

    >>> csv_value(("actor: not found", "place: none")), csv_value(()), csv_value(3)
    ('actor: not found|place: none', None, 3)
    """
    if isinstance(value, (tuple, list)):
        return separator.join(value) or None
    return value


TABLES: dict[str, type] = {
    "briefs": BriefRow,
    "mentions": Mention,
    "events": Event,
    "stories": Story,
}

SCHEMAS: dict[str, pa.Schema] = {name: schema_of(rt) for name, rt in TABLES.items()}
