"""Choosing among the candidates: weak places with a cue, names repeated, one span per token."""

from __future__ import annotations

from itertools import compress

from ...spans import EntityHint
from .candidates import PRIORITY_RULE, PRIORITY_STRONG, PRIORITY_WEAK, EntityCandidate
from .context import place_context
from .view import TokenView
from .words import EntityWords

_LABEL_ORDER = {"LOC": 0, "ORG": 1, "PER": 2}
_LAST = PRIORITY_WEAK + 1  # a candidate every other one beats
_AMBIGUOUS_PREPS = frozenset({"à", "au", "aux"})


def accept_weak(
    words: EntityWords,
    doc: TokenView,
    demonyms: dict[int, str],
    rubric_end: int,
    cands: list[EntityCandidate],
    weak: list[EntityCandidate],
) -> None:
    """GeoNames cities and ISO subdivisions the model missed count only after a place cue ("à Police")."""
    countries: set[str] | None = None  # the brief's countries, computed only when a region needs them
    for c in weak:
        if c.priority == PRIORITY_STRONG or c.end <= rubric_end:
            continue
        if c.end < len(doc) and doc.caps[c.end] and doc.sents[c.end] == doc.sents[c.start]:
            continue  # "associé à Porto Energia": the start of a longer name
        if c.end - c.start == 1 and doc.keys[c.start] in words.heads[1]:
            continue  # "face au Palais des congrès": a facility's head word, not the village so named
        if place_context(words, doc, c.start, demonyms):
            c.priority = PRIORITY_WEAK
            cands.append(c)
        elif _region_with_article(words, doc, c):
            if countries is None:
                countries = {iso for iso in demonyms.values() if iso}
                countries.update(
                    p.country for p in (words.gaz.places.get(d.hint.key) for d in cands if d.label == "LOC")
                    if p is not None and p.country
                )
            if words.gaz.places[c.hint.key].country in countries:
                c.priority = PRIORITY_WEAK
                cands.append(c)


def _region_with_article(words: EntityWords, doc: TokenView, c: EntityCandidate) -> bool:
    """A subdivision the text writes with its article ("la Bretagne", "du Nouveau-Brunswick"): French
    puts the article before the names of regions and provinces, not before a person's or a firm's; not
    one a number follows ("du Falcon 9" is a rocket). The caller asks the region's country to be the brief's."""
    if c.start == 0 or doc.starts_sentence(c.start) or (c.end < len(doc) and doc.doc[c.end].like_num):
        return False
    place = words.gaz.places.get(c.hint.key)
    if place is None or place.kind != "region":
        return False
    prev = doc.keys[c.start - 1]
    return prev in words.contracted or prev in ("la", "le", "l'", "les")


def propagate(words: EntityWords, doc: TokenView, cands: list[EntityCandidate]) -> None:
    """Other mentions of a name found to be an organisation (or a place by its place noun) are too."""
    names = _evidence(words, doc, cands)
    if not names:
        return
    longest = max(c.end - c.start for c in names.values())
    firsts = {doc.folds[c.start] for c in names.values()}
    covered = {(c.start, c.end) for c in cands if c.label == "ORG" and c.priority <= PRIORITY_RULE}
    n, folds, caps, keys = len(doc), doc.folds, doc.caps, doc.keys
    for i in compress(range(n), caps):
        if folds[i] not in firsts:
            continue
        for j in range(min(n, i + longest), i, -1):
            src = names.get(words.fold(doc.span_text(i, j)))
            if src is not None and (i, j) != (src.start, src.end) and (i, j) not in covered:
                if j < n and caps[j] and keys[j] not in words.articles:
                    break  # part of a longer name
                h = src.hint
                hint = EntityHint(src="rule", key=h.key, kind=h.kind, country=h.country, canon=h.canon)
                cands.append(EntityCandidate(i, j, src.label, PRIORITY_RULE, hint))
                break


