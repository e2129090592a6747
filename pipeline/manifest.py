"""The run manifest, `run.json`: inputs, accounting, rows written, versions and timings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from .accounting import RunSummary
from .records import SCHEMA_VERSION

DISTRIBUTION = "briefs-pipeline"


def build_manifest(
    inputs: Sequence[Path],
    reference_date: dt.date | None,
    summary: RunSummary,
    meta: dict,
    engine: dict | None = None,
) -> dict:
    """The manifest of a finished run; `meta` is the base model's, `engine` the engine's own entry (if any)."""
    files = {
        name: {
            "encoding": s.encoding,
            "encoding_fallback": s.encoding not in (None, "utf-8", "utf-8-sig"),
            "layout": s.layout,
            "briefs_read": s.briefs_read,
            "briefs_written": s.briefs_written,
            "briefs_rejected": s.briefs_rejected,
            "languages": dict(sorted(s.languages.items())),
            "notes": s.notes,
        }
        for name, s in sorted(summary.files.items())
    }
    document = {
        "schema_version": SCHEMA_VERSION,
        "inputs": [str(p) for p in inputs],
        "reference_date": reference_date.isoformat() if reference_date else None,
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
            "pipeline": metadata.version(DISTRIBUTION) if _installed(DISTRIBUTION) else None,
            "spacy": metadata.version("spacy"),
            "model": f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}",
        },
        "incremental": summary.incremental,
        "fingerprint": summary.fingerprint,
        "timings": {"seconds": round(summary.seconds, 3)},
    }
    if summary.load_seconds is not None:
        document["timings"]["load_seconds"] = round(summary.load_seconds, 3)
    if engine is not None:
        document["engine"] = engine
    return document


def _installed(dist: str) -> bool:
    try:
        metadata.version(dist)
    except metadata.PackageNotFoundError:
        return False
    return True
