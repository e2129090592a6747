"""Normalise ORG, LOC and PER spans: canonical name, country, place kind, coordinates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

from ..records import Brief, Mention


@dataclass
class EntityNormalizer:
    """Canonicalises entity spans (gazetteer lookups come with issue 3)."""

    @classmethod
    def from_models(cls, models: Path) -> "EntityNormalizer":
        return cls()

    def mention(self, ent: Span, brief: Brief) -> Mention:
        """One ORG/LOC/PER mention for a span of `doc.ents`."""
        return Mention(
            brief_id=brief.brief_id,
            kind=ent.label_,
            text=ent.text,
            start=ent.start_char,
            end=ent.end_char,
            normalized=ent.text,
            source="model",
        )
