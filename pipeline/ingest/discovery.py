"""Finding input files: folders walked, formats told apart by suffix, what is passed over and why.

Every file found in a folder whose format is not read is rejected with its
reason; hidden files and the project's own output folders are passed over.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..records import Rejection

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

_SURROGATES = re.compile(r"[\ud800-\udfff]")


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

