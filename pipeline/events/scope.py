"""Which sentences and which clause of a brief tell an event (read by its place, partner and quantity)."""

from __future__ import annotations

from .context import BriefContext
from .triggers import SUBJECT_DEPS, VERB_POS, Candidate


def sentence_order(ctx: BriefContext, cand: Candidate) -> dict[int, int]:
    """Rank of each sentence when looking for an event's place or quantity.

    The trigger's sentence first, then the headline, then the lede sentences
    around it (before it, then the one after). A headline trigger may look at
    the whole lede.
    """
    own = ctx.sentence(cand.head)
    ranks = {own.index: 0}
    others = {i for i, head in ctx.claimed.items() if head != cand.head and i != own.index}
    for s in ctx.sentences:
        if s.in_headline and s.index not in ranks:
            ranks[s.index] = 1
    lede = [s for s in ctx.sentences if not s.in_headline and s.index != own.index]
    for s in lede:
        if own.in_headline:
            ranks[s.index] = 2 + s.index
        elif s.index < own.index:
            ranks[s.index] = 2 + own.index - s.index
        elif s.index == own.index + 1:
            ranks[s.index] = 2 + len(ctx.sentences)
    return {i: r for i, r in ranks.items() if i not in others}


def event_clause(ctx: BriefContext, cand: Candidate) -> set[int]:
    """Token indices of the trigger's clause: its verb's subtree without the subject or a coordinated verb.

    >>> sorted(event_clause(ctx, candidate))[:3]  # doctest: +SKIP
    [27, 28, 29]
    """
    top = cand.anchor if cand.anchor is not None else cand.head
    dep, pos = ctx.dep, ctx.pos
    excluded = [c for c in ctx.children[top] if dep[c] in SUBJECT_DEPS or (dep[c] == "conj" and pos[c] in VERB_POS)]
    return ctx.descendants(top, excluded)
