"""Normalise: turn the spans of an annotated Doc into typed `Mention` records.

Pure functions after the Doc: each span's text (and its label from the grammar)
plus explicit context (the brief's reference date, the gazetteers loaded once)
give a normalised value. Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import replace as dc_replace
from pathlib import Path

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from ..lexicons.dates import DateLexicon
from ..records import Brief, Mention
from ..spans import DATES, INNER_PLACES, QUANTITIES, QuantityHint
from .dates import NO_REFERENCE, NO_YEAR, DateValue, normalize_date
from .entities import EntityNormalizer
from .quantities import QuantityLexicon, currency_in_context, normalize_quantity


NEEDS_REFERENCE = (NO_REFERENCE, NO_YEAR)
NO_CURRENCY = "XXX"  # ISO 4217 "no currency": a shared currency word no country of the brief resolves


def _sentence_index(doc: Doc) -> list[int]:
    """The sentence number of each token (0 for all when the Doc has no sentences)."""
    if not len(doc) or not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    # One read of the SENT_START column (1 = starts a sentence) instead of a Token object per token.
    starts = doc.to_array(SENT_START) == 1
    starts[0] = True
    return (numpy.cumsum(starts) - 1).tolist()


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

    def _resolve(
        self, start: int, text: str, label: str, dates: list, values: list[DateValue],
        reference_date: dt.date | None, years: frozenset[int],
    ) -> DateValue:
        """Value of a date that needs a reference (GUIDELINES, "Relative dates").

        "le lendemain", "la veille", "le mois précédent" (DATE_ANA) count from the last full
        date (a day with its year) written before them. Other relative dates count from the
        brief's reference date; a brief without one uses that last full date instead
        (narrative anchoring), and the note names it. With neither the value stays empty.
        """
        anchor = None
        for (other, _, _), value in zip(dates, values):
            if other.start_char >= start:
                break
            if value.granularity == "day" and value.note is None:
                anchor = value.start
        if label.startswith("DATE_ANA"):
            if anchor is None:
                return dc_replace(normalize_date(text, label, None, self.dates),
                                  note="counts from a full date written before it; none is")
            value = normalize_date(text, label, anchor, self.dates)
            return dc_replace(value, note=f"counted from {anchor.isoformat()} written before it")
        if reference_date is not None:
            return normalize_date(text, label, reference_date, self.dates, years)
        if anchor is None:
            return normalize_date(text, label, None, self.dates)
        value = normalize_date(text, label, anchor, self.dates, years)
        if value.value is None:
            return value
        return dc_replace(value, note=f"resolved against {anchor.isoformat()} written in the brief")

    def _scaled(self, text: str) -> bool:
        """Whether a quantity's text holds a scale word ("millions", "Md")."""
        return any(w in self.quantities.scales or w.lower() in self.quantities.scales for w in text.split())

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
        out.extend(self._date_mentions(doc, brief, text))
        # The countries the brief names, in text order: they choose among currencies sharing a word.
        # The countries of the places named (once per mention), else of the organisations named.
        countries = [m.country for m in out if m.kind == "LOC" and m.country] or [
            m.country for m in out if m.kind == "ORG" and m.country
        ]
        out.extend(self._quantity_mentions(doc, brief, text, countries))
        out.sort(key=lambda m: (m.start_char, m.end_char, m.kind))
        return out

    def _date_mentions(self, doc: Doc, brief: Brief, text: str) -> list[Mention]:
        """The DATE mentions of one brief: each date span normalised, a relative one anchored (`_resolve`)."""
        out: list[Mention] = []
        dates = [
            (span, text[span.start_char : span.end_char], span.label_) for span in doc.spans.get(DATES, [])
        ]
        values = [normalize_date(span_text, label, None, self.dates) for _, span_text, label in dates]
        # The years the brief writes out place its dates without year (see `normalize_date`).
        years = frozenset(y for v in values if v.value for y in (v.start.year, v.end.year))
        for (span, span_text, label), value in zip(dates, values):
            if value.value is None and value.note in NEEDS_REFERENCE:
                value = self._resolve(span.start_char, span_text, label, dates, values, brief.reference_date, years)
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
        return out

    def _quantity_mentions(self, doc: Doc, brief: Brief, text: str, countries: list[str]) -> list[Mention]:
        """The QUANTITY mentions of one brief: each span normalised; an elliptic figure takes the unit
        written before it, a currency word several currencies share the one of `countries`."""
        out: list[Mention] = []
        quantity_spans = sorted(doc.spans.get(QUANTITIES, []), key=lambda s: (s.start, -s.end))
        sentence_of = _sentence_index(doc) if quantity_spans else []
        units_before: list[tuple[int, str, bool]] = []  # (sentence, unit, written with a scale word)
        for span in quantity_spans:
            span_text, label = text[span.start_char : span.end_char], span.label_
            # The words just before the span carry its qualifier ("près de", "plus de").
            context = ""
            if span.start:
                first, last = doc[max(0, span.start - 4)], doc[span.start - 1]
                context = text[first.idx : last.idx + len(last)]
            # a range's first figure: the scale and unit of the figure after it
            shared = QuantityHint.decode(span.kb_id_).shared
            q = normalize_quantity(f"{span_text} {shared}" if shared else span_text, self.quantities, context, label)
            note = q.note or (f"range: scale and unit from the figure after it ({shared})" if shared else None)
            if label == "ELLIPSIS":
                # "40 millions d'euros … et 30 millions": the unit of the quantity before it, in
                # the same sentence or the one before ("contre 20": the same sentence only).
                sentence = sentence_of[span.start]
                # With a scale word ("30 millions") the unit comes from the last quantity written
                # with one too ("40 millions d'euros", not "9 000 MW"), in this sentence or the one before.
                scaled = self._scaled(f"{span_text} {shared}")
                unit = next((u for s, u, sc in reversed(units_before) if sentence - s <= int(scaled) and sc >= scaled), None)
                if unit is None or q.value is None:
                    continue  # no unit to take: a bare figure is no quantity
                q = dc_replace(q, unit=unit, note=None)
                note = f"unit of the quantity before it ({unit})"
            elif q.unit in self.quantities.currency_codes:
                unit = currency_in_context(span_text, q.unit, countries, self.quantities)
                if unit == NO_CURRENCY:
                    q = dc_replace(q, value=None, unit=None)
                    note = f"currency word shared by several currencies, and no country of one named: {span_text!r}"
                elif unit != q.unit:
                    q = dc_replace(q, unit=unit)
                    note = f"currency of the countries the brief names ({unit})"
            if q.value is not None and q.unit:
                units_before.append((sentence_of[span.start], q.unit, self._scaled(f"{span_text} {shared}")))
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
        return out
