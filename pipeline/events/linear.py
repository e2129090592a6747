"""Where the parse fails: the actor found by its position in the text.

French puts the subject right before its verb group; when the parser hangs it elsewhere (on a
dateline, a frame, a bracketed acronym, an apposition between commas), these read the names
before the verb linearly. `actors.syntactic_actor` calls them only when the parse gives no subject.
"""

from __future__ import annotations

from ..records import Mention
from .context import COUNTRY, NAME_KINDS, BriefContext

APPOSITION_SPAN = 10  # tokens an apposition between commas may take


def after_dateline(ctx: BriefContext, start: int, verb: int) -> Mention | None:
    """The parser took a dateline or a frame for the subject ("Le 8 avril 2025 à Abuja, le Nigeria, le Ghana et
    le Togo ont signé", "Lors de la visite du ministre X, Astana et Pékin ont signé"): the actor is the first name
    of the first comma-separated segment before the verb that does not open with a preposition (a place or a
    frame: "à Bruxelles", "en marge du forum"); a city there stands for its country (`as_party`)."""
    segment_start = None
    for t in range(start, verb):
        if ctx.lower[t] == ",":
            segment_start = t + 1
            continue
        if segment_start is None or t in ctx.date_tokens:
            continue
        if t == segment_start and ctx.pos[t] == "ADP":
            segment_start = None  # a prepositional segment: skip to the next comma
            continue
        m = ctx.name_at(t)
        if m is not None and m.kind in NAME_KINDS:
            return m
    return None


def name_before(ctx: BriefContext, verb: int) -> Mention | None:
    """An ORG, person or country named right before a verb group (auxiliaries, "ne", clitics skipped)."""
    group = [c for c in ctx.children[verb] if c < verb and (ctx.dep[c].startswith(("aux", "expl")) or ctx.lower[c] in ("ne", "n'", "n’"))]
    first = min([verb] + group)
    if first > 1 and ctx.lower[first - 1] == ")":
        # "Électricité de France (EDF) a raccordé…": the name comes before its acronym in brackets.
        opening = next((i for i in range(first - 2, max(first - 6, 0), -1) if ctx.lower[i] == "("), None)
        if opening is not None:
            first = opening
    if first == 0:
        return None
    m = ctx.name_at(first - 1)
    if m is not None and (m.kind in ("ORG", "PER") or m.place_kind == COUNTRY):
        return m
    return None


def name_before_apposition(ctx: BriefContext, verb: int) -> Mention | None:
    """A name followed by a definite apposition between commas right before a verb group the parser left
    without subject ("…que X, le fabricant belge de panneaux, a annoncé"): the name is the subject."""
    group = [c for c in ctx.children[verb] if c < verb and ctx.dep[c].startswith("aux")]
    first = min([verb] + group)
    if first < 4 or ctx.lower[first - 1] != ",":
        return None
    sentence_start = ctx.sentence(verb).start
    for comma in range(first - 2, max(first - 2 - APPOSITION_SPAN, sentence_start), -1):
        if ctx.lower[comma] != ",":
            continue
        if ctx.lower[comma + 1] not in ("le", "la", "l'", "l’", "les"):
            return None
        m = ctx.name_at(comma - 1)
        return m if m is not None and m.kind in ("ORG", "PER") else None
    return None
