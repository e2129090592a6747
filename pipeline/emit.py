"""Emit: write the tables (CSV and Parquet), the rejections and `run.json`, atomically.

A run writes everything into a staging folder inside the output folder
(`<out>/.staging-XXXX/`): tables are streamed there batch by batch (Parquet
row groups, CSV blocks), then `rejected.csv` and `run.json`. Only when every
file is complete and flushed to disk does `TableSet.commit()` write a commit
marker into the staging folder and rename each file into `<out>/` (run.json
last). So a run killed at any moment leaves the previous outputs as they were:
killed before the marker, its staging folder is deleted by the next run;
killed between the marker and the last rename, the next run completes the
renames (roll forward). A lock file keeps two runs from writing to one folder.

An output folder holds one run: at commit, files an earlier run of the
project wrote that this run did not (an old `eval.json`, the CSV tables of a
local run after a Dask run, or the reverse) are removed, and listed in
`run.json`; files the project never writes are left alone and reported (see
`TableSet.plan_cleanup`). Files are created with the user's umask (0644 with
the usual 022), not the 0600 of temporary files.

Nothing is written outside the output folder the user named, and no file name
comes from input data.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .records import SCHEMAS, TABLES, Rejection, csv_schema, csv_value, list_separator, schema_of

try:  # POSIX advisory locks; without them (Windows) runs are simply not serialised.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

REJECTIONS_SCHEMA = schema_of(Rejection)
STAGING_PREFIX = ".staging-"
COMMIT_MARKER = "COMMIT"
LOCK_NAME = ".lock"
# Temporary files of `write_atomic` (and of the earlier one-temp-per-table layout):
# `.<final name>.<random>.tmp`.
_TMP_SUFFIX = ".tmp"


# Files and folders a run or a command of the project writes into an output folder,
# besides the tables (`<table>.csv`, `<table>.parquet`, `<table>/` for Dask):
# `pipeline eval` writes eval.json beside a run, `make eval` its runs under eval/.
OTHER_OUTPUTS = ("run.json", "rejected.csv", "eval.json", "eval", "report.html")
# The key of run.json listing what that run wrote (read back by the next run).
OUTPUTS_KEY = "outputs"


def project_outputs(out_dir: Path | None = None) -> set[str]:
    """Names of everything the project may have written into an output folder.

    The table files and folders of every table in `records.TABLES`, the
    other outputs, and whatever the folder's `run.json` says its run wrote.

    >>> sorted(n for n in project_outputs() if n.startswith("briefs"))
    ['briefs', 'briefs.csv', 'briefs.parquet', 'briefs.xlsx-safe.csv']
    """
    names = set(OTHER_OUTPUTS)
    for table in TABLES:
        names.update({table, f"{table}.csv", f"{table}.parquet", f"{table}.xlsx-safe.csv"})  # last: report
    if out_dir is not None:
        try:
            earlier = json.loads((out_dir / "run.json").read_text(encoding="utf-8")).get(OUTPUTS_KEY, [])
        except (OSError, ValueError, AttributeError):
            earlier = []
        names.update(n for n in earlier if isinstance(n, str) and Path(n).name == n and not n.startswith("."))
    return names


def file_mode() -> int:
    """The mode of a new file under the user's umask (0o644 with the usual 022).

    Read by setting and restoring the umask, the only way to read it; done once
    per run, before any thread starts writing.
    """
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


class OutputError(Exception):
    """The output folder cannot be used (not a folder, or another run is writing to it)."""


def to_table(rows: Sequence, schema: pa.Schema) -> pa.Table:
    """Build an Arrow table from dataclass rows, column by column, typed by `schema`."""
    columns = {name: [getattr(row, name) for row in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)


def to_csv_table(rows: Sequence, schema: pa.Schema) -> pa.Table:
    """The rows as the CSV file holds them: list columns joined (`records.csv_value`), typed by `csv_schema`."""
    lists = {f.name for f in schema if pa.types.is_list(f.type)}
    columns = {
        name: [csv_value(getattr(row, name), list_separator(name)) for row in rows] if name in lists
        else [getattr(row, name) for row in rows]
        for name in schema.names
    }
    return pa.Table.from_pydict(columns, schema=csv_schema(schema))


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

    def __init__(self, out_dir: Path, name: str, schema: pa.Schema, formats: Sequence[str] = ("csv", "parquet")):
        self.out_dir, self.name, self.schema, self.formats = out_dir, name, schema, tuple(formats)
        self.rows_written = 0
        self._tmp: dict[str, Path] = {}
        self._parquet: pq.ParquetWriter | None = None
        self._csv: pacsv.CSVWriter | None = None
        self._csv_handle = None
        mode = file_mode()
        for fmt in self.formats:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=f".{fmt}{_TMP_SUFFIX}", dir=out_dir)
            os.fchmod(fd, mode)  # mkstemp makes 0600 files; tables are for sharing
            os.close(fd)
            self._tmp[fmt] = Path(tmp)
        if "parquet" in self._tmp:
            self._parquet = pq.ParquetWriter(self._tmp["parquet"], schema, compression="zstd")
        if "csv" in self._tmp:
            self._csv_handle = pa.OSFile(str(self._tmp["csv"]), "wb")
            self._csv = pacsv.CSVWriter(
                self._csv_handle, csv_schema(schema), write_options=pacsv.WriteOptions(quoting_style="needed")
            )

    def write(self, rows: Sequence) -> None:
        """Append a batch of rows (one Parquet row group, one CSV block)."""
        if not rows:
            return
        table = to_table(rows, self.schema)
        if self._parquet is not None:
            self._parquet.write_table(table)
        if self._csv is not None:
            has_lists = any(pa.types.is_list(f.type) for f in self.schema)
            self._csv.write_table(to_csv_table(rows, self.schema) if has_lists else table)
        self.rows_written += len(rows)

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
            _fsync(tmp)
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
    """The run's outputs, staged together inside `out_dir` and committed together.

    Opening one takes the output folder's lock and cleans up after runs that
    were killed (see `recover`). Use it as a context manager: leaving the block
    with an exception (Ctrl-C included) removes the staging folder and leaves
    the previous outputs untouched.
    """

    def __init__(self, out_dir: Path, formats: Sequence[str] = ("csv", "parquet")):
        if out_dir.exists() and not out_dir.is_dir():
            raise OutputError(f"{out_dir}: exists and is not a folder")
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self._lock = _lock(out_dir)
        self.recovered: list[str] = []
        self.stage: Path | None = None
        self.writers: dict[str, TableWriter] = {}
        self.extra: list[Path] = []
        self.removed: list[str] = []  # earlier runs' files this run replaces by nothing (see plan_cleanup)
        self.left_alone: list[str] = []  # files in the folder the project never writes
        try:
            self.recovered = recover(out_dir)
            self.stage = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
            for name, schema in SCHEMAS.items():
                self.writers[name] = TableWriter(self.stage, name, schema, formats)
        except BaseException:
            self.abort()
            raise

    def write(self, name: str, rows: Sequence) -> None:
        self.writers[name].write(rows)

    def finished(self, name: str) -> Path:
        """Finish table `name` (no more rows) and return its staged Parquet file, to be read before commit."""
        writer = self.writers[name]
        writer.close()
        return writer._tmp["parquet"]

    def reread(self, name: str) -> Path:
        """Finish table `name` and return its staged Parquet file, to be read and written again.

        Later writes to `name` go to a fresh file (its row count starts at 0); the
        returned file stays in the staging folder, which commit and abort remove.
        Used by the stories stage, which adds a column to the finished events table.
        """
        assert self.stage is not None, "TableSet already committed or aborted"
        old = self.writers[name]
        old.close()
        fd, kept_name = tempfile.mkstemp(prefix=f".{name}.read.", suffix=".parquet", dir=self.stage)
        os.close(fd)
        kept = Path(kept_name)
        os.replace(old._tmp.pop("parquet"), kept)
        old.abort()
        self.writers[name] = TableWriter(self.stage, name, old.schema, old.formats)
        return kept

    def counts(self) -> dict[str, int]:
        return {name: w.rows_written for name, w in self.writers.items()}

    def add_file(self, name: str, data: bytes) -> None:
        """Stage one more output file (`rejected.csv`, `run.json`), committed with the tables."""
        if self.stage is None or Path(name).name != name or name.startswith("."):
            raise ValueError(f"not a plain output file name: {name!r}")
        path = self.stage / name
        path.write_bytes(data)
        os.chmod(path, file_mode())
        if path not in self.extra:
            self.extra.append(path)

    def written_names(self) -> list[str]:
        """Names of what the commit will put into the output folder (run.json always included)."""
        assert self.stage is not None, "TableSet already committed or aborted"
        names = {f"{w.name}.{fmt}" for w in self.writers.values() for fmt in w.formats}
        names.update(p.name for p in self.stage.iterdir() if p.is_dir())  # partitioned tables (Dask)
        names.update(p.name for p in self.extra)
        names.add("run.json")
        return sorted(names)

    def plan_cleanup(self) -> dict[str, list[str]]:
        """Decide what the commit removes; return it for run.json.

        `outputs`: what this run writes; `removed`: files and folders an earlier
        run of the project wrote that this run does not (removed at commit);
        `left_alone`: other files found there, which the project never writes
        (kept, and reported so the user knows the folder is not only this run's).
        Hidden entries (the lock, staging folders) are neither.
        """
        written = set(self.written_names())
        ours = project_outputs(self.out_dir)
        self.removed, self.left_alone = [], []
        for entry in sorted(self.out_dir.iterdir()):
            if entry.name.startswith(".") or entry.name in written:
                continue
            (self.removed if entry.name in ours else self.left_alone).append(entry.name)
        return {OUTPUTS_KEY: sorted(written), "removed": self.removed, "left_alone": self.left_alone}

    def commit(self) -> list[Path]:
        """Move every staged file into the output folder; return their final paths.

        Files are fsynced, then the commit marker names them; from that point a
        killed run is completed by the next one instead of being discarded.
        """
        assert self.stage is not None, "TableSet already committed or aborted"
        staged = [p for w in self.writers.values() for p in w.commit()] + self.extra
        for path in self.extra:
            _fsync(path)
        marker = self.stage / COMMIT_MARKER
        tmp_marker = self.stage / f".{COMMIT_MARKER}{_TMP_SUFFIX}"
        tmp_marker.write_text("\n".join(p.name for p in staged) + "\n", encoding="utf-8")
        _fsync(tmp_marker)
        os.replace(tmp_marker, marker)
        _fsync(self.stage)
        final = _roll_forward(self.stage, self.out_dir)
        self.stage = None
        try:
            for name in self.removed:  # after the new files are in place: a crash before leaves only extras
                stale = self.out_dir / name
                if stale.is_dir() and not stale.is_symlink():
                    shutil.rmtree(stale, ignore_errors=True)
                else:
                    stale.unlink(missing_ok=True)
        finally:
            self._release()
        return final

    def abort(self) -> None:
        """Drop the staged files; the previous outputs stay as they were."""
        try:
            for writer in self.writers.values():
                try:
                    writer.abort()
                except Exception:  # noqa: BLE001  (the staging folder is deleted below anyway)
                    pass
            if self.stage is not None:
                shutil.rmtree(self.stage, ignore_errors=True)
                self.stage = None
        finally:
            self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the descriptor releases the flock
            self._lock = None

    def __enter__(self) -> "TableSet":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None or self.stage is not None:
            self.abort()


def recover(out_dir: Path) -> list[str]:
    """Clean up after killed runs in `out_dir`; return what was done, for the run report.

    A staging folder with a commit marker is completed (its remaining files are
    renamed into place, run.json last); one without is deleted, as are stray
    temporary files of `write_atomic`. Call it with the folder's lock held.
    """
    done: list[str] = []
    for entry in sorted(out_dir.iterdir()):
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
            if (entry / COMMIT_MARKER).is_file():
                _roll_forward(entry, out_dir)
                done.append(f"completed the commit of an interrupted run ({entry.name})")
            else:
                shutil.rmtree(entry, ignore_errors=True)
                done.append(f"removed the unfinished files of an interrupted run ({entry.name})")
        elif entry.name.startswith(".") and entry.name.endswith(_TMP_SUFFIX) and entry.is_file():
            entry.unlink(missing_ok=True)
            done.append(f"removed a stale temporary file ({entry.name})")
    return done


def _roll_forward(stage: Path, out_dir: Path) -> list[Path]:
    """Rename the files a commit marker lists from `stage` into `out_dir`, then remove `stage`."""
    names = (stage / COMMIT_MARKER).read_text(encoding="utf-8").split()
    final = []
    for name in names:
        if Path(name).name != name:  # the marker is ours, but never let it point elsewhere
            continue
        source, target = stage / name, out_dir / name
        if source.exists():
            os.replace(source, target)
        final.append(target)
    _fsync(out_dir)
    shutil.rmtree(stage, ignore_errors=True)
    return final


def _fsync(path: Path) -> None:
    """Flush a file or folder to disk, so a rename never publishes an empty file after a crash."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the rename is still atomic
    finally:
        os.close(fd)


def _lock(out_dir: Path):
    """Take `out_dir/.lock` exclusively, or raise `OutputError` if another run holds it."""
    if fcntl is None:  # pragma: no cover
        return None
    handle = open(out_dir / LOCK_NAME, "a+b")  # noqa: SIM115  (kept open for the run)
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise OutputError(f"{out_dir}: another run is writing to this folder") from None
    return handle


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to `path` through a temporary file in the same folder and a rename (mode under the umask)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TMP_SUFFIX, dir=path.parent)
    os.fchmod(fd, file_mode())
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def write_rejections(path: Path, rejections: Iterable[Rejection]) -> None:
    """Write rejected records (file, record, reason) as CSV, atomically."""
    write_atomic(path, rejections_csv(rejections))
