"""The model's ORG/LOC/PER spans, kept, relabelled or dropped by the cues around them."""

from __future__ import annotations

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
    for start, end, label in doc.ents:
        start = _trimmed_start(words, doc, demonyms, start, end, label)
        if start is None or (start, end) in thing_spans or end <= rubric_end:
            continue
        context = place_context(words, doc, start, demonyms)
        if label == "PER" and end - start == 1 and context == "prep":
            label = "LOC"  # "à Rogoun": a one-word "person" after a place preposition is a place
        elif label in ("ORG", "PER", "MISC") and context not in (None, "prep"):
            label = "LOC"  # "la mine d'Oyu Tolgoi", "la région de X": named by a place noun
        if label == "PER":
            _person(doc, start, end, cands)
        elif all(i in demonyms for i in range(start, end)):
            continue
        elif label == "ORG":
            _organisation(words, doc, demonyms, start, end, cands)
        elif label == "LOC":
            w = weak_by_span.get((start, end))
            if w is not None:
                w.priority = PRIORITY_STRONG
                cands.append(w)
            else:
                _place(words, doc, demonyms, start, end, context, cands)


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
    while start < end - 1 and label == "LOC" and doc.texts[start].islower() and doc.pos[start] == "ADJ":
        start += 1  # "le champ pétrolier et gazier | Baleine": the adjective is no part of the name
    while start < end - 1 and start in demonyms:
        start += 1  # "Le Turc Çalık Enerji": the demonym gives the country, not the name
    if start >= end:
        return None
    if label == "ORG" and (portfolio(words, doc, start) or keys[start] in words.portfolio_roles):
        return None  # "le ministre kazakhstanais de l'Énergie": a minister's title and portfolio
    if currency_name(words, doc, start, end):
        return None  # "francs CFA", "(AMD)"
    noun_kind = words.place_nouns.get(keys[start]) if doc.texts[start].islower() else None
    if noun_kind:
        # "désert de Gobi" → Gobi, as "la région de Jambyl" → Jambyl; "centre spatial de X" → X
        k = start + 1
        while k < end - 1 and doc.texts[k].islower() and doc.pos[k] == "ADJ":
            k += 1
        if end - k > 1 and keys[k] in words.de_forms:
            start = k + 1
    return start if start < end else None


def _person(doc: TokenView, start: int, end: int, cands: list[EntityCandidate]) -> None:
    caps, texts = doc.caps, doc.texts
    if not caps[start]:
        return  # "kirghiz des Affaires étrangères"
    # "Noursoultan Nazarbaïev": a full name beats the place name inside it
    full_name = end - start > 1 and all(caps[k] or not texts[k].isalpha() for k in range(start, end))
    priority = PRIORITY_STRONG if full_name else PRIORITY_MODEL
    cands.append(EntityCandidate(start, end, "PER", priority, EntityHint(src="model")))


def _organisation(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], start: int, end: int, cands: list[EntityCandidate]
) -> None:
    if is_thing(words, doc, start, end, demonyms) or product_shape(doc.span_text(start, end)):
        return
    if not any(doc.caps[k] for k in range(start, end)):
        return  # "compagnie pétrolière nationale": no name
    cands.append(EntityCandidate(start, end, "ORG", PRIORITY_STRONG, EntityHint(src="model")))


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
