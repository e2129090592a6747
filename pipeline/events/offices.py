"""Offices and boards: the country a person's office gives him, and the body a board decides for.

"le président congolais X", "la visite d'un président français", "le chef de l'État nigérien, le
général X" give the person's country from the demonym on his office; "le conseil d'administration de
la Banque X" acts as the bank (`board` in event_context.tsv).
"""

from __future__ import annotations

import re

from ..lexicons.events import Lexicon
from ..lexicons.text import fold
from .context import BriefContext
from .home import name_spans
from .parties import PERSON_COUNTRY_GUESS, Party, phrase_tokens
from .triggers import Candidate


SHARED_DEMONYM_REACH = 3  # tokens before a person's name read for the demonym of his office ("le président congolais X")


def shared_demonym_country(ctx: BriefContext, actor: Party, shared: dict[str, tuple[str, ...]]) -> Party:
    """A person whose country was guessed from the brief, with an office demonym two countries share right before
    his name ("Le président congolais X", CD or CG): of those countries, the one the brief names most.

    `shared` maps a folded demonym form to its countries (`Gazetteer.shared_demonyms`)."""
    if actor.reason != PERSON_COUNTRY_GUESS or not actor.name:
        return actor
    for start, _ in name_spans(ctx, actor.name):
        for t in range(max(ctx.sentence(start).start, start - SHARED_DEMONYM_REACH), start):
            owners = shared.get(fold(ctx.lower[t]))
            if not owners:
                continue
            best = max(owners, key=lambda c: ctx.country_counts.get(c, 0.0))
            if ctx.country_counts.get(best, 0.0) > 0:
                return Party(actor.name, best, "PER", "actor_country: shared demonym, the country the brief names")
    return actor


def office_demonym(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> str | None:
    """The country of an office named in the trigger's own phrase: "la visite d'un président français" → FR."""
    roles = lexicon.words("role")
    for t in cand.tokens:
        for c in ctx.children[t]:
            if ctx.dep[c] == "nmod" and ctx.lemma[c] in roles:
                country = ctx.demonym_in_tokens(set(phrase_tokens(ctx, c)))
                if country:
                    return country
    return None


def role_demonym(ctx: BriefContext, name: str, lexicon: Lexicon) -> str | None:
    """A person's country from a role noun with a demonym that any of his mentions stands in apposition to
    ("le président brésilien Luiz Inácio Lula da Silva", "la ministre belge Anne Dubois")."""
    roles = lexicon.words("role")
    for start, end in name_spans(ctx, name):
        for t in range(start, end):
            h = ctx.head[t]
            if h < start or h >= end:
                # "le chef de l'État nigérien, le général X": climb a title in apposition to the office noun
                for _ in range(2):
                    if ctx.lemma[h] in roles:
                        country = _office_phrase_demonym(ctx, h)
                        if country:
                            return country
                    if ctx.dep[h] != "appos" or ctx.head[h] == h:
                        break
                    h = ctx.head[h]
    return None


def _office_phrase_demonym(ctx: BriefContext, role: int) -> str | None:
    """The demonym on an office noun ("le président brésilien") or on its "de" complement ("le chef de
    l'État nigérien", "le président de la transition burkinabè")."""
    kids = ctx.children[role]
    tokens = {c for c in kids if ctx.dep[c] == "amod"}
    tokens |= {a for c in kids if ctx.dep[c] == "nmod" for a in ctx.children[c] if ctx.dep[a] == "amod"}
    return ctx.demonym_in_tokens(tokens)


# The "de" that joins a board to its body: "de la", "de l'", "du", "des", "d'", "de".
_OF_BODY = re.compile(r"(?:de la |de l['’]|du |des |d['’]|de )(?=\S)")


def body_of_board(actor: Party, lexicon: Lexicon) -> Party:
    """A board that decides for its body stands for it (`board` in event_context.tsv): "le conseil
    d'administration de la Banque X" → "Banque X", "le comité monétaire de la Banque Y" → "Banque Y".

    >>> body_of_board(Party("Comité de politique monétaire de la Banque centrale du Nigeria", "NG", "ORG"), lex).name  # doctest: +SKIP
    'Banque centrale du Nigeria'
    """
    if actor.kind != "ORG" or not actor.name:
        return actor
    words = actor.name.split()
    key = fold(actor.name)
    for board in lexicon.words("board"):
        if key.startswith(board + " "):
            rest = " ".join(words[len(board.split()):])
            m = _OF_BODY.match(rest)
            if m and rest[m.end():][:1].isupper():
                return Party(rest[m.end():], actor.country, actor.kind, actor.reason)
    return actor
