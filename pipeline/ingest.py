"""Ingest: read input files or folders into decoded `RawRecord`s, rejecting bad ones.

Reads `.txt` (brief layout, segmented later), `.jsonl` and `.csv` (a `text`
column, optional `headline`, `id`, `date`, `source`). Text is decoded as UTF-8
(BOM or not), UTF-16 (BOM or plain), else cp1252/latin-1 line by line, with
the fallback reported; line endings are folded to "\\n", NUL and control
characters dropped, HTML markup stripped (reported) and text put in Unicode NFC.

Nothing in an input record is ever used as a path: the `source` field of a
JSONL or CSV record is data, copied to the briefs table and never opened.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import html
import io
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.entities import html5 as _HTML5_ENTITIES
from html.parser import HTMLParser
from pathlib import Path

from .records import RawRecord, Rejection

SUPPORTED_SUFFIXES = (".txt", ".jsonl", ".csv")
# Above this size a file is not read at all: everything is held in memory while
# a file is decoded, and no real feed of briefs comes near it.
MAX_FILE_BYTES = 1 << 30
FALLBACK_ENCODINGS = ("cp1252", "latin-1")

# Magic numbers of files that are often dropped into a feed folder by mistake and
# that the control-byte test alone could let through (PDF and RTF start in ASCII).
_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx, xlsx, odt…)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"{\\rtf", "RTF document"),
    (b"\xd0\xcf\x11\xe0", "Office 97 document"),
    (b"\x7fELF", "executable"),
)

_CR = re.compile(r"\r\n?")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
# C0 and C1 controls except tab and newline, lone surrogates (from JSON escapes or
# undecodable file names) and BOMs/zero-width no-break spaces left inside a text.
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufeff]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_HTML_TAG = re.compile(
    r"<(?:!--|!doctype\b|/?(?:html|head|body|title|meta|link|script|style|p|br|hr|div|span|a|b|i|u|em|"
    r"strong|small|sup|sub|font|center|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|img|"
    r"section|article|header|footer|nav|aside|main|figure|figcaption|blockquote|pre|code|noscript)\b[^<>]*>)",
    re.IGNORECASE,
)
# UTF-8 text that went through a cp1252 decoder upstream ("Ã©" for "é", "â€™" for "’"):
# a UTF-8 lead byte followed by a continuation byte, both as cp1252 shows them.
_MOJIBAKE = re.compile(
    "[{}][{}]".format(
        re.escape(bytes(range(0xC2, 0xF0)).decode("cp1252")),
        re.escape(bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")),
    )
)
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass
class FileReport:
    """What ingest saw of one input file: encoding, records, rejections and notes."""

    path: str
    encoding: str | None = None
    records_read: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


@dataclass
class Discovery:
    """Input files found under the paths given, plus what was rejected or skipped on the way."""

    files: list[Path] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why), not briefs


class InputError(Exception):
    """An input path that cannot be read at all (missing, not a supported file)."""


def display_path(path: str | os.PathLike) -> str:
    """A path as printable text: undecodable bytes of a file name become U+FFFD.

    File names are bytes on Linux; one saved in latin-1 would otherwise carry
    lone surrogates into the tables and make the UTF-8 writers fail.

    >>> display_path(os.fsdecode(b"caf\\xe9.txt")) == "caf\\ufffd.txt"
    True
    """
    text = os.fspath(path)
    if _SURROGATES.search(text) is None:
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def discover_inputs(inputs: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = ()) -> Discovery:
    """Expand files and folders into a stable, sorted list of input files.

    Folders are walked recursively (symbolic links to folders followed once,
    loops cut); their files are sorted by path and only supported suffixes are
    read, others are listed as skipped. Folders under `exclude` (the run's own
    output folder) are never read. A path given on the command line that does
    not exist raises `InputError`; unreadable folders and broken links inside a
    folder become rejections.

    >>> discover_inputs(["seeds"]).files  # doctest: +SKIP
    [PosixPath('seeds/000_65776baa6f31d072.txt')]
    """
    found = Discovery()
    excluded = {os.path.realpath(p) for p in exclude}
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            _walk(path, excluded, files, found)
        elif path.is_file():
            files.append(path)
        elif path.is_symlink() and not path.exists():
            raise InputError(f"{display_path(path)}: broken symbolic link")
        elif path.exists():
            raise InputError(f"{display_path(path)}: not a regular file or folder")
        else:
            raise InputError(f"{display_path(path)}: no such file or folder")
    seen: set[str] = set()
    for f in files:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            found.files.append(f)
    return found


def discover(inputs: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = ()) -> tuple[list[Path], list[Rejection]]:
    """`discover_inputs` as (files, rejections), for callers that ignore skipped files."""
    found = discover_inputs(inputs, exclude)
    return found.files, found.rejections


def _walk(root: Path, excluded: set[str], files: list[Path], found: Discovery) -> None:
    visited: set[str] = set()
    inside: list[Path] = []

    def on_error(exc: OSError) -> None:
        name = display_path(exc.filename or root)
        found.rejections.append(Rejection(name, None, f"unreadable folder: {exc.strerror or exc}"))

    for folder, dirs, names in os.walk(root, onerror=on_error, followlinks=True):
        real = os.path.realpath(folder)
        if real in visited or real in excluded:
            dirs[:] = []
            continue
        visited.add(real)
        dirs.sort()
        for name in sorted(names):
            child = Path(folder) / name
            shown = display_path(child)
            if child.is_symlink() and not os.path.exists(child):
                found.rejections.append(Rejection(shown, None, "broken symbolic link"))
            elif child.suffix.lower() in SUPPORTED_SUFFIXES and child.is_file():
                inside.append(child)
            else:
                found.skipped.append((shown, "not a regular .txt, .jsonl or .csv file"))
    files.extend(sorted(inside))


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text of a file, the encoding it was read with, and what was repaired."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def decode_bytes(data: bytes) -> Decoded:
    """Decode bytes as UTF-8 (BOM stripped), UTF-16, else cp1252/latin-1 line by line.

    Only the line structure is touched here (CRLF/CR folded to LF); `clean_text`
    does the rest. A UTF-8 file with a few lines saved in cp1252 is decoded
    line by line and reported as mixed.

    >>> decode_bytes("œuvre\\r\\n".encode("cp1252"))
    Decoded(text='œuvre\\n', encoding='cp1252', notes=())
    """
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
        text = data.decode("utf-8", errors="replace")
        if "\ufffd" in text and b"\xef\xbf\xbd" not in data:
            notes.append("invalid UTF-8 bytes replaced by U+FFFD")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
        text = data.decode("utf-16", errors="replace")
    elif (utf16 := _utf16_without_bom(data)) is not None:
        encoding = utf16
        text = data.decode(utf16, errors="replace")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding, mixed = _decode_lines(data)
            if mixed:
                notes.append(f"mixed encodings: {mixed} lines not UTF-8, decoded as {encoding.split('+')[-1]}")
    return Decoded(_CR.sub("\n", text) if "\r" in text else text, encoding, tuple(notes))


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes (see `decode_bytes`) and clean the text; return (text, encoding name).

    >>> decode("é\\r\\nà".encode("cp1252"))
    ('é\\nà', 'latin-1')
    """
    decoded = decode_bytes(data)
    return clean_text(decoded.text), decoded.encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the head is NUL (ASCII text in UTF-16)."""
    head = data[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode_lines(data: bytes) -> tuple[str, str, int]:
    """Decode line by line: UTF-8 where valid, else cp1252, else latin-1.

    Returns (text, encoding name, number of non-UTF-8 lines when the file also
    has valid non-ASCII UTF-8 lines, else 0). The fallback is named cp1252 when
    a byte in 0x80–0x9F was used (typographic quotes, œ, €: Windows), else latin-1
    (both decode the rest of the upper half alike).
    """
    parts: list[str] = []
    utf8_lines = fallback_lines = 0
    windows = False
    for line in data.split(b"\n"):
        try:
            parts.append(line.decode("utf-8"))
            if not line.isascii():
                utf8_lines += 1
            continue
        except UnicodeDecodeError:
            pass
        fallback_lines += 1
        if re.search(rb"[\x80-\x9f]", line):
            try:
                parts.append(line.decode("cp1252"))
                windows = True
                continue
            except UnicodeDecodeError:
                pass
        parts.append(line.decode("latin-1"))
    fallback = "cp1252" if windows else "latin-1"
    if utf8_lines:
        return "\n".join(parts), f"utf-8+{fallback}", fallback_lines
    return "\n".join(parts), fallback, 0


def clean_text(text: str) -> str:
    """Fold CRLF, lone CR and Unicode line separators to LF, drop NUL and control
    characters, lone surrogates and stray BOMs, and compose to NFC.

    >>> clean_text("a\\r\\nb\\rc\\x00d\\u2028e")
    'a\\nb\\ncd\\ne'
    """
    text = _NEWLINES.sub("\n", text)
    text = _JUNK.sub("", text)
    return unicodedata.normalize("NFC", text)


def text_notes(raw: str) -> list[str]:
    """What `clean_text` will repair in `raw`, worded for the run report.

    >>> text_notes("a\\x00b\\x07")
    ['NUL bytes removed', 'control characters removed']
    """
    notes = []
    if "\x00" in raw:
        notes.append("NUL bytes removed")
    if _JUNK.search(raw.replace("\x00", "")):
        notes.append("control characters removed")
    return notes


class _TextExtractor(HTMLParser):
    """Text of an HTML fragment: block elements become line breaks, scripts are dropped."""

    BLOCKS = frozenset(
        "p br hr div h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody tr td th section article header "
        "footer nav aside main figure figcaption blockquote pre body html title".split()
    )
    HIDDEN = frozenset({"script", "style", "noscript", "template", "title", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        # A <head> that is never closed would hide the whole page; only the
        # elements that never hold visible text are hidden up to their end tag.
        if tag in self.HIDDEN and tag != "head":
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and tag != "head":
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            # In HTML a line break inside a paragraph is a space; only blocks break lines.
            self.parts.append(re.sub(r"[ \t\n\r\f]+", " ", data))

    def text(self) -> str:
        lines = (line.strip(" \t") for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def repair_mojibake(text: str) -> tuple[str, list[str]]:
    """Undo UTF-8 text having been decoded as cp1252 before it reached us ("Ã©tÃ©" → "été").

    Repaired only when the whole text round-trips (encodes to cp1252 and that
    decodes as strict UTF-8), which plain French text never does (a lone "é" is
    not valid UTF-8). Returns the text and what was done, for the run report.

    >>> repair_mojibake("Lâ€™Ã©tÃ© sera chaud")
    ('L’été sera chaud', ['mojibake repaired (UTF-8 text that had been read as cp1252)'])
    >>> repair_mojibake("L’été sera chaud")
    ('L’été sera chaud', [])
    """
    if _MOJIBAKE.search(text) is None:
        return text, []
    try:
        repaired = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text, []
    return unicodedata.normalize("NFC", repaired), ["mojibake repaired (UTF-8 text that had been read as cp1252)"]


def repair_text(raw: str) -> tuple[str, list[str]]:
    """Every repair of a text in order: `clean_text`, `repair_mojibake`, `strip_markup`; plus notes.

    >>> repair_text("<p>Caf&eacute;\\r\\nCrÃ¨me</p>")
    ('Café Crème', ['mojibake repaired (UTF-8 text that had been read as cp1252)', 'html markup stripped'])
    """
    notes = text_notes(raw)
    text, repaired = repair_mojibake(clean_text(raw))
    text, stripped = strip_markup(text)
    return text, notes + repaired + stripped


def strip_markup(text: str) -> tuple[str, list[str]]:
    """Strip HTML tags (block elements become line breaks) and decode HTML entities.

    Plain text is returned unchanged: only known HTML tags or well-formed
    entities (`&amp;`, `&#233;`, `&eacute;`) trigger the stdlib HTML parser or
    unescaping, so `AT&T` or `taux < 5 %` stay as written. Returns the text and
    what was done, for the run report.

    >>> strip_markup("<p>Total &amp; Eni</p><p>Accord&nbsp;sign&eacute;</p>")
    ('Total & Eni\\nAccord\\xa0signé', ['html markup stripped'])
    >>> strip_markup("AT&T rachète Time Warner")
    ('AT&T rachète Time Warner', [])
    """
    if _HTML_TAG.search(text):
        parser = _TextExtractor()
        parser.feed(text)
        parser.close()
        return parser.text(), ["html markup stripped"]
    if _HTML_ENTITY.search(text):
        unescaped = _HTML_ENTITY.sub(_unescape_entity, text)
        if unescaped != text:
            return unescaped, ["html entities decoded"]
    return text, []


def _unescape_entity(match: re.Match) -> str:
    entity = match.group(0)
    if entity[1] != "#" and entity[1:] not in _HTML5_ENTITIES:
        return entity  # `&nomdelasociete;` is not an entity: keep the text as written
    return html.unescape(entity)


# Settings under which dateparser reads a feed's date only when the text gives a full day:
# it never fills a missing day, month or year (REQUIRE_PARTS), never reads the clock
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


def sniff_binary(data: bytes) -> str | None:
    """Why a file is plainly not text (a known binary format, many NULs or control bytes), else None.

    >>> sniff_binary(b"%PDF-1.7 ...")
    'PDF document'
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:4096]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head):
        return None
    if head.count(b"\x00") > len(head) // 10:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > len(head) // 10:
        return "binary data (control bytes)"
    return None


