"""Gazetteer look-ups: the longest known place or organisation name at each capitalised token."""

from __future__ import annotations

from itertools import compress

from ...spans import EntityHint
from .candidates import PRIORITY_KNOWN, PRIORITY_STRONG, PRIORITY_WEAK, EntityCandidate
from .context import name_run
from .view import TokenView
from .words import EntityWords


def find_gazetteer_names(
    words: EntityWords, doc: TokenView, cands: list[EntityCandidate], weak: list[EntityCandidate]
) -> None:
    """Longest gazetteer name (place or known organisation) starting at each capitalised token.

    Known organisations and strong places (countries, world regions, hand-kept names) go
    to `cands`; GeoNames cities and ISO subdivisions to `weak`, which need a cue.
    """
    # Longer than ~60 lines on purpose: one pass over the n-grams at each token, longest first,
    # that stops at the first name of any kind (acronym, organisation, company, place); split by
    # kind, each part would need the same longest-first order and the same stop.
    gaz = words.gaz
    n = len(doc)
    texts, spaces, stops, starters = doc.texts, doc.spaces, doc.stops, doc.starters
    for i in compress(range(n), starters):  # capitalised, or "îles", "golfe"…
        # "du Bourget", "au Havre", "aux Mureaux": the article of a toponym is contracted
        # with the preposition before it, so the name is looked up with its article too.
        article = _CONTRACTED.get(doc.keys[i - 1]) if i > 0 else None
        if article and (article + doc.folds[i] not in gaz.place_names or doc.folds[i] in gaz.demonyms):
            article = None  # "aux Anglais" are the English, not the Haitian town Les Anglais
        if starters[i] == 1 and not article and (i + 1 == n or spaces[i] or stops[i + 1]):
            continue  # the word alone names nothing and starts no name of several words
        text = texts[i]
        if text in gaz.acronyms:
            org = gaz.orgs[gaz.acronyms[text]]
            cands.append(EntityCandidate(i, i + 1, "ORG", PRIORITY_KNOWN, EntityHint(src="gazetteer", key=org.key)))
            continue
        if "\n" in text:
            continue
        elided = len(text) == 2 and text[1] in ("’", "'") and i + 1 < n and not spaces[i]
        for j, key, has_cap in reversed(_ngram_keys(words, doc, i)):
            if not has_cap:
                continue
            canon = ""
            if article and gaz.place_names.get(article + key) and key not in words.not_places:
                key = article + key
                canon = article.capitalize() + doc.span_text(i, j)  # "du Bourget" → "Le Bourget"
            org_key = gaz.org_names.get(key)
            if org_key:
                cands.append(EntityCandidate(i, j, "ORG", PRIORITY_KNOWN, EntityHint(src="gazetteer", key=org_key)))
                break
            if key in gaz.companies and not canon:
                # a listed company ("Rio Tinto") wins over a town of the same name; a rule finding it too gives its country
                hint = EntityHint(src="gazetteer", key=f"company:{key}")
                cands.append(EntityCandidate(i, j, "ORG", PRIORITY_STRONG, hint))
                break
            place_key = gaz.place_names.get(key)
            if not place_key and elided:
                # "N’Zérékoré", "N’Djamena": GeoNames may write the elided syllable glued (Nzérékoré)
                place_key = gaz.place_names.get(key.replace("'", "", 1))
            if place_key:
                if key in words.not_places:
                    # "le Nord du pays" is not the Burkinabè region Nord; "la région du Centre" names a
                    # region, of the brief's country rather than the gazetteer's first one so named.
                    if _named_by_region_noun(words, doc, i):
                        hint = EntityHint(src="rule", kind="region")
                        cands.append(EntityCandidate(i, j, "LOC", PRIORITY_WEAK, hint))
                    break
                if key in gaz.respelled and not canon:
                    canon = doc.span_text(i, j)  # "Nouveau-Brunswick", as the text and French usage write it
                strong = gaz.places[place_key].strong
                # A weak place waits for the model's span or a place cue (`accept_weak`).
                priority = PRIORITY_STRONG if strong else PRIORITY_WEAK
                c = EntityCandidate(i, j, "LOC", priority, EntityHint(src="gazetteer", key=place_key, canon=canon))
                (cands if strong else weak).append(c)
                break
    if weak and gaz.homonyms:
        _choose_homonyms(words, doc, cands, weak)
    _find_state_forms(words, doc, cands)
    _find_feature_names(words, doc, cands)


def _find_feature_names(words: EntityWords, doc: TokenView, cands: list[EntityCandidate]) -> None:
    """A natural feature's noun capitalised inside a sentence, then "de" and a capitalised name, is a
    toponym the gazetteers may lack ("la Vallée de Joux", `feature_name` in place_cues.tsv); it beats
    the model's reading (a person, often), not a body's name found by a rule nor a known name."""
    features = words.feature_names
    if not features:
        return
    keys, n = doc.keys, len(doc)
    for i in compress(range(n), doc.caps):
        kind = features.get(keys[i])
        if kind is None or doc.starts_sentence(i) or i + 2 >= n or keys[i + 1] not in words.de_forms:
            continue
        k = i + 2 + (keys[i + 1] == "de" and keys[i + 2] in ("la", "l'"))
        end = name_run(words, doc, k) if k < n and doc.caps[k] and doc.sents[k] == doc.sents[i] else k
        if end > k:
            cands.append(EntityCandidate(i, end, "LOC", PRIORITY_STRONG, EntityHint(src="rule", kind=kind)))


