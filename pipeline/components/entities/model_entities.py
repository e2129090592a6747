"""The model's ORG/LOC/PER spans, kept, relabelled or dropped by the cues around them."""

from __future__ import annotations

import re

from ...lexicons.text import word_key
from ...spans import EntityHint
from .candidates import PRIORITY_MODEL, PRIORITY_STRONG, PRIORITY_WEAK, EntityCandidate
from .context import apposition_cue, currency_name, is_thing, place_context, portfolio, product_shape
from .view import TokenView
from .words import EntityWords


def find_model_entities(
    words: EntityWords,
    doc: TokenView,
    demonyms: dict[int, str],
    rubric_end: int,
    cands: list[EntityCandidate],
    weak: list[EntityCandidate],
    thing_spans: set[tuple[int, int]],
) -> None:
    """Add the model's spans that hold up to `cands`.

    Leading articles, prepositions, demonyms and place nouns are trimmed; a place noun or
    preposition before a span makes it a place; things and descriptions are dropped; a
    place the model found that the gazetteer holds only weakly (`weak`) becomes strong.
    """
    weak_by_span = {(c.start, c.end): c for c in weak}
    things: set[str] = set()  # names the text shows to be things somewhere ("26 chasseurs X")
    for start, end, label in doc.ents:
        end = _past_inner_apostrophe(doc, end)
        start = _trimmed_start(words, doc, demonyms, start, end, label)
        if start is None or (start, end) in thing_spans or end <= rubric_end:
            continue
        if _roman_ordinal(doc.texts[start]):
            continue  # "la Ve République", "le XXe siècle": a period or a regime, not a name
        context = place_context(words, doc, start, demonyms)
        told = None  # a place noun before the name or in an apposition tells what it is
        if context in (None, "prep") and label in ("ORG", "MISC", "LOC"):
            told = _place_noun_before(words, doc, demonyms, start) or _place_apposition(words, doc, end)
            context = told or context
        if label == "PER" and end - start == 1 and context == "prep":
            label = "LOC"  # "à Rogoun": a one-word "person" after a place preposition is a place
        elif label in ("ORG", "PER", "MISC") and context not in (None, "prep"):
            label = "LOC"  # "la mine d'Oyu Tolgoi", "la région de X": named by a place noun
        if label == "PER":
            _person(words, doc, start, end, cands)
        elif all(i in demonyms for i in range(start, end)):
            continue
        elif label == "ORG":
            if not _organisation(words, doc, demonyms, start, end, cands):
                things.add(doc.span_text(start, end))
        elif label == "LOC":
            w = weak_by_span.get((start, end)) or weak_by_span.get((_elided_start(doc, start), end))
            if w is not None:
                w.priority = PRIORITY_STRONG
                cands.append(w)
            elif not _two_places(words, doc, start, end, cands):
                added = len(cands)
                _place(words, doc, demonyms, start, end, context, cands)
                if told and len(cands) > added:
                    cands[-1].priority = PRIORITY_STRONG  # "X, la ville nouvelle": beats a shorter known place
    drop_things(doc, things, cands)
    # "le Réseau express régional (RER)": the acronym of a thing's pair is a thing wherever the brief
    # writes it ("le RER" of the headline), whichever rule or the model took it for an organisation
    drop_things(doc, {doc.span_text(s, e) for s, e in thing_spans}, cands, ("model", "rule"))
    if thing_spans:
        # "la plateforme Gabon Instant Payment Switch (GaIPS)": a toponym inside a thing's name is
        # no place mention, as inside an organisation's (GUIDELINES)
        cands[:] = [c for c in cands if not (c.label == "LOC" and any(
            s <= c.start and c.end <= e and e - s > c.end - c.start for s, e in thing_spans))]


def drop_things(
    doc: TokenView, things: set[str], cands: list[EntityCandidate], sources: tuple[str, ...] = ("model",)
) -> None:
    """The model's organisations named like a thing found elsewhere in the brief are dropped
    ("sa commande de Rafale Marine" in the headline, "26 chasseurs Rafale Marine" in the lede)."""
    if things:
        cands[:] = [c for c in cands if not (
            c.label == "ORG" and c.hint.src in sources and doc.span_text(c.start, c.end) in things)]


