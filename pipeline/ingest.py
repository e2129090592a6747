"""Ingest: read input files or folders into decoded `RawRecord`s, rejecting bad ones.

Reads text files (`.txt`, `.html`/`.htm`, `.docx`: brief layouts, segmented
later), tables (`.jsonl`, `.csv`/`.tsv` with `,` `;` tab or `|` sniffed from the
content: a text column and optional headline, id, date, source, named in French
or English, see `models/lexicons/input_columns.tsv`, or with `--columns`) and
feeds (`.rss`, `.atom`, `.xml`: RSS 2.0 or Atom, read with feedparser). Every
other file found in a folder is rejected with its reason; hidden files and the
project's own output folders are passed over. Text is decoded as UTF-8
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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html.entities import html5 as _HTML5_ENTITIES
from html.parser import HTMLParser
from pathlib import Path

from .records import RawRecord, Rejection
from .resources import models_dir
from .segment import detect_layout

TEXT_SUFFIXES = (".txt", ".text", ".html", ".htm")
TABLE_SUFFIXES = (".jsonl", ".csv", ".tsv")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
DOCX_SUFFIXES = (".docx",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + TABLE_SUFFIXES + FEED_SUFFIXES + DOCX_SUFFIXES
# Why the formats found in feed folders that are not read are refused, by suffix.
_NOT_READ = {
    ".pdf": "PDF is not read: save it as text (.txt) or Word (.docx)",
    ".doc": "Word 97 document is not read: save it as .docx",
    ".odt": "OpenDocument text is not read: save it as .docx or .txt",
    ".rtf": "RTF document is not read: save it as .docx or .txt",
    ".xlsx": "spreadsheet is not read: export it as CSV",
    ".xls": "spreadsheet is not read: export it as CSV",
    ".ods": "spreadsheet is not read: export it as CSV",
    ".json": "JSON is not read: write one record per line as .jsonl",
    ".zip": "archive is not read: extract it first",
    ".gz": "archive is not read: extract it first",
}
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp", ".heic", ".svg")
# A folder holding these is an output folder of the project (an earlier run's), never input.
_OUTPUT_MARKERS = ("run.json", "rejected.csv")
RECORD_FIELDS = ("text", "headline", "date", "id", "source")
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
    layout: str | None = None  # a text file's layout ("lines", "blocks"), or its format ("jsonl", "csv", …)
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
    loops cut); their files are sorted by path. A file of a format that is not
    read is rejected with its reason (`unsupported_reason`); hidden files and
    folders (name starting with ".") and output folders of the project (the
    run's own, `exclude`, or any holding a `run.json` and `rejected.csv`) are
    passed over, the latter listed as skipped. A path given on the command line that does
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
        if Path(folder) != root and is_output_folder(Path(folder)):
            found.skipped.append((display_path(folder), "output folder of an earlier run of the project"))
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue  # hidden files (.DS_Store, editor backups, a run's .lock) are no input
            child = Path(folder) / name
            shown = display_path(child)
            if child.is_symlink() and not os.path.exists(child):
                found.rejections.append(Rejection(shown, None, "broken symbolic link"))
            elif not child.is_file():
                found.rejections.append(Rejection(shown, None, "not a regular file (a device, socket or pipe)"))
            elif (why := unsupported_reason(child)) is not None:
                found.rejections.append(Rejection(shown, None, why))
            else:
                inside.append(child)
    files.extend(sorted(inside))


def is_output_folder(folder: Path) -> bool:
    """Whether a folder holds the outputs of a run of the project (its `run.json` and `rejected.csv`)."""
    return all((folder / name).is_file() for name in _OUTPUT_MARKERS)


def unsupported_reason(path: Path) -> str | None:
    """Why a file of this name is not read, or None when its format is read.

    >>> unsupported_reason(Path("note.pdf"))
    'PDF is not read: save it as text (.txt) or Word (.docx)'
    >>> unsupported_reason(Path("a.txt")) is None
    True
    """
    suffix = path.suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        return None
    if suffix in _NOT_READ:
        return _NOT_READ[suffix]
    if suffix in _IMAGE_SUFFIXES:
        return "image: no text to read (no OCR is done)"
    kinds = ", ".join(SUPPORTED_SUFFIXES)
    return f"file type not read ({suffix or 'no suffix'}): inputs are {kinds}"


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
    overrides = dict(columns or {})

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
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        try:
            body = docx_text(data)
        except Exception as exc:  # noqa: BLE001  (python-docx raises many types on a damaged file)
            return reject_file(f"unreadable Word document: {type(exc).__name__}: {_short(str(exc), 120)}")
        report.encoding = "docx"
        records = _text_records(shown, body, "docx", report)
        if records is None:
            return reject_file("no text in the Word document")
    else:
        kind = sniff_binary(data)
        if kind is not None:
            return reject_file(f"binary file, not text: {kind}")
        decoded = decode_bytes(data)
        report.encoding = decoded.encoding
        for note in decoded.notes:
            report.note(note)
        if suffix in FEED_SUFFIXES:
            records = _read_feed(shown, data, report)
            if records is None:
                return reject_file("not an RSS or Atom feed (no channel or feed element)")
        elif suffix in TABLE_SUFFIXES:
            if not clean_text(decoded.text).strip():
                return reject_file("no text (only blanks or control characters)")
            read = _read_jsonl if suffix == ".jsonl" else _read_csv
            report.layout = "jsonl" if suffix == ".jsonl" else "csv"
            records = list(read(shown, decoded, report, overrides))
        else:
            records = _text_records(shown, decoded.text, decoded.encoding, report)
            if records is None:
                return reject_file("no text (only blanks, control characters or HTML markup)")
    report.records_read = len(records) + len(report.rejections)
    if report.records_read == 0 and not report.rejections:
        return reject_file("no records (a header without rows?)")
    return records, report


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


def html_text(markup: str | None) -> str | None:
    """The text of an HTML fragment, always parsed as HTML (a feed's description is HTML by
    definition, whatever tags it uses); block elements become line breaks.

    >>> html_text("<figure><picture>x</picture></figure><p>Un &eacute;t&eacute; <em>chaud</em></p>")
    'x\\nUn été chaud'
    """
    if markup is None or ("<" not in markup and "&" not in markup):
        return markup
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return parser.text()


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
        record = _fields_record(file, number, obj, report.encoding or "utf-8", report, {})
        if record is not None:
            records.append(record)
    return records


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


CSV_DELIMITERS = (",", ";", "\t", "|")


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
    """A column name as matched: lower case, no accents, `_`/`-` and runs of blanks as one space.

    >>> fold_column("  Date_de   Publication "), fold_column("Publié")
    ('date de publication', 'publie')
    """
    text = unicodedata.normalize("NFKD", str(name).replace("\ufeff", "")).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[_\-]+", " ", text).lower().split())


def column_map(columns: Iterable[object], overrides: Mapping[str, str] | None = None) -> dict[str, object]:
    """Which of `columns` holds each record field: `overrides` first (`--columns`), then the known names in order.

    >>> column_map(["Id", "Titre", "Texte", "Date de publication"])
    {'text': 'Texte', 'headline': 'Titre', 'date': 'Date de publication', 'id': 'Id'}
    >>> column_map(["Corps", "Publié"], {"text": "corps", "date": "Publié"})
    {'text': 'Corps', 'date': 'Publié'}
    """
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
    return {field_name: obj[column] for field_name, column in column_map(obj.keys(), overrides).items()}


def _fields_record(
    file: str, number: int, obj: dict, encoding: str, report: FileReport, overrides: Mapping[str, str]
) -> RawRecord | None:
    obj = canonical_record(obj, overrides)
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


def _read_jsonl(file: str, decoded: Decoded, report: FileReport, overrides: Mapping[str, str]) -> Iterator[RawRecord]:
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
        record = _fields_record(file, number, obj, decoded.encoding, report, overrides)
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


def _read_csv(file: str, decoded: Decoded, report: FileReport, overrides: Mapping[str, str]) -> Iterator[RawRecord]:
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
            record = _fields_record(file, reader.line_num, row, decoded.encoding, report, overrides)
            if record is not None:
                yield record
    finally:
        csv.field_size_limit(previous)
