"""The extract run: ingest → segment → engine (annotate, normalise, events) → emit, streamed.

The run reads the feed with its accounting (`pipeline.accounting`), chooses an
engine (`pipeline.engines`) and hands it the briefs, writes what comes back in
batches, and commits the tables with `rejected.csv` and the manifest
(`pipeline.manifest`) at the end. Engines never import the run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import collector, threads
from .accounting import DUPLICATE, FileStats, RunError, RunSummary, close_summary, reject, reject_failed
from .duplicates import Position, choose_copies
from .emit import json_bytes, rejections_csv
from .engines import Engine, Stored
from .incremental import Fingerprint, load_previous
from .ingest import Discovery, discover_inputs, read_file
from .language import LanguageGuesser
from .manifest import build_manifest
from .records import SCHEMAS, Brief, BriefResult, Rejection, brief_row
from .resources import models_dir
from .segment import brief_problem, segment_records
from .stories import attach_stories, attach_stories_parts
from .stages import Failure
from .staging import TableSet

__all__ = ["RunOptions", "RunSummary", "FileStats", "RunError", "extract", "read_briefs", "choose_engine"]

PROGRESS_AFTER = 300
WRITE_BATCH = 1000


@dataclass
class RunOptions:
    """What one extract run reads, where it writes, and how."""

    inputs: list[Path]
    out_dir: Path
    reference_date: dt.date | None = None
    columns: dict[str, str] = field(default_factory=dict)  # record field -> column name (--columns)
    models: Path | None = None
    batch_size: int = 256
    strict: bool = False
    progress: bool = True
    workers: int = 1
    engine: str = "local"  # "local" (this machine) or "dask" (pipeline.engines.dask)
    scheduler: str | None = None  # Dask scheduler address; None starts a local cluster
    full: bool = False  # extract every brief, even those the previous run's tables could give back


def find_inputs(options: RunOptions) -> Discovery:
    """The run's input files; the output folder is never read as input. Raises `InputError`."""
    return discover_inputs(options.inputs, exclude=[options.out_dir])


def read_briefs(options: RunOptions, summary: RunSummary, found: Discovery | None = None) -> Iterator[Brief]:
    """Stream briefs from every input file, recording reads and rejections per file.

    Every brief read is either yielded or rejected (bad record, too long, no
    words, duplicate of an earlier brief), so per file briefs_read =
    briefs_written + briefs_rejected once the yielded ones are written.
    """
    found = found or find_inputs(options)
    summary.skipped.extend(found.skipped)
    for rejection in found.rejections:
        reject(summary, rejection)
    languages = LanguageGuesser.from_models(models_dir(options.models))
    read = lambda path: read_file(path, options.columns)  # noqa: E731
    copies = choose_copies(found.files, read)
    for path in found.files:
        records, report = copies.read_again(path, read)
        file = report.path
        stats = summary.files.setdefault(file, FileStats())
        stats.encoding = report.encoding
        stats.layout = report.layout
        stats.notes.extend(n for n in report.notes if n not in stats.notes)
        for rejection in report.rejections:
            reject(summary, rejection)
        for line, brief in segment_records(records, languages):
            stats.briefs_read += 1
            problem = brief_problem(brief)
            if problem is None and (kept := copies.duplicate_of(brief, Position(file, line))) is not None:
                problem = f"{DUPLICATE} {kept.file} line {kept.line}"
            if problem is not None:
                reject(summary, Rejection(file, line, problem), counted=True)
                continue
            summary.origins[brief.brief_id] = (file, line)
            language = brief.language or "unknown"
            stats.languages[language] = stats.languages.get(language, 0) + 1
            if brief.reference_date is None and options.reference_date is not None:
                brief = dataclasses.replace(brief, reference_date=options.reference_date)
            yield brief


def choose_engine(options: RunOptions, models: Path, stage: Path) -> Engine:
    """The engine the options ask for: Dask, worker processes, or this process.

    `stage` is the run's staging folder, where a partitioned engine writes its parts.
    """
    if options.engine == "dask":
        from .engines.dask import DaskEngine

        return DaskEngine(models, stage, options.workers, options.scheduler, options.batch_size)
    if options.workers > 1:
        from .engines.processes import ProcessEngine

        return ProcessEngine(models, options.workers, options.batch_size)
    from .engines.local import LocalEngine

    return LocalEngine.from_models(models, options.batch_size)