def _evidence(words: EntityWords, doc: TokenView, cands: list[EntityCandidate]) -> dict[str, EntityCandidate]:
    """Folded name → the candidate that best shows what it is.

    A rule's organisation beats a place by its noun or preposition, which beats the model's organisation;
    names of strong gazetteer places are left out.
    """
    names: dict[str, tuple[int, EntityCandidate]] = {}
    for c in cands:
        # a place the model found after a place noun or preposition ("entre X et …"); not after "à",
        # which also introduces a company ("commande 40 locomotives à X")
        by_noun = c.label == "LOC" and not c.hint.key and (c.hint.kind or (
            c.hint.src == "model" and c.start > 0 and doc.keys[c.start - 1] not in _AMBIGUOUS_PREPS))
        if (c.label == "ORG" and c.priority <= PRIORITY_STRONG) or by_noun:
            key = words.fold(doc.span_text(c.start, c.end))
            place = words.place(key)
            if place is not None and c.hint.canon:
                continue  # "… et de l'Alberta" names a government there, the province elsewhere
            if (place is None or not place.strong) and len(key) > 1:
                rank = 0 if c.label == "ORG" and c.priority <= PRIORITY_RULE else 1 if by_noun else 2
                old = names.get(key)
                if old is None or rank < old[0]:
                    names[key] = (rank, c)
    return {k: c for k, (_, c) in names.items()}


def bodies_of_known(cands: list[EntityCandidate]) -> None:
    """"le Conseil de sécurité de l'ONU", "la Commission de l'UEMOA": a body whose complement ends
    with a known organisation is one organisation (reaching the known name's end where the body's
    rule stopped inside it: "des Nations unies"), the known one no mention of its own there."""
    # one pass over the few candidates; the inner loop runs only for a known organisation
    for k in cands:
        if k.label != "ORG" or not k.hint.key.startswith("org:"):
            continue
        body = next((c for c in cands if c.label == "ORG" and c.hint.inst and c.start < k.start < c.end <= k.end), None)
        if body is not None:
            body.end = k.end
            k.priority = _LAST  # left in the candidates: the body takes its country (`attributes`)


def short_references(words: EntityWords, doc: TokenView, chosen: list[EntityCandidate]) -> None:
    """"le Fonds", "la Banque", "la Commission" alone, after the brief has named "le Fonds monétaire
    international": the head word of a body named before, capitalised, refers back to that body and
    takes its name."""
    heads = words.institution_cues
    named: dict[str, EntityCandidate] = {}
    for c in chosen:
        if c.label != "ORG":
            continue
        start = c.start + (doc.keys[c.start] in words.articles)
        if c.end - start == 1 and doc.caps[start] and doc.keys[start] in heads and not c.hint.key:
            first = named.get(doc.keys[start])
            if first is not None and not c.hint.canon and not c.hint.inst:
                c.hint.canon = first.hint.canon or doc.span_text(first.start, first.end)
                c.hint.country = first.hint.country
        elif c.end - start > 1 and doc.keys[start] in heads:
            named.setdefault(doc.keys[start], c)


def short_places(words: EntityWords, doc: TokenView, chosen: list[EntityCandidate]) -> None:
    """"Polynésie" in a brief that also names "la Polynésie française": a place the text names once with
    its adjective and once without is the same territory, named in full. Not a country ("Guinée" beside
    "Guinée équatoriale" is another state) and not a world region ("Asie" beside "Asie centrale")."""
    places = words.gaz.places
    full: dict[str, EntityCandidate] = {}
    for d in chosen:
        place = places.get(d.hint.key) if d.label == "LOC" else None
        if place is not None and place.kind != "supranational" and d.end - d.start >= 2 \
                and doc.texts[d.end - 1].islower() and doc.pos[d.end - 1] == "ADJ":
            full.setdefault(words.fold(doc.span_text(d.start, d.end - 1)), d)
    if not full:
        return
    for c in chosen:
        place = places.get(c.hint.key) if c.label == "LOC" else None
        if place is None or place.kind == "country":
            continue
        d = full.get(words.fold(doc.span_text(c.start, c.end)))
        if d is not None and d.hint.key != c.hint.key:
            c.hint = d.hint.copy()


def resolve(cands: list[EntityCandidate]) -> list[EntityCandidate]:
    """Greedy choice without overlaps: lower priority first, then longer, then earlier; sorted by start."""
    taken: set[int] = set()
    chosen = []
    for c in sorted(cands, key=lambda c: (c.priority, -(c.end - c.start), _LABEL_ORDER[c.label], c.start)):
        if not taken.isdisjoint(range(c.start, c.end)):
            continue
        taken.update(range(c.start, c.end))
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)
