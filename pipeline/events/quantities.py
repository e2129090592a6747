"""The quantity that sizes an event (GUIDELINES: the amount, the capacity, the count bought or built, the
indicator reported, not background figures).

Each quantity the brief states is classed by its unit: `money` (an ISO 4217
code), `percent`, `measure` (MW, t, km, kWh, EVP…), `count` (a counted noun)
or `party` (a count of parties: "huit pays", "quatre membres", words
`party_count` in `event_context.tsv`). What sizes an event depends on its type
(`SIZE_CLASSES`): money and measures size a build, an investment, a
commissioning, an output or an agreement; a purchase is sized by its amount,
then by the count bought; a relocation by the count moved; an economic indicator or a decision (a rate) by its
percentage; a meeting or a visit by nothing. A percentage elsewhere is a share
or a vote ("détenue à 40 %", "élu avec 54 % des voix"): background.

Ranking, best first:
1. the class's place in the type's list; a count that is the object of the
   trigger ("a installé seize ministères", "a mis en service quatre galeries")
   ranks first, after the amount for a purchase; a count told in an aside
   (participial or relative clause, apposition) and any figure told beyond the
   trigger's sentence and the headline one place down;
2. the sentence: the trigger's, the headline, the lede around it (`places.sentence_order`);
   for the main event, a sentence that tells a further event comes last (its
   figures size the brief's main act too: "l'accord engage les pays à investir
   100 milliards");
3. inside the trigger's phrase before outside it, then reading order.
A figure introduced by "contre" after one of its kind is the value it is compared
with, never the event's. Beyond the trigger's sentence and the headline, only a figure said in a main
clause counts, and a counted noun only for a purchase or a decision, when the
clause is about the act ("La commande porte sur 36 pièces": `event_anaphor`).
"""

from __future__ import annotations

from ..lexicons.events import Lexicon
from ..records import Mention
from .context import BriefContext, Extent
from .parties import CLAUSE_DEPS, case_of
from .places import sentence_order
from .triggers import MAX_CLIMB, Candidate

MONEY, PERCENT, MEASURE, COUNT, PARTY = "money", "percent", "measure", "count", "party"
TOLL = "toll"  # a count of the dead, injured or displaced (`toll_noun` in event_context.tsv)
# What sizes an event of each type, best first (a class not listed never does).
DEFAULT_SIZE = ((MONEY, MEASURE), (COUNT,))
SIZE_CLASSES: dict[str, tuple[tuple[str, ...], ...]] = {
    "procurement": ((MONEY,), (COUNT, MEASURE)),
    "economic_indicator": ((PERCENT,), (MONEY, MEASURE), (COUNT,)),
    "government_decision": ((PERCENT, MONEY, MEASURE), (COUNT,), (PARTY,)),
    "agreement": ((MONEY, MEASURE), (COUNT,), (PARTY,)),
    "legislation": ((COUNT, MONEY, MEASURE),),
    "relocation": ((COUNT,), (MONEY, MEASURE)),  # what is moved: offices, ministries, jobs
    "diplomacy": (),
    # An accident, a disaster, an attack is sized by its human toll; an election won by the winner's share of the
    # votes (`_vote_share`, tier 1); anything else as the default.
    "other": ((TOLL,), (MONEY, MEASURE), (COUNT,)),
}
# A share of the votes sizes an adoption ("par 91,64 % des votants") and an election won ("a remporté la
# présidentielle avec 62 % des suffrages", an `other` event).
VOTED_TYPES = frozenset({"legislation", "other"})
# A percentage sizes an agreement only when a clause about the agreement itself states it (a stake "détenue à 40 %"
# beside the signing is background).
PROMISED_SHARE_TYPES = frozenset({"agreement"})
# The toll of an `other` event is often told in the sentence after the lede's ("Le bilan fait état de sept morts").
TOLL_TYPES = frozenset({"other"})
# A capacity (a power, or a rate: "15 000 barils par jour") sizes what is built or switched on, even told in an aside
# ("une unité capable de traiter 15 000 barils par jour") or in a later lede sentence.
CAPACITY_TYPES = frozenset({"commissioning", "construction"})
# A count the trigger acts on ("a mis en service quatre galeries") ranks first, but after the amount of a purchase.
OBJECT_COUNT_TIER = {"procurement": 0.5}
# Beyond the trigger's sentence and the headline, a count is read only for these: the count bought,
# the states that carried a decision ("prise par 26 États membres").
COUNTED_TYPES = frozenset({"procurement", "government_decision"})
# A count hung on the trigger by these is the thing acted on ("a commandé 20 locomotives").
OBJECT_OF_TRIGGER = frozenset({"obj", "nmod", "nsubj:pass", "obl:arg"})


