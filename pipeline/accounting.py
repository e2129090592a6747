"""Accounting of a run: every brief read is written or rejected, file by file.

`RunSummary` gathers the counts, rejections and origins while the run reads and
writes; `reject` and `reject_failed` record a rejection where it happens;
`close_summary` checks that per file briefs_read = briefs_written +
briefs_rejected before anything is committed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .records import Brief, Rejection

DUPLICATE = "duplicate of"


class RunError(Exception):
    """A run that cannot produce anything (no input readable, strict mode violated, counts that do not add up)."""


@dataclass
class FileStats:
    """Accounting of one input file: briefs_read = briefs_written + briefs_rejected."""

    encoding: str | None = None
    layout: str | None = None  # see ingest.FileReport.layout
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
    left_alone: list[str] = field(default_factory=list)  # files in the output folder the project never writes
    # brief_id -> (input file, line or record): the accounting key of a written brief
    # (its `source` column may be a JSONL record's own field) and the first
    # occurrence a duplicate points to.
    origins: dict[str, tuple[str, int]] = field(default_factory=dict)
    strict: bool = False
    # Seconds the engine took to load what it needs before its first brief (model,
    # patterns, gazetteers) when it loads in this process; None when it loads elsewhere.
    load_seconds: float | None = None
    # `Reuse.accounting()` of an incremental run: reused, extracted, dropped, full_run_reason.
    incremental: dict = field(default_factory=dict)
    # `Fingerprint.to_json()`: what the rows depend on besides the briefs (pipeline.incremental).
    fingerprint: dict | None = None

    def line(self) -> str:
        reuse = ""
        if self.incremental.get("reused"):
            reuse = f" ({self.incremental['reused']} reused, {self.incremental['extracted']} extracted)"
        elif self.incremental.get("full_run_reason"):
            reuse = " (full run)"
        return (
            f"{self.briefs} briefs{reuse}, {self.mentions} mentions, {self.events} events ({self.stories} stories), "
            f"{self.rejected} rejected in {self.seconds:.1f} s → {self.out_dir}/"
        )

    def written(self, brief_id: str) -> None:
        """Count one brief as written, against the file it was read from."""
        self.files[self.origins[brief_id][0]].briefs_written += 1


def reject(summary: RunSummary, rejection: Rejection, counted: bool = False) -> None:
    """Record a rejection; `counted` when segmentation already counted the brief as read.

    Raises `RunError` in strict mode.
    """
    summary.rejections.append(rejection)
    stats = summary.files.setdefault(rejection.file, FileStats())
    stats.briefs_rejected += 1
    if not counted:
        # Rejected before segmentation (a bad record or an unreadable file): it still
        # counts as one record read.
        stats.briefs_read += 1
    if summary.strict:
        raise RunError(f"--strict: rejected {where(rejection)}: {rejection.reason}")


def reject_failed(summary: RunSummary, brief: Brief, exc: Exception) -> None:
    """Reject a brief whose extraction raised, naming the error (the brief was counted as read)."""
    file, line = summary.origins[brief.brief_id]
    reason = f"extraction failed: {type(exc).__name__}: {exc}"[:300]
    reject(summary, Rejection(file, line, reason), counted=True)


def where(rejection: Rejection) -> str:
    """`file:record` of a rejection, for messages."""
    return rejection.file + (f":{rejection.record}" if rejection.record is not None else "")


def close_summary(
    summary: RunSummary, counts: dict[str, int], started: float, inputs: Sequence[Path] = ()
) -> None:
    """Fill in the rows written and the time taken, and check the accounting.

    Raises `RunError` when no brief was written or the counts do not add up.
    """
    if counts["briefs"] == 0:
        raise RunError(nothing_read(inputs, summary))
    summary.briefs, summary.mentions, summary.events = counts["briefs"], counts["mentions"], counts["events"]
    summary.stories = counts.get("stories", 0)
    summary.rejected = len(summary.rejections)
    check_accounting(summary)
    summary.seconds = time.perf_counter() - started


def nothing_read(inputs: Sequence[Path], summary: RunSummary) -> str:
    """The error message of a run that wrote no brief, naming every input file and why."""
    if not summary.files:
        names = ", ".join(str(p) for p in inputs)
        skipped = f" ({len(summary.skipped)} output folders of earlier runs passed over)" if summary.skipped else ""
        return f"nothing could be read: no input file in {names}{skipped}"
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
