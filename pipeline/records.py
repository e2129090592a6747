"""Typed records passed between stages, and the table schemas derived from them.

Every output table is one of the frozen dataclasses below; the Arrow schema of
each table is computed from the dataclass fields (`schema_of`), so a column is
declared exactly once. Column names are the contract of SPEC.md.
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
    layout: str = "txt"  # "txt" (needs segmenting) or "fields" (jsonl/csv)


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


def make_brief_id(headline: str | None, text: str) -> str:
    """Stable content hash of a brief: the same words give the same id on every run.

    >>> make_brief_id(None, "Le Kazakhstan lance.")
    '48a172c87fbf8e38'
    """
    payload = f"{headline or ''}\n{text}".encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention with its normalised value; offsets index `Brief.full_text`."""

    brief_id: str
    kind: str
    text: str
    start: int
    end: int
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
    confidence: float = 0.0
    cameo: str | None = None
    plover: str | None = None
    missing: str | None = None
    # The story this event belongs to (pipeline/stories.py); filled after every event of the run exists.
    story_id: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """One real-world event, reported by one or several briefs (pipeline/stories.py).

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
    """Map a field annotation (`str | None`, `int`, `tuple[str, ...]`, …) to (arrow type, nullable).

    A homogeneous tuple (`tuple[str, ...]`) is a list column of its item type.
    """
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"only tuple[T, ...] maps to a list column, not {annotation}")
        item, _ = _arrow_type(args[0])
        return pa.list_(item), False
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


TABLES: dict[str, type] = {
    "briefs": BriefRow,
    "mentions": Mention,
    "events": Event,
    "stories": Story,
}

SCHEMAS: dict[str, pa.Schema] = {name: schema_of(rt) for name, rt in TABLES.items()}
