"""The country where an event happens: its place's, else one the trigger's sentence puts it in, else the actor's."""

from __future__ import annotations

from .context import COUNTRY, BriefContext
from .parties import Party, case_of, country_name
from .places import LOCATIVE_CASES, ORIGIN_CASES, Place
from .triggers import VERB_POS, Candidate


def assign_country(ctx: BriefContext, cand: Candidate, place: Place | None, actor: Party) -> tuple[str | None, str | None]:
    """ISO2 of where the event happens, and the reason when unknown.

    The place's country; else a country named as where it happens in the
    trigger's sentence ("au Kazakhstan", "vers le Kazakhstan"); else the
    actor's country when the brief names it; else the country the brief names most.

    >>> assign_country(ctx, candidate, None, Party("Dodo Pizza", "RU", "ORG"))  # doctest: +SKIP
    ('KZ', None)
    """
    if place is not None and place.country:
        return place.country, None
    sentence = ctx.sentence(cand.head)
    for mention, span in ctx.places:
        if mention.place_kind != COUNTRY or not mention.country or ctx.sentence(span.start) is not sentence:
            continue
        case, t = case_of(ctx, span.root), span.root
        for _ in range(3):
            # "dans l'ouest du Kazakhstan", "au large du sud-est de la Côte d'Ivoire"
            if case not in ORIGIN_CASES or ctx.head[t] == t or ctx.pos[ctx.head[t]] in VERB_POS:
                break
            t = ctx.head[t]
            case = case_of(ctx, t)
        if case in LOCATIVE_CASES and mention.country != actor.country or case == "vers":
            return mention.country, None
    main = ctx.main_country()
    # An actor's country the brief never names (a rating agency's, known from a list) does not say
    # where the event happens when the brief is about another country ("Moody's abaisse la note du X").
    if actor.country and (actor.country in ctx.country_counts or not main or _names_its_country(ctx, actor)):
        return actor.country, None
    if main:
        return main, None
    return None, "country: no country in brief"


def _names_its_country(ctx: BriefContext, actor: Party) -> bool:
    """Whether the actor's own name says its country ("le Parlement de Géorgie"): the brief names it there,
    though a country inside a body's name is no place mention."""
    if not (actor.country and actor.name):
        return False
    name = country_name(ctx, actor.country)
    return name != actor.country and name.lower() in actor.name.lower()
