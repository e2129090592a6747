"""Emit: write the tables (CSV and Parquet), the rejections and `run.json`, atomically.

Rows arrive in batches and are streamed to temporary files next to their final
place (Parquet row groups, CSV blocks); `TableSet.commit()` renames every file
into place only once all are complete, so an interrupted run leaves the previous
outputs untouched.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .records import SCHEMAS, Rejection, schema_of

REJECTIONS_SCHEMA = schema_of(Rejection)


def to_table(rows: Sequence, schema: pa.Schema) -> pa.Table:
    """Build an Arrow table from dataclass rows, column by column, typed by `schema`."""
    columns = {name: [getattr(row, name) for row in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)


class TableWriter:
    """Streams one table to `<name>.csv` and `<name>.parquet` through temporary files."""

    def __init__(self, out_dir: Path, name: str, schema: pa.Schema, formats: Sequence[str] = ("csv", "parquet")):
        self.out_dir, self.name, self.schema, self.formats = out_dir, name, schema, tuple(formats)
        self.rows_written = 0
        self._tmp: dict[str, Path] = {}
        self._parquet: pq.ParquetWriter | None = None
        self._csv: pacsv.CSVWriter | None = None
        self._csv_handle = None
        for fmt in self.formats:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=f".{fmt}.tmp", dir=out_dir)
            os.close(fd)
            self._tmp[fmt] = Path(tmp)
        if "parquet" in self._tmp:
            self._parquet = pq.ParquetWriter(self._tmp["parquet"], schema, compression="zstd")
        if "csv" in self._tmp:
            self._csv_handle = pa.OSFile(str(self._tmp["csv"]), "wb")
            self._csv = pacsv.CSVWriter(
                self._csv_handle, schema, write_options=pacsv.WriteOptions(quoting_style="needed")
            )

    def write(self, rows: Sequence) -> None:
        """Append a batch of rows (one Parquet row group, one CSV block)."""
        if not rows:
            return
        table = to_table(rows, self.schema)
        if self._parquet is not None:
            self._parquet.write_table(table)
        if self._csv is not None:
            self._csv.write_table(table)
        self.rows_written += len(rows)

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._csv is not None:
            self._csv.close()
            self._csv_handle.close()
            self._csv = None

    def commit(self) -> list[Path]:
        """Rename the finished temporary files to their final names."""
        self.close()
        final = []
        for fmt, tmp in self._tmp.items():
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


class TableSet:
    """The run's tables, written together and committed together."""

    def __init__(self, out_dir: Path, formats: Sequence[str] = ("csv", "parquet")):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.writers = {name: TableWriter(out_dir, name, schema, formats) for name, schema in SCHEMAS.items()}

    def write(self, name: str, rows: Sequence) -> None:
        self.writers[name].write(rows)

    def counts(self) -> dict[str, int]:
        return {name: w.rows_written for name, w in self.writers.items()}

    def commit(self) -> list[Path]:
        paths: list[Path] = []
        for writer in self.writers.values():
            writer.close()
        for writer in self.writers.values():
            paths += writer.commit()
        return paths

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.abort()

    def __enter__(self) -> "TableSet":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to `path` through a temporary file and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path, obj: object) -> None:
    """Write a JSON document atomically, keys in insertion order, UTF-8."""
    write_atomic(path, (json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8"))


def write_rejections(path: Path, rejections: Iterable[Rejection]) -> None:
    """Write rejected records (file, record, reason) as CSV, atomically."""
    rows = list(rejections)
    table = pa.Table.from_pydict(
        {f.name: [getattr(r, f.name) for r in rows] for f in dataclasses.fields(Rejection)},
        schema=REJECTIONS_SCHEMA,
    )
    sink = pa.BufferOutputStream()
    pacsv.write_csv(table, sink, write_options=pacsv.WriteOptions(quoting_style="needed"))
    write_atomic(path, sink.getvalue().to_pybytes())
