"""Who a phrase names: resolve a nominal phrase of the parse to a party (a name, a country, or both).

Shared by the actor, partner and place rules: the name tokens of a phrase, its
preposition, the mention it carries, and the canonical French name of a country.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..records import Mention
from .context import COUNTRY, BriefContext
from ..lexicons.events import Lexicon

# Children that belong to a noun's name ("la société Dodo Pizza", "le président Tokaïev").
NAME_DEPS = frozenset({"flat", "flat:name", "flat:foreign", "appos", "amod", "nmod", "compound", "fixed"})
# Sub-clauses of a phrase that say something else about it ("basée à Chymkent").
CLAUSE_DEPS = frozenset({"acl", "acl:relcl", "advcl", "parataxis", "ccomp"})
PARTNER_CASES = frozenset({"avec", "entre", "auprès"})
CITY = "city"
OWNER_CASES = frozenset({"de", "d'", "d’", "du", "des"})
# The reason of a person's country guessed from what the brief is about, which a demonym on his office may correct.
PERSON_COUNTRY_GUESS = "actor_country: person's country from the brief"


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


def phrase_tokens(ctx: BriefContext, head: int) -> list[int]:
    """A nominal phrase without its sub-clauses, nor what is coordinated to it
    ("KazMunayGas et le groupe français TotalEnergies": the second is another party)."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in ctx.children[t] if ctx.dep[c] != "conj" and (ctx.dep[c] not in CLAUSE_DEPS or t != head))
    return out


def first_name(ctx: BriefContext, head: int) -> Mention | None:
    """The first name mention in the phrase of `head` (`phrase_tokens` order), if any."""
    return next((m for t in phrase_tokens(ctx, head) if (m := ctx.name_at(t)) is not None), None)


def _clauses_of(ctx: BriefContext, head: int) -> list[int]:
    """The phrase's sub-clauses (an apposition or "basée à…"), where its country may be said."""
    return [t for c in ctx.children[head] if ctx.dep[c] in CLAUSE_DEPS or ctx.dep[c] == "appos" for t in ctx.subtree(c)]


def as_party(ctx: BriefContext, mention: Mention) -> Party:
    """The party a name mention stands for; a city stands for its country ("Rabat a réservé un accueil…"
    → Maroc: GUIDELINES, a city is never an actor), a region for its own authorities.

    >>> as_party(ctx, mention_of("Bakou")).name  # doctest: +SKIP
    'Azerbaïdjan'
    """
    name = mention.normalized or mention.text
    if mention.kind == "LOC" and mention.place_kind == CITY and mention.country:
        return Party(country_name(ctx, mention.country), mention.country, "LOC")
    if mention.kind == "LOC" and mention.place_kind not in (COUNTRY, None):
        # A region acting stands for its authorities; it is still named as the place.
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
    holder = _title_holder(ctx, head)
    if holder is not None:
        return holder
    name_tokens = _name_tokens(ctx, head)
    names = [m for t in name_tokens + _following_name(ctx, head) if (m := ctx.name_at(t)) is not None]
    if not names:
        names = _name_after_bare_complement(ctx, head)
    if names:
        return _named_party(ctx, head, names, lexicon)
    phrase = phrase_tokens(ctx, head)
    complements = [m for t in phrase if (m := ctx.name_at(t)) is not None]
    definite = any(ctx.dep[c] == "det" and ctx.lower[c] in ("le", "l'", "l’") for c in ctx.children[head])
    if ctx.lemma[head] in lexicon.words("country_anaphor") and definite and len(phrase) <= 2 and ctx.main_country():
        country = ctx.main_country()  # "Le pays a lancé…": the country the brief is about
        if ctx.lower[head] == "état":
            # "l'État" in a brief about a territory (Martinique, Guam) is the state it belongs to
            country = lexicon.sovereign.get(country, country)
        return Party(country_name(ctx, country), country, "LOC")
    if ctx.lemma[head] in lexicon.words("role"):
        org = next((m for m in complements if m.kind == "ORG"), None)
        if org is not None:
            return as_party(ctx, org)
        holder = _person_after_comma(ctx, head)
        if holder is not None:
            # "par le Premier ministre ivoirien, X, trois jours avant…": the parser hung the name elsewhere.
            country = ctx.demonym_in_tokens(set(phrase)) or ctx.main_country()
            return Party(holder.normalized or holder.text, country, "PER")
        person = _unrecognised_name(ctx, name_tokens)
        if person:
            # "le président kazakh Kassym-Jomart Tokaïev": a role noun with a proper name is a person.
            country = ctx.demonym_in_tokens(set(phrase)) or ctx.main_country()
            return Party(person, country, "PER")
    owner = _owner(ctx, head)
    if owner is not None:
        return as_party(ctx, owner)  # "le parc nucléaire d'EDF a produit…": EDF's output
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


def _named_party(ctx: BriefContext, head: int, names: list[Mention], lexicon: Lexicon) -> Party:
    """The party among the names a phrase holds, with its country."""
    # An ORG first, and a proper name before a generic one the entity rules also
    # made an ORG ("la banque kazakhstanaise Halyk Bank" → Halyk Bank).
    # A role noun with a person's name is that person ("le ministre russe des Affaires étrangères Sergueï Lavrov").
    order = ("PER", "ORG", "LOC") if ctx.lemma[head] in lexicon.words("role") else ("ORG", "PER", "LOC")
    best = min(names, key=lambda m: (order.index(m.kind), not m.text[:1].isupper()))
    party = as_party(ctx, best)
    if party.country is None and party.kind == "ORG":
        party = Party(party.name, _country_in(ctx, head, exclude=best), party.kind)
    elif party.country is None and party.kind == "PER":
        # A place beside a person is where he is ("X à Lima"), and a demonym further in his phrase qualifies
        # something else ("X à Lima pour épauler le pouvoir péruvien"): only a demonym on the head says it.
        party = Party(party.name, ctx.demonym_in_tokens({c for c in ctx.children[head] if ctx.dep[c] == "amod"}), "PER")
    if party.kind == "PER" and party.country is None:
        party = Party(party.name, ctx.main_country(), "PER", PERSON_COUNTRY_GUESS)
    return party


