"""The extract run: ingest → segment → annotate → normalise → events → emit, streamed.

Briefs flow through in batches; tables are written batch by batch and committed
at the end, with `run.json` accounting for every brief read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .annotate import annotate, build_nlp
from .emit import TableSet, json_bytes, rejections_csv
from .events import EventExtractor
from .ingest import Discovery, InputError, discover_inputs, read_file
from .language import LanguageGuesser
from .normalize import Normalizer
from .records import SCHEMA_VERSION, Brief, BriefResult, Rejection, brief_row
from .resources import models_dir
from .segment import brief_problem, segment_records
from .stories import attach_stories

PROGRESS_AFTER = 300
WRITE_BATCH = 1000
DUPLICATE = "duplicate of"


@dataclass
class RunOptions:
    """What one extract run reads, where it writes, and how."""

    inputs: list[Path]
    out_dir: Path
    reference_date: dt.date | None = None
    models: Path | None = None
    batch_size: int = 256
    strict: bool = False
    progress: bool = True
    workers: int = 1
    engine: str = "local"  # "local" (this machine) or "dask" (pipeline.dask_engine)
    scheduler: str | None = None  # Dask scheduler address; None starts a local cluster


@dataclass
class FileStats:
    """Accounting of one input file: briefs_read = briefs_written + briefs_rejected."""

    encoding: str | None = None
    briefs_read: int = 0
    briefs_written: int = 0
    briefs_rejected: int = 0
    notes: list[str] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)


@dataclass
class RunSummary:
    """Counts and paths of a finished run (also written to run.json)."""

    briefs: int = 0
    mentions: int = 0
    events: int = 0
    stories: int = 0
    rejected: int = 0
    seconds: float = 0.0
    out_dir: Path = Path("outputs")
    files: dict[str, FileStats] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)
    # brief_id -> (input file, line or record): the accounting key of a written brief
    # (its `source` column may be a JSONL record's own field) and the first
    # occurrence a duplicate points to.
    origins: dict[str, tuple[str, int]] = field(default_factory=dict)
    strict: bool = False

    def line(self) -> str:
        return (
            f"{self.briefs} briefs, {self.mentions} mentions, {self.events} events ({self.stories} stories), "
            f"{self.rejected} rejected in {self.seconds:.1f} s → {self.out_dir}/"
        )


class RunError(Exception):
    """A run that cannot produce anything (no input readable, strict mode violated)."""


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
        _reject(summary, rejection)
    languages = LanguageGuesser.from_models(models_dir(options.models))
    for path in found.files:
        records, report = read_file(path)
        file = report.path
        stats = summary.files.setdefault(file, FileStats())
        stats.encoding = report.encoding
        stats.notes.extend(n for n in report.notes if n not in stats.notes)
        for rejection in report.rejections:
            _reject(summary, rejection)
        for line, brief in segment_records(records, languages):
            stats.briefs_read += 1
            problem = brief_problem(brief)
            if problem is None and brief.brief_id in summary.origins:
                first_file, first_line = summary.origins[brief.brief_id]
                problem = f"{DUPLICATE} {first_file} line {first_line}"
            if problem is not None:
                _reject(summary, Rejection(file, line, problem), counted=True)
                continue
            summary.origins[brief.brief_id] = (file, line)
            language = brief.language or "unknown"
            stats.languages[language] = stats.languages.get(language, 0) + 1
            if brief.reference_date is None and options.reference_date is not None:
                brief = dataclasses.replace(brief, reference_date=options.reference_date)
            yield brief


def _reject(summary: RunSummary, rejection: Rejection, counted: bool = False) -> None:
    """Record a rejection; `counted` when segmentation already counted the brief as read."""
    summary.rejections.append(rejection)
    stats = summary.files.setdefault(rejection.file, FileStats())
    stats.briefs_rejected += 1
    if not counted:
        # Rejected before segmentation (a bad record or an unreadable file): it still
        # counts as one record read.
        stats.briefs_read += 1
    if summary.strict:
        raise RunError(f"--strict: rejected {_where(rejection)}: {rejection.reason}")


def _reject_failed(summary: RunSummary, brief: Brief, exc: Exception) -> None:
    """Reject a brief whose extraction raised, naming the error (the brief was counted as read)."""
    file, line = summary.origins[brief.brief_id]
    reason = f"extraction failed: {type(exc).__name__}: {exc}"[:300]
    _reject(summary, Rejection(file, line, reason), counted=True)


def _where(rejection: Rejection) -> str:
    return rejection.file + (f":{rejection.record}" if rejection.record is not None else "")


def process(nlp, normalizer: Normalizer, extractor: EventExtractor, briefs, on_error=None) -> Iterator[BriefResult]:
    """Annotate briefs and turn each Doc into its mentions and events.

    With `on_error(brief, exception)`, a brief whose normalisation or events
    raise is handed to it and skipped, so one odd brief cannot sink a run;
    without it, the exception propagates.
    """
    for doc, brief in annotate(nlp, briefs):
        try:
            mentions = normalizer.mentions(doc, brief)
            events = extractor.events(doc, brief, mentions)
        except Exception as exc:  # noqa: BLE001  (reported as a rejection with its reason)
            if on_error is None:
                raise
            on_error(brief, exc)
            continue
        yield BriefResult(brief, tuple(mentions), tuple(events))


def extract(options: RunOptions) -> RunSummary:
    """Run the whole pipeline over `options.inputs` and write the tables to `options.out_dir`."""
    if options.engine == "dask":
        from .dask_engine import extract_dask

        return extract_dask(options)
    started = time.perf_counter()
    summary = RunSummary(out_dir=options.out_dir, strict=options.strict)
    found = find_inputs(options)  # a missing input fails before the model is loaded
    models = models_dir(options.models)
    briefs = read_briefs(options, summary, found)
    nlp, results = _results(options, models, briefs, functools.partial(_reject_failed, summary))
    progress = None
    with TableSet(options.out_dir) as tables:
        summary.recovered = tables.recovered
        buffers: dict[str, list] = {"briefs": [], "mentions": [], "events": []}
        for n, result in enumerate(results, start=1):
            buffers["briefs"].append(brief_row(result.brief))
            buffers["mentions"].extend(result.mentions)
            buffers["events"].extend(result.events)
            summary.files[summary.origins[result.brief.brief_id][0]].briefs_written += 1
            if n % WRITE_BATCH == 0:
                _flush(tables, buffers)
            if options.progress and n == PROGRESS_AFTER:
                from tqdm import tqdm

                progress = tqdm(initial=n, unit=" briefs", file=sys.stderr, mininterval=1.0)
            elif progress is not None:
                progress.update(1)
        _flush(tables, buffers)
        if progress is not None:
            progress.close()
        attach_stories(tables, models)  # needs every event of the run: after the last batch
        close_summary(options, summary, tables.counts(), started)
        tables.add_file("rejected.csv", rejections_csv(summary.rejections))
        tables.add_file("run.json", json_bytes(manifest(options, summary, nlp)))
        tables.commit()
    return summary


def close_summary(options: RunOptions, summary: RunSummary, counts: dict[str, int], started: float) -> None:
    """Fill in the rows written and the time taken, and check the accounting.

    Raises `RunError` when no brief was written or the counts do not add up.
    """
    if counts["briefs"] == 0:
        raise RunError(nothing_read(options, summary))
    summary.briefs, summary.mentions, summary.events = counts["briefs"], counts["mentions"], counts["events"]
    summary.stories = counts.get("stories", 0)
    summary.rejected = len(summary.rejections)
    check_accounting(summary)
    summary.seconds = time.perf_counter() - started


def nothing_read(options: RunOptions, summary: RunSummary) -> str:
    """The error message of a run that wrote no brief, naming every input file and why."""
    if not summary.files:
        inputs = ", ".join(str(p) for p in options.inputs)
        skipped = f" ({len(summary.skipped)} files of other types skipped)" if summary.skipped else ""
        return f"nothing could be read: no .txt, .jsonl or .csv file in {inputs}{skipped}"
    lines = [f"nothing could be read from {len(summary.files)} input file(s):"]
    for name in sorted(summary.files)[:20]:
        reasons = sorted({r.reason for r in summary.rejections if r.file == name})
        lines.append(f"  {name}: {'; '.join(reasons)[:200] or 'no briefs'}")
    if len(summary.files) > 20:
        lines.append(f"  … and {len(summary.files) - 20} more files")
    return "\n".join(lines)


def check_accounting(summary: RunSummary) -> None:
    """Raise `RunError` unless every file's briefs_read = briefs_written + briefs_rejected."""
    for name, s in summary.files.items():
        if s.briefs_read != s.briefs_written + s.briefs_rejected:
            raise RunError(
                f"accounting error in {name}: read {s.briefs_read}, written {s.briefs_written}, "
                f"rejected {s.briefs_rejected}"
            )
    if summary.briefs != sum(s.briefs_written for s in summary.files.values()):
        raise RunError(f"accounting error: {summary.briefs} briefs written but files account for another number")


