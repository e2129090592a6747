"""French news brief extraction: entities, dates, quantities and events, traceable to their words.

As a library: `pipeline.extract(texts, reference_date=...)` returns the briefs,
mentions and events tables as pandas DataFrames (see `pipeline.library`). The
spaCy components are registered for other pipelines by `pipeline.spacy_factories`.
"""

from .version import __version__
__all__ = ["extract", "Tables", "__version__"]


def __getattr__(name: str):
    # Loaded on first use, so `python -m pipeline --version` and the CLI's argument
    # checks do not import spaCy and pandas.
    if name in ("extract", "Tables"):
        from . import library

        return getattr(library, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
