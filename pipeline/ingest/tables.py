"""Table inputs: JSONL (one object a line) and CSV/TSV (delimiter sniffed from the content)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping

from ..records import RawRecord, Rejection
from .decoding import Decoded
from .fields import FileReport, column_map, column_names, fields_record, short

CSV_DELIMITERS = (",", ";", "\t", "|")


def _structure_text(decoded: Decoded, report: FileReport) -> str:
    """A JSONL or CSV body with NULs removed (they are not allowed in either format).

    Other repairs wait for the fields: JSON strings may hold U+2028 as data,
    which must not become a line break between records.
    """
    if "\x00" in decoded.text:
        report.note("NUL bytes removed")
        return decoded.text.replace("\x00", "")
    return decoded.text


def read_jsonl(file: str, decoded: Decoded, report: FileReport, overrides: Mapping[str, str]) -> Iterator[RawRecord]:
    """The records of a JSONL body, one object a line; a malformed line is one rejection with its number."""
    for number, line in enumerate(_structure_text(decoded, report).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            report.rejections.append(Rejection(file, number, f"malformed JSON: {exc.msg} at column {exc.colno}"))
            continue
        except (ValueError, RecursionError) as exc:
            report.rejections.append(Rejection(file, number, f"malformed JSON: {short(str(exc), 80)}"))
            continue
        if not isinstance(obj, dict):
            report.rejections.append(Rejection(file, number, "JSON record is not an object"))
            continue
        record = fields_record(file, number, obj, decoded.encoding, report, overrides)
        if record is not None:
            yield record


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV body, from its content: the one that splits the first rows into the
    same number of columns, the most columns winning; `,` when none splits anything.

    >>> sniff_delimiter("Id;Titre;Texte\\n1;Un titre;Un texte, avec virgule.\\n")
    ';'
    >>> sniff_delimiter("id\\ttext\\n1\\tDeux, trois; quatre.\\n")
    '\\t'
    """
    sample = text[:65536]
    best, best_key = ",", (False, 1)
    for delimiter in CSV_DELIMITERS:
        try:
            rows = [row for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if row][:20]
        except csv.Error:
            continue
        if len(rows) > 2 and len(sample) == 65536:
            rows = rows[:-1]  # the last row of a cut sample may be cut too
        counts = {len(row) for row in rows}
        key = (len(counts) == 1, max(counts, default=1))
        if key[1] > 1 and key > best_key:
            best, best_key = delimiter, key
    return best


def read_csv(file: str, decoded: Decoded, report: FileReport, overrides: Mapping[str, str]) -> Iterator[RawRecord]:
    """The rows of a CSV/TSV body as records (delimiter sniffed); without a text column the file is one rejection."""
    text = _structure_text(decoded, report)
    delimiter = sniff_delimiter(text)
    header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    if "text" not in column_map(header, overrides):
        rows = max(0, sum(1 for line in text.split("\n") if line.strip()) - 1)
        wanted = f"no column {overrides['text']!r} (given by --columns)" if "text" in overrides else (
            f"no text column (looked for {', '.join(column_names()['text'][:5])}…; name it with --columns text=NAME)"
        )
        report.rejections.append(Rejection(file, None, f"CSV has {wanted}; columns: {header[:10]}; {rows} rows not read"))
        return
    if delimiter != ",":
        report.note(f"CSV delimiter: {delimiter!r}")
    # A brief longer than the csv module's default field limit (128 KiB) is
    # rejected later with its length, not here with a parser error.
    previous = csv.field_size_limit(sys.maxsize)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        reader.fieldnames  # noqa: B018  (reads the header, so line numbers count from it)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                reason = f"CSV parse error: {exc}; rest of the file not read"
                report.rejections.append(Rejection(file, reader.line_num, reason))
                break
            # The line where the row ends (a quoted field may span several lines).
            record = fields_record(file, reader.line_num, row, decoded.encoding, report, overrides)
            if record is not None:
                yield record
    finally:
        csv.field_size_limit(previous)
