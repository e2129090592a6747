"""Fill an event's arguments from the parse and the brief's mentions.

Each `assign_*` function reads the trigger candidate and the brief context and
returns the value with, when it is empty, the reason it is empty.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..records import Mention
from .context import COUNTRY, NAME_KINDS, BriefContext, Extent
from .lexicon import Lexicon
from .triggers import MAX_CLIMB, SUBJECT_DEPS, VERB_POS, Candidate

# Children that belong to a noun's name ("la société Dodo Pizza", "le président Tokaïev").
NAME_DEPS = frozenset({"flat", "flat:name", "flat:foreign", "appos", "amod", "nmod", "compound", "fixed"})
# Sub-clauses of a phrase that say something else about it ("basée à Chymkent").
CLAUSE_DEPS = frozenset({"acl", "acl:relcl", "advcl", "parataxis", "ccomp"})
AGENT_DEPS = frozenset({"obl:agent"})
PARTNER_CASES = frozenset({"avec", "entre", "auprès"})
LOCATIVE_CASES = frozenset({"à", "au", "aux", "en", "dans", "vers", "sur"})
ORIGIN_CASES = frozenset({"de", "des", "du", "d'", "d’", "depuis"})
# "selon le ministère": who says it, not whose figure it is.
SOURCE_CASES = frozenset({"selon", "d'après", "d’après", "pour", "avec", "par"})
PLACE_RANK = {"site": 0, "city": 1, "region": 2, None: 3}
NOT_PLACES = frozenset({COUNTRY, "supranational"})
PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "ant")
# Figures belong to whom they measure: "Au Kazakhstan, le PIB…", "la production du Kazakhstan".
OWNED_TYPES = frozenset({"economic_indicator", "production"})
PARTNER_TYPES = frozenset({"agreement", "diplomacy", "procurement"})


@dataclass(frozen=True, slots=True)
class Party:
    """Who a phrase names: a canonical name (or None) and an ISO2 country (or None)."""

    name: str | None
    country: str | None
    kind: str | None = None  # ORG, PER, LOC
    reason: str | None = None


NOBODY = Party(None, None)


def case_of(ctx: BriefContext, token: int) -> str | None:
    """The preposition of a nominal ("à Astana" → "à"), lower case, or None: its first left child marked so."""
    for child in ctx.children[token]:
        if child > token:
            break
        if ctx.dep[child] in ("case", "mark"):
            return ctx.lower[child]
    return None


def _name_tokens(ctx: BriefContext, head: int) -> list[int]:
    """The head of a phrase and the children that are part of its name, not complements."""
    out, stack = [head], [head]
    while stack:
        t = stack.pop()
        for child in ctx.children[t]:
            if ctx.dep[child] in NAME_DEPS and case_of(ctx, child) is None and not ctx.is_punct(child):
                out.append(child)
                if len(out) < 12:
                    stack.append(child)
    return out


def _following_name(ctx: BriefContext, head: int) -> list[int]:
    """A name right after a noun and its adjectives, whatever the parse says ("la banque kazakhstanaise Halyk Bank")."""
    out = []
    for t in range(head + 1, min(head + 4, ctx.sentence(head).end)):
        if t in ctx.names:
            out.append(t)
        elif (ctx.pos[t] != "ADJ" and t not in ctx.demonym_tokens) or ctx.is_punct(t):
            break  # demonyms the tagger calls verbs ("kazakhstanaise") are adjectives here
    return out


def _unrecognised_name(ctx: BriefContext, tokens: list[int]) -> str | None:
    """The proper-noun tokens among a phrase's name tokens, as written, if they are contiguous."""
    propn = sorted(t for t in tokens if ctx.pos[t] == "PROPN")
    if not propn or propn[-1] - propn[0] + 1 > len(propn) + 2:
        return None
    return ctx.text_of(propn[0], propn[-1] + 1)


def _phrase_tokens(ctx: BriefContext, head: int) -> list[int]:
    """A nominal phrase without its sub-clauses, nor what is coordinated to it
    ("KazMunayGas et le groupe français TotalEnergies": the second is another party)."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in ctx.children[t] if ctx.dep[c] != "conj" and (ctx.dep[c] not in CLAUSE_DEPS or t != head))
    return out


def _clauses_of(ctx: BriefContext, head: int) -> list[int]:
    """The phrase's sub-clauses (an apposition or "basée à…"), where its country may be said."""
    return [t for c in ctx.children[head] if ctx.dep[c] in CLAUSE_DEPS or ctx.dep[c] == "appos" for t in ctx.subtree(c)]


