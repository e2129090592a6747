"""Annotate: build the project's spaCy pipeline from `models/pipeline.cfg` and run it.

The base model is loaded with the components the project does not use excluded;
the project's components (factories `briefs_*`) are appended in the order and
with the settings the config gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from confection import Config
from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers the briefs_* factories)
from .records import Brief
from .resources import models_dir


def load_config(models: Path) -> Config:
    """Read `pipeline.cfg` with `${paths.models}` pointing at `models`."""
    return Config().from_disk(models / "pipeline.cfg", overrides={"paths.models": str(models)})


def build_nlp(models: str | Path | None = None) -> Language:
    """Load the base model and append the project's components as configured.

    >>> nlp = build_nlp()  # doctest: +SKIP
    >>> nlp.pipe_names[-1]  # doctest: +SKIP
    'briefs_quantities'
    """
    folder = models_dir(models)
    config = load_config(folder)
    base = config["base"]
    nlp = spacy.load(base["model"], exclude=list(base.get("exclude", [])))
    nlp.batch_size = config["nlp"].get("batch_size", nlp.batch_size)
    for name in config["nlp"]["pipeline"]:
        settings = dict(config["components"][name])
        factory = settings.pop("factory")
        # `before` places a component inside the base model (e.g. ahead of its parser).
        before = settings.pop("before", None)
        nlp.add_pipe(factory, name=name, config=settings, before=before)
    return nlp


def annotate(nlp: Language, briefs: Iterable[Brief], batch_size: int | None = None) -> Iterator[tuple[Doc, Brief]]:
    """Run the pipeline over briefs in batches; yield each Doc with its brief, in order."""
    pairs = ((brief.full_text, brief) for brief in briefs)
    yield from nlp.pipe(pairs, as_tuples=True, batch_size=batch_size or nlp.batch_size)
