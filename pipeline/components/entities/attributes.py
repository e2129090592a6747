"""Attributes of the chosen entities: the country of organisations and the kind of places (the
places named inside a local body's name are `local_bodies`)."""

from __future__ import annotations

from .candidates import EntityCandidate
from .context import apposed_cue, place_context
from .view import TokenView
from .words import EntityWords


def assign_countries(
    words: EntityWords,
    doc: TokenView,
    chosen: list[EntityCandidate],
    cands: list[EntityCandidate],
    demonyms: dict[int, str],
    weak: list[EntityCandidate],
) -> None:
    """Country of each organisation from cues in the text; kind of places from place nouns.

    `weak` are the GeoNames cities found without a place cue: one that ends an organisation's
    name after "de" ("la Régie des transports de Lyon") gives the organisation its country.

    The brief's main country (most named by places and demonyms) is the country of its
    national bodies and state companies, and of unknown places named by a place noun.
    """
    votes = _country_votes(words, chosen, demonyms)
    _tell_lookalikes(words, doc, chosen, votes)
    # The same for a country inside an organisation's name ("la Banque centrale du Congo"),
    # whose country the organisation takes; those mentions cast no vote of their own.
    taken = set(map(id, chosen))
    _tell_lookalikes(words, doc, [c for c in cands if c.label == "LOC" and id(c) not in taken], dict(votes), False)
    # the first country counted wins a tie (as `Counter.most_common(1)` would give)
    main_country = max(votes, key=votes.__getitem__) if votes else ""
    places_at = {c.start: c for c in chosen if c.label == "LOC"}
    for c in chosen:
        if c.label == "LOC":
            _place_kind(words, doc, c, demonyms, main_country)
        elif c.label == "ORG" and not c.hint.country:
            _org_country(words, doc, c, cands, demonyms, places_at, main_country, votes, weak)
    if main_country:  # after the kinds: an unknown place of a kind would take the main country
        _foreign_small_towns(words, doc, chosen, votes, main_country)
    _same_body(words, doc, chosen, cands, demonyms)
    by_name: dict[str, str] = {}
    for c in chosen:
        if c.label == "ORG" and c.hint.country:
            by_name.setdefault(words.fold(c.hint.canon or doc.span_text(c.start, c.end)), c.hint.country)
    for c in chosen:
        if c.label == "ORG" and not c.hint.country and not c.hint.key.startswith("org:"):
            name = c.hint.canon or doc.span_text(c.start, c.end)
            if words.gaz.org(name) is None:  # a known body keeps the lexicon's country, even none
                c.hint.country = by_name.get(words.fold(name), "")
    _listed_countries(words, doc, chosen)
    _parent_countries(words, doc, chosen)


# Below this population a GeoNames town of a country the brief never names is more likely a
# homonym the gazetteer lacks, in the brief's own country (Balaclava is a town of 5,000 in
# Australia and a village of Mauritius; Labrador one of 18,000 in Australia).
SMALL_TOWN = 20_000


def _foreign_small_towns(
    words: EntityWords, doc: TokenView, chosen: list[EntityCandidate], votes: dict[str, int], main_country: str
) -> None:
    """A small GeoNames town whose country only the town itself names, in a brief about another
    country, is taken as a place unknown to the gazetteer (no GeoNames id), of the brief's country
    when the brief names only one: "une cérémonie à Balaclava" in a brief about Mauritius. A town named as the
    venue of a gathering ("le salon aéronautique du Bourget", "le forum de Davos") keeps its own."""
    places = words.gaz.places
    own: dict[str, int] = {}
    for c in chosen:
        if c.label == "LOC" and c.hint.key.startswith("city:"):
            own[c.hint.key] = own.get(c.hint.key, 0) + 1
    for c in chosen:
        place = places.get(c.hint.key) if c.label == "LOC" and c.hint.key.startswith("city:") else None
        if place is None or place.strong or not place.population or place.population >= SMALL_TOWN:
            continue
        if place.country != main_country and votes.get(place.country, 0) <= own[c.hint.key]:
            if not _venue_before(words, doc, c.start):
                # the brief's country when it names only one other, else unknown
                others = [iso for iso in votes if iso != place.country]
                c.hint.key, c.hint.country, c.hint.kind = "", main_country if len(others) == 1 else "", "city"


