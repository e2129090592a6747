"""The partner of an event: the other party of an agreement, a purchase or a meeting."""

from __future__ import annotations

from .context import BriefContext
from .actors import SIGNATORY_TYPES
from .verbs import listed_signatories, pair_before_verb, signatories, subject_of
from ..lexicons.events import Lexicon
from .parties import NAME_DEPS, PARTNER_CASES, Party, as_party, case_of, country_name, is_country, phrase_tokens, resolve_phrase
from .places import assign_place, event_clause
from .triggers import MAX_CLIMB, SUBJECT_DEPS, Candidate

PARTNER_TYPES = frozenset({"agreement", "diplomacy", "procurement"})
# Who a purchase is made from: "à X", "au constructeur X", "aux chantiers X", "auprès de X".
SELLER_CASES = frozenset({"à", "au", "aux", "auprès"})
# A loan or financing signed "avec X" has X as partner (GUIDELINES); a one-sided investment has none.
SIGNED_TYPES = frozenset({"investment"})


def assign_partner(ctx: BriefContext, cand: Candidate, actor: Party, lexicon: Lexicon) -> Party:
    """The other party of an agreement, purchase or meeting ("avec X", "du constructeur X"), else nobody.

    >>> assign_partner(ctx, candidate, actor, lexicon).name  # doctest: +SKIP
    'Kazakhtelecom'
    """
    signed = cand.event_type in SIGNED_TYPES
    if cand.event_type not in PARTNER_TYPES and not signed:
        return Party(None, None, None, "partner: not a two-party event")
    if cand.event_type in SIGNATORY_TYPES:
        pair = signatories(ctx, cand)
        if len(pair) < 2 and cand.event_type == "agreement":
            pair = listed_signatories(ctx, cand, lexicon)
        if len(pair) >= 2 and pair[0].name == actor.name:
            return pair[1]  # "l'accord entre X et Y": the first-named counterparty (GUIDELINES)
    chain = _clause_chain(ctx, cand)
    for t in chain:
        for child in ctx.children[t]:
            if case_of(ctx, child) in PARTNER_CASES:
                for phrase in [child] + [c for c in ctx.children[child] if ctx.dep[c] == "conj"]:
                    party = _named(ctx, phrase, actor, lexicon) or _named_among(ctx, phrase, actor)
                    if party is not None and not _same_side(ctx, party, actor):
                        return _partner_for(ctx, cand, party)
    if signed and (bought := _company_bought(ctx, cand, actor, lexicon)) is not None:
        return bought  # "a annoncé le rachat de son concurrent X": a purchase's partner is the company bought
    if signed:
        # A loan or a financing pledge has a partner when signed with a named counterparty ("par un protocole
        # signé avec le Togo") or made out to one ("en faveur du Bénin"); else it is one-sided.
        party = _counterparty_in_clause(ctx, cand, actor, lexicon)
        if party is None and any(ctx.lemma[t] in lexicon.words("signing") for t in chain):
            # "La banque X et le gouvernement Y ont signé un prêt": the second signatory is the counterparty.
            party = _conjunct_subject(ctx, chain, actor, lexicon)
        if party is not None:
            return _partner_for(ctx, cand, party)
        return Party(None, None, None, "partner: one-sided investment")
    party = _conjunct_subject(ctx, chain, actor, lexicon)
    if party is not None:
        return _partner_for(ctx, cand, party)
    if cand.event_type in ("agreement", "diplomacy"):
        second = _second_of_pair_before_verb(ctx, cand, actor)
        if second is not None:
            return _partner_for(ctx, cand, second)
    if cand.event_type == "procurement":
        for t in chain:
            # The seller: "l'achat de 26 chasseurs à Dassault Aviation", "auprès d'Airbus".
            for child in ctx.children[t]:
                if case_of(ctx, child) in SELLER_CASES and (party := _named(ctx, child, actor, lexicon)) and party.kind == "ORG":
                    return party
        seller = _seller_in_subtree(ctx, chain, actor)
        if seller is not None:
            return seller
    if cand.event_type == "diplomacy":
        host = _visit_counterpart(ctx, cand, chain, actor, lexicon)
        if host is not None:
            return host
        place = assign_place(ctx, cand, lexicon)
        if place is not None and place.country and place.country != actor.country:
            return Party(country_name(ctx, place.country), place.country, "LOC")
    return Party(None, None, None, "partner: no counterpart")


