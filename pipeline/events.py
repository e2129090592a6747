"""Events: type each brief's events with the taxonomy and fill their arguments.

A pure function of the annotated Doc, its brief and its normalised mentions;
cues come from `models/lexicons/event_cues.tsv`.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from .records import Brief, Event, Mention

CAMEO = {"agreement": "057", "diplomacy": "040"}
PLOVER = {"agreement": "AGREE", "diplomacy": "CONSULT"}


@dataclass(frozen=True)
class Cue:
    event_type: str
    lemma: str
    weight: float


def load_cues(path: Path) -> dict[str, Cue]:
    """Read the cue lexicon (TSV: event_type, lemma, weight; `#` starts a comment)."""
    cues: dict[str, Cue] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            event_type, lemma, weight = row[0], row[1], float(row[2])
            cues[lemma.lower()] = Cue(event_type, lemma.lower(), weight)
    return cues


@dataclass
class EventExtractor:
    """Finds events in annotated briefs with a cue lexicon."""

    cues: dict[str, Cue]

    @classmethod
    def from_models(cls, models: Path) -> "EventExtractor":
        return cls(cues=load_cues(models / "lexicons" / "event_cues.tsv"))

    def events(self, doc: Doc, brief: Brief, mentions: list[Mention]) -> list[Event]:
        """One event per brief: the first cue found, else `other` with low confidence."""
        trigger = next((tok for tok in doc if tok.lemma_.lower() in self.cues), None)
        if trigger is None:
            sent = next(iter(doc.sents), None) if len(doc) else None
            event_type, confidence = "other", 0.1
            trigger_text, t_start, t_end = None, None, None
        else:
            sent = trigger.sent
            cue = self.cues[trigger.lemma_.lower()]
            event_type, confidence = cue.event_type, 0.5 * cue.weight
            trigger_text, t_start, t_end = trigger.text, trigger.idx, trigger.idx + len(trigger.text)
        # Stopgap until event dating: a year, month or span is usually a target, not the event's day.
        dates = [m for m in mentions if m.kind == "DATE" and m.normalized and m.granularity == "day"]
        date = dates[0] if dates else None
        countries = [m.country for m in mentions if m.kind == "LOC" and m.country]
        missing = []
        if date is None:
            missing.append("event_date: no date in brief")
        if not countries:
            missing.append("country: no place with a known country")
        missing += ["actor: not resolved", "partner: not resolved", "place: not resolved"]
        return [
            Event(
                event_id=hashlib.sha256(f"{brief.brief_id}:0:{event_type}".encode()).hexdigest()[:16],
                brief_id=brief.brief_id,
                event_type=event_type,
                trigger=trigger_text,
                trigger_start=t_start,
                trigger_end=t_end,
                event_date=date.normalized if date else None,
                event_date_start=date.date_start if date else None,
                event_date_end=date.date_end if date else None,
                country=countries[0] if countries else None,
                evidence=sent.text if sent is not None else None,
                confidence=round(confidence, 3),
                cameo=CAMEO.get(event_type),
                plover=PLOVER.get(event_type),
                missing="; ".join(missing) or None,
            )
        ]