def _as_party(ctx: BriefContext, mention: Mention) -> Party:
    name = mention.normalized or mention.text
    if mention.kind == "LOC" and mention.place_kind not in (COUNTRY, None):
        # A city or region acting stands for its authorities; it is still named as the place.
        return Party(name, mention.country, "LOC")
    return Party(name, mention.country, mention.kind)


def resolve_phrase(ctx: BriefContext, head: int, lexicon: Lexicon) -> Party:
    """Who a nominal phrase names.

    A name mention on the head or its name children is the party ("la compagnie
    aérienne SCAT" → SCAT); a role noun with an organisation complement acts for
    it ("le directeur de Kazakhtelecom"); otherwise the phrase is generic and
    only gives a country, from a demonym ("les autorités kazakhstanaises") or a
    country complement ("la police du Kazakhstan").

    >>> resolve_phrase(ctx, subject_token, lexicon)  # doctest: +SKIP
    Party(name=None, country='KZ', kind=None, reason='actor: only a demonym phrase')
    """
    name_tokens = _name_tokens(ctx, head)
    names = [m for t in name_tokens + _following_name(ctx, head) if (m := ctx.name_at(t)) is not None]
    if names:
        # An ORG first, and a proper name before a generic one the entity rules also
        # made an ORG ("la banque kazakhstanaise Halyk Bank" → Halyk Bank).
        # A role noun with a person's name is that person ("le ministre russe des Affaires étrangères Sergueï Lavrov").
        order = ("PER", "ORG", "LOC") if ctx.lemma[head] in lexicon.words("role") else ("ORG", "PER", "LOC")
        best = min(names, key=lambda m: (order.index(m.kind), not m.text[:1].isupper()))
        party = _as_party(ctx, best)
        if party.country is None and party.kind != "LOC":
            party = Party(party.name, _country_in(ctx, head, exclude=best), party.kind)
        if party.kind == "PER" and party.country is None:
            party = Party(party.name, ctx.main_country(), "PER", "actor_country: person's country from the brief")
        return party
    phrase = _phrase_tokens(ctx, head)
    complements = [m for t in phrase if (m := ctx.name_at(t)) is not None]
    definite = any(ctx.dep[c] == "det" and ctx.lower[c] in ("le", "l'", "l’") for c in ctx.children[head])
    if ctx.lemma[head] in lexicon.words("country_anaphor") and definite and len(phrase) <= 2 and ctx.main_country():
        country = ctx.main_country()  # "Le pays a lancé…": the country the brief is about
        return Party(_country_name(ctx, country), country, "LOC")
    if ctx.lemma[head] in lexicon.words("role"):
        org = next((m for m in complements if m.kind == "ORG"), None)
        if org is not None:
            return _as_party(ctx, org)
        person = _unrecognised_name(ctx, name_tokens)
        if person:
            # "le président kazakh Kassym-Jomart Tokaïev": a role noun with a proper name is a person.
            country = ctx.demonym_in_tokens(set(phrase)) or ctx.main_country()
            return Party(person, country, "PER")
    demonym = ctx.demonym_in_tokens(set(phrase))
    if demonym:
        return Party(None, demonym, None, "actor: only a demonym phrase")
    countries = {m.country for m in complements if m.country}
    if len(countries) == 1:
        return Party(None, countries.pop(), None, "actor: generic phrase, country from its complement")
    if countries:
        # "les travaux du gazoduc Turkménistan-Afghanistan-Pakistan-Inde": no one country acts
        return Party(None, None, None, f"actor: generic phrase naming {len(countries)} countries")
    return Party(None, None, None, f"actor: generic phrase ({ctx.token_text(head)})")


def _country_in(ctx: BriefContext, head: int, exclude: Mention) -> str | None:
    """An organisation's country said around its name: "d'origine russe", "basée à Chymkent"."""
    tokens = _phrase_tokens(ctx, head) + _clauses_of(ctx, head)
    demonym = ctx.demonym_in_tokens(set(tokens))
    if demonym:
        return demonym
    for t in tokens:
        m = ctx.name_at(t)
        if m is not None and m is not exclude and m.kind == "LOC" and m.country:
            return m.country
    return None


