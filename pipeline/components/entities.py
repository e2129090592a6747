"""`briefs.entities`: keep the model's ORG, LOC and PER entities, drop the rest."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class EntityFilter:
    """Keeps only the entity labels the project reports."""

    def __init__(self, keep_labels: list[str]):
        self.keep_labels = frozenset(keep_labels)

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [ent for ent in doc.ents if ent.label_ in self.keep_labels]
        return doc


@Language.factory(
    "briefs_entities",
    default_config={"keep_labels": ["ORG", "LOC", "PER"]},
    requires=["doc.ents"],
    assigns=["doc.ents"],
)
def make_entities(nlp: Language, name: str, keep_labels: list[str]) -> EntityFilter:
    return EntityFilter(keep_labels)
