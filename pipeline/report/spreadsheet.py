"""Spreadsheet-safe copies of a run's CSV tables, beside the exact ones.

A spreadsheet reads a cell starting with `=`, `+`, `-` or `@` as a formula (and
some also after a tab or a carriage return), so a brief saying "=HYPERLINK(…)"
would run in the analyst's spreadsheet. The main tables stay exact, for pandas
and DuckDB; `write_spreadsheet_safe` writes `<table>.xlsx-safe.csv` where every
such text cell is prefixed with an apostrophe, which spreadsheets show as text
and do not display. Numbers, dates and booleans are left alone: only text
columns can carry a formula. List columns are joined as in the exact CSV.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ..atomic import write_atomic
from ..records import list_separator
from .tables import ReportInputError, _table_path

SAFE_SUFFIX = ".xlsx-safe.csv"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABLE_NAMES = ("briefs", "mentions", "events", "stories")


def defuse(text: str | None) -> str | None:
    """The cell as a spreadsheet will show it as text: an apostrophe before a formula start.

    >>> defuse("=1+1"), defuse("-3 %"), defuse("Astana"), defuse(None)
    ("'=1+1", "'-3 %", 'Astana', None)
    """
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def defuse_table(table: pa.Table) -> pa.Table:
    """The same table with every text cell defused (see `defuse`); other columns unchanged."""
    columns = []
    for name, column in zip(table.column_names, table.columns):
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            hit = pc.match_substring_regex(column, r"^[=+\-@\t\r]")
            column = pc.if_else(hit, pc.binary_join_element_wise("'", column, ""), column)
        elif pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
            column = pa.chunked_array([pa.array([None if not v else list_separator(name).join(defuse(str(x)) for x in v)
                                                 for v in column.to_pylist()], pa.string())])
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def write_spreadsheet_safe(out_dir: Path) -> list[Path]:
    """Write `<table>.xlsx-safe.csv` for each table of the run in `out_dir`; return the paths."""
    written = []
    for name in TABLE_NAMES:
        path = _table_path(out_dir, name)
        if path is None:
            if name == "stories":
                continue
            raise ReportInputError(f"{out_dir}: no {name} table (run `make extract` first)")
        table = defuse_table(pq.read_table(path))
        sink = pa.BufferOutputStream()
        pacsv.write_csv(table, sink, write_options=pacsv.WriteOptions(quoting_style="needed"))
        target = out_dir / f"{name}{SAFE_SUFFIX}"
        write_atomic(target, sink.getvalue().to_pybytes())
        written.append(target)
    return written
