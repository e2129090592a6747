"""Emit: the rows of a run as Arrow tables, written as CSV and Parquet; rejected.csv and JSON.

The conventions of the files: one Parquet row group and one CSV block per
batch; Parquet with zstd; CSV quoted only where needed, list columns joined
with their separator (`records.list_separator`) and an empty list written as
an empty field. `TableWriter` streams one table through temporary files;
`staging.TableSet` stages every table of a run and commits them together.

Nothing is written outside the output folder the user named, and no file name
comes from input data.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from operator import attrgetter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .atomic import TMP_SUFFIX, file_mode, fsync, write_atomic
from .records import Rejection, csv_schema, list_separator, schema_of

REJECTIONS_SCHEMA = schema_of(Rejection)


def to_table(rows: Sequence, schema: pa.Schema) -> pa.Table:
    """Build an Arrow table from dataclass rows, typed by `schema`.

    One `attrgetter` call per row and one transposition: the loops stay in C
    (a `getattr` per cell in Python costs as much as the Arrow conversion).
    """
    names = schema.names
    if len(names) == 1:
        return pa.Table.from_pydict({names[0]: [getattr(row, names[0]) for row in rows]}, schema=schema)
    columns = zip(*map(attrgetter(*names), rows)) if rows else [()] * len(names)
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)


def csv_table(table: pa.Table) -> pa.Table:
    """An Arrow table as its CSV file holds it: list columns joined (`records.list_separator`), empty → null."""
    for i, f in enumerate(table.schema):
        if pa.types.is_list(f.type):
            joined = pc.binary_join(pc.cast(table.column(i), pa.list_(pa.string())), list_separator(f.name))
            joined = pc.if_else(pc.equal(joined, ""), pa.scalar(None, pa.string()), joined)
            table = table.set_column(i, pa.field(f.name, pa.string(), nullable=True), joined)
    return table


class TableWriter:
    """Streams one table to `<name>.csv` and `<name>.parquet` through temporary files.

    `commit()` renames the finished files to their final names in the same
    folder; `TableSet` uses it inside the run's staging folder.
    """

    def __init__(self, out_dir: Path, name: str, schema: pa.Schema, formats: Sequence[str] = ("csv", "parquet"),
                 compression: str = "zstd"):
        self.out_dir, self.name, self.schema, self.formats = out_dir, name, schema, tuple(formats)
        self.rows_written = 0
        self._tmp: dict[str, Path] = {}
        self._parquet: pq.ParquetWriter | None = None
        self._csv: pacsv.CSVWriter | None = None
        self._csv_handle = None
        mode = file_mode()
        for fmt in self.formats:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=f".{fmt}{TMP_SUFFIX}", dir=out_dir)
            os.fchmod(fd, mode)  # mkstemp makes 0600 files; tables are for sharing
            os.close(fd)
            self._tmp[fmt] = Path(tmp)
        if "parquet" in self._tmp:
            self._parquet = pq.ParquetWriter(self._tmp["parquet"], schema, compression=compression)
        if "csv" in self._tmp:
            self._csv_handle = pa.OSFile(str(self._tmp["csv"]), "wb")
            self._csv = pacsv.CSVWriter(
                self._csv_handle, csv_schema(schema), write_options=pacsv.WriteOptions(quoting_style="needed")
            )

    def write(self, rows: Sequence) -> None:
        """Append a batch of rows (one Parquet row group, one CSV block)."""
        if not rows:
            return
        self.write_table(to_table(rows, self.schema))

    def write_table(self, table: pa.Table) -> None:
        """Append an Arrow table of this writer's schema (one Parquet row group, one CSV block)."""
        if table.num_rows == 0:
            return
        if self._parquet is not None:
            self._parquet.write_table(table)
        if self._csv is not None:
            self._csv.write_table(csv_table(table))
        self.rows_written += table.num_rows

    def close(self) -> None:
        """Finish both files (Parquet footer, CSV flush); safe to call twice."""
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._csv is not None:
            self._csv.close()
            self._csv_handle.close()
            self._csv = None

    def commit(self) -> list[Path]:
        """Flush the finished temporary files to disk and rename them to their final names."""
        self.close()
        final = []
        for fmt, tmp in self._tmp.items():
            fsync(tmp)
            target = self.out_dir / f"{self.name}.{fmt}"
            os.replace(tmp, target)
            final.append(target)
        self._tmp = {}
        return final

    def abort(self) -> None:
        """Remove the temporary files; the previous outputs stay as they were."""
        try:
            self.close()
        finally:
            for tmp in self._tmp.values():
                tmp.unlink(missing_ok=True)
            self._tmp = {}


def json_bytes(obj: object) -> bytes:
    """A JSON document as UTF-8 bytes, keys in insertion order, indented.

    >>> json_bytes({"é": 1})
    b'{\\n  "\\xc3\\xa9": 1\\n}\\n'
    """
    return (json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")


def write_json(path: Path, obj: object) -> None:
    """Write a JSON document atomically, keys in insertion order, UTF-8."""
    write_atomic(path, json_bytes(obj))


def rejections_csv(rejections: Iterable[Rejection]) -> bytes:
    """Rejected records (file, record, reason) as CSV bytes, header included.

    >>> rejections_csv([Rejection("a.jsonl", 3, "malformed JSON")]).decode()
    '"file","record","reason"\\n"a.jsonl",3,"malformed JSON"\\n'
    """
    rows = list(rejections)
    table = pa.Table.from_pydict(
        {f.name: [getattr(r, f.name) for r in rows] for f in dataclasses.fields(Rejection)},
        schema=REJECTIONS_SCHEMA,
    )
    sink = pa.BufferOutputStream()
    pacsv.write_csv(table, sink, write_options=pacsv.WriteOptions(quoting_style="needed"))
    return sink.getvalue().to_pybytes()
