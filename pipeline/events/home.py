"""The home country of an organisation actor whose own phrase does not say it."""

from __future__ import annotations

from ..lexicons.events import Lexicon
from ..lexicons.text import word_key
from .context import BriefContext
from .parties import Party
from .triggers import Candidate

DEFINITE = frozenset({"le", "la", "l'", "l’", "les"})
PASSIVE_NO_AGENT = "actor: passive without agent"  # the reason `actors._passive_actor` gives


def home_country(ctx: BriefContext, cand: Candidate, actor: Party, place_country: str | None, lexicon: Lexicon) -> Party:
    """An organisation actor whose country its own phrase does not say: from an apposition or a later anaphor, else
    where it acts (the event's place, else the country the brief is about).

    French names a company once and then refers back to it with its nationality
    ("Le groupe américain, qui prévoit…"): a definite company noun after the
    trigger, carrying a demonym and no name of its own, gives the country. With
    no such anaphor, a company whose home the brief never states is taken to be
    at home where the event happens (the event's place); a body of several
    states ("Banque africaine…", "Union européenne") has no home and stays null.

    >>> home_country(ctx, candidate, Party("Microsoft", None, "ORG"), "IN", lexicon).country  # doctest: +SKIP
    'US'
    """
    if actor.name is None and actor.country is None and place_country and (actor.reason or "").startswith(PASSIVE_NO_AGENT):
        # "La deuxième phase du TER a été mise en service hier à Dakar": no one named does it, and the
        # brief names no country `actors._passive_actor` could give; the state where it is done is the actor's.
        return Party(None, place_country, None, actor.reason)
    if actor.name is None or actor.kind != "ORG" or actor.country is not None:
        return actor
    told = apposed_demonym(ctx, actor.name)
    if told:
        return Party(actor.name, told, actor.kind, "actor_country: from a demonym in the apposition to its name")
    nouns = lexicon.words("company_anaphor")
    # In a purchase, "le constructeur américain" refers back to the seller, not to the buyer.
    sellers = lexicon.words("seller_anaphor") if cand.event_type == "procurement" else frozenset()
    for t in range(cand.head + 1, len(ctx.head)):
        if ctx.lemma[t] not in nouns or ctx.pos[t] != "NOUN" or ctx.lemma[t] in sellers:
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
    # With no place named for the event, the country the brief is about is where it acts.
    place_country = place_country or ctx.main_country()
    if place_country and not any(w in supranational for w in word_key(actor.name).replace("'", " ").split()):
        return Party(actor.name, place_country, actor.kind, "actor_country: home not stated, where it acts")
    return actor


APPOSITION_MAX = 8  # tokens of an apposition read after the comma ("le fabricant suédois de batteries")


def name_spans(ctx: BriefContext, name: str) -> list[tuple[int, int]]:
    """Token spans [start, end) of the brief's mentions of `name` (canonical or written form)."""
    spans: list[tuple[int, int]] = []
    t, n = 0, len(ctx.head)
    while t < n:
        m = ctx.name_at(t)
        if m is None or name not in (m.normalized, m.text):
            t += 1
            continue
        end = t
        while end < n and ctx.name_at(end) is m:
            end += 1
        spans.append((t, end))
        t = end
    return spans


def apposed_demonym(ctx: BriefContext, name: str) -> str | None:
    """The country a definite apposition right after a name gives it: "Northwind, le fabricant danois de
    pompes, a…" → DK. Read on the text (name, comma, article, then up to the next comma), because the parser
    often makes the apposition the verb's subject and the name a conjunct of something before it."""
    for _, end in name_spans(ctx, name):
        if end + 2 >= len(ctx.head) or ctx.lower[end] != "," or ctx.lower[end + 1] not in DEFINITE:
            continue
        sentence_end = ctx.sentence(end).end
        phrase = set()
        for t in range(end + 1, min(end + 1 + APPOSITION_MAX, sentence_end)):
            if ctx.lower[t] == "," or ctx.name_at(t) is not None:
                break
            phrase.add(t)
        country = ctx.demonym_in_tokens(phrase)
        if country:
            return country
    return None