_DASHES = frozenset({"–", "—", "-", "‑"})
_ROMAN_ORDINAL = re.compile(r"^[IVXLC]+(?:e|er|ème)$")


def _past_inner_apostrophe(doc: TokenView, end: int) -> int:
    """End of a name the tokenizer cut at an inner apostrophe ("Faa’" "a", "Ra’" "iatea"): the lower-case word glued
    after it belongs to the name. An elided article or preposition ("d’", "l’") is two characters and no name's end."""
    last = doc.texts[end - 1]
    if end < len(doc) and len(last) > 2 and last[-1] in "’'" and not doc.spaces[end - 1] and doc.texts[end].isalpha() and doc.texts[end].islower():
        return end + 1
    return end


def _roman_ordinal(text: str) -> bool:
    """ "Ve", "XXe", "IIIème": a Roman ordinal."""
    return bool(_ROMAN_ORDINAL.match(text))


def _place_noun_before(words: EntityWords, doc: TokenView, demonyms: dict[int, str], start: int) -> str | None:
    """The kind a place noun gives past the adjectives after it: "le champ pétrolier et gazier X";
    not past a demonym ("au chantier italien X" names the company that runs it)."""
    k, texts = start - 1, doc.texts
    while k > 0 and start - k <= 4 and texts[k].islower() and (doc.pos[k] == "ADJ" or texts[k] == "et"):
        if k in demonyms:
            return None
        k -= 1
    if k < start - 1 and texts[k].islower():
        return words.place_nouns.get(doc.keys[k]) or None
    return None


def _place_apposition(words: EntityWords, doc: TokenView, end: int) -> str | None:
    """The kind a place noun in an apposition gives: "X, la ville nouvelle …", "X, une région …"."""
    n, keys = len(doc), doc.keys
    if end + 2 >= n or doc.texts[end] != "," or keys[end + 1] not in words.articles:
        return None
    noun = keys[end + 2]
    return words.place_nouns.get(noun) if doc.texts[end + 2].islower() else None


def _trimmed_start(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], start: int, end: int, label: str
) -> int | None:
    """Start of the name inside a model span, or None when nothing of a name is left."""
    keys = doc.keys
    while start < end and keys[start] in words.weekdays:
        start += 1  # "Mercredi, la Chambre…": a day name at a sentence start
    if start >= end:
        return None
    if keys[start] in words.articles or keys[start] in words.de_forms:
        start += 1
    elif start < end - 1 and doc.pos[start] == "ADP" and keys[start] in words.leading_prepositions:
        start += 1  # "Selon Reuters" at a sentence start: the preposition is no part of the name
    while start < end - 1 and doc.texts[start].islower() and doc.pos[start] == "ADJ" and start not in demonyms:
        start += 1  # "gazier Baleine": a lower-case adjective is no part of a name
    while start < end - 1 and start in demonyms:
        start += 1  # "Le Turc Çalık Enerji": the demonym gives the country, not the name
    if start >= end:
        return None
    if label == "ORG" and (portfolio(words, doc, start) or keys[start] in words.portfolio_roles):
        return None  # "le ministre kazakhstanais de l'Énergie": a minister's title and portfolio
    if currency_name(words, doc, start, end):
        return None  # "francs CFA", "(AMD)"
    noun_kind = words.place_nouns.get(keys[start]) if doc.texts[start].islower() else None
    # "le viaduc de Cayenne", "la passerelle de X": a structure the place nouns do not list, named by
    # its place; the place is the name (GUIDELINES: a place inside a facility phrase)
    facility = label == "LOC" and not noun_kind and doc.texts[start].islower() and doc.pos[start] == "NOUN"
    if noun_kind or facility:
        # "désert de Gobi" → Gobi, as "la région de Jambyl" → Jambyl; "centre spatial de X" → X
        k = start + 1
        while k < end - 1 and doc.texts[k].islower() and doc.pos[k] == "ADJ":
            k += 1
        if end - k > 1 and keys[k] in words.de_forms:
            start = k + 1
        if facility:
            # "le palais de Justice de Dakar": the place is the known one after the last "de"
            for m in range(end - 2, start, -1):
                if keys[m] in words.de_forms and words.place(doc.span_text(m + 1, end)) is not None:
                    start = m + 1
                    break
    if label == "LOC" and all(doc.texts[k].islower() for k in range(start, end)):
        return None  # "la capitale", "le pays": a common noun standing for a place names none
    return start if start < end else None


