"""How the places of a brief relate: one named inside another by an apposition ("X, dans la province
de Y"), and the two ends of a link ("la ligne X–Y", "entre X et Y"), which situate no event."""

from __future__ import annotations

from .context import BriefContext
from .triggers import VERB_POS

# Prepositions of an apposition that puts a place inside another ("X, dans la Manche", "X, au Québec").
_WITHIN = frozenset({"dans", "au", "en", "aux"})
# Marks between the two ends of a line's name ("la ligne X–Y").
_LINK_MARKS = frozenset({"–", "—", "-", "‑"})


def place_containers(ctx: BriefContext) -> dict[int, set[int]]:
    """Start token of each place an apposition says contains another → the starts of the places it contains.

    "Dholera, dans le Gujarat", "Kanazawa, dans la préfecture d'Ishikawa", "Tsuruga, dans celle de Fukui":
    a comma, a preposition of inclusion, then at most four lower-case words before the larger place.
    """
    out: dict[int, set[int]] = {}
    spans = [span for _, span in ctx.places]
    for inner, outer in zip(spans, spans[1:]):
        gap = range(inner.end, outer.start)
        if len(gap) < 2 or len(gap) > 6 or ctx.token_text(inner.end) != "," or ctx.lower[inner.end + 1] not in _WITHIN:
            continue
        if all(ctx.token_text(t).islower() and ctx.pos[t] not in VERB_POS for t in gap[2:]):
            out.setdefault(outer.start, set()).add(inner.start)
    return out


def link_ends(ctx: BriefContext) -> set[int]:
    """Start tokens of places named as the two ends of a link: "la ligne X–Y", "entre X et Y"."""
    ends: set[int] = set()
    n = len(ctx.head)
    for _, span in ctx.places:
        # "Bakhty–Ayagoz": glued to another capitalised name by a dash, a place the gazetteer knows or not
        before, after = span.start - 1, span.end
        if before >= 1 and ctx.token_text(before) in _LINK_MARKS and ctx.end_char(before - 1) == ctx.idx[before] \
                and ctx.idx[span.start] == ctx.end_char(before) and ctx.token_text(before - 1)[:1].isupper():
            ends.add(span.start)
        if after + 1 < n and ctx.token_text(after) in _LINK_MARKS and ctx.idx[after] == ctx.end_char(after - 1) \
                and ctx.end_char(after) == ctx.idx[after + 1] and ctx.token_text(after + 1)[:1].isupper():
            ends.add(span.start)
    # "entre X et Y", also with a place inside the pair ("entre X, dans la préfecture de W, et Y")
    for _, span in ctx.places:
        if span.start > 0 and ctx.lower[span.start - 1] == "entre":
            for _, other in ctx.places:
                if other.start > span.start and ctx.sentence(other.start) is ctx.sentence(span.start):
                    between = [ctx.lower[t] for t in range(span.end, other.start)]
                    if "et" in between and len(between) <= 12:
                        ends |= {span.start, other.start}
                        break
    # An end stays one wherever the brief names it again ("… pousse jusqu'à Tsuruga").
    names = {(m.normalized or m.text) for m, span in ctx.places if span.start in ends}
    return ends | {span.start for m, span in ctx.places if (m.normalized or m.text) in names}