# Where the thing bought is named: a noun's "de" complement ("le rachat de X"), a verb's object ("racheter X").
_BOUGHT_DEPS = frozenset({"nmod", "obj"})


def _company_bought(ctx: BriefContext, cand: Candidate, actor: Party, lexicon: Lexicon) -> Party | None:
    """The organisation a takeover word of the trigger buys (`takeover` in event_context.tsv): the first one named
    in its object or "de" complement, through portions and descriptions ("le rachat de la totalité de son
    concurrent américain X" → X)."""
    takeover = lexicon.words("takeover")
    for t in cand.tokens:
        if ctx.lemma[t] not in takeover:
            continue
        for child in ctx.children[t]:
            if ctx.dep[child] not in _BOUGHT_DEPS or child < t:
                continue
            for token in sorted(phrase_tokens(ctx, child)):
                m = ctx.name_at(token)
                if m is not None and m.kind == "ORG":
                    party = as_party(ctx, m)
                    if party.name and party.name != actor.name:
                        return party
    return None


def _named_among(ctx: BriefContext, phrase: int, actor: Party) -> Party | None:
    """The first party a nameless group names after "dont" ("avec six délégations, dont celle du X" → X,
    "avec plusieurs pays, dont le Ghana" → Ghana): the one the text singles out among the counterparties."""
    for t in ctx.children[phrase]:
        if ctx.dep[t] not in ("acl:relcl", "acl", "nmod", "appos"):
            continue
        sub = ctx.subtree(t)
        if not any(ctx.lower[u] == "dont" for u in sub[:3]):
            continue
        for u in sub:
            m = ctx.name_at(u)
            if m is not None and m.kind in ("ORG", "PER", "LOC"):
                party = as_party(ctx, m)
                if party.name and party.name != actor.name:
                    return party
    return None


def _second_of_pair_before_verb(ctx: BriefContext, cand: Candidate, actor: Party) -> Party | None:
    """"X et Y ont signé" where the parser did not coordinate the two (`pair_before_verb`): Y, when X acts."""
    names = pair_before_verb(ctx, cand)
    if not names:
        return None
    first, second = as_party(ctx, names[0]), as_party(ctx, names[1])
    if first.name != actor.name or second.name in (None, actor.name):
        return None
    return second


def _seller_in_subtree(ctx: BriefContext, chain: list[int], actor: Party) -> Party | None:
    """The seller named anywhere in the purchase's clause: an organisation after "à" or "auprès de" first
    ("l'achat de 26 chasseurs Nimbus à Orion Aero", where the product's name may pass for an organisation),
    else the first organisation outside the subject."""
    for t in chain:
        found = []
        for token in ctx.subtree(t):
            m = ctx.name_at(token)
            if m is not None and m.kind == "ORG" and (m.normalized or m.text) != actor.name and not _in_subject_of(ctx, token, t):
                found.append((token, m))
        if found:
            after_to = [m for token, m in found if case_of(ctx, token) in SELLER_CASES]
            return as_party(ctx, (after_to or [found[0][1]])[0])
    return None


def _visit_counterpart(ctx: BriefContext, cand: Candidate, chain: list[int], actor: Party, lexicon: Lexicon) -> Party | None:
    """Who a visit or a meeting is with: the host who receives ("a été reçu par son homologue Y"), the guest
    received ("a accueilli le président X", "a réservé un accueil au président X"). States meet states: when
    the actor is a country, a person stands for the country its own phrase names ("le président français X"
    → France), and is passed over when the phrase names none."""
    tops = set(cand.tokens) | ({cand.anchor} if cand.anchor is not None else set())
    clause = event_clause(ctx, cand)
    hosts, guests = [], []
    for t in chain:
        for child in ctx.children[t]:
            dep, case = ctx.dep[child], case_of(ctx, child)
            if child == cand.head:
                continue  # (a cue's complement may be the guest: "a reçu son homologue X")
            if dep == "obl:agent" or (dep.startswith("obl") and case == "par"):
                hosts.append(child)
            elif t in tops and (dep == "obj" or (dep in ("obl:arg", "iobj", "nmod") and case in ("à", "au", "aux"))):
                guests.append(child)  # "à" names a place as often as a guest: only a person or a body counts
    hosts += _host_in_clause(ctx, cand, lexicon)
    for child in hosts + guests:
        party = _named(ctx, child, actor, lexicon)
        if party is None or party.kind not in ("PER", "ORG") and (child in guests or not is_country(ctx, party)):
            continue
        if actor.kind == "LOC" and party.kind == "PER":
            # A person's country only when the phrase says it (not the brief's main country, a guess).
            country = party.country if party.reason is None else None
            if not country:
                # "a accueilli le président X pour la première visite d'un dirigeant brésilien": a demonym in the
                # visit's own clause, other than the host's, says whose the guest is.
                country = next((d.country for d in ctx.demonyms if d.start in clause and d.country != actor.country), None)
            if not country or country == actor.country:
                continue
            return Party(country_name(ctx, country), country, "LOC")
        if not _same_side(ctx, party, actor):
            return _partner_for(ctx, cand, party)
    return None