def _person(words: EntityWords, doc: TokenView, start: int, end: int, cands: list[EntityCandidate]) -> None:
    caps, texts = doc.caps, doc.texts
    if not caps[start]:
        return  # "kirghiz des Affaires étrangères"
    # "le centre de conférences Abdelatif-Rahal d'Alger": a name that ends in "de/d'" + a known place is a
    # person's name given to a site, then the city it stands in
    for k in range(start + 1, end - 1):
        # only a hyphenated name given to a site ("Abdelatif-Rahal"), never a person's own "de" ("Rebelo de Sousa")
        if doc.keys[k] in _OF_PLACE and _hyphen_compound_name(doc, start, k):
            key = words.gaz.place_names.get(words.fold(doc.span_text(k + 1, end)))
            if key is not None:
                cands.append(EntityCandidate(k + 1, end, "LOC", PRIORITY_STRONG, EntityHint(src="gazetteer", key=key)))
                end = k
            break
    # "Noursoultan Nazarbaïev": a full name beats the place name inside it
    full_name = end - start > 1 and all(caps[k] or not texts[k].isalpha() for k in range(start, end))
    priority = PRIORITY_STRONG if full_name else PRIORITY_MODEL
    # "Denis Sassou N’Guesso": the tokenizer splits an elided capital syllable off the last name
    # ("N’" + "Guesso") and the model may stop before it
    while end + 1 < len(doc) and _elided_start(doc, end + 1) == end and doc.sents[end + 1] == doc.sents[start]:
        end += 2
    cands.append(EntityCandidate(start, end, "PER", priority, EntityHint(src="model")))


_LINK_WORDS = frozenset({"de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’", "et"})


def _hyphen_compound_name(doc: TokenView, start: int, end: int) -> bool:
    """Whether tokens [start, end) are one word joined by hyphens with no space ("Ahmed-Ben-Bella")."""
    return end - start >= 3 and "-" in doc.texts[start:end] and not any(doc.spaces[k] for k in range(start, end - 1))


_OF_PLACE = frozenset({"de", "d'", "d’"})


def _two_places(words: EntityWords, doc: TokenView, start: int, end: int, cands: list[EntityCandidate]) -> bool:
    """A place span of two known places glued by a dash that is no place itself ("le tronçon X-Y",
    "la liaison X–Y"): two places, each with its gazetteer entry; after an article, "de" or a place
    preposition ("du X-Y") one compound place. Whether it was handled here."""
    dashes = [k for k in range(start + 1, end - 1) if doc.texts[k] in _DASHES and not doc.spaces[k - 1] and not doc.spaces[k]]
    if len(dashes) != 1 or words.place(doc.span_text(start, end)) is not None:
        return False
    k = dashes[0]
    keys = [words.gaz.place_names.get(words.fold(doc.span_text(a, b))) for a, b in ((start, k), (k + 1, end))]
    if not all(keys):
        return False
    if start > 0 and _names_one_place(words, doc.keys[start - 1]):
        # "du Poitou-Charentes": one compound toponym the gazetteer lacks, named from two places;
        # its country is theirs when they agree.
        countries = {words.gaz.places[key].country for key in keys}
        country = countries.pop() if len(countries) == 1 else None
        cands.append(EntityCandidate(start, end, "LOC", PRIORITY_STRONG, EntityHint(src="model", country=country or "")))
        return True
    for (a, b), key in zip(((start, k), (k + 1, end)), keys):
        cands.append(EntityCandidate(a, b, "LOC", PRIORITY_STRONG, EntityHint(src="gazetteer", key=key)))
    return True


def _names_one_place(words: EntityWords, before: str) -> bool:
    """Whether the word before a dashed pair names it as one place: an article, "de" or a place
    preposition ("du X-Y", "en X-Y"); a link is named by a noun ("le tronçon X-Y", "la liaison
    ferroviaire X-Y"), or "entre X-Y"."""
    return before in words.articles or before in words.de_forms or (before in words.place_preps and before != "entre")


