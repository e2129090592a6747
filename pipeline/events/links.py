"""Links: tie a finished event to the mentions that fill its arguments, and locate its evidence.

A pure function after event assembly: it reads only the `Event` (its argument
values and trigger offsets), the brief and the brief's mentions, so the rules
that choose the arguments stay in `actors`, `partners`, `places`, `quantities` and `dates`. Researchers join
`events.actor_mention_id` (and the others) to `mentions.mention_id` instead of
matching strings.

An argument is linked to a mention of a kind that can fill it whose value is
the argument's value (the canonical name, or the text when there is none; the
ISO value of a date; the value and unit of a quantity). When several mentions
carry that value, the one inside the evidence sentence wins, then the one
nearest the trigger, then the first; an argument no mention carries (a name
the entity rules did not tag) gets no id.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from ..records import Brief, Event, Mention

NAME_KINDS = ("ORG", "PER", "LOC")


def link_event(event: Event, brief: Brief, mentions: Sequence[Mention]) -> Event:
    """The event with `evidence_start`/`evidence_end` and the `*_mention_id` of each filled argument.

    >>> brief = Brief("b1", "s", None, 1, None, "Astana a signé un accord.", None)
    >>> loc = Mention("b1", "LOC", "Astana", 0, 6, normalized="Astana")
    >>> event = Event("e1", "b1", "agreement", "a signé", 7, 14, actor="Astana", evidence="Astana a signé un accord.")
    >>> linked = link_event(event, brief, [loc])
    >>> (linked.actor_mention_id == loc.mention_id, linked.evidence_start, linked.evidence_end)
    (True, 0, 25)
    """
    text = brief.full_text
    evidence = locate_evidence(text, event.evidence, event.trigger_start)
    anchor = event.trigger_start if event.trigger_start is not None else (evidence[0] if evidence else 0)

    def pick(matches: Callable[[Mention], bool]) -> str | None:
        found = [m for m in mentions if matches(m)]
        if not found:
            return None

        def rank(m: Mention) -> tuple:
            inside = evidence is not None and evidence[0] <= m.start_char and m.end_char <= evidence[1]
            return (not inside, abs(m.start_char - anchor), m.start_char)

        return min(found, key=rank).mention_id

    def named(name: str | None, kinds: tuple[str, ...]) -> str | None:
        if name is None:
            return None
        return pick(lambda m: m.kind in kinds and (m.normalized or m.text) == name)

    date_id = None
    if event.event_date is not None:
        date_id = pick(lambda m: m.kind == "DATE" and m.normalized == event.event_date)
    quantity_id = None
    if event.quantity_value is not None:
        quantity_id = pick(
            lambda m: m.kind == "QUANTITY" and m.value == event.quantity_value and m.unit == event.quantity_unit
        )
    return dataclasses.replace(
        event,
        evidence_start=evidence[0] if evidence else None,
        evidence_end=evidence[1] if evidence else None,
        actor_mention_id=named(event.actor, NAME_KINDS),
        partner_mention_id=named(event.partner, NAME_KINDS),
        place_mention_id=named(event.place, ("LOC",)),
        date_mention_id=date_id,
        quantity_mention_id=quantity_id,
    )


def locate_evidence(text: str, evidence: str | None, trigger_start: int | None) -> tuple[int, int] | None:
    """Character offsets of the evidence sentence in the brief's text: the occurrence holding the trigger, else the first.

    >>> locate_evidence("Il pleut. Il pleut.", "Il pleut.", 12)
    (10, 19)
    """
    if not evidence:
        return None
    first = None
    at = text.find(evidence)
    while at != -1:
        if first is None:
            first = at
        if trigger_start is None or at <= trigger_start < at + len(evidence):
            return at, at + len(evidence)
        at = text.find(evidence, at + 1)
    return (first, first + len(evidence)) if first is not None else None