def unit_class(unit: str | None, lexicon: Lexicon) -> str | None:
    """What a canonical unit measures: money, percent, measure, a count of parties, or another count.

    >>> unit_class("USD", lex), unit_class("MW", lex), unit_class("pays", lex), unit_class("locomotive", lex)  # doctest: +SKIP
    ('money', 'measure', 'party', 'count')
    """
    if not unit:
        return None
    if unit == "%":
        return PERCENT
    if unit in lexicon.money_units:
        return MONEY
    if unit in lexicon.measure_units:
        return MEASURE
    first = unit.split()[0].lower()
    if first in lexicon.words("party_count"):
        return PARTY
    if first in lexicon.words("toll_noun"):
        return TOLL
    return COUNT


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


def _distance_from(ctx: BriefContext, span: Extent) -> bool:
    """A distance that locates ("à une cinquantaine de kilomètres de Dakar"), not a size."""
    if span.start == 0 or span.end >= len(ctx.head) or ctx.lower[span.start - 1] not in ("à", "a"):
        return False
    return ctx.lower[span.end] in ("de", "du", "des", "d'", "d’")


def _costed(ctx: BriefContext, token: int, cost_verbs: frozenset[str]) -> bool:
    """A figure in a cost aside ("La première phase, chiffrée à 600 millions de dollars, doit…"): it is what
    the event's object costs, said in a participle rather than a main clause."""
    head = ctx.head[token]
    if head == token or not (ctx.lemma[head] in cost_verbs or ctx.lower[head] in cost_verbs):
        return False
    return ctx.pos[head] == "VERB" or ctx.dep[head] in ("acl", "advcl")


def _object_of_trigger(ctx: BriefContext, cand: Candidate, root: int) -> bool:
    """A count that is what the trigger acts on: the object of its verb or of its noun ("a installé seize ministères")."""
    tops = set(cand.tokens) | ({cand.anchor} if cand.anchor is not None else set())
    return ctx.head[root] in tops and ctx.dep[root] in OBJECT_OF_TRIGGER


def _aside(ctx: BriefContext, cand: Candidate, root: int) -> bool:
    """A figure told in an aside of the trigger's sentence: a participial or relative clause or an apposition
    between it and the clause it hangs on ("présentée comme le premier des quatorze projets", "premier maillon
    d'une cascade de six ouvrages"), unless the trigger itself is in that aside."""
    tops = set(cand.tokens) | ({cand.anchor} if cand.anchor is not None else set())
    t = root
    for _ in range(MAX_CLIMB + 2):
        if t in tops or ctx.head[t] == t:
            return False
        if ctx.dep[t] in CLAUSE_DEPS or ctx.dep[t] == "appos":
            return True
        t = ctx.head[t]
    return False


def _vote_share(ctx: BriefContext, span: Extent, lexicon: Lexicon) -> bool:
    """A percentage of the votes ("par 91,64 % des votants", "avec 54 % des suffrages"): it measures an adoption."""
    n = len(ctx.head)
    return span.end + 1 < n and ctx.lower[span.end] in ("des", "de", "du") and ctx.lemma[span.end + 1] in lexicon.words("vote_noun")