def _is_passive(ctx: BriefContext, verb: int) -> bool:
    # Not the morphologizer's Voice=Pass: it also marks reflexives ("se sont entendus"); and a
    # "passive subject" of a verb conjugated with avoir is the parser's slip ("les électeurs ont approuvé").
    deps = [ctx.dep[c] for c in ctx.children[verb]]
    if "aux:pass" in deps:
        return True
    return "nsubj:pass" in deps and not any(
        ctx.dep[c].startswith("aux") and ctx.raw_lemma(c) == "avoir" for c in ctx.children[verb]
    )


def _agent(ctx: BriefContext, verb: int) -> int | None:
    for child in ctx.children[verb]:
        dep = ctx.dep[child]
        if dep in AGENT_DEPS or (dep.startswith("obl") and case_of(ctx, child) == "par"):
            return child
    return None


def _subject(ctx: BriefContext, verb: int) -> int | None:
    """The verb's subject (active or passive), or None."""
    for c in ctx.children[verb]:
        if ctx.dep[c] in SUBJECT_DEPS:
            return c
    return None


def _apposed_name(ctx: BriefContext, subject: int, verb: int) -> Mention | None:
    """The name a generic subject stands in apposition to, which the parser did not make the subject.

    "KEGOC, l'opérateur national du réseau, investira…": a name opening the sentence,
    then a comma, then the subject phrase; or "Le Jogorkou Kenech, le Parlement du
    Kirghizstan, a adopté…": a second subject of the same verb that is a name.
    """
    for other in ctx.children[verb]:
        if other != subject and ctx.dep[other] in SUBJECT_DEPS:
            m = next((m for t in _phrase_tokens(ctx, other) if (m := ctx.name_at(t)) is not None), None)
            if m is not None and m.kind in NAME_KINDS:
                return m
    edge = ctx.left_edge(subject)
    if edge < 2 or ctx.lower[edge - 1] != ",":
        return None
    m = ctx.name_at(edge - 2)
    if m is None or m.kind not in NAME_KINDS:
        return None
    start = edge - 2
    while start > 0 and ctx.name_at(start - 1) is m:
        start -= 1
    sentence_start = ctx.sentence(edge).start
    # The name opens the sentence (after an article at most): "Selon X, le groupe…" is no apposition.
    if start == sentence_start or (start == sentence_start + 1 and ctx.dep[sentence_start] == "det"):
        return m
    return None