def _venue_before(words: EntityWords, doc: TokenView, start: int) -> bool:
    """"le salon aéronautique du Bourget", "le forum de Davos": a gathering's noun, its adjectives and
    "de" before a place."""
    k, keys = start - 1, doc.keys
    while k >= 0 and start - k <= 4:
        if keys[k] in words.venue_nouns:
            return True
        if not (keys[k] in words.de_forms or keys[k] in words.articles or doc.pos[k] == "ADJ"):
            return False
        k -= 1
    return False


def _same_body(
    words: EntityWords, doc: TokenView, chosen: list[EntityCandidate], cands: list[EntityCandidate],
    demonyms: dict[int, str],
) -> None:
    """"la banque centrale nippone" in a brief that names "la Banque du Japon" is that bank: a generic
    body described through a demonym takes the name of the body of the same head and country that
    the brief names with the country inside its name."""
    keys = doc.keys
    named = [
        c for c in chosen
        if c.label == "ORG" and c.hint.inst and doc.caps[c.start] and c.hint.country
        and any(p.label == "LOC" and c.start < p.start and p.end <= c.end for p in cands)
    ]
    if not named:
        return
    for c in chosen:
        if c.label != "ORG" or not c.hint.inst or doc.caps[c.start] or c.hint.canon:
            continue
        if not any(k in demonyms for k in range(c.start, c.end)):
            continue
        for other in named:
            if other is not c and keys[other.start] == keys[c.start] and other.hint.country == c.hint.country:
                c.hint.canon = other.hint.canon or doc.span_text(other.start, other.end)
                break


def _country_votes(words: EntityWords, chosen: list[EntityCandidate], demonyms: dict[int, str]) -> dict[str, int]:
    """How much the chosen places (a country counts twice) and the demonyms name each country.

    Sets each known place's country on its hint on the way.
    """
    votes: dict[str, int] = {}
    for c in chosen:
        if c.label == "LOC":
            place = words.gaz.places.get(c.hint.key)
            if place is not None and place.country:
                votes[place.country] = votes.get(place.country, 0) + (2 if place.kind == "country" else 1)
                if not c.hint.country:
                    c.hint.country = place.country
    for iso in demonyms.values():
        if iso:
            votes[iso] = votes.get(iso, 0) + 1
    return votes


def _tell_lookalikes(
    words: EntityWords, doc: TokenView, chosen: list[EntityCandidate], votes: dict[str, int], voted: bool = True
) -> None:
    """A country written by a name several share ("Congo") is the one the brief's other
    places name most ("Kinshasa" → the RDC); on a tie, the gazetteer's."""
    lookalikes = words.gaz.cues.get("lookalike", {})
    for c in chosen:
        if c.label != "LOC" or not c.hint.key.startswith("country:"):
            continue
        codes = lookalikes.get(words.fold(doc.span_text(c.start, c.end)))
        if not codes:
            continue
        own = c.hint.key.partition(":")[2]
        # the mention's own vote does not count
        score = {iso: votes.get(iso, 0) - (2 if voted and iso == own else 0) for iso in codes.split("|")}
        best = max(score, key=score.__getitem__)
        if score[best] > score.get(own, 0) and f"country:{best}" in words.gaz.places:
            votes[own] = votes.get(own, 0) - 2
            votes[best] = votes.get(best, 0) + 2
            c.hint.key, c.hint.country = f"country:{best}", best


def _place_kind(
    words: EntityWords, doc: TokenView, c: EntityCandidate, demonyms: dict[int, str], main_country: str
) -> None:
    kind = place_context(words, doc, c.start, demonyms)
    place = words.gaz.places.get(c.hint.key)
    known = place is not None
    # "la région d'Almaty" is the region; "le port de Poti" is still the city,
    # "la République d'Ouzbékistan" still the country
    if kind and kind != "prep" and (not known or (kind == "region" and place.kind in ("city", "region"))):
        c.hint.kind = kind
    if not known and not c.hint.country and c.hint.kind:
        c.hint.country = main_country  # "le gisement de Sarytogan" in a brief about Kazakhstan


