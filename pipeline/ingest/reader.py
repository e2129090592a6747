"""Reading one input file: its format from its suffix, then text, Word, table or feed records.

Text files (`.txt`, `.html`/`.htm`, `.docx`) are brief layouts, segmented
later; tables (`.jsonl`, `.csv`/`.tsv`) and feeds (`.rss`, `.atom`, `.xml`:
RSS 2.0 or Atom, read with feedparser) give one record per object, row or item.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path

from ..records import RawRecord, Rejection
from ..segment import detect_layout
from .decoding import clean_text, decode_bytes, sniff_binary
from .discovery import DOCX_SUFFIXES, FEED_SUFFIXES, TABLE_SUFFIXES, display_path
from .fields import FileReport, fields_record, short
from .markup import html_text, repair_text
from .tables import read_csv, read_jsonl

# Above this size a file is not read at all: everything is held in memory while
# a file is decoded, and no real feed of briefs comes near it.
MAX_FILE_BYTES = 1 << 30


class _Unread(Exception):
    """The whole file is one rejection, for this reason."""


def read_file(path: Path, columns: Mapping[str, str] | None = None) -> tuple[list[RawRecord], FileReport]:
    """Read one input file into raw records, with a report of its rejections and repairs.

    A file that cannot be read, is binary or holds no text is one rejection
    (record None); in JSONL, CSV and feed files each bad record is one rejection
    with its line, row or item number. `columns` maps record fields to the
    column names of this feed (`{"text": "Texte"}`), for names the lexicon
    does not know.
    """
    shown = display_path(path)
    report = FileReport(path=shown)
    try:
        records = _records(path, shown, report, dict(columns or {}))
        report.records_read = len(records) + len(report.rejections)
        if report.records_read == 0 and not report.rejections:
            raise _Unread("no records (a header without rows?)")
    except _Unread as why:
        report.rejections.append(Rejection(shown, None, str(why)))
        report.records_read = 1
        return [], report
    return records, report


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; `_Unread` when it is too large, unreadable or empty."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Unread(f"file too large: {size} bytes (limit {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise _Unread(f"unreadable file: {exc.strerror or exc}") from None
    if not data:
        raise _Unread("empty file")
    return data


def _records(path: Path, shown: str, report: FileReport, overrides: Mapping[str, str]) -> list[RawRecord]:
    """The records of one file, read by the format its suffix names; `_Unread` when it has none."""
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        try:
            body = docx_text(data)
        except Exception as exc:  # noqa: BLE001  (python-docx raises many types on a damaged file)
            raise _Unread(f"unreadable Word document: {type(exc).__name__}: {short(str(exc), 120)}") from None
        report.encoding = "docx"
        records = _text_records(shown, body, "docx", report)
        if records is None:
            raise _Unread("no text in the Word document")
        return records
    kind = sniff_binary(data)
    if kind is not None:
        raise _Unread(f"binary file, not text: {kind}")
    decoded = decode_bytes(data)
    report.encoding = decoded.encoding
    for note in decoded.notes:
        report.note(note)
    if suffix in FEED_SUFFIXES:
        records = _read_feed(shown, data, report)
        if records is None:
            raise _Unread("not an RSS or Atom feed (no channel or feed element)")
        return records
    if suffix in TABLE_SUFFIXES:
        if not clean_text(decoded.text).strip():
            raise _Unread("no text (only blanks or control characters)")
        read = read_jsonl if suffix == ".jsonl" else read_csv
        report.layout = "jsonl" if suffix == ".jsonl" else "csv"
        return list(read(shown, decoded, report, overrides))
    records = _text_records(shown, decoded.text, decoded.encoding, report)
    if records is None:
        raise _Unread("no text (only blanks, control characters or HTML markup)")
    return records


def _text_records(file: str, raw: str, encoding: str, report: FileReport) -> list[RawRecord] | None:
    """A text body (a .txt, an HTML page, a Word document's paragraphs) as one record to segment, or None if empty."""
    text, notes = repair_text(raw)
    if not text.strip():
        return None
    for note in notes:
        report.note(note)
    layout = detect_layout(text)
    report.layout = layout.name
    if layout.ambiguous:
        report.note(f"layout ambiguous, read as {layout.name}: {layout.ambiguous}")
    return [RawRecord(file, 1, text, encoding=encoding, layout=layout.name)]


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word (.docx) document, one per line (an empty paragraph is a blank line)."""
    import docx  # python-docx; imported here so that runs without Word files never load it

    document = docx.Document(io.BytesIO(data))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _read_feed(file: str, data: bytes, report: FileReport) -> list[RawRecord] | None:
    """The items of an RSS 2.0 or Atom feed as records, or None when the XML is no feed.

    Item title → headline, description/summary → text (HTML removed),
    pubDate/published/updated → date, guid/id/link → id.
    """
    import feedparser  # imported here so that runs without feeds never load it

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        return None
    report.layout = f"feed ({parsed.get('version') or 'unknown version'})"
    records = []
    for number, entry in enumerate(parsed.entries, start=1):
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        contents = entry.get("content") or [{}]
        obj = {
            "text": html_text(entry.get("summary") or entry.get("description") or contents[0].get("value")),
            "headline": html_text(entry.get("title")),
            "date": dt.date(*when[:3]).isoformat() if when else entry.get("published") or entry.get("updated"),
            "id": entry.get("id") or entry.get("link"),
        }
        record = fields_record(file, number, obj, report.encoding or "utf-8", report, {})
        if record is not None:
            records.append(record)
    return records


