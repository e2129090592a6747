"""Events linked to the mentions that fill them, and mention ids (records.Mention, events.links)."""

from __future__ import annotations

import dataclasses

from pipeline.events.links import link_event, locate_evidence
from pipeline.records import Brief, Event, Mention

HEADLINE = "Le port de Tanger signe avec Maersk"
TEXT = (
    "Maersk exploitera le terminal de Tanger. Le port de Tanger a signé le 3 mars 2025 un contrat de 40 millions "
    "d'euros avec Maersk."
)
BRIEF = Brief("b7", "f.txt", None, 1, HEADLINE, TEXT, None)
FULL = BRIEF.full_text


def _mention(kind: str, text: str, nth: int = 0, **values) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = FULL.index(text, start + 1)
    return Mention("b7", kind, text, start, start + len(text), **values)


MENTIONS = [
    _mention("LOC", "Tanger", 0, normalized="Tanger"),
    _mention("ORG", "Maersk", 0, normalized="Maersk"),
    _mention("ORG", "Maersk", 1, normalized="Maersk"),
    _mention("LOC", "Tanger", 1, normalized="Tanger"),
    _mention("LOC", "Tanger", 2, normalized="Tanger"),
    _mention("DATE", "3 mars 2025", normalized="2025-03-03"),
    _mention("QUANTITY", "40 millions d'euros", value=40_000_000.0, unit="EUR", normalized="40000000 EUR"),
    _mention("ORG", "Maersk", 2, normalized="Maersk"),
]
EVIDENCE = "Le port de Tanger a signé le 3 mars 2025 un contrat de 40 millions d'euros avec Maersk."
EVENT = Event(
    "e1", "b7", "agreement", "a signé", FULL.index("a signé"), FULL.index("a signé") + 7,
    event_date="2025-03-03", actor="Maersk", partner="Inconnue SA", place="Tanger",
    quantity_value=40_000_000.0, quantity_unit="EUR", evidence=EVIDENCE,
)


def test_arguments_link_to_the_mention_in_the_evidence_sentence():
    linked = link_event(EVENT, BRIEF, MENTIONS)
    start = FULL.index(EVIDENCE)
    assert (linked.evidence_start, linked.evidence_end) == (start, start + len(EVIDENCE))
    assert linked.place_mention_id == MENTIONS[4].mention_id  # the third "Tanger", in the evidence
    assert linked.actor_mention_id == MENTIONS[7].mention_id  # the "Maersk" of the evidence, not the headline's
    assert linked.date_mention_id == MENTIONS[5].mention_id
    assert linked.quantity_mention_id == MENTIONS[6].mention_id
    assert linked.partner_mention_id is None  # a name no mention carries gets no id


def test_a_quantity_with_another_unit_is_not_linked():
    linked = link_event(dataclasses.replace(EVENT, quantity_unit="USD"), BRIEF, MENTIONS)
    assert linked.quantity_mention_id is None


def test_evidence_located_at_the_trigger_when_repeated():
    text = "Accord signé. Accord signé."
    assert locate_evidence(text, "Accord signé.", 21) == (14, 27)
    assert locate_evidence(text, "Accord signé.", None) == (0, 13)
    assert locate_evidence(text, "Absent.", 3) is None


def test_mention_id_is_stable_and_follows_the_offsets():
    m = MENTIONS[0]
    assert m.mention_id == Mention("b7", "LOC", "Tanger", m.start_char, m.end_char).mention_id
    moved = dataclasses.replace(m, start_char=m.start_char + 1)
    assert moved.mention_id != m.mention_id
    assert len({x.mention_id for x in MENTIONS}) == len(MENTIONS)