def _org_country(
    words: EntityWords,
    doc: TokenView,
    c: EntityCandidate,
    cands: list[EntityCandidate],
    demonyms: dict[int, str],
    places_at: dict[int, EntityCandidate],
    main_country: str,
    votes: dict[str, int],
    weak: list[EntityCandidate],
) -> None:
    gaz = words.gaz
    if c.hint.key.startswith("org:"):
        c.hint.country = gaz.orgs[c.hint.key].country or ""
        return
    known = gaz.org(c.hint.canon or doc.span_text(c.start, c.end)) or next((
        gaz.orgs[k.hint.key] for k in cands  # "le Conseil de sécurité de l'ONU": the body of a known one
        if k.label == "ORG" and k.hint.key.startswith("org:") and c.start < k.start and k.end <= c.end
    ), None)
    if known is not None:
        # "l'Organisation de coopération de Shanghai (OCS)" found by a rule is still the
        # known body, of no country when the lexicon gives none
        c.hint.country = known.country or ""
        return
    c.hint.country = (
        _country_inside(words, doc, c, cands, demonyms, votes)
        or _country_before(doc, c.start, demonyms)
        or _country_after(words, doc, c.end, places_at, demonyms)
        or (main_country if _national_body(words, doc, c, cands) or _state_company(words, doc, c) else "")
        or _city_ending_name(words, doc, c, weak)
    )


def _listed_countries(words: EntityWords, doc: TokenView, chosen: list[EntityCandidate]) -> None:
    """Listed companies (`companies.tsv`) the text gives no country take their head office's, which
    the text's own cues beat ("le suisse X" after a move abroad); none where one of its mentions
    follows a compound demonym ("le groupe anglo-australien X" says two countries)."""
    companies = words.gaz.companies
    listed = [(c, words.fold(c.hint.canon or doc.span_text(c.start, c.end))) for c in chosen if c.label == "ORG"]
    listed = [(c, name) for c, name in listed if name in companies]
    if not listed:
        return
    mixed = {
        name for c, name in listed
        if any(_compound_demonym(words, doc.texts[k]) for k in range(max(0, c.start - 3), c.start))
    }
    for c, name in listed:
        if not c.hint.country and name not in mixed:
            c.hint.country = companies[name]


def _parent_countries(words: EntityWords, doc: TokenView, chosen: list[EntityCandidate]) -> None:
    """"X, filiale de la Caisse de dépôt du Québec": a subsidiary the text gives no country takes its
    parent's, named right after the `parent_noun` of its apposition."""
    parents = words.gaz.cues.get("parent_noun", {})
    keys, n = doc.keys, len(doc)
    orgs = {c.start: c for c in chosen if c.label == "ORG"}
    for c in chosen:
        if c.label != "ORG" or c.hint.country or c.end + 3 >= n or doc.texts[c.end] != ",":
            continue
        k = c.end + 1 + (keys[c.end + 1] in words.articles)
        if k + 1 < n and keys[k] in parents and keys[k + 1] in words.de_forms:
            k += 2 + (k + 2 < n and keys[k + 2] in ("la", "l'"))
            parent = orgs.get(k)
            if parent is not None and parent.hint.country:
                c.hint.country = parent.hint.country


def _compound_demonym(words: EntityWords, text: str) -> bool:
    """"anglo-australien", "franco-italienne": a demonym of several countries."""
    found = words.demonym_of(text) if "-" in text else None
    return found is not None and found[1] is not None


def _country_inside(
    words: EntityWords,
    doc: TokenView,
    org: EntityCandidate,
    cands: list[EntityCandidate],
    demonyms: dict[int, str],
    votes: dict[str, int],
) -> str:
    """Country named inside an organisation's name ("Banque centrale d'Ouzbékistan", "République kirghize");
    a name several countries share ("Banque centrale du Congo") is the one the brief's places name most."""
    for k in range(org.start, org.end):
        if demonyms.get(k):
            return demonyms[k]
    best = ""
    for p in cands:
        if p.label == "LOC" and org.start <= p.start and p.end <= org.end and p.end - p.start < org.end - org.start:
            place = words.gaz.places.get(p.hint.key)
            if place is not None and place.country:
                if place.kind == "country":
                    codes = words.gaz.cues.get("lookalike", {}).get(words.fold(doc.span_text(p.start, p.end)))
                    if codes:
                        return max(codes.split("|"), key=lambda iso: (votes.get(iso, 0), iso == place.country))
                    return place.country
                best = best or place.country
    return best


# A body named after a city this large ("l'Université de Montréal", "le Port autonome de Douala") is
# plainly of that city's country (GUIDELINES: the home country common knowledge makes plain); below it,
# a village sharing a foreign name is too likely.
NAMING_CITY = 100_000