def _host_in_clause(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> list[int]:
    """The host named by a receiving verb, the cue's own or one in a clause hung on it ("s'est rendu à X, où le
    président Y l'a accueilli", "…, où il a été reçu par Y"): the verb's subject when its object is a pronoun
    (the visitor named before), or the agent of its passive."""
    out = []
    hung = [c for t in dict.fromkeys((cand.head, cand.anchor)) if t is not None for c in ctx.children[t]
            if ctx.dep[c] in ("advcl", "acl:relcl", "conj", "parataxis")
            # "a effectué une visite à X, où Y l'a accueilli": the parser hangs the "où" clause on the verb as a ccomp
            or (ctx.dep[c] == "ccomp" and _where_clause(ctx, c))]
    # …or on the place visited, as its relative clause ("une visite à X, où Y l'a accueilli")
    hung += [g for t in dict.fromkeys((cand.head, cand.anchor)) if t is not None for c in ctx.children[t]
             for g in ctx.children[c] if ctx.dep[g] == "acl:relcl" and _where_clause(ctx, g)]
    for clause in [cand.head, *hung]:  # the cue may be the receiving verb itself ("où Y l'a accueilli")
        if ctx.lemma[clause] not in lexicon.words("host_verb"):
            continue
        kids = ctx.children[clause]
        agents = [c for c in kids if ctx.dep[c] == "obl:agent" or (ctx.dep[c].startswith("obl") and case_of(ctx, c) == "par")]
        if agents:
            out += agents
        elif any(ctx.dep[c] == "obj" and ctx.pos[c] == "PRON" for c in kids):
            out += [c for c in kids if ctx.dep[c] == "nsubj"]
    return out


def _where_clause(ctx: BriefContext, verb: int) -> bool:
    """Whether a clause opens with "où" (the place where its act happens)."""
    return any(ctx.lower[k] == "où" for k in ctx.children[verb])


def _conjunct_subject(ctx: BriefContext, chain: list[int], actor: Party, lexicon: Lexicon) -> Party | None:
    """The second of coordinated subjects on the trigger's clause chain ("X et Y ont signé"), named or an office
    of another state."""
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
                return party
    return None


def _counterparty_in_clause(ctx: BriefContext, cand: Candidate, actor: Party, lexicon: Lexicon) -> Party | None:
    """A named party in an "avec X" phrase anywhere in the trigger's clause, the beneficiary of "en faveur
    de X" / "au profit de X", or the trigger verb's recipient ("accorder à X")."""
    for t in sorted(event_clause(ctx, cand)):
        case = case_of(ctx, t)
        target = None
        if case == "avec":
            target = t
        elif ctx.lemma[t] in lexicon.words("benefit_noun") and case in ("en", "au", "à"):
            target = next((c for c in ctx.children[t] if ctx.dep[c] == "nmod"), None)
        elif case in ("à", "au", "aux") and ctx.dep[t] in ("obl:arg", "iobj") and ctx.head[t] == cand.head:
            target = t  # the recipient of the trigger verb: "a accordé au Niger un prêt"
        if target is not None:
            party = _named(ctx, target, actor, lexicon)
            if party is not None and not _same_side(ctx, party, actor):
                return party
    return None


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
    return party.kind == "LOC" and not is_country(ctx, party) and party.country is not None and party.country == actor.country


def _partner_for(ctx: BriefContext, cand: Candidate, party: Party) -> Party:
    """States meet states: a city named as a partner stands for its country ("avec Astana")."""
    if cand.event_type in ("diplomacy", "agreement", "investment") and party.kind == "LOC" and party.country and not is_country(ctx, party):
        return Party(country_name(ctx, party.country), party.country, "LOC")
    return party


def _in_subject_of(ctx: BriefContext, token: int, verb: int) -> bool:
    subject = subject_of(ctx, verb)
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
    return Party(country_name(ctx, party.country), party.country, "LOC")