def _capacity(ctx: BriefContext, span: Extent, unit: str | None, lexicon: Lexicon) -> bool:
    """A power ("1 600 MW") or a rate ("15 000 barils par jour", "60 millions de tonnes par an", "50 000 barils
    quotidiens"): the capacity or output of a plant, a line, a field."""
    if unit and unit.lower() in lexicon.words("capacity_unit"):
        return True
    periods, e, n = lexicon.words("rate_period"), span.end, len(ctx.head)
    if ctx.lower[e - 1] in periods:  # the normaliser kept the period in the mention
        return True
    if e < n and ctx.lower[e] in periods:
        return True
    return e + 1 < n and ctx.lower[e] == "par" and ctx.lemma[e + 1] in periods


def _tier(ctx: BriefContext, cand: Candidate, kind: str, root: int) -> float | None:
    """The class's place in the type's list (`SIZE_CLASSES`); a count the trigger acts on comes first
    (after the amount for a purchase), a count told in an aside one place down."""
    tiers = SIZE_CLASSES.get(cand.event_type, DEFAULT_SIZE)
    tier = next((n for n, classes in enumerate(tiers) if kind in classes), None)
    if tier is None or kind not in (COUNT, PARTY, TOLL):
        return tier
    if kind == COUNT and _object_of_trigger(ctx, cand, root):
        return OBJECT_COUNT_TIER.get(cand.event_type, 0.0)
    return tier + 1 if _aside(ctx, cand, root) else tier


def _said_of_the_event(ctx: BriefContext, root: int, lexicon: Lexicon) -> bool:
    """Whether a figure's clause has for subject a noun that refers back to the act ("La commande porte sur 36
    pièces"), not another thing ("Son carnet de commandes atteint 120 avions")."""
    t = root
    for _ in range(MAX_CLIMB):
        if ctx.pos[t] in ("VERB", "AUX") or ctx.head[t] == t:
            break
        t = ctx.head[t]
    subject = next((c for c in ctx.children[t] if ctx.dep[c] in ("nsubj", "nsubj:pass")), None)
    return subject is not None and ctx.lemma[subject] in lexicon.words("event_anaphor")


def _compared_value(ctx: BriefContext, span: Extent, kind: str, lexicon: Lexicon) -> bool:
    """A figure that is the value another one of its kind in the sentence is compared with ("plus de 70 millions
    d'euros, contre 60 millions annoncés"): "contre" before it, a figure of the same class earlier in the sentence.
    "contre" without such a figure may be a price ("cédé contre 500 millions")."""
    if case_of(ctx, span.root) not in lexicon.words("comparison_case"):
        return False
    start = ctx.sentence(span.start).start
    return any(
        start <= other.start < span.start and unit_class(m.unit, lexicon) == kind for m, other in ctx.quantities
    )


def _from_value(ctx: BriefContext, span: Extent, starts: set[int]) -> bool:
    """The first figure of "de A à B" ("a baissé de 1,8 % à 91,3 milliards", "est passée de 3 % à 2,5 %"): the
    change or the former value, when B is the level an indicator reports."""
    if span.start == 0 or ctx.lower[span.start - 1] not in ("de", "d'", "d’"):
        return False
    e = span.end
    return e + 1 < len(ctx.head) and ctx.lower[e] in ("à", "a") and e + 1 in starts


