"""`briefs.quantities`: find quantity expressions with the project's token grammar."""

from __future__ import annotations

from spacy.language import Language

from . import QUANTITIES
from .rules import make_span_ruler


@Language.factory(
    "briefs_quantities", default_config={"patterns": None, "spans_key": QUANTITIES}, assigns=["doc.spans"]
)
def make_quantities(nlp: Language, name: str, patterns: str, spans_key: str):
    return make_span_ruler(nlp, name, patterns, spans_key)
