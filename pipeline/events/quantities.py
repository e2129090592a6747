"""The quantity that measures an event."""

from __future__ import annotations

from ..records import Mention
from .context import BriefContext, Extent
from .parties import CLAUSE_DEPS
from .places import sentence_order
from .triggers import MAX_CLIMB, Candidate


def is_count_unit(unit: str | None) -> bool:
    """Whether a canonical unit is a counted noun ("village", "pays"), not a measure ("t", "MW", "USD", "%").

    >>> is_count_unit("galerie"), is_count_unit("MW")
    (True, False)
    """
    return bool(unit) and unit.isalpha() and unit.islower() and len(unit) > 2


def _in_main_clause(ctx: BriefContext, token: int) -> bool:
    """Whether a token hangs off its sentence's main clause, not a participle or relative clause."""
    t = token
    for _ in range(MAX_CLIMB):
        if ctx.head[t] == t:
            return True
        if ctx.dep[t] in CLAUSE_DEPS:
            return False
        t = ctx.head[t]
    return False


def _quantity_key(ctx: BriefContext, cand: Candidate, ranks: dict[int, int], mention: Mention, span: Extent) -> tuple | None:
    sentence = ctx.sentence(span.start)
    if sentence.index not in ranks or not sentence.factual:
        return None
    own = ctx.sentence(cand.head)
    if sentence is not own and not sentence.in_headline:
        # Beyond the trigger's sentence and the headline, only a measure said in a
        # main clause ("l'infrastructure vise une capacité de 120.000 tonnes") is
        # the event's; counted things there ("les cinq pays") are context.
        if not _in_main_clause(ctx, span.root) or is_count_unit(mention.unit):
            return None
    anchor = cand.anchor if cand.anchor is not None else cand.head
    in_trigger = ctx.is_ancestor(anchor, span.root)
    return (ranks[sentence.index], 0 if in_trigger else 1, span.start)


def assign_quantity(ctx: BriefContext, cand: Candidate) -> Mention | None:
    """The quantity that measures the event: in the trigger's phrase, its sentence, the headline, the next sentence.

    >>> assign_quantity(ctx, candidate).unit  # doctest: +SKIP
    'galerie'
    """
    ranks = sentence_order(ctx, cand)
    best, best_key = None, None
    for mention, span in ctx.quantities:
        key = _quantity_key(ctx, cand, ranks, mention, span)
        if key is not None and (best_key is None or key < best_key):
            best, best_key = mention, key
    return best