def _name_after_bare_complement(ctx: BriefContext, head: int) -> list[Mention]:
    """An organisation's name closing a description whose "de" complement has no article ("l'opérateur
    luxembourgeois de satellites X", "le fabricant de batteries X"): the name the parser hung on the complement
    is the head's own (with an article, "le client de la banque X", it is another body's)."""
    for child in ctx.children[head]:
        if child < head or ctx.dep[child] != "nmod" or ctx.pos[child] != "NOUN" or case_of(ctx, child) not in OWNER_CASES:
            continue
        if any(ctx.dep[c] == "det" for c in ctx.children[child]) or ctx.lower[child - 1] in ("du", "des"):
            continue  # "du", "des" carry the article
        names = [m for t in _name_tokens(ctx, child) if t > child and (m := ctx.name_at(t)) is not None and m.kind == "ORG"]
        if names:
            return names
    return []


def _owner(ctx: BriefContext, head: int) -> Mention | None:
    """An organisation named as the "de" complement of a generic noun ("le parc nucléaire d'EDF")."""
    for child in ctx.children[head]:
        if ctx.dep[child] == "nmod" and case_of(ctx, child) in OWNER_CASES:
            m = ctx.name_at(child)
            if m is not None and m.kind == "ORG":
                return m
    return None


def first_conjunct(ctx: BriefContext, head: int) -> Mention | None:
    """The first name of a coordination ("la RDC, l'Angola et la Zambie ont signé" → RDC): the first-named
    signatory acts (GUIDELINES, multi-party agreements)."""
    conj = [c for c in ctx.children[head] if ctx.dep[c] == "conj"]
    if not conj:
        return None
    if len(conj) == 1 and ctx.pos[head] == "NOUN" and _apposed_person(ctx, conj[0]) is not None:
        return None  # "Le roi des Belges, Philippe, a entamé…": an apposition the parser took for a coordination
    end = min(ctx.left_edge(c) for c in conj)
    for t in range(ctx.left_edge(head), end):
        m = ctx.name_at(t)
        if m is not None and m.kind in ("ORG", "PER", "LOC"):
            return m
    return None


def _title_holder(ctx: BriefContext, head: int) -> Party | None:
    """The person a title stands in apposition to, between commas ("Le président du Portugal, X, a…", "Le roi
    des Belges, X, a…"), which the parser made a coordination; the title's country is the person's."""
    if ctx.pos[head] != "NOUN":
        return None
    conj = [c for c in ctx.children[head] if ctx.dep[c] == "conj"]
    person = _apposed_person(ctx, conj[0]) if len(conj) == 1 else None
    if person is None:
        return None
    title = [t for t in phrase_tokens(ctx, head) if t < conj[0]]
    country = ctx.demonym_in_tokens(set(title))
    if not country:
        country = next((m.country for t in title if (m := ctx.name_at(t)) is not None and m.kind == "LOC" and m.country), None)
    return Party(person.normalized or person.text, country, "PER")


def _person_after_comma(ctx: BriefContext, role: int) -> Mention | None:
    """A person's name right after an office phrase and a comma ("le ministre ivoirien, X"): the office's holder
    in apposition (GUIDELINES: a person's office gives the person when named)."""
    comma = ctx.right_edge(role) + 1
    if comma + 1 >= ctx.sentence(role).end or ctx.lower[comma] != ",":
        return None
    m = ctx.name_at(comma + 1)
    return m if m is not None and m.kind == "PER" else None


def _apposed_person(ctx: BriefContext, conj: int) -> Mention | None:
    """A person's name set between commas after a title, without "et" ("le président du Portugal, X, a …"):
    the name of the title's holder, not a second party."""
    if conj == 0 or ctx.lower[conj - 1] != "," or any(ctx.dep[c] == "cc" for c in ctx.children[conj]):
        return None
    m = ctx.name_at(conj)
    return m if m is not None and m.kind == "PER" else None


def _country_in(ctx: BriefContext, head: int, exclude: Mention) -> str | None:
    """An organisation's country said around its name: "d'origine russe", "basée à Chymkent"."""
    tokens = phrase_tokens(ctx, head) + _clauses_of(ctx, head)
    demonym = ctx.demonym_in_tokens(set(tokens))
    if demonym:
        return demonym
    for t in tokens:
        m = ctx.name_at(t)
        if m is not None and m is not exclude and m.kind == "LOC" and m.country:
            return m.country
    return None


def is_country(ctx: BriefContext, party: Party) -> bool:
    return party.country is not None and ctx.country_names.get(party.country) == party.name


def country_name(ctx: BriefContext, iso2: str) -> str:
    """Canonical French name of a country: as the brief names it, else from Babel's French territories."""
    if iso2 in ctx.country_names:
        return ctx.country_names[iso2]
    return _french_territories().get(iso2, iso2)


@functools.cache
def _french_territories() -> dict[str, str]:
    """Babel's French names of territories, read once (a `Locale` costs a third of a millisecond)."""
    from babel import Locale

    return dict(Locale("fr").territories)