def _results(options: RunOptions, models: Path, briefs: Iterator[Brief], on_error):
    """(the model or its meta for the manifest, the stream of results) for this run's engine."""
    if options.workers > 1:
        from .parallel import ModelInfo, process_parallel

        results = process_parallel(briefs, models, options.workers, options.batch_size, on_error=on_error)
        return ModelInfo.from_models(models), results
    nlp = build_nlp(models)
    nlp.batch_size = options.batch_size
    results = process(nlp, Normalizer.from_models(models), EventExtractor.from_models(models), briefs, on_error)
    return nlp, results


def _flush(tables: TableSet, buffers: dict[str, list]) -> None:
    for name, rows in buffers.items():
        tables.write(name, rows)
        rows.clear()


def manifest(options: RunOptions, summary: RunSummary, nlp) -> dict:
    """The run manifest: inputs, accounting, rows written, versions and timings."""
    files = {
        name: {
            "encoding": s.encoding,
            "encoding_fallback": s.encoding not in (None, "utf-8", "utf-8-sig"),
            "briefs_read": s.briefs_read,
            "briefs_written": s.briefs_written,
            "briefs_rejected": s.briefs_rejected,
            "languages": dict(sorted(s.languages.items())),
            "notes": s.notes,
        }
        for name, s in sorted(summary.files.items())
    }
    return {
        "schema_version": SCHEMA_VERSION,
        "inputs": [str(p) for p in options.inputs],
        "reference_date": options.reference_date.isoformat() if options.reference_date else None,
        "totals": {
            "briefs_read": sum(f["briefs_read"] for f in files.values()),
            "briefs_written": summary.briefs,
            "briefs_rejected": summary.rejected,
        },
        "files": files,
        "rows": {"briefs": summary.briefs, "mentions": summary.mentions, "events": summary.events,
                 "stories": summary.stories},
        "rejected": [dataclasses.asdict(r) for r in summary.rejections],
        "skipped": [{"file": f, "reason": why} for f, why in summary.skipped],
        "recovered": summary.recovered,
        "versions": {
            "pipeline": metadata.version("briefs-pipeline") if _installed("briefs-pipeline") else None,
            "spacy": metadata.version("spacy"),
            "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
        },
        "timings": {"seconds": round(summary.seconds, 3)},
    }


def _installed(dist: str) -> bool:
    try:
        metadata.version(dist)
    except metadata.PackageNotFoundError:
        return False
    return True
