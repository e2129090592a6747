"""`briefs.dates`: find date expressions with the project's token grammar (models/patterns/dates.jsonl)."""

from __future__ import annotations

from spacy.language import Language

from . import DATES
from .rules import make_span_ruler


@Language.factory("briefs_dates", default_config={"patterns": None, "spans_key": DATES}, assigns=["doc.spans"])
def make_dates(nlp: Language, name: str, patterns: str, spans_key: str):
    return make_span_ruler(nlp, name, patterns, spans_key)