def _city_ending_name(words: EntityWords, doc: TokenView, org: EntityCandidate, weak: list[EntityCandidate]) -> str:
    """Country of a large city that ends the organisation's name after "de"/"d'" ("la Société des
    transports de Lyon" → FR), when nothing else in the text gave one."""
    for p in weak:
        if org.start < p.start and p.end == org.end and doc.keys[p.start - 1] in words.de_forms:
            place = words.gaz.places.get(p.hint.key)
            if place is not None and place.kind == "city" and place.population >= NAMING_CITY:
                return place.country or ""
    return ""


def _country_before(doc: TokenView, start: int, demonyms: dict[int, str]) -> str:
    """Country from a demonym right before the name, past lower-case adjectives: "son actionnaire
    canadien Ivanhoe Mines", "la compagnie indienne IndiGo" (the demonym qualifies the name's noun)."""
    k = start - 1
    while k >= 0 and start - k <= 5:
        if demonyms.get(k):
            return demonyms[k]
        # lower-case adjectives, and the words of a short qualifier ("à bas coûts", "de fret")
        if not (doc.pos[k] in ("ADJ", "NOUN", "ADP") and doc.texts[k].isalpha() and doc.texts[k].islower()):
            break
        if k == start - 1 and doc.pos[k] == "ADP":
            break  # "le partenaire chinois d'Airbus": Airbus is not the Chinese one
        k -= 1
    return ""


def _national_body(
    words: EntityWords, doc: TokenView, org: EntityCandidate, cands: list[EntityCandidate]
) -> bool:
    """An institution of a state ("le ministère de l'Irrigation"), not of a union of states: none whose
    name has a supranational adjective ("ouest-africaine"), "États" or a world region ("… des États de
    l'Afrique de l'Ouest")."""
    keys = doc.keys
    start = org.start + (keys[org.start] in words.articles)
    if start >= org.end or keys[start] not in words.institution_cues:
        return False
    if any(keys[k] in words.supranational or doc.texts[k] == "États" for k in range(org.start, org.end)):
        return False
    return not any(
        p.label == "LOC" and org.start <= p.start and p.end <= org.end and p.hint.key.startswith("region:")
        for p in cands
    )


def _state_company(words: EntityWords, doc: TokenView, org: EntityCandidate) -> bool:
    """A company the text calls the state's ("la compagnie nationale KazMunayGas", "la société
    d'État Turkmengaz"): a company cue, then a state word, right before the name or in an
    apposition right after it ("KEGOC, l'opérateur national du réseau")."""
    keys, state, n = doc.keys, words.state_words, len(doc.keys)
    # "KEGOC, l'opérateur national du réseau": the same words in an apposition after the name
    k = org.end + 1 + (org.end + 1 < n and keys[org.end + 1] in words.articles)
    if org.end < n and keys[org.end] == "," and k < n and keys[k] in words.company_cues:
        if any(keys[j] in state for j in range(k + 1, min(n, k + 4))):
            return True
    seen_state = False
    for k in range(org.start - 1, max(-1, org.start - 5), -1):
        if keys[k] in state:
            seen_state = True
        elif keys[k] in words.company_cues:
            return seen_state
        elif keys[k] not in words.de_forms and not (doc.pos[k] == "ADJ" and doc.texts[k].islower()):
            return False
    return False


def _country_after(
    words: EntityWords, doc: TokenView, end: int, places_at: dict[int, EntityCandidate], demonyms: dict[int, str]
) -> str:
    """Country from "basée à Chymkent", "d'origine russe" or an apposition ", le fabricant suédois"
    right after an organisation."""
    sents, n = doc.sents, len(doc)
    sent = sents[end - 1] if end else 0
    sent_end = next((k for k in range(end, n) if sents[k] != sent), n)
    if apposed_cue(words, doc, end) is not None:
        # ", le fabricant suédois de batteries,": the demonym that qualifies the apposition's cue noun
        cue = next(k for k in range(end + 1, min(n, end + 5)) if doc.keys[k] in words.company_cues)
        for k in range(cue + 1, min(sent_end, cue + 3)):
            if demonyms.get(k):
                return demonyms[k]
    for k in range(end, min(sent_end, end + 10)):
        key = doc.keys[k]
        if key in words.based_words:
            for m in range(k + 1, min(sent_end, k + 4)):
                if m in places_at:
                    place = words.gaz.places.get(places_at[m].hint.key)
                    return place.country or "" if place else places_at[m].hint.country
        if key == "origine" and k + 1 in demonyms:
            return demonyms[k + 1]
    return ""
