"""Local engine: the stages in this process, one brief after another in spaCy batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..records import Brief, BriefResult
from ..stages import Failure, Stages


class LocalEngine:
    """Runs `Stages.process` here; the default engine (`--workers 1`)."""

    name = "local"
    partitioned = False

    def __init__(self, stages: Stages):
        self.stages = stages

    @classmethod
    def from_models(cls, models: str | Path, batch_size: int | None = None) -> "LocalEngine":
        """Load the stages of `models/` now (model, patterns, gazetteers, lexicons)."""
        return cls(Stages.from_models(models, batch_size))

    @property
    def meta(self) -> dict:
        return self.stages.meta

    def run(self, briefs: Iterable[Brief]) -> Iterator[BriefResult | Failure]:
        """Results in input order; a brief whose stages raise comes back as a `Failure`."""
        return self.stages.process(briefs, keep_going=True)

    def describe(self) -> dict | None:
        return None
