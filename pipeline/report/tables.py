"""Read a run's tables for the report: the one place that knows column names.

The report reads whatever a run wrote (`<table>.parquet`, or the Dask engine's
`<table>/part-*.parquet` folders) and degrades gracefully when an optional
column is absent: `story_id`, the `*_mention_id` arguments, `evidence_start`/
`evidence_end`, or `mentions.mention_id`. Offsets of mentions are read from
`start_char`/`end_char` when present, else from the older `start`/`end`.
`missing` may be a text ("a: why; b: why") or a list of texts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from ..records import SCHEMAS

try:  # the separator of list cells in CSV (records.csv_value); older runs joined reasons with "; "
    from ..records import LIST_SEPARATOR
except ImportError:  # pragma: no cover
    LIST_SEPARATOR = "|"

# Names the report reads, taken from the records where they exist, so a renamed
# column fails loudly in one place instead of silently in the page.
BRIEF_COLUMNS = ("brief_id", "source", "headline", "text", "reference_date")
EVENT_COLUMNS = ("event_id", "brief_id", "event_type", "trigger", "trigger_start", "trigger_end",
                 "event_date", "event_date_start", "event_date_end", "actor", "actor_country",
                 "partner", "place", "country", "quantity_value", "quantity_unit", "confidence", "missing")
OPTIONAL_EVENT_COLUMNS = ("story_id", "evidence_start", "evidence_end", "actor_mention_id",
                          "partner_mention_id", "place_mention_id", "date_mention_id", "quantity_mention_id")
MENTION_COLUMNS = ("brief_id", "kind", "text", "normalized", "value", "unit", "country", "place_kind", "lat", "lon")
MENTION_OFFSETS = (("start_char", "end_char"), ("start", "end"))  # newest names first


class ReportInputError(Exception):
    """The folder holds no run the report can read."""


@dataclass
class RunTables:
    """The tables of one run as pandas frames, plus what the manifest says."""

    briefs: pd.DataFrame
    mentions: pd.DataFrame
    events: pd.DataFrame
    stories: pd.DataFrame | None
    rejected: int
    manifest: dict


def _table_path(out_dir: Path, name: str) -> Path | None:
    for candidate in (out_dir / f"{name}.parquet", out_dir / name):
        if candidate.is_file() or (candidate.is_dir() and any(candidate.glob("*.parquet"))):
            return candidate
    return None


def _read(out_dir: Path, name: str, required: bool = True) -> pd.DataFrame | None:
    path = _table_path(out_dir, name)
    if path is None:
        if required:
            raise ReportInputError(f"{out_dir}: no {name} table (run `make extract` first)")
        return None
    return pq.read_table(path).to_pandas()


def _check(frame: pd.DataFrame, name: str, columns: tuple[str, ...]) -> None:
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        raise ReportInputError(f"{name} table lacks the columns {', '.join(absent)}")


def load_run(out_dir: Path) -> RunTables:
    """Read briefs, mentions, events (and stories when present) of the run in `out_dir`.

    Raises `ReportInputError` when a required table or column is missing.
    """
    briefs = _read(out_dir, "briefs")
    mentions = _read(out_dir, "mentions")
    events = _read(out_dir, "events")
    _check(briefs, "briefs", BRIEF_COLUMNS)
    _check(events, "events", EVENT_COLUMNS)
    _check(mentions, "mentions", MENTION_COLUMNS)
    for start, end in MENTION_OFFSETS:
        if start in mentions.columns and end in mentions.columns:
            mentions = mentions.rename(columns={start: "off_start", end: "off_end"})
            break
    else:
        raise ReportInputError("mentions table has no character offsets")
    manifest: dict = {}
    if (out_dir / "run.json").is_file():
        manifest = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    rejected = manifest.get("totals", {}).get("briefs_rejected")
    if rejected is None and (out_dir / "rejected.csv").is_file():
        rejected = max(0, len(pd.read_csv(out_dir / "rejected.csv")))
    return RunTables(briefs, mentions, events, _read(out_dir, "stories", required=False),
                     int(rejected or 0), manifest)


def missing_reasons(value) -> list[str]:
    """The reasons for empty arguments as a list, whether the column holds text or a list.

    >>> missing_reasons("event_date: date is a target; partner: none named")
    ['event_date: date is a target', 'partner: none named']
    >>> missing_reasons("event_date: date is a target|partner: none named")
    ['event_date: date is a target', 'partner: none named']
    >>> missing_reasons(None), missing_reasons(["place: none named"])
    ([], ['place: none named'])
    """
    if value is None:
        return []
    if isinstance(value, str):
        separator = LIST_SEPARATOR if LIST_SEPARATOR in value else ";"
        return [part.strip() for part in value.split(separator) if part.strip()]
    try:
        return [str(v) for v in value if v is not None and str(v).strip()]
    except TypeError:  # a float NaN from pandas
        return []


def has_column(frame: pd.DataFrame | None, name: str) -> bool:
    """Whether an optional column exists and holds at least one value."""
    return frame is not None and name in frame.columns and bool(frame[name].notna().any())


# The schema names are the contract: fail at import if records.py no longer has them.
assert set(EVENT_COLUMNS) <= set(SCHEMAS["events"].names), "events columns renamed in records.py"
assert set(BRIEF_COLUMNS) <= set(SCHEMAS["briefs"].names), "briefs columns renamed in records.py"
