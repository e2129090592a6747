"""Ingest: read input files or folders into decoded `RawRecord`s, rejecting bad ones.

One module per concern:

- `discovery`: files and folders → the input files, formats not read rejected
  with their reason, hidden files and the project's output folders passed over;
- `decoding`: bytes → text (UTF-8 with or without BOM, UTF-16, else
  cp1252/latin-1 line by line, reported), binary files told apart, line ends
  folded, NUL and control characters dropped, Unicode NFC;
- `markup`: HTML markup and entities stripped, mojibake repaired (reported);
- `fields`: records with fields (JSONL, CSV, feed items): column names in
  French or English (`models/lexicons/input_columns.tsv`, or `--columns`),
  feed dates, validation and the rejection of a bad record with its reason;
- `tables`: JSONL and CSV/TSV readers (`,` `;` tab or `|` sniffed);
- `reader`: one file → records, by the format its suffix names (text, HTML,
  Word, tables, RSS/Atom feeds).

The names the run and the command line use are importable from here.
Nothing in an input record is ever used as a path: the `source` field of a
JSONL or CSV record is data, copied to the briefs table and never opened.
"""

from __future__ import annotations

from .discovery import Discovery, InputError, discover_inputs
from .fields import RECORD_FIELDS, FileReport
from .reader import read_file

__all__ = ["Discovery", "FileReport", "InputError", "RECORD_FIELDS", "discover_inputs", "read_file"]
