"""The event date: the date of the action or announcement, never a target or a background date.

A date is a *target* when it is planned or aimed at: introduced by "pour",
"d'ici", "jusqu'à", governed by "prévoir", "viser", "objectif"…, or by a
future or conditional verb ("prévue pour mars 2026", "visés en 2025", "pour les
années 2025 à 2029"). It is *background* when it dates an earlier fact:
introduced by "depuis"/"dès", the date of a participle that qualifies a
noun ("le CRMA, adopté en mai 2024"), or of a verb in the plus-que-parfait ("avait
signé en mars"). Any other date in the trigger's sentence
is the event's; else the nearest such date before it (the lede's dateline
"Le 17 juin 2025, …" covers the sentences after it), else the headline's,
else the nearest after it.

An economic indicator is dated by the day its figure was published (GUIDELINES):
a month, quarter or year there is the period the figure measures, never the
event date; a participle of publication ("les données publiées vendredi") dates
the announcement, so it is not background. Production is dated by the period of
output its sentence gives, before the day it was told. A relative day on the
trigger's verb that cannot be resolved (no reference date) leaves the date null
rather than borrowing another fact's.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lexicons.events import Lexicon
from ..lexicons.text import straight_apostrophes, word_key
from ..records import Mention
from .context import BriefContext, Extent
from .triggers import MAX_CLIMB, VERB_POS, Candidate

TARGET, BACKGROUND, EVENT, PERIOD = "target", "background", "event", "period"
# Modifiers the date normaliser keeps (`Mention.qualifier`): a deadline or a start to come is a target,
# "depuis"/"dès" date an earlier fact.
TARGET_QUALIFIERS = frozenset({"d'ici", "avant", "jusqu'à", "à l'horizon", "au plus tard", "à partir de"})
BACKGROUND_QUALIFIERS = frozenset({"depuis", "dès"})


def _since_day_of_act(ctx: BriefContext, mention: Mention, span: Extent, cand: Candidate) -> bool:
    """"Depuis le 1er octobre, X a installé seize ministères": a day that starts the state the trigger's own
    verb reports is the day of the act (a year or month after "depuis" stays background)."""
    if word_key(mention.qualifier) != "depuis" or not mention.normalized or len(mention.normalized) != 10:
        return False
    verb = cand.anchor if cand.anchor is not None else cand.head
    return ctx.head[span.root] == verb and any(ctx.dep[c].startswith("aux") for c in ctx.children[verb])


@dataclass(frozen=True, slots=True)
class EventDate:
    mention: Mention | None
    reason: str | None = None


def date_role(ctx: BriefContext, mention: Mention, span: Extent, cand: Candidate, lexicon: Lexicon) -> str:
    """Whether a date is the event's, a target or background (see the module docstring).

    >>> date_role(ctx, mention_of("mars 2026"), span, candidate, lexicon)  # doctest: +SKIP
    'target'
    """
    # Longer than ~60 lines on purpose: one ordered cascade (the date's qualifier, the words before it, then
    # each step of the climb from the date to the trigger) where the first rule that fires decides; split,
    # the order that settles a conflict would be spread over several functions.
    if mention.qualifier and _since_day_of_act(ctx, mention, span, cand):
        return EVENT
    if mention.qualifier:
        qualifier = word_key(mention.qualifier)
        # A compound modifier ("d'ici fin", "depuis début") takes the role of its first part.
        if any(qualifier == q or qualifier.startswith(q + " ") for q in TARGET_QUALIFIERS):
            return TARGET
        if any(qualifier == q or qualifier.startswith(q + " ") for q in BACKGROUND_QUALIFIERS):
            return BACKGROUND
    before = straight_apostrophes(" ".join([ctx.lower[i] for i in range(max(span.start - 3, ctx.sentence(span.start).start), span.start)]))
    target_cases, background_cases = lexicon.words("target_case"), lexicon.words("background_case")
    words = set(before.split())
    if words & background_cases:
        return BACKGROUND
    if words & target_cases or "d'ici" in before:
        return TARGET
    targets = lexicon.words("target")
    trigger_chain = {t for t in (cand.head, cand.anchor) if t is not None}
    head, dep, lower, pos = ctx.head, ctx.dep, ctx.lower, ctx.pos
    t = span.root
    own_phrase = True  # still inside the phrase the date belongs to
    for _ in range(MAX_CLIMB + 2):
        if ctx.lemma[t] in targets:
            return TARGET
        if own_phrase:
            # "depuis le début de 2024", "depuis la mise en service de la centrale en 2019": the case of the date
            # or of the nouns it completes. A bare noun phrase above it is an argument of its own (the parser hung
            # it on the wrong noun): a case above that is not the date's ("a remporté dès le premier tour la
            # présidentielle de dimanche").
            cases = [lower[child] for child in ctx.children[t] if dep[child] == "case"]
            if any(case in background_cases for case in cases):
                return BACKGROUND
            if t != span.root and pos[t] in ("NOUN", "PROPN") and not cases:
                own_phrase = False
        if pos[t] in VERB_POS and not _misread_name(ctx, t):
            # "investira 1,5 milliard entre 2026 et 2030": a future trigger's own date is when it is planned for
            if "Fut" in ctx.morph(t, "Tense") or "Cnd" in ctx.morph(t, "Mood"):
                return TARGET
        if pos[t] in VERB_POS and dep[t] == "xcomp" and ctx.lemma[head[t]] in targets:
            return TARGET  # "les travaux doivent commencer début 2027"
        if pos[t] in VERB_POS and t not in trigger_chain and not _misread_name(ctx, t):
            if _pluperfect(ctx, t) and not ctx.is_ancestor(t, cand.head):
                return BACKGROUND  # "et avait passé une première commande en février": an earlier fact
            if _qualifying_participle(ctx, t) and not ctx.is_ancestor(t, cand.head):
                if ctx.lemma[t] in lexicon.words("reporting") or ctx.lemma[t] in lexicon.words("gathering"):
                    # "selon les données publiées vendredi": the day it was announced; "Réunis mercredi, …": the act's day
                    return EVENT
                if ctx.lemma[t] in lexicon.words("signing") and _instrument_of(ctx, head[t], trigger_chain | set(cand.tokens)):
                    return EVENT  # "a accordé un prêt par un protocole signé mardi": the signing is the act
                return BACKGROUND
            if pos[t] == "VERB":
                break
        if head[t] == t:
            break
        t = head[t]
    return EVENT


def _pluperfect(ctx: BriefContext, verb: int) -> bool:
    """A verb in the plus-que-parfait ("avait signé", "était entré"): French tells an earlier fact with it."""
    return "Part" in ctx.morph(verb, "VerbForm") and any(
        ctx.dep[c].startswith("aux") and "Imp" in ctx.morph(c, "Tense") for c in ctx.children[verb]
    )


def _qualifying_participle(ctx: BriefContext, verb: int) -> bool:
    """A participle that qualifies a noun or frames a clause ("adopté en mai 2024", "amorcée depuis…")."""
    if ctx.dep[verb].startswith("acl"):
        return True
    # A bare participle below the root ("Annoncé en 2023, le terminal…"), whatever the parser named its link.
    bare = not any(ctx.dep[c].startswith("aux") for c in ctx.children[verb])
    return ctx.head[verb] != verb and bare and "Part" in ctx.morph(verb, "VerbForm")


def _instrument_of(ctx: BriefContext, noun: int, trigger_chain: set[int]) -> bool:
    """Whether a noun is the trigger itself or its object or "par" complement (the deed the act is made by),
    not a background text cited with another preposition ("conformément à l'accord signé en 2019")."""
    if noun in trigger_chain:
        return True
    cases = [ctx.lower[c] for c in ctx.children[noun] if ctx.dep[c] == "case"]
    return ctx.head[noun] in trigger_chain and cases in ([], ["par"])


def _misread_name(ctx: BriefContext, token: int) -> bool:
    """A "verb" that is a name the tagger misread ("Narendra" as a future tense): capitalised inside its sentence."""
    return token in ctx.names or (ctx.token_text(token)[:1].isupper() and token != ctx.sentence(token).start)


def _first_verb(ctx: BriefContext, token: int) -> int | None:
    """The first verb above a token, or None."""
    t = token
    for _ in range(MAX_CLIMB + 2):
        if ctx.head[t] == t:
            return t if ctx.pos[t] in VERB_POS else None
        t = ctx.head[t]
        if ctx.pos[t] in VERB_POS:
            return t
    return None


def assign_date(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> EventDate:
    """The event's date mention, or None with the reason.

    >>> assign_date(ctx, candidate, lexicon).mention.normalized  # doctest: +SKIP
    '2025-06-22'
    """
    own = ctx.sentence(cand.head)
    for span in ctx.unresolved_dates:
        if ctx.sentence(span.start) is own and _first_verb(ctx, span.root) in (cand.anchor, cand.head):
            # "a lancé mardi", with no reference date: the day is said but unknown; another fact's date is not it.
            return EventDate(None, "event_date: relative day without a reference date")
    if not ctx.dates:
        return EventDate(None, "event_date: no date in brief")
    roles: list[str] = []
    best, best_key = None, None
    for mention, span in ctx.dates:
        sentence = ctx.sentence(span.start)
        role = date_role(ctx, mention, span, cand, lexicon) if sentence.factual else BACKGROUND
        if role == EVENT and cand.event_type == "economic_indicator" and mention.granularity != "day":
            role = PERIOD  # the period a figure measures is not when it was published
        roles.append(role)
        if role != EVENT:
            continue
        if sentence.index == own.index:
            attached = _first_verb(ctx, span.root) in (cand.anchor, cand.head)
            key = (0, 0 if attached else 1)
            if cand.event_type == "production":
                # GUIDELINES: output is dated by its period when one is given ("sur l'exercice 2024-2025"), not the day it was told.
                key = (0, (0 if attached else 2) + (0 if mention.granularity != "day" else 1))
        elif sentence.in_headline:
            key = (2, 0)
        elif own.in_headline or sentence.index < own.index:
            key = (1, abs(own.index - sentence.index))
        else:
            key = (3, sentence.index - own.index)
        key = (*key, span.start)
        if best_key is None or key < best_key:
            best, best_key = mention, key
    if best is not None:
        return EventDate(best)
    if TARGET in roles:
        return EventDate(None, "event_date: date is a target")
    if PERIOD in roles:
        return EventDate(None, "event_date: the dates give the period measured, not the day it was published")
    return EventDate(None, "event_date: date is background")