def _organisation(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], start: int, end: int, cands: list[EntityCandidate]
) -> bool:
    """Add the model's organisation unless it is a thing (False then) or no name."""
    if is_thing(words, doc, start, end, demonyms) or product_shape(doc.span_text(start, end)) or _quoted_after_thing(
        words, doc, start, end
    ):
        return False
    if not any(doc.caps[k] for k in range(start, end)):
        return True  # "compagnie pétrolière nationale": no name
    if end - start > 1 and doc.keys[end - 1] in _LINK_WORDS:
        # "le Comité de politique monétaire de la | Banque des États…": the model cut a name before the body it
        # belongs to; an organ of a named body is that body (GUIDELINES: "le conseil de X" → X), found on its own
        return True
    if _after_title(words, doc, start, end) and end - start > 1:
        _person(words, doc, start, end, cands)  # "son patron Satya Nadella": a person's title before the name
        return True
    cands.append(EntityCandidate(start, end, "ORG", PRIORITY_STRONG, EntityHint(src="model")))
    return True


def _after_title(words: EntityWords, doc: TokenView, start: int, end: int) -> bool:
    """Whether a person's title comes right before the name ("son patron X", "le directeur général X"), or
    before the comma that opens the name's apposition, closed by another ("Le Premier ministre algérien, X, …")."""
    k = start - 1
    top = start
    if k > 0 and doc.texts[k] == "," and end < len(doc) and doc.texts[end] == "," and "\n" not in doc.texts[k - 1]:
        k -= 1
        top = start - 1
    while k > 0 and top - k <= 2 and doc.pos[k] == "ADJ" and doc.texts[k].islower():
        k -= 1
    return k >= 0 and doc.keys[k] in words.person_titles


def _quoted_after_thing(words: EntityWords, doc: TokenView, start: int, end: int) -> bool:
    """A name inside « » that a thing noun introduces: "l'événement « Techade : X »"."""
    texts = doc.texts
    k = start - 1
    while k >= 0 and start - k <= 8 and texts[k] not in ("«", "»", "“", "”") and "\n" not in texts[k]:
        k -= 1
    if k < 1 or texts[k] not in ("«", "“"):
        return False
    return doc.keys[k - 1] in words.thing_cues


def _place(
    words: EntityWords,
    doc: TokenView,
    demonyms: dict[int, str],
    start: int,
    end: int,
    context: str | None,
    cands: list[EntityCandidate],
) -> None:
    """A model LOC the gazetteer does not hold: a place after a place cue, else maybe a company."""
    text = doc.span_text(start, end)
    if words.place(text) is not None:
        return  # a strong gazetteer candidate already covers it
    if context and not is_thing(words, doc, start, end, demonyms) and not product_shape(text):
        kind = context if context != "prep" else ""
        # A place noun names it ("la ville nouvelle de Nouveau X"): it beats a known place inside it.
        priority = PRIORITY_STRONG if kind else PRIORITY_WEAK
        cands.append(EntityCandidate(start, end, "LOC", priority, EntityHint(src="model", kind=kind)))
        return
    if any(k in demonyms for k in range(start, end)) or is_thing(words, doc, start, end, demonyms):
        return  # "l'État kazakhstanais détient…": a description, not a name
    n, pos = len(doc), doc.pos
    if end < n and pos[end] in ("AUX", "VERB") and (
        doc.keys[end] in words.business_verbs or word_key(doc.doc[end].lemma_) in words.business_verbs
    ):
        cands.append(EntityCandidate(start, end, "ORG", PRIORITY_MODEL, EntityHint(src="rule")))
        return
    if apposition_cue(words, doc, end):
        cands.append(EntityCandidate(start, end, "ORG", PRIORITY_MODEL, EntityHint(src="rule")))


def _elided_start(doc: TokenView, start: int) -> int:
    """Start of a name whose capital elided first syllable the tokenizer split off ("N’" of "N’Djamena",
    "M’" of "M’Bour"): the token glued before it when it is a capital and an apostrophe, else `start`."""
    k = start - 1
    if k >= 0 and not doc.spaces[k] and doc.caps[k] and doc.texts[k][-1:] in ("’", "'") and len(doc.texts[k]) == 2:
        return k
    return start