def read_file(path: Path) -> tuple[list[RawRecord], FileReport]:
    """Read one input file into raw records, with a report of its rejections and repairs.

    A file that cannot be read, is binary or holds no text is one rejection
    (record None); in JSONL and CSV files each bad record is one rejection
    with its line number.
    """
    shown = display_path(path)
    report = FileReport(path=shown)

    def reject_file(reason: str) -> tuple[list[RawRecord], FileReport]:
        report.rejections.append(Rejection(shown, None, reason))
        report.records_read = 1
        return [], report

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return reject_file(f"file too large: {size} bytes (limit {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        return reject_file(f"unreadable file: {exc.strerror or exc}")
    if not data:
        return reject_file("empty file")
    kind = sniff_binary(data)
    if kind is not None:
        return reject_file(f"binary file, not text: {kind}")
    decoded = decode_bytes(data)
    report.encoding = decoded.encoding
    for note in decoded.notes:
        report.note(note)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".csv"):
        if not clean_text(decoded.text).strip():
            return reject_file("no text (only blanks or control characters)")
        read = _read_jsonl if suffix == ".jsonl" else _read_csv
        records = list(read(shown, decoded, report))
    else:
        text, notes = repair_text(decoded.text)
        if not text.strip():
            return reject_file("no text (only blanks, control characters or HTML markup)")
        for note in notes:
            report.note(note)
        records = [RawRecord(shown, 1, text, encoding=decoded.encoding)]
    report.records_read = len(records) + len(report.rejections)
    if report.records_read == 0 and not report.rejections:
        return reject_file("no records (a header without rows?)")
    return records, report


