"""Ingest: read input files or folders into decoded `RawRecord`s, rejecting bad ones.

Reads `.txt` (brief layout, segmented later), `.jsonl` and `.csv` (a `text`
column, optional `headline`, `id`, `date`, `source`). Text is decoded as UTF-8
(BOM or not), else cp1252, with the fallback reported; line endings are folded
to "\\n" and text is put in Unicode NFC.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .records import RawRecord, Rejection

SUPPORTED_SUFFIXES = (".txt", ".jsonl", ".csv")


@dataclass
class FileReport:
    """What ingest saw of one input file."""

    path: str
    encoding: str | None = None
    records_read: int = 0
    rejections: list[Rejection] = field(default_factory=list)


class InputError(Exception):
    """An input path that cannot be read at all (missing, not a supported file)."""


def discover(inputs: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Rejection]]:
    """Expand files and folders into a stable, sorted list of supported input files.

    Folders are read recursively; files are sorted by their path. A path that
    does not exist raises `InputError`; unreadable files or broken links inside
    a folder are returned as rejections.
    """
    files: list[Path] = []
    rejections: list[Rejection] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_symlink() and not child.exists():
                    rejections.append(Rejection(str(child), None, "broken symbolic link"))
                elif child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append(child)
        elif path.is_file():
            files.append(path)
        elif path.is_symlink():
            raise InputError(f"{path}: broken symbolic link")
        else:
            raise InputError(f"{path}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, rejections


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM stripped) or cp1252; fold line endings, NFC.

    Returns (text, encoding name). Bytes cp1252 cannot map are decoded as latin-1.

    >>> decode("é\\r\\nà".encode("cp1252"))
    ('é\\nà', 'cp1252')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
        text = data.decode("utf-8", errors="replace")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
    return clean_text(text), encoding


def clean_text(text: str) -> str:
    """Fold CRLF and lone CR to LF, drop NUL bytes, and compose to NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


def parse_date(value: object) -> dt.date | None:
    """Parse an ISO date (`YYYY-MM-DD`, or a timestamp starting with one); None if empty.

    Raises ValueError on anything else, so the record can be rejected with a reason.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    return dt.date.fromisoformat(text[:10])


def looks_binary(data: bytes) -> bool:
    """True when a file is plainly not text (many NULs or control bytes in its head)."""
    head = data[:4096]
    if not head:
        return False
    if head.count(b"\x00") > len(head) // 10:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 10


def read_file(path: Path) -> tuple[list[RawRecord], FileReport]:
    """Read one input file into raw records, with a report of its rejections."""
    report = FileReport(path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.rejections.append(Rejection(str(path), None, f"unreadable file: {exc.strerror or exc}"))
        return [], report
    if looks_binary(data):
        report.rejections.append(Rejection(str(path), None, "binary file, not text"))
        return [], report
    text, encoding = decode(data)
    report.encoding = encoding
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        records = list(_read_jsonl(path, text, encoding, report))
    elif suffix == ".csv":
        records = list(_read_csv(path, text, encoding, report))
    else:
        records = [] if not text.strip() else [RawRecord(str(path), 1, text, encoding=encoding)]
        if not records:
            report.rejections.append(Rejection(str(path), None, "empty file"))
    report.records_read = len(records) + sum(1 for r in report.rejections if r.record is not None)
    return records, report


def _fields_record(path: Path, number: int, obj: dict, encoding: str, report: FileReport) -> RawRecord | None:
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        report.rejections.append(Rejection(str(path), number, "missing or empty 'text'"))
        return None
    try:
        reference_date = parse_date(obj.get("date"))
    except ValueError:
        report.rejections.append(Rejection(str(path), number, f"invalid 'date': {obj.get('date')!r}"))
        return None
    headline = obj.get("headline")
    headline = clean_text(str(headline)).strip() or None if headline else None
    source_id = obj.get("id")
    return RawRecord(
        source=str(obj.get("source") or path),
        record=number,
        text=clean_text(text).strip(),
        headline=headline,
        source_id=None if source_id in (None, "") else str(source_id),
        reference_date=reference_date,
        encoding=encoding,
        layout="fields",
    )


def _read_jsonl(path: Path, text: str, encoding: str, report: FileReport) -> Iterator[RawRecord]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            report.rejections.append(Rejection(str(path), number, f"malformed JSON: {exc.msg}"))
            continue
        if not isinstance(obj, dict):
            report.rejections.append(Rejection(str(path), number, "JSON record is not an object"))
            continue
        record = _fields_record(path, number, obj, encoding, report)
        if record is not None:
            yield record


def _read_csv(path: Path, text: str, encoding: str, report: FileReport) -> Iterator[RawRecord]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        report.rejections.append(
            Rejection(str(path), None, f"CSV has no 'text' column (columns: {reader.fieldnames or []})")
        )
        return
    for number, row in enumerate(reader, start=2):
        record = _fields_record(path, number, row, encoding, report)
        if record is not None:
            yield record
