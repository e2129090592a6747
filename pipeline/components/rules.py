"""Shared builder for rule components: a spaCy SpanRuler fed from a JSONL pattern file."""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.util import registry


def read_patterns(path: str | Path) -> list[dict]:
    """Read span-ruler patterns (one JSON object per line: label, pattern, optional id)."""
    return list(srsly.read_jsonl(Path(path)))


def make_span_ruler(nlp: Language, name: str, patterns: str | Path, spans_key: str) -> SpanRuler:
    """A SpanRuler writing longest non-overlapping matches to `doc.spans[spans_key]`."""
    ruler = SpanRuler(
        nlp,
        name,
        spans_key=spans_key,
        spans_filter=registry.misc.get("spacy.first_longest_spans_filter.v1")(),
        annotate_ents=False,
        overwrite=True,
        validate=True,
    )
    ruler.add_patterns(read_patterns(patterns))
    return ruler
