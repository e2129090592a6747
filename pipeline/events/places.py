"""Where an event happens: its most specific place (`assign_place`).

Which sentences and clause tell the event is `scope`; the event's country is `country`."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Mention
from .context import COUNTRY, BriefContext
from ..lexicons.events import Lexicon
from .parties import PARTNER_CASES, case_of
from .place_links import link_ends, place_containers
from .scope import event_clause, sentence_order
from .triggers import SUBJECT_DEPS, VERB_POS, Candidate

# `sentence_order` and `event_clause` are read from here by the partner and quantity rules.
__all__ = ["Place", "assign_place", "event_clause", "sentence_order"]

LOCATIVE_CASES = frozenset({"à", "au", "aux", "en", "dans", "vers", "sur"})
ORIGIN_CASES = frozenset({"de", "des", "du", "d'", "d’", "depuis"})
PLACE_RANK = {"site": 0, "city": 1, "region": 2, None: 3}
NOT_PLACES = frozenset({COUNTRY, "supranational"})
# Acts a city performs as its state, elsewhere than in itself.
STATE_ACT_TYPES = frozenset({"agreement", "investment", "procurement", "legislation", "government_decision"})
# Events whose place is where the parties sign or meet (GUIDELINES: "the signing city for a signing").
SIGNING_TYPES = frozenset({"agreement", "investment", "procurement", "diplomacy"})


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happens: a canonical place name and its country."""

    name: str
    country: str | None
    mention: Mention


def _in_partner_phrase(ctx: BriefContext, cand: Candidate, token: int) -> bool:
    """Whether a token says where the partner is: a clause inside the "avec X" phrase ("avec X, basée à Dubaï").

    A bare locative the parser hung on the partner ("avec son homologue à Astana") still places the event.
    """
    top = cand.anchor if cand.anchor is not None else cand.head
    for verb in {top, cand.head}:
        for c in ctx.children[verb]:
            if case_of(ctx, c) in PARTNER_CASES and ctx.left_edge(c) <= token <= ctx.right_edge(c):
                t = token
                while t != c and ctx.head[t] != t:
                    if ctx.dep[t].startswith("acl"):
                        return True
                    t = ctx.head[t]
    return False


@dataclass(slots=True)
class _Layout:
    """What the brief says around an event, read once before its places are ranked."""

    ranks: dict[int, int]  # sentence index → rank (`sentence_order`)
    own: int  # the trigger's sentence
    clause: set[int]  # the trigger's clause (`event_clause`)
    others: set[int]  # tokens of the clauses of the brief's other events
    containers: dict[int, set[int]]  # start of a place → starts of the places it contains (`place_containers`)
    contained: set[int]  # starts of the places some other place contains
    ends: set[int]  # starts of the ends of a link and of the places that hold them