def _clean_field(value: str, report: FileReport) -> str:
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


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fields_record(file: str, number: int, obj: dict, encoding: str, report: FileReport) -> RawRecord | None:
    obj = {str(k).strip().lower(): v for k, v in obj.items() if k is not None}
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        report.rejections.append(Rejection(file, number, "missing or empty 'text'"))
        return None
    try:
        reference_date = parse_date(obj.get("date"))
    except ValueError:
        reason = f"invalid 'date' (expected a full day, e.g. YYYY-MM-DD): {_short(obj.get('date'))}"
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


def _structure_text(decoded: Decoded, report: FileReport) -> str:
    """A JSONL or CSV body with NULs removed (they are not allowed in either format).

    Other repairs wait for the fields: JSON strings may hold U+2028 as data,
    which must not become a line break between records.
    """
    if "\x00" in decoded.text:
        report.note("NUL bytes removed")
        return decoded.text.replace("\x00", "")
    return decoded.text


def _read_jsonl(file: str, decoded: Decoded, report: FileReport) -> Iterator[RawRecord]:
    for number, line in enumerate(_structure_text(decoded, report).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            report.rejections.append(Rejection(file, number, f"malformed JSON: {exc.msg} at column {exc.colno}"))
            continue
        except (ValueError, RecursionError) as exc:
            report.rejections.append(Rejection(file, number, f"malformed JSON: {_short(str(exc), 80)}"))
            continue
        if not isinstance(obj, dict):
            report.rejections.append(Rejection(file, number, "JSON record is not an object"))
            continue
        record = _fields_record(file, number, obj, decoded.encoding, report)
        if record is not None:
            yield record


def _csv_delimiter(text: str) -> str | None:
    """The delimiter whose header has a `text` column: `,` first, then `;` (French Excel), tab, `|`."""
    header = text.split("\n", 1)[0]
    for delimiter in (",", ";", "\t", "|"):
        names = next(csv.reader([header], delimiter=delimiter), [])
        if "text" in (n.strip().lower() for n in names):
            return delimiter
    return None


def _read_csv(file: str, decoded: Decoded, report: FileReport) -> Iterator[RawRecord]:
    text = _structure_text(decoded, report)
    delimiter = _csv_delimiter(text)
    if delimiter is None:
        columns = next(csv.reader([text.split("\n", 1)[0]]), [])
        rows = max(0, sum(1 for line in text.split("\n") if line.strip()) - 1)
        report.rejections.append(
            Rejection(file, None, f"CSV has no 'text' column (columns: {columns[:10]}); {rows} rows not read")
        )
        return
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
            record = _fields_record(file, reader.line_num, row, decoded.encoding, report)
            if record is not None:
                yield record
    finally:
        csv.field_size_limit(previous)