def _quantity_key(ctx: BriefContext, cand: Candidate, ranks: dict[int, int], kind: str, span: Extent, lexicon: Lexicon,
                  unit: str | None = None) -> tuple | None:
    sentence = ctx.sentence(span.start)
    if not sentence.factual:
        return None
    if sentence.index not in ranks:
        if kind != TOLL or sentence.in_headline or sentence.index != ctx.sentence(cand.head).index + 1:
            return None
        # A stand-in `other` event reads only its own sentence, but the toll told just after is its size.
        ranks = {**ranks, sentence.index: max(ranks.values(), default=0) + 1}
    if _compared_value(ctx, span, kind, lexicon):
        return None
    if cand.event_type == "economic_indicator" and _from_value(ctx, span, {other.start for _, other in ctx.quantities}):
        return None
    tier = _tier(ctx, cand, kind, span.root)
    if tier is None and kind == PERCENT and cand.event_type in VOTED_TYPES and _vote_share(ctx, span, lexicon) \
            and (sentence is ctx.sentence(cand.head) or sentence.in_headline):
        # After the votes counted. A share told in another sentence measures the vote it reports (a
        # referendum before a promulgation), not the act.
        tier = 1
    if tier is None and kind == PERCENT and cand.event_type in PROMISED_SHARE_TYPES and _said_of_the_event(ctx, span.root, lexicon):
        # "Le texte prévoit une baisse de 20 % des prix": the change the agreement itself commits to, last.
        tier = len(SIZE_CLASSES[cand.event_type])
    if tier is None or (kind == MEASURE and _distance_from(ctx, span)):
        return None
    own = ctx.sentence(cand.head)
    farther = sentence is not own and not sentence.in_headline
    capacity = cand.event_type in CAPACITY_TYPES and kind == MEASURE and _capacity(ctx, span, unit, lexicon)
    if farther and kind == TOLL:
        # The toll is told in the lede's next sentence, in its main clause ("Le bilan fait état de sept morts").
        if sentence.index > own.index + 1 or not _in_main_clause(ctx, span.root):
            return None
    elif farther and not capacity:
        # Beyond the trigger's sentence and the headline, only a figure said in a main clause
        # ("l'infrastructure vise une capacité de 120.000 tonnes") is the event's; counted things
        # there ("les cinq pays", "onze gares") are context, except the count a purchase bought.
        costed = _costed(ctx, span.root, lexicon.words("cost_verb"))
        if not (_in_main_clause(ctx, span.root) or costed):
            return None
        if sentence.index > own.index + 1 and not costed:
            return None  # past the next sentence, only what the object costs
        if kind in (COUNT, PARTY) and not (cand.event_type in COUNTED_TYPES and _said_of_the_event(ctx, span.root, lexicon)):
            return None
    anchor = cand.anchor if cand.anchor is not None else cand.head
    in_trigger = ctx.is_ancestor(anchor, span.root)
    # A figure told beyond the trigger's sentence and the headline drops one place: it ties with
    # the next class told beside the trigger ("a mis en orbite deux satellites. Haut de 60 mètres…").
    return (tier + (1 if farther else 0), ranks[sentence.index], 0 if in_trigger else 1, span.start)


def _ranks(ctx: BriefContext, cand: Candidate, main: bool) -> dict[int, int]:
    ranks = sentence_order(ctx, cand)
    own = ctx.sentence(cand.head)
    if not own.in_headline:
        # Further lede sentences come last, each after the one before, for what the object costs
        # ("La première phase, chiffrée à 600 millions de dollars, …": `_quantity_key`).
        others = {i for i, head in ctx.claimed.items() if head != cand.head}
        after = max(ranks.values(), default=0) + 1
        for s in ctx.sentences:
            if s.index > own.index + 1 and not s.in_headline and s.index not in others and s.index not in ranks:
                ranks[s.index] = after + s.index
    if main and ctx.claimed:
        # The main event also reads the sentences of the further events, last.
        last = max(ranks.values(), default=0) + 1
        own = ctx.sentence(cand.head).index
        for index, head in ctx.claimed.items():
            # (A head of -1 marks the sentences an `other` event may not read.)
            if head >= 0 and index not in ranks and (index == own + 1 or ctx.sentences[index].in_headline):
                ranks[index] = last + index
    return ranks


def assign_quantity(ctx: BriefContext, cand: Candidate, lexicon: Lexicon, main: bool = False) -> Mention | None:
    """The quantity that sizes the event (see the module docstring), or None when only background figures are told.

    >>> assign_quantity(ctx, candidate, lexicon).unit  # doctest: +SKIP
    'galerie'
    """
    ranks = _ranks(ctx, cand, main)
    best, best_key = None, None
    for mention, span in ctx.quantities:
        kind = unit_class(mention.unit, lexicon)
        if kind is None:
            continue
        if kind == TOLL and cand.event_type not in TOLL_TYPES:
            kind = COUNT
        key = _quantity_key(ctx, cand, ranks, kind, span, lexicon, mention.unit)
        if key is not None and (best_key is None or key < best_key):
            best, best_key = mention, key
    return best
