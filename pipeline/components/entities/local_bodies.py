"""Places named inside a local government body's name: "la mairie de X" names X as well as the body."""

from __future__ import annotations

from .candidates import EntityCandidate
from .view import TokenView
from .words import EntityWords


def places_in_bodies(
    words: EntityWords, doc: TokenView, chosen: list[EntityCandidate], cands: list[EntityCandidate]
) -> list[EntityCandidate]:
    """Known cities and regions named as the complement of a local government body's name, in text order.

    "la mairie de Bichkek", "l'akimat de la région de Jambyl" name Bichkek and Jambyl as
    well as the body (`local_body` in place_cues.tsv); a company's, an agency's or a known
    international body's name does not ("Air Astana", "le Combinat minier de Navoï", "l'Organisation
    de coopération de Shanghai"), and a country so named ("la Banque centrale d'Ouzbékistan") is the
    body's country, no place mention (GUIDELINES).
    """
    keys = doc.keys
    local = words.gaz.cues.get("local_body", {})
    bodies = []
    for c in chosen:
        if c.label != "ORG" or c.hint.key:
            continue
        start = c.start + (keys[c.start] in words.articles)
        if start < c.end and keys[start] in local:
            bodies.append(c)
    if not bodies:
        return []
    found: dict[tuple[int, int], EntityCandidate] = {}
    for p in cands:
        if p.label != "LOC" or not p.hint.key or (p.start, p.end) in found:
            continue
        place = words.gaz.places.get(p.hint.key)
        if place is None or place.kind not in ("region", "city"):
            continue
        before = p.start - 1
        if before >= 0 and keys[before] in ("la", "l'"):
            before -= 1
        if before < 0 or keys[before] not in words.de_forms:
            continue
        if any(
            b.start < p.start and p.end <= b.end and b.end - b.start > p.end - p.start
            and _governs(words, doc, b, before) for b in bodies
        ):
            found[(p.start, p.end)] = p
    return [found[k] for k in sorted(found)]


def _governs(words: EntityWords, doc: TokenView, body: EntityCandidate, de: int) -> bool:
    """Whether the place after the "de" at `de` is what the body governs: between the body's head and
    that "de" come only adjectives, articles, "de" and place nouns ("le conseil régional de X",
    "l'akimat de la région de X"), not a field of its own ("le Conseil interprofessionnel des vins du
    Languedoc" is a trade body named after a region, which it does not govern)."""
    keys, pos = doc.keys, doc.pos
    head = body.start + (keys[body.start] in words.articles)
    for k in range(head + 1, de):
        if not (keys[k] in words.de_forms or keys[k] in words.articles or keys[k] in words.place_nouns
                or pos[k] == "ADJ" and doc.texts[k].islower()):
            return False
    return True
