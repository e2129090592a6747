"""Normalise: turn the spans of an annotated Doc into typed `Mention` records.

Pure functions after the Doc: each span's text (and its label from the grammar)
plus explicit context (the brief's reference date, the gazetteers loaded once)
give a normalised value. Nothing here reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from ..components import DATES, INNER_PLACES, QUANTITIES
from ..records import Brief, Mention
from .dates import DateLexicon, normalize_date
from .entities import EntityNormalizer
from .quantities import QuantityLexicon, normalize_quantity


@dataclass
class Normalizer:
    """Everything normalisation needs, loaded once from `models/`."""

    entities: EntityNormalizer
    quantities: QuantityLexicon
    dates: DateLexicon

    @classmethod
    def from_models(cls, models: Path) -> "Normalizer":
        return cls(
            entities=EntityNormalizer.from_models(models),
            quantities=QuantityLexicon.from_folder(models / "lexicons"),
            dates=DateLexicon.from_models(models),
        )

    def mentions(self, doc: Doc, brief: Brief) -> list[Mention]:
        """All mentions of one brief, sorted by position then kind.

        Offsets are character offsets into `brief.full_text` (the Doc's text).
        """
        # Span texts are cut from the text by the spans' character offsets, which spaCy
        # keeps: `span.text` would build a Token per word.
        text = brief.full_text
        if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
            text = doc.text  # not the brief's Doc: its own text, as `span.text` reads it
        out: list[Mention] = []
        for ent in doc.ents:
            out.append(self.entities.mention(ent, brief, text[ent.start_char : ent.end_char]))
        for span in doc.spans.get(INNER_PLACES, []):  # "la Banque centrale d'Ouzbékistan" names the country too
            out.append(self.entities.mention(span, brief, text[span.start_char : span.end_char]))
        dates = [
            (span, text[span.start_char : span.end_char], span.label_) for span in doc.spans.get(DATES, [])
        ]
        values = [normalize_date(span_text, label, None, self.dates) for _, span_text, label in dates]
        # The years the brief writes out place its dates without year (see `normalize_date`).
        years = frozenset(y for v in values if v.value for y in (v.start.year, v.end.year))
        for (span, span_text, label), value in zip(dates, values):
            if value.value is None and brief.reference_date is not None:
                value = normalize_date(span_text, label, brief.reference_date, self.dates, years)
            out.append(
                Mention(
                    brief_id=brief.brief_id,
                    kind="DATE",
                    text=span_text,
                    start_char=span.start_char,
                    end_char=span.end_char,
                    normalized=value.value,
                    date_start=value.start,
                    date_end=value.end,
                    granularity=value.granularity,
                    qualifier=value.modifier,
                    source=f"rule:{label}",
                    note=value.note,
                )
            )
        for span in doc.spans.get(QUANTITIES, []):
            span_text, label = text[span.start_char : span.end_char], span.label_
            # The words just before the span carry its qualifier ("près de", "plus de").
            context = ""
            if span.start:
                first, last = doc[max(0, span.start - 4)], doc[span.start - 1]
                context = text[first.idx : last.idx + len(last)]
            shared = span.kb_id_  # a range's first figure: the scale and unit of the figure after it
            q = normalize_quantity(f"{span_text} {shared}" if shared else span_text, self.quantities, context, label)
            note = q.note or (f"range: scale and unit from the figure after it ({shared})" if shared else None)
            out.append(
                Mention(
                    brief_id=brief.brief_id,
                    kind="QUANTITY",
                    text=span_text,
                    start_char=span.start_char,
                    end_char=span.end_char,
                    normalized=q.normalized,
                    value=q.value,
                    unit=q.unit,
                    qualifier=q.qualifier,
                    source=f"rule:{label}",
                    note=note,
                )
            )
        out.sort(key=lambda m: (m.start_char, m.end_char, m.kind))
        return out