def assign_actor(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> Party:
    """The party that acts: the subject of the trigger's verb, or the agent of a passive.

    Climbs from the trigger through infinitives and nouns ("vient d'inaugurer",
    "a officialisé son intention de collaborer") to the first verb with a
    subject. A passive without agent gives only a country, from a demonym on its
    subject ("un terminal kazakhstanais a été inauguré"). With no subject in the
    sentence, the actor is the subject of the headline or of another lede
    sentence ("Le Kazakhstan bâtit…" / "…a été lancée").

    >>> assign_actor(ctx, candidate, lexicon).name  # doctest: +SKIP
    'Dodo Pizza'
    """
    head, dep = ctx.head, ctx.dep
    t = cand.head
    for _ in range(MAX_CLIMB + 2):
        subject = _subject(ctx, t)
        if ctx.pos[t] in VERB_POS or subject is not None:
            bare_participle = "Part" in ctx.morph(t, "VerbForm") and not any(dep[c].startswith("aux") for c in ctx.children[t])
            if bare_participle and (agent := _agent(ctx, t)) is not None:
                return resolve_phrase(ctx, agent, lexicon)  # "un monorail inauguré par le président X"
            if _is_passive(ctx, t):
                agent = _agent(ctx, t)
                if agent is not None:
                    return resolve_phrase(ctx, agent, lexicon)
                if subject is not None and subject != cand.head:
                    demonym = ctx.demonym_in_tokens(ctx.descendants(subject))
                    if demonym:
                        return Party(None, demonym, None, "actor: passive without agent; country from a demonym")
                return _fallback_actor(ctx, cand, lexicon, "actor: passive without agent")
            if subject is not None:
                if subject == cand.head:
                    return _indicator_owner(ctx, cand, t, lexicon)
                if ctx.pos[subject] == "PRON":
                    if ctx.lower[subject] in ("qui", "lequel", "laquelle") and dep[t] == "acl:relcl":
                        return resolve_phrase(ctx, head[t], lexicon)
                    return _fallback_actor(ctx, cand, lexicon, "actor: pronoun subject")
                party = resolve_phrase(ctx, subject, lexicon)
                if party.name is None and (apposed := _apposed_name(ctx, subject, t)) is not None:
                    return _as_party(ctx, apposed)
                return party
            if dep[t] == "acl" and _finite(ctx, t) and ctx.pos[head[t]] in ("NOUN", "PROPN") and head[t] < t:
                # A finite verb parsed as a noun's modifier is a misparsed headline
                # ("Le Kazakhstan lance des cartes…"): the noun is its subject.
                return resolve_phrase(ctx, head[t], lexicon)
        if head[t] == t or dep[t] in ("parataxis",):
            break
        t = head[t]
    verb = cand.anchor
    if verb is not None and _subject(ctx, verb) is None and not _is_passive(ctx, verb):
        # The parser hung the subject elsewhere ("Selon l'agence Reuters, le groupe chinois CNPC a acquis…"):
        # French puts it right before the verb group.
        before = _name_before(ctx, verb)
        if before is not None:
            return _as_party(ctx, before)
    if cand.event_type in OWNED_TYPES:
        return _indicator_owner(ctx, cand, cand.head, lexicon)
    return _fallback_actor(ctx, cand, lexicon, "actor: no subject")


def _name_before(ctx: BriefContext, verb: int) -> Mention | None:
    """An ORG, person or country named right before a verb group (auxiliaries, "ne", clitics skipped)."""
    group = [c for c in ctx.children[verb] if c < verb and (ctx.dep[c].startswith(("aux", "expl")) or ctx.lower[c] in ("ne", "n'", "n’"))]
    first = min([verb] + group)
    if first == 0:
        return None
    m = ctx.name_at(first - 1)
    if m is not None and (m.kind in ("ORG", "PER") or m.place_kind == COUNTRY):
        return m
    return None


def _finite(ctx: BriefContext, verb: int) -> bool:
    """A finite verb, also when the tagger took a headline's present ("lance") for a participle."""
    form = ctx.morph(verb, "VerbForm")
    if "Fin" in form:
        return True
    return "Part" in form and not ctx.lower[verb].endswith(PARTICIPLE_ENDINGS)


def _indicator_owner(ctx: BriefContext, cand: Candidate, verb: int, lexicon: Lexicon) -> Party:
    """When the cue is the subject ("le PIB grimpe"), the actor is whose it is: "du Kazakhstan", "Au Kazakhstan,"."""
    for t in (*ctx.children[cand.head], *ctx.children[verb]):
        if ctx.dep[t].startswith(("nmod", "obl")) and case_of(ctx, t) not in SOURCE_CASES:
            m = ctx.name_at(t)
            if m is not None and (m.kind == "ORG" or m.place_kind == COUNTRY):
                return _as_party(ctx, m)
    return _fallback_actor(ctx, cand, lexicon, "actor: the event noun is the subject")


def _fallback_actor(ctx: BriefContext, cand: Candidate, lexicon: Lexicon, reason: str) -> Party:
    """A named subject elsewhere in the brief: the headline's first, then the lede's, in order."""
    own = ctx.sentence(cand.head)
    others = [s for s in ctx.sentences if s.in_headline] + [s for s in ctx.sentences if not s.in_headline]
    for sentence in [own] + [s for s in others if s is not own]:
        if not sentence.factual:
            continue
        # In the trigger's own sentence, a subject the parser hung elsewhere ("La banque X Bank a lancé").
        end = sentence.end if sentence is not own else cand.head
        subjects = [i for i in ctx.subjects if sentence.start <= i < end]
        if sentence.in_headline and not subjects:
            # "L'Azerbaïdjan mise sur le vent" parsed as a name with a participle: the name is the subject.
            root = ctx.span_root(sentence.start, sentence.end)
            if root in ctx.names and any(ctx.pos[c] in VERB_POS for c in ctx.children[root]):
                subjects = [root]
        for i in subjects:
            if ctx.pos[i] == "PRON":
                continue
            party = resolve_phrase(ctx, i, lexicon)
            if party.name and party.kind in ("ORG", "PER") or (party.kind == "LOC" and _is_country(ctx, party)):
                return party
    return Party(None, None, None, reason)


def _is_country(ctx: BriefContext, party: Party) -> bool:
    return party.country is not None and ctx.country_names.get(party.country) == party.name


def _chain(ctx: BriefContext, cand: Candidate) -> list[int]:
    """The trigger head and the tokens above it up to its anchor verb (inclusive)."""
    chain, t = [cand.head], cand.head
    for _ in range(MAX_CLIMB):
        if cand.anchor is None or t == cand.anchor or ctx.head[t] == t:
            break
        t = ctx.head[t]
        chain.append(t)
    if cand.anchor is not None and cand.anchor not in chain:
        chain.append(cand.anchor)
    return chain


def assign_partner(ctx: BriefContext, cand: Candidate, actor: Party, lexicon: Lexicon) -> Party:
    """The other party of an agreement, purchase or meeting ("avec X", "du constructeur X"), else nobody.

    >>> assign_partner(ctx, candidate, actor, lexicon).name  # doctest: +SKIP
    'Kazakhtelecom'
    """
    if cand.event_type not in PARTNER_TYPES:
        return Party(None, None, None, "partner: not a two-party event")
    chain = _clause_chain(ctx, cand)
    for t in chain:
        for child in ctx.children[t]:
            if case_of(ctx, child) in PARTNER_CASES:
                for phrase in [child] + [c for c in ctx.children[child] if ctx.dep[c] == "conj"]:
                    party = _named(ctx, phrase, actor, lexicon)
                    if party is not None and not _same_side(ctx, party, actor):
                        return _partner_for(ctx, cand, party)
    for t in chain:
        subjects = [c for c in ctx.children[t] if ctx.dep[c] in SUBJECT_DEPS]
        # "X et Y ont signé": Y is a conjunct of the subject, or a second subject when the parser says so;
        # the parser may hang the conjunct on the subject's name ("la compagnie KazMunayGas et le groupe…").
        first = subjects[:1] + [c for s in subjects[:1] for c in ctx.children[s] if ctx.dep[c] in NAME_DEPS]
        others = subjects[1:] + [c for s in first for c in ctx.children[s] if ctx.dep[c] == "conj"]
        for other in others:
            party = _named(ctx, other, actor, lexicon)
            if party is None and ctx.lemma[other] in lexicon.words("role"):
                # "le ministre kazakhstanais … et son homologue chinois ont signé": the other side is China
                party = _state_of(ctx, resolve_phrase(ctx, other, lexicon), actor)
            if party is not None:
                return _partner_for(ctx, cand, party)
    if cand.event_type == "procurement":
        for t in chain:
            for token in ctx.subtree(t):
                m = ctx.name_at(token)
                if m is not None and m.kind == "ORG" and (m.normalized or m.text) != actor.name:
                    if not _in_subject_of(ctx, token, t):
                        return _as_party(ctx, m)
    if cand.event_type == "diplomacy":
        place = assign_place(ctx, cand, lexicon)
        if place is not None and place.country and place.country != actor.country:
            return Party(_country_name(ctx, place.country), place.country, "LOC")
    return Party(None, None, None, "partner: no counterpart")


def _clause_chain(ctx: BriefContext, cand: Candidate) -> list[int]:
    """The trigger's tokens and every head above them up to the sentence root."""
    chain = list(cand.tokens)
    t = cand.head
    for _ in range(MAX_CLIMB + 2):
        if ctx.head[t] == t:
            break
        t = ctx.head[t]
        chain.append(t)
    return chain


def _same_side(ctx: BriefContext, party: Party, actor: Party) -> bool:
    """A city of the actor's own country ("Moscou" for Russia) is the actor's side, not its partner."""
    return party.kind == "LOC" and not _is_country(ctx, party) and party.country is not None and party.country == actor.country


def _partner_for(ctx: BriefContext, cand: Candidate, party: Party) -> Party:
    """States meet states: a city named as a partner stands for its country ("avec Astana")."""
    if cand.event_type in ("diplomacy", "agreement") and party.kind == "LOC" and party.country and not _is_country(ctx, party):
        return Party(_country_name(ctx, party.country), party.country, "LOC")
    return party


def _in_subject_of(ctx: BriefContext, token: int, verb: int) -> bool:
    subject = _subject(ctx, verb)
    return subject is not None and ctx.left_edge(subject) <= token <= ctx.right_edge(subject)


def _named(ctx: BriefContext, head: int, actor: Party, lexicon: Lexicon) -> Party | None:
    party = resolve_phrase(ctx, head, lexicon)
    if party.name is None or party.name == actor.name:
        return None
    return party


def _state_of(ctx: BriefContext, party: Party, actor: Party) -> Party | None:
    """The country a nameless party speaks for ("son homologue chinois" → Chine), unless it is the actor's."""
    if party.name is not None or not party.country or party.country == actor.country:
        return None
    return Party(_country_name(ctx, party.country), party.country, "LOC")


def _country_name(ctx: BriefContext, iso2: str) -> str:
    """Canonical French name of a country: as the brief names it, else from Babel's French territories."""
    if iso2 in ctx.country_names:
        return ctx.country_names[iso2]
    return _french_territories().get(iso2, iso2)


@functools.cache
def _french_territories() -> dict[str, str]:
    """Babel's French names of territories, read once (a `Locale` costs a third of a millisecond)."""
    from babel import Locale

    return dict(Locale("fr").territories)


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happens: a canonical place name and its country."""

    name: str
    country: str | None
    mention: Mention


def _sentence_order(ctx: BriefContext, cand: Candidate) -> dict[int, int]:
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


def assign_place(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> Place | None:
    """The most specific place (site, city, region) named where the event is told.

    Countries and world regions are not places here (they give `country`);
    places in questions and hypotheses are not facts; a relocation happens at
    its destination, not its origin ("des îles Vierges … vers le Kazakhstan").

    >>> assign_place(ctx, candidate, lexicon).name  # doctest: +SKIP
    'Jambyl'
    """
    ranks = _sentence_order(ctx, cand)
    ranks_own = ctx.sentence(cand.head).index
    clause = event_clause(ctx, cand)
    others = set().union(*ctx.claimed_clauses.values()) - clause if ctx.claimed_clauses else set()
    best, best_key = None, None
    for mention, span in ctx.places:
        if span.root in others:
            continue  # where another event of the brief happens ("… et a lancé la construction d'une centrale à Boukhara")
        if mention.place_kind in NOT_PLACES:
            continue
        if mention.place_kind is None and not mention.country and case_of(ctx, span.root) not in LOCATIVE_CASES | {"près"}:
            # A name no gazetteer knows is a place only where the text puts something at it ("à Khorgos").
            continue
        sentence = ctx.sentence(span.start)
        if sentence.index not in ranks or not sentence.factual:
            continue
        if sentence.index == ranks_own and _in_partner_phrase(ctx, cand, span.root):
            continue
        if cand.event_type == "relocation" and case_of(ctx, span.root) in ORIGIN_CASES:
            continue
        # In the trigger's sentence, where the verb puts it beats where the actor is based ("basée à Tachkent").
        outside = 0 if span.root in clause else 1
        # A natural feature ("sur la mer Noire", "les rives du lac Balkhach") only situates
        # a more specific place; its canonical name starts with its common noun.
        feature = 1 if (mention.normalized or mention.text)[:1].islower() else 0
        # Where the verb itself puts the event ("ont conclu à Astana un accord") beats a place
        # deep in its object ("…pour le développement du gisement de Kalamkas-Khazar").
        deep = 1 if _hops(ctx, span.root, {cand.head, cand.anchor}) > 2 else 0
        key = (ranks[sentence.index], outside, feature, deep, PLACE_RANK.get(mention.place_kind, 3), span.start)
        if best_key is None or key < best_key:
            best, best_key = mention, key
    if best is None:
        return None
    return Place(best.normalized or best.text, best.country, best)


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


def assign_country(ctx: BriefContext, cand: Candidate, place: Place | None, actor: Party) -> tuple[str | None, str | None]:
    """ISO2 of where the event happens, and the reason when unknown.

    The place's country; else a country named as where it happens in the
    trigger's sentence ("au Kazakhstan", "vers le Kazakhstan"); else the
    actor's country; else the country the brief names most.

    >>> assign_country(ctx, candidate, None, Party("Dodo Pizza", "RU", "ORG"))  # doctest: +SKIP
    ('KZ', None)
    """
    if place is not None and place.country:
        return place.country, None
    sentence = ctx.sentence(cand.head)
    for mention, span in ctx.places:
        if mention.place_kind != COUNTRY or not mention.country or ctx.sentence(span.start) is not sentence:
            continue
        case = case_of(ctx, span.root)
        if case in ORIGIN_CASES and case_of(ctx, ctx.head[span.root]) in LOCATIVE_CASES:
            case = case_of(ctx, ctx.head[span.root])  # "dans l'ouest du Kazakhstan", "au sud du Kazakhstan"
        if case in LOCATIVE_CASES and mention.country != actor.country or case == "vers":
            return mention.country, None
    if actor.country:
        return actor.country, None
    main = ctx.main_country()
    if main:
        return main, None
    return None, "country: no country in brief"


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
    ranks = _sentence_order(ctx, cand)
    best, best_key = None, None
    for mention, span in ctx.quantities:
        key = _quantity_key(ctx, cand, ranks, mention, span)
        if key is not None and (best_key is None or key < best_key):
            best, best_key = mention, key
    return best
