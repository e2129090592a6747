"""The home country of an organisation actor whose own phrase does not say it."""

from __future__ import annotations

from ..lexicons.events import Lexicon
from ..lexicons.text import word_key
from .context import BriefContext
from .parties import Party
from .triggers import Candidate

DEFINITE = frozenset({"le", "la", "l'", "l’", "les"})


def home_country(ctx: BriefContext, cand: Candidate, actor: Party, place_country: str | None, lexicon: Lexicon) -> Party:
    """An organisation actor whose country its own phrase does not say: from a later anaphor, else where it acts.

    French names a company once and then refers back to it with its nationality
    ("Le groupe américain, qui prévoit…"): a definite company noun after the
    trigger, carrying a demonym and no name of its own, gives the country. With
    no such anaphor, a company whose home the brief never states is taken to be
    at home where the event happens (the event's place); a body of several
    states ("Banque africaine…", "Union européenne") has no home and stays null.

    >>> home_country(ctx, candidate, Party("Microsoft", None, "ORG"), "IN", lexicon).country  # doctest: +SKIP
    'US'
    """
    if actor.name is None or actor.kind != "ORG" or actor.country is not None:
        return actor
    nouns = lexicon.words("company_anaphor")
    for t in range(cand.head + 1, len(ctx.head)):
        if ctx.lemma[t] not in nouns or ctx.pos[t] != "NOUN":
            continue
        kids = ctx.children[t]
        if not any(ctx.dep[c] == "det" and ctx.lower[c] in DEFINITE for c in kids):
            continue
        if any(c in ctx.names for c in kids):
            continue  # "le groupe chinois X" names another company
        country = ctx.demonym_in_tokens({c for c in kids if c > t})
        if country:
            return Party(actor.name, country, actor.kind, "actor_country: from a later anaphor with a demonym")
    supranational = lexicon.words("supranational_adj")
    if place_country and not any(w in supranational for w in word_key(actor.name).replace("'", " ").split()):
        return Party(actor.name, place_country, actor.kind, "actor_country: home not stated, where it acts")
    return actor
