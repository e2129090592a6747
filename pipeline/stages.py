"""The stage state: what turns briefs into mentions and events, loaded once per process.

`Stages` holds the spaCy pipeline, the normaliser and the event extractor. Every
engine builds one (`Stages.from_models`) where the work happens (this process,
each worker process, each Dask worker) and calls `process`; nothing else of the
run travels with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from .annotate import annotate, build_nlp
from .events import EventExtractor
from .incremental import pass_reused
from .normalize import Normalizer
from .records import Brief, BriefResult


@dataclass(frozen=True)
class Failure:
    """A brief whose normalisation or events raised: rejected by the run with the error's name and message."""

    brief: Brief
    error: Exception


@dataclass
class Stages:
    """The annotating pipeline, the normaliser and the event extractor of one models folder."""

    nlp: Language
    normalizer: Normalizer
    extractor: EventExtractor

    @classmethod
    def from_models(cls, models: str | Path, batch_size: int | None = None) -> "Stages":
        """Load the pipeline, gazetteers, patterns and lexicons of `models/` (seconds: do it once per process)."""
        models = Path(models)
        nlp = build_nlp(models)
        if batch_size:
            nlp.batch_size = batch_size
        return cls(nlp, Normalizer.from_models(models), EventExtractor.from_models(models))

    @property
    def meta(self) -> dict:
        """The base model's meta (name, version), for the run manifest."""
        return self.nlp.meta

    def process(
        self, briefs: Iterable[Brief | BriefResult], keep_going: bool = False
    ) -> Iterator[BriefResult | Failure]:
        """Annotate briefs and turn each Doc into its mentions and events, in input order.

        An item that is already a `BriefResult` (a brief an incremental run
        reuses, `pipeline.incremental`) passes through in its place. With
        `keep_going`, a brief whose normalisation or events raise is
        yielded as a `Failure` in its place, so one odd brief cannot sink a
        run; without it, the exception propagates (then only `BriefResult`s
        are yielded).
        """
        return pass_reused(briefs, lambda new: self._process(new, keep_going))

    def _process(self, briefs: Iterable[Brief], keep_going: bool) -> Iterator[BriefResult | Failure]:
        for doc, brief in annotate(self.nlp, briefs):
            try:
                mentions = self.normalizer.mentions(doc, brief)
                events = self.extractor.events(doc, brief, mentions)
            except Exception as exc:  # noqa: BLE001  (reported as a rejection with its reason)
                if not keep_going:
                    raise
                yield Failure(brief, exc)
                continue
            yield BriefResult(brief, tuple(mentions), tuple(events))