def extract(options: RunOptions, engine: Engine | None = None) -> RunSummary:
    """Run the whole pipeline over `options.inputs` and write the tables to `options.out_dir`.

    `engine` replaces the one the options would choose (a library caller keeps
    one loaded `LocalEngine` across calls); it must not be partitioned. The
    garbage collector runs with `pipeline.collector`'s settings meanwhile, and
    BLAS with one thread (`pipeline.threads`).
    """
    with collector.for_run(), threads.for_run():
        return _extract(options, engine)


def _extract(options: RunOptions, engine: Engine | None) -> RunSummary:
    started = time.perf_counter()
    summary = RunSummary(out_dir=options.out_dir, strict=options.strict)
    found = find_inputs(options)  # a missing input fails before the model is loaded
    models = models_dir(options.models)
    briefs = read_briefs(options, summary, found)
    partitioned = engine.partitioned if engine is not None else options.engine == "dask"
    fingerprint = Fingerprint.of(models)
    summary.fingerprint = fingerprint.to_json()
    # Partitioned runs stage Parquet parts elsewhere; a local run writes its events table twice
    # (the story stage adds `story_id`), the first time as a plain interim file.
    staged = {"formats": ()} if partitioned else {"interim": ("events",)}
    with TableSet(options.out_dir, **staged) as tables:
        summary.recovered = tables.recovered  # the folder is locked and a killed run completed or dropped
        reuse = load_previous(options.out_dir, fingerprint, full=options.full)
        items = (reuse.take(brief) or brief for brief in briefs)
        if engine is None:
            loading = time.perf_counter()
            engine = choose_engine(options, models, tables.stage)
            if engine.name == "local":
                summary.load_seconds = time.perf_counter() - loading
        collector.settle()  # what is loaded now lives as long as the run
        counts = _write(options, summary, tables, engine, items)
        # Stories need every event of the run: computed from the finished tables, before the commit.
        if engine.partitioned:
            counts["stories"] = attach_stories_parts(tables.stage, models)
        else:
            attach_stories(tables, models)
            counts = tables.counts()
        summary.incremental = reuse.accounting()
        close_summary(summary, counts, started, options.inputs)
        document = build_manifest(options.inputs, options.reference_date, summary, engine.meta, engine.describe())
        tables.add_file("rejected.csv", rejections_csv(summary.rejections))
        document.update(tables.plan_cleanup())
        summary.left_alone = tables.left_alone
        tables.add_file("run.json", json_bytes(document))
        if engine.partitioned:
            for name in SCHEMAS:
                _replace_dir(tables.stage / name, options.out_dir / name)
        tables.commit()
    return summary


def _write(
    options: RunOptions, summary: RunSummary, tables: TableSet, engine: Engine, briefs: Iterator[Brief | BriefResult]
) -> dict:
    """Stream the briefs (and the results reused from the previous run) through the engine; write or
    count what comes back; return the rows per table."""
    stored = {"briefs": 0, "mentions": 0, "events": 0}
    progress = None
    buffers: dict[str, list] = {"briefs": [], "mentions": [], "events": []}
    n = 0
    with contextlib.closing(engine.run(briefs)) as outcomes:
        for outcome in outcomes:
            if isinstance(outcome, Failure):
                reject_failed(summary, outcome.brief, outcome.error)
                continue
            n += 1
            if isinstance(outcome, Stored):
                summary.written(outcome.brief_id)
                stored["briefs"] += 1
                stored["mentions"] += outcome.mentions
                stored["events"] += outcome.events
            else:
                buffers["briefs"].append(brief_row(outcome.brief))
                buffers["mentions"].extend(outcome.mentions)
                buffers["events"].extend(outcome.events)
                summary.written(outcome.brief.brief_id)
                if n % WRITE_BATCH == 0:
                    _flush(tables, buffers)
            if options.progress and n == PROGRESS_AFTER:
                from tqdm import tqdm

                progress = tqdm(initial=n, unit=" briefs", file=sys.stderr, mininterval=1.0)
            elif progress is not None:
                progress.update(1)
    if not engine.partitioned:
        _flush(tables, buffers)
    if progress is not None:
        progress.close()
    return stored if engine.partitioned else tables.counts()


def _flush(tables: TableSet, buffers: dict[str, list]) -> None:
    for name, rows in buffers.items():
        tables.write(name, rows)
        rows.clear()


def _replace_dir(new: Path, target: Path) -> None:
    """Move a finished table folder (a partitioned engine's parts) into place; the previous one is removed only after."""
    old = None
    if target.is_dir() and not target.is_symlink():
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        os.replace(target, old)
    elif target.exists() or target.is_symlink():
        raise RunError(f"{target}: exists and is not a table folder")
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
