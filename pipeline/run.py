"""The extract run: ingest → segment → annotate → normalise → events → emit, streamed.

Briefs flow through in batches; tables are written batch by batch and committed
at the end, with `run.json` accounting for every brief read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .annotate import annotate, build_nlp
from .emit import TableSet, write_json, write_rejections
from .events import EventExtractor
from .ingest import InputError, discover, read_file
from .normalize import Normalizer
from .records import SCHEMA_VERSION, Brief, BriefResult, Rejection, brief_row
from .resources import models_dir
from .segment import segment

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
    encoding: str | None = None
    briefs_read: int = 0
    briefs_written: int = 0
    briefs_rejected: int = 0


@dataclass
class RunSummary:
    """Counts and paths of a finished run (also written to run.json)."""

    briefs: int = 0
    mentions: int = 0
    events: int = 0
    rejected: int = 0
    seconds: float = 0.0
    out_dir: Path = Path("outputs")
    files: dict[str, FileStats] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.briefs} briefs, {self.mentions} mentions, {self.events} events, "
            f"{self.rejected} rejected in {self.seconds:.1f} s → {self.out_dir}/"
        )


class RunError(Exception):
    """A run that cannot produce anything (no input readable, strict mode violated)."""


def read_briefs(options: RunOptions, summary: RunSummary) -> Iterator[Brief]:
    """Stream briefs from every input file, recording reads and rejections per file."""
    files, rejections = discover(options.inputs)
    for rejection in rejections:
        _reject(summary, rejection)
    seen: dict[str, tuple[str, int]] = {}
    for path in files:
        records, report = read_file(path)
        stats = summary.files.setdefault(str(path), FileStats())
        stats.encoding = report.encoding
        for rejection in report.rejections:
            _reject(summary, rejection)
        for brief in segment(records):
            stats.briefs_read += 1
            if brief.brief_id in seen:
                first = seen[brief.brief_id]
                _reject(summary, Rejection(str(path), brief.index, f"{DUPLICATE} {first[0]} brief {first[1]}"))
                continue
            seen[brief.brief_id] = (str(path), brief.index)
            if brief.reference_date is None and options.reference_date is not None:
                brief = dataclasses.replace(brief, reference_date=options.reference_date)
            yield brief


def _reject(summary: RunSummary, rejection: Rejection) -> None:
    summary.rejections.append(rejection)
    stats = summary.files.setdefault(rejection.file, FileStats())
    stats.briefs_rejected += 1
    if not rejection.reason.startswith(DUPLICATE):
        # Rejected before segmentation (a bad record or an unreadable file): it still
        # counts as one record read. Duplicates were already counted by segmentation.
        stats.briefs_read += 1


def process(nlp, normalizer: Normalizer, extractor: EventExtractor, briefs) -> Iterator[BriefResult]:
    """Annotate briefs and turn each Doc into its mentions and events."""
    for doc, brief in annotate(nlp, briefs):
        mentions = normalizer.mentions(doc, brief)
        events = extractor.events(doc, brief, mentions)
        yield BriefResult(brief, tuple(mentions), tuple(events))


def extract(options: RunOptions) -> RunSummary:
    """Run the whole pipeline over `options.inputs` and write the tables to `options.out_dir`."""
    if options.engine == "dask":
        from .dask_engine import extract_dask

        return extract_dask(options)
    started = time.perf_counter()
    summary = RunSummary(out_dir=options.out_dir)
    models = models_dir(options.models)
    nlp, results = _results(options, models, read_briefs(options, summary))
    options.out_dir.mkdir(parents=True, exist_ok=True)
    progress = None
    with TableSet(options.out_dir) as tables:
        buffers: dict[str, list] = {"briefs": [], "mentions": [], "events": []}
        for n, result in enumerate(results, start=1):
            buffers["briefs"].append(brief_row(result.brief))
            buffers["mentions"].extend(result.mentions)
            buffers["events"].extend(result.events)
            summary.files.setdefault(result.brief.source, FileStats()).briefs_written += 1
            if options.strict and summary.rejections:
                raise RunError(f"--strict: {summary.rejections[0].file}: {summary.rejections[0].reason}")
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
        if options.strict and summary.rejections:
            raise RunError(f"--strict: {summary.rejections[0].file}: {summary.rejections[0].reason}")
        counts = tables.counts()
        if counts["briefs"] == 0:
            reasons = "; ".join(f"{r.file}: {r.reason}" for r in summary.rejections[:5]) or "no briefs in input"
            raise RunError(f"nothing could be read ({reasons})")
        tables.commit()
    summary.briefs, summary.mentions, summary.events = counts["briefs"], counts["mentions"], counts["events"]
    summary.rejected = len(summary.rejections)
    write_rejections(options.out_dir / "rejected.csv", summary.rejections)
    summary.seconds = time.perf_counter() - started
    write_json(options.out_dir / "run.json", manifest(options, summary, nlp))
    return summary


def _results(options: RunOptions, models: Path, briefs: Iterator[Brief]):
    """(the model or its meta for the manifest, the stream of results) for this run's engine."""
    if options.workers > 1:
        from .parallel import ModelInfo, process_parallel

        return ModelInfo.from_models(models), process_parallel(briefs, models, options.workers, options.batch_size)
    nlp = build_nlp(models)
    nlp.batch_size = options.batch_size
    results = process(nlp, Normalizer.from_models(models), EventExtractor.from_models(models), briefs)
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
        "rows": {"briefs": summary.briefs, "mentions": summary.mentions, "events": summary.events},
        "rejected": [dataclasses.asdict(r) for r in summary.rejections],
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