def assign_place(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> Place | None:
    """The most specific place (site, city, region) named where the event is told.

    Countries and world regions are not places here (they give `country`);
    places in questions and hypotheses are not facts; a relocation happens at
    its destination, not its origin ("des îles Vierges … vers le Kazakhstan").

    >>> assign_place(ctx, candidate, lexicon).name  # doctest: +SKIP
    'Jambyl'
    """
    clause = event_clause(ctx, cand)
    containers = place_containers(ctx)
    ends = link_ends(ctx)
    lay = _Layout(
        ranks=sentence_order(ctx, cand),
        own=ctx.sentence(cand.head).index,
        clause=clause,
        others=set().union(*ctx.claimed_clauses.values()) - clause if ctx.claimed_clauses else set(),
        containers=containers,
        contained=set().union(*containers.values()) if containers else set(),
        # The places that contain an end of a link are no more where the event happens ("entre X,
        # dans la préfecture de Y, et Z").
        ends=ends | {c for c, inner in containers.items() if inner & ends},
    )
    visited = _visited_country(ctx, cand) if cand.event_type == "diplomacy" else None
    best, best_key, best_start = None, None, -1
    for mention, span in ctx.places:
        if visited is not None and mention.country and mention.country != visited.country:
            continue  # "s'est rendu au Liban": the visit happens there, not in the visitor's capital
        if _excluded(ctx, cand, lexicon, lay, mention, span):
            continue
        key = _rank_key(ctx, cand, lay, mention, span)
        if best_key is None or key < best_key:
            best, best_key, best_start = mention, key, span.start
    if best is None:
        if visited is None and cand.event_type in SIGNING_TYPES:
            return _framed_visit_country(ctx, cand, lexicon)
        return visited
    if cand.event_type in BUILD_TYPES and best.place_kind == "city" and _said_where(ctx, cand, best_start_root(ctx, best_start)):
        # "a donné à Vientiane le coup d'envoi du chantier du parc. Le parc alignera 133 éoliennes dans le
        # district de X": the city of the ceremony is not the site the next sentence gives the same work.
        site = _site_of_object(ctx, cand, lexicon, lay)
        if site is not None:
            best, best_start = site
    country = best.country
    if not country:
        # "X, dans la Manche": a place no gazetteer knows takes the country of the place that contains it
        country = next((m.country for m, span in ctx.places if best_start in containers.get(span.start, ())), None)
    return Place(best.normalized or best.text, country, best)


# Builds: their place is the site or region of the work (GUIDELINES), not where a ceremony launched it.
BUILD_TYPES = frozenset({"construction"})


def best_start_root(ctx: BriefContext, start: int) -> int:
    """The root token of the place mention that starts at `start`."""
    return next(span.root for _, span in ctx.places if span.start == start)


def _site_of_object(ctx: BriefContext, cand: Candidate, lexicon: Lexicon, lay: "_Layout") -> tuple[Mention, int] | None:
    """A site or region the next lede sentence puts the trigger's object at: the first place of that sentence
    whose clause has for subject a noun of the trigger's object ("du parc éolien …" / "Le parc alignera … dans
    le district de X")."""
    tops = set(cand.tokens) | ({cand.anchor} if cand.anchor is not None else set())
    nouns = {ctx.lemma[t] for top in tops for c in ctx.children[top] if ctx.dep[c] != "nsubj"
             for t in ctx.subtree(c) if ctx.pos[t] == "NOUN"}
    if not nouns:
        return None
    nxt = lay.own + 1
    for mention, span in ctx.places:
        sentence = ctx.sentence(span.start)
        if sentence.index != nxt or sentence.in_headline or not sentence.factual:
            continue
        if mention.place_kind not in ("site", "city", "region") or not _situates(ctx, span.root, lexicon):
            continue
        verb = span.root
        for _ in range(6):
            if ctx.pos[verb] in VERB_POS or ctx.head[verb] == verb:
                break
            verb = ctx.head[verb]
        subject = next((c for c in ctx.children[verb] if ctx.dep[c] in SUBJECT_DEPS), None)
        if subject is not None and ctx.lemma[subject] in nouns:
            return mention, span.start
    return None


def _excluded(ctx: BriefContext, cand: Candidate, lexicon: Lexicon, lay: _Layout, mention: Mention, span) -> bool:
    """Whether a place mention cannot be where the event happens."""
    if span.start in lay.ends or case_of(ctx, span.root) in ("par", "avec"):
        # The end of a line or a route ("la ligne X–Y", "entre X et Y") is not where it is built;
        # a city as the agent ("l'alliance pilotée par Moscou") or the party met ("renoue avec Beyrouth")
        # stands for its state.
        return True
    if span.root in lay.others:
        return True  # where another event of the brief happens ("… et a lancé la construction d'une centrale à Boukhara")
    if mention.place_kind in NOT_PLACES and mention.country not in lexicon.sovereign:
        return True  # a country gives the event's country; a territory of a state (La Réunion) is a region of it
    if mention.place_kind is None and not mention.country and case_of(ctx, span.root) not in LOCATIVE_CASES | {"près"} \
            and span.start not in lay.contained:
        # A name no gazetteer knows is a place only where the text puts something at it ("à Khorgos")
        # or says what larger place holds it ("X, dans la Manche").
        return True
    sentence = ctx.sentence(span.start)
    if sentence.index not in lay.ranks or not sentence.factual:
        return True
    if sentence.index != lay.own and not sentence.in_headline and (
        not _situates(ctx, span.root, lexicon) or _inside_org(ctx, mention, span)
    ):
        # In a sentence around the trigger's, a place tells where only when the text puts something
        # at it ("à X", "dans la région de X", "lors du salon de X"); "La région de X obtient la plus
        # grosse part", "devant le X", "à trois heures de X" do not, nor a toponym inside a name
        # ("un prêt de la Caisse de dépôt du X"). In the trigger's own sentence, a city's body acting
        # ("la municipalité de X a lancé") still says where.
        return True
    if sentence.index != lay.own and not sentence.in_headline and cand.event_type == "economic_indicator":
        # A figure is about an economy, not a site: a city in another sentence is where it was told or
        # presented ("Il s'exprimait à X lors de…"), not where it happens (GUIDELINES: economic_indicator).
        return True
    if sentence.index != lay.own and not sentence.in_headline and _dated_other_act(ctx, cand, span.root):
        # "…a nommé X. Il a prêté serment le lendemain à Y": a later act with its own time happens at Y, not
        # the event.
        return True
    if sentence.index == lay.own and _in_partner_phrase(ctx, cand, span.root):
        return True
    if cand.event_type == "relocation" and case_of(ctx, span.root) in ORIGIN_CASES:
        return True
    return _acting_city(ctx, cand, span) or _in_report(ctx, cand, span.root, lexicon)


def _dated_other_act(ctx: BriefContext, cand: Candidate, token: int) -> bool:
    """Whether the verb a place hangs on (in another sentence) is dated by its own, relative time word
    ("le lendemain", "la veille", "deux jours plus tard"), i.e. reports a further act."""
    verb, path = token, [token]
    for _ in range(4):
        if ctx.head[verb] == verb:
            break
        verb = ctx.head[verb]
        path.append(verb)
        if ctx.pos[verb] in VERB_POS:
            break
    if ctx.pos[verb] not in VERB_POS or verb in (cand.head, cand.anchor):
        return False
    # The time word may hang on the verb or on the noun that carries the place ("a prêté serment le lendemain à X").
    return any(c in ctx.date_tokens and ctx.lower[c] in FURTHER_TIME for t in path for c in ctx.children[t])


def _rank_key(ctx: BriefContext, cand: Candidate, lay: _Layout, mention: Mention, span) -> tuple:
    """Sort key of a place that can be the event's: the lowest is the event's place."""
    # For a signing or a visit, the city where the parties sign or meet, said at the verb or in the
    # dateline ("Le 4 mai à Yaoundé, …", "a signé lundi à Paris"), beats a place in what they sign about.
    signed_at = 0 if cand.event_type in SIGNING_TYPES and _said_where(ctx, cand, span.root) else 1
    # A relocation happens where it goes ("vers Baar").
    destination = 0 if cand.event_type == "relocation" and case_of(ctx, span.root) == "vers" else 1
    # In the trigger's sentence, where the verb puts it beats where the actor is based ("basée à Tachkent").
    outside = 0 if span.root in lay.clause else 1
    # A natural feature ("sur la mer Noire", "les rives du lac Balkhach") only situates
    # a more specific place; its canonical name starts with its common noun.
    feature = 1 if (mention.normalized or mention.text)[:1].islower() else 0
    # Where the verb itself puts the event ("ont conclu à Astana un accord") beats a place
    # deep in its object ("…pour le développement du gisement de Kalamkas-Khazar").
    deep = 1 if _hops(ctx, span.root, {cand.head, cand.anchor}) > 2 else 0
    # A place said to contain another ("X, dans la Manche") is less specific than it.
    container = 1 if span.start in lay.containers else 0
    return (
        lay.ranks[ctx.sentence(span.start).index], signed_at, destination, container, outside, feature, deep,
        PLACE_RANK.get("region" if mention.place_kind == COUNTRY else mention.place_kind, 3), span.start,
    )


def _visited_country(ctx: BriefContext, cand: Candidate) -> Place | None:
    """A visit to a country with no city, site or region named ("s'est rendu samedi au Japon"): the country
    the trigger's verb goes to is the most specific place where it happens (GUIDELINES)."""
    verbs = {cand.head, cand.anchor}
    for mention, span in ctx.places:
        if mention.place_kind == COUNTRY and mention.country and ctx.head[span.root] in verbs \
                and case_of(ctx, span.root) in LOCATIVE_CASES and ctx.sentence(span.start).factual:
            return Place(mention.normalized or mention.text, mention.country, mention)
    return None


def _framed_visit_country(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> Place | None:
    """A signing framed by a visit to a country, no city named ("Lors d'une visite du Premier ministre en Chine,
    X et Y ont signé…"): the country the frame puts the visit in, said before the trigger in its sentence."""
    frames = lexicon.words("frame_case")
    sentence = ctx.sentence(cand.head)
    for mention, span in ctx.places:
        if mention.place_kind != COUNTRY or not mention.country or not (sentence.start <= span.start < cand.head):
            continue
        if ctx.lower[span.start - 1] not in LOCATIVE_CASES:
            continue
        # Read off the words (the parser often mangles a fronted frame): a frame word ("lors", "pendant")
        # before the country, no comma between them.
        for t in range(span.start - 1, sentence.start - 1, -1):
            if ctx.lower[t] == ",":
                break
            if ctx.lower[t] in frames:
                return Place(mention.normalized or mention.text, mention.country, mention)
    return None


# Head words of a relative time that dates an act by another one before it.
FURTHER_TIME = frozenset({"lendemain", "surlendemain", "veille"})
def _situates(ctx: BriefContext, token: int, lexicon: Lexicon) -> bool:
    """Whether a place is where something is: its case, or that of the nouns it complements
    ("dans la région d'X", "dès l'ouverture du salon de X"), is locative or frames an act."""
    if _in_subject(ctx, token):
        return False
    frames = lexicon.words("frame_case") | lexicon.words("background_case")
    case = case_of(ctx, token)
    for _ in range(4):
        if _near(ctx, token):
            return True  # "près du village de X"
        if case not in ORIGIN_CASES or ctx.head[token] == token or ctx.pos[ctx.head[token]] not in ("NOUN", "PROPN"):
            break
        token = ctx.head[token]
        if any(ctx.dep[c] == "nummod" for c in ctx.children[token]):
            return False  # a distance from it ("à trois heures de X", "à 40 km de X") puts nothing at X
        case = case_of(ctx, token)
    return case in LOCATIVE_CASES or case == "près" or case in frames


def _near(ctx: BriefContext, token: int) -> bool:
    """"près de X", "près du village": the word before the nominal's preposition is "près"."""
    left = ctx.left_edge(token)
    return left > 0 and ctx.lower[left - 1] == "près" or ctx.lower[left] == "près"


def _in_subject(ctx: BriefContext, token: int) -> bool:
    """Whether a token is in the subject of its clause: the parse path up to the first verb goes through `nsubj`.

    A participle or relative clause on the way ("X, établi à Y, a déposé…") belongs to the subject's noun.
    """
    for _ in range(8):
        if (ctx.pos[token] in VERB_POS and not ctx.dep[token].startswith("acl")) or ctx.head[token] == token:
            return False
        if ctx.dep[token] in SUBJECT_DEPS:
            return True
        token = ctx.head[token]
    return False


def _inside_org(ctx: BriefContext, mention: Mention, span) -> bool:
    """A toponym inside an organisation's name ("la Caisse de dépôt du Québec") is no place mention."""
    length = mention.end_char - mention.start_char
    return any(
        m.kind == "ORG" and m.start_char <= mention.start_char and mention.end_char <= m.end_char
        and m.end_char - m.start_char > length
        for m in ctx.names.get(span.start, ())
    )


def _acting_city(ctx: BriefContext, cand: Candidate, span) -> bool:
    """A city that signs, buys, votes or decides stands for its state ("New Delhi a signé l'achat", a headline's
    "Erevan vote"): it is not where the event happens. A host ("Rabat a accueilli…") or a city that opens or
    builds something ("Tachkent inaugure une ligne") is both the actor's seat and the place."""
    if cand.event_type not in STATE_ACT_TYPES:
        return False
    tokens = range(span.start, span.end)
    if any(ctx.dep[i] == "nsubj" for i in tokens):
        return True
    # "Oulan-Bator et Pékin ont signé": the second of coordinated subjects acts too
    if any(ctx.dep[i] == "conj" and ctx.dep[ctx.head[i]] == "nsubj" and ctx.head[i] not in tokens for i in tokens):
        return True
    if _pair_acts(ctx, cand, span):
        return True
    # Headlines parse badly ("Subventions : Erevan débloque…" with the city as a modifier): a bare
    # city, without preposition, followed by a word rather than a colon, is the headline's subject.
    if ctx.in_headline(span.start) and span.end < len(ctx.head) and ctx.sentence(span.end) is ctx.sentence(span.start):
        before = span.start - 1
        bare = before < ctx.sentence(span.start).start or ctx.pos[before] not in ("ADP", "DET")
        return bare and case_of(ctx, span.root) is None and not ctx.is_punct_or_space(span.end)
    return False


def _pair_acts(ctx: BriefContext, cand: Candidate, span) -> bool:
    """"X et Y ont signé" where the parser hung one of the pair elsewhere (a fronted frame before it): the
    place joined to this one by "et" is a subject of the verb, so this one acts with it."""
    n = len(ctx.head)
    if span.start >= 2 and ctx.lower[span.start - 1] == "et":
        other = next((o for _, o in ctx.places if o.end == span.start - 1), None)
    elif span.end + 1 < n and ctx.lower[span.end] == "et":
        other = next((o for _, o in ctx.places if o.start == span.end + 1), None)
    else:
        return False
    if other is None:
        return False
    tokens = range(other.start, other.end)
    return any(ctx.dep[i] == "nsubj" or (
        ctx.dep[i] == "conj" and ctx.dep[ctx.head[i]] == "nsubj" and ctx.head[i] not in tokens) for i in tokens)


def _in_report(ctx: BriefContext, cand: Candidate, token: int, lexicon: Lexicon) -> bool:
    """A place inside the clause that reports the event ("…, a annoncé son patron à Bangalore") says where it
    was said, not where it happens."""
    reporting = lexicon.words("reporting")
    t = token
    for _ in range(8):
        if t in (cand.head, cand.anchor):
            return False
        if ctx.pos[t] in VERB_POS and ctx.lemma[t] in reporting and _finite_clause(ctx, t):
            return not ctx.is_ancestor(t, cand.head) or ctx.is_ancestor(cand.head, t)
        if ctx.head[t] == t:
            return False
        t = ctx.head[t]
    return False


def _finite_clause(ctx: BriefContext, verb: int) -> bool:
    """A verb that reports in a clause of its own ("a annoncé"), not a participle ("Annoncé en 2023, …")."""
    return "Fin" in ctx.morph(verb, "VerbForm") or any(ctx.dep[c].startswith("aux") for c in ctx.children[verb])


def _said_where(ctx: BriefContext, cand: Candidate, token: int) -> bool:
    """A locative "à X" hung on the trigger's verb or on a date ("lundi à Paris", "Le 4 mai à Yaoundé")."""
    if case_of(ctx, token) not in ("à", "au"):
        return False
    head = ctx.head[token]
    return head in (cand.head, cand.anchor) or head in ctx.date_tokens


def _hops(ctx: BriefContext, token: int, targets: set[int | None], limit: int = 6) -> int:
    """Steps up the parse from `token` to the first of `targets` (`limit` + 1 when none is reached).

    >>> _hops(ctx, astana, {conclu})  # doctest: +SKIP
    1
    """
    head = ctx.head
    for steps in range(limit + 1):
        if token in targets:
            return steps
        if head[token] == token:
            break
        token = head[token]
    return limit + 1
