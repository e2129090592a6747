"""Decoding bytes to text: encoding detection, binary sniffing, control characters.

Text is decoded as UTF-8 (BOM or not), UTF-16 (BOM or plain), else
cp1252/latin-1 line by line, with the fallback reported; line endings are
folded to "\\n", NUL and control characters dropped and text put in Unicode NFC.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


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
_JUNK_BUT_NUL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufeff]")
# Any character `_NEWLINES` or `_JUNK` would change: most fields have none, and one search
# costs less than two substitutions that change nothing.
_DIRTY = re.compile(r"[\r\u2028\u2029\x85\x0b\x0c\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufeff]")


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
    if _DIRTY.search(text) is not None:
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
    if _JUNK_BUT_NUL.search(raw):
        notes.append("control characters removed")
    return notes


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

