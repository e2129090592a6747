"""Staging: a run's outputs written together, committed together, or not at all.

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

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .atomic import TMP_SUFFIX, file_mode, fsync
from .emit import TableWriter
from .records import SCHEMAS, TABLES

try:  # POSIX advisory locks; without them (Windows) runs are simply not serialised.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

STAGING_PREFIX = ".staging-"
COMMIT_MARKER = "COMMIT"
LOCK_NAME = ".lock"


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


class OutputError(Exception):
    """The output folder cannot be used (not a folder, or another run is writing to it)."""


class TableSet:
    """The run's outputs, staged together inside `out_dir` and committed together.

    Opening one takes the output folder's lock and cleans up after runs that
    were killed (see `recover`). Use it as a context manager: leaving the block
    with an exception (Ctrl-C included) removes the staging folder and leaves
    the previous outputs untouched.

    A table named in `interim` is first staged as one uncompressed Parquet file
    only: the run reads it back and writes it in every format with `reread`
    (the events table, which the story stage completes).
    """

    def __init__(self, out_dir: Path, formats: Sequence[str] = ("csv", "parquet"), interim: Sequence[str] = ()):
        if out_dir.exists() and not out_dir.is_dir():
            raise OutputError(f"{out_dir}: exists and is not a folder")
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self._lock = _lock_folder(out_dir)
        self.recovered: list[str] = []
        self.stage: Path | None = None
        self.formats = tuple(formats)
        self.writers: dict[str, TableWriter] = {}
        self.extra: list[Path] = []
        self.removed: list[str] = []  # earlier runs' files this run replaces by nothing (see plan_cleanup)
        self.left_alone: list[str] = []  # files in the folder the project never writes
        try:
            self.recovered = recover(out_dir)
            self.stage = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
            for name, schema in SCHEMAS.items():
                if name in interim:  # read back and written again before the commit (`reread`)
                    self.writers[name] = TableWriter(self.stage, name, schema, ("parquet",), compression="none")
                else:
                    self.writers[name] = TableWriter(self.stage, name, schema, formats)
        except BaseException:
            self.abort()
            raise

    def write(self, name: str, rows: Sequence) -> None:
        """Append a batch of rows to table `name`."""
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
        self.writers[name] = TableWriter(self.stage, name, old.schema, self.formats)
        return kept

    def counts(self) -> dict[str, int]:
        """Rows written so far, per table."""
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
            fsync(path)
        marker = self.stage / COMMIT_MARKER
        tmp_marker = self.stage / f".{COMMIT_MARKER}{TMP_SUFFIX}"
        tmp_marker.write_text("\n".join(p.name for p in staged) + "\n", encoding="utf-8")
        fsync(tmp_marker)
        os.replace(tmp_marker, marker)
        fsync(self.stage)
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
        elif entry.name.startswith(".") and entry.name.endswith(TMP_SUFFIX) and entry.is_file():
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
    fsync(out_dir)
    shutil.rmtree(stage, ignore_errors=True)
    return final


def _lock_folder(out_dir: Path):
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