def _find_state_forms(words: EntityWords, doc: TokenView, cands: list[EntityCandidate]) -> None:
    """A country's official long form names the country, not a body: a state-form noun, its
    adjectives, then "de" and a country ("l'Union des Comores", "la République islamique de
    Mauritanie", "le Royaume du Maroc"), or a state-form noun and a demonym ("la République
    tunisienne"). The span is a place with the country's canonical name; "la Fédération du Mali de
    football" goes on with a complement and stays a body's name."""
    gaz = words.gaz
    heads, adjectives = gaz.cues.get("state_form", {}), gaz.cues.get("state_form_adj", {})
    if not heads:
        return
    n, keys = len(doc), doc.keys
    for i in compress(range(n), doc.caps):
        head = heads.get(keys[i])
        if head is None or _complement_of_body(words, doc, i):
            continue
        k = i + 1
        while k < n and keys[k] in adjectives:
            k += 1
        found = _country_after_de(words, doc, k) if k < n and keys[k] in words.de_forms else None
        if found is None and head == "demonym" and k < n:
            iso = gaz.demonym(doc.texts[k])
            found = (k + 1, f"country:{iso}") if iso and f"country:{iso}" in gaz.places else None
        if found is None:
            continue
        end, place_key = found
        # A long form the gazetteer holds whole ("République démocratique du Congo") is that country.
        place_key = gaz.place_names.get(words.fold(doc.span_text(i, end)), place_key)
        if end < n and (keys[end] in words.de_forms or doc.caps[end] and doc.sents[end] == doc.sents[i]):
            continue  # "la Fédération du Mali de football": the country is the complement of a body's name
        cands.append(EntityCandidate(i, end, "LOC", PRIORITY_KNOWN, EntityHint(src="gazetteer", key=place_key)))


def _complement_of_body(words: EntityWords, doc: TokenView, i: int) -> bool:
    """Whether the long form at token i completes a body's name ("la Banque nationale de la République
    kirghize", "l'ambassade du Royaume du Maroc"): after "de" (and an article), the noun before it and
    its adjectives is an institution head or a capitalised name, not a person's title."""
    k = i - 1
    if k >= 0 and doc.keys[k] in words.articles:
        k -= 1
    if k < 1 or doc.keys[k] not in words.de_forms:
        return False
    k -= 1
    while k > 0 and doc.pos[k] == "ADJ" and not doc.caps[k]:
        k -= 1
    key = doc.keys[k]
    if key in words.person_titles:
        return False
    return key in words.institution_cues or bool(doc.caps[k])


def _country_after_de(words: EntityWords, doc: TokenView, k: int) -> tuple[int, str] | None:
    """(end, gazetteer key) of a country named right after the "de" at token k ("des Comores", "de la Russie")."""
    k += 1
    if k < len(doc) and doc.keys[k] in words.articles:
        k += 1
    if k >= len(doc):
        return None
    for j, key, _ in reversed(_ngram_keys(words, doc, k)):
        place_key = words.gaz.place_names.get(key)
        if place_key and words.gaz.places[place_key].kind == "country":
            return j, place_key
    return None


def _choose_homonyms(words: EntityWords, doc: TokenView, cands: list[EntityCandidate], weak: list[EntityCandidate]) -> None:
    """A GeoNames city name several countries share is the one in a country the brief's strong places
    name ("Saint-Jean" in a brief about Canada), else the most populous one."""
    gaz = words.gaz
    countries = {gaz.places[c.hint.key].country for c in cands if c.label == "LOC" and c.hint.key in gaz.places}
    countries.discard(None)
    if not countries:
        return
    for c in weak:
        place = gaz.places[c.hint.key]
        if place.country in countries:
            continue
        for key in gaz.homonyms.get(words.fold(doc.span_text(c.start, c.end)), ()):
            if gaz.places[key].country in countries:
                c.hint.key = key
                break


def _named_by_region_noun(words: EntityWords, doc: TokenView, i: int) -> bool:
    """"la région du Centre", "la province de l'Est": a region noun, then "de" (and an article), then the name."""
    k = i - 1
    if k >= 0 and doc.keys[k] in words.articles:
        k -= 1
    if k < 1 or doc.keys[k] not in words.de_forms:
        return False
    return words.place_nouns.get(doc.keys[k - 1]) == "region"


# Preposition + article contractions and the article they hold ("du Caire" → "le caire").
_CONTRACTED = {"du": "le ", "au": "le ", "des": "les ", "aux": "les "}


def _ngram_keys(words: EntityWords, doc: TokenView, i: int) -> list[tuple[int, str, bool]]:
    """(end, folded key, has a capital) of each n-gram starting at token i that a name could be.

    An n-gram goes on over a space only while its key is the start of a longer name.
    """
    folds, caps, spaces, stops = doc.folds, doc.caps, doc.spaces, doc.stops
    prefixes = words.gaz.prefixes
    key = folds[i]
    # "La réunion s'est tenue…": an article capitalised only because it opens the sentence gives no capital
    opens = i == 0 or doc.sents[i - 1] != doc.sents[i] or "\n" in doc.texts[i - 1]
    cap = caps[i] and not (opens and key in words.articles)
    keys: list[tuple[int, str, bool]] = [(i + 1, key, cap)]
    for j in range(i + 1, min(len(doc), i + words.gaz.max_words)):
        if stops[j]:
            break
        if spaces[j - 1]:  # a space between the tokens
            if key not in prefixes:
                break
            key += " "
        key += folds[j]
        cap = cap or caps[j]
        keys.append((j + 1, key, cap))
    return keys
