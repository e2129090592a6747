"""What the words around a span say of it: name runs, cue nouns, place context, things, demonyms.

Functions of a `TokenView` (the Doc's columns) and the component's `EntityWords`,
shared by the candidate generators, the arbitration and the attributes.
"""

from __future__ import annotations

from itertools import compress

from .view import TokenView
from .words import EntityWords

APPOSITION_MARKS = frozenset({"–", "—", ",", "-"})
SKIP_BEFORE_CUE = frozenset({",", "–", "—", "«", "»", '"', "“", "”"})
HYPHENS = frozenset({"-", "‑"})
# The tagger calls some demonyms verbs ("la police kazakhstanaise"): only function words are skipped.
_FUNCTION_POS = frozenset({"DET", "ADP", "PRON", "AUX", "CCONJ", "SCONJ", "PUNCT", "NUM", "SPACE", "SYM"})


def name_run(words: EntityWords, doc: TokenView, i: int, stop: int | None = None) -> int:
    """End of the capitalised name starting at token i (i itself when there is none)."""
    stop = len(doc) if stop is None else stop
    texts, keys, caps, sents = doc.texts, doc.keys, doc.caps, doc.sents
    j = i
    while j < stop and j - i < words.max_name_tokens:
        text = texts[j]
        if "\n" in text or (j > i and sents[j] != sents[i]):
            break
        if keys[j] in words.articles or keys[j] in words.de_forms:
            # "Jan De Nul", "Banque De Paris": a capitalised particle inside a name goes on
            if not (j > i and caps[j] and j + 1 < stop and caps[j + 1] and sents[j + 1] == sents[i]):
                break
        if keys[j] in words.leading_prepositions and doc.pos[j] == "ADP":
            break  # "Selon Reuters": a capital at a sentence start, not a name
        if caps[j] or (j > i and text == "&"):
            j += 1
        elif j > i and keys[j] == "s" and texts[j - 1].endswith(("'", "’")) and doc.spaces[j - 1] == 0:
            j += 1  # "Moody’s": the possessive of a founder's name
        elif j > i and text in HYPHENS and j + 1 < stop and caps[j + 1]:
            j += 1
        else:
            break
    while j > i and (texts[j - 1] == "&" or texts[j - 1] in HYPHENS):
        j -= 1
    return j


def cue_before(words: EntityWords, doc: TokenView, start: int, demonyms: dict[int, str]) -> str | None:
    """'org' or 'thing' from the nearest cue noun before a name ("la société X", "baptisé X")."""
    k = start - 1
    steps = 0
    while k >= 0 and steps < 6:
        text, key, pos = doc.texts[k], doc.keys[k], doc.pos[k]
        if "\n" in text:
            return None
        if key in words.thing_cues:
            return "thing"
        if key in words.company_cues and pos in ("NOUN", "PROPN", "ADJ"):
            return "org"
        if text in SKIP_BEFORE_CUE or pos == "DET" or k in demonyms or (pos == "ADJ" and text.islower()):
            k -= 1
            steps += 1
            continue
        if pos == "NOUN" and text.islower() and k >= 2 and doc.keys[k - 1] in words.de_forms:
            k -= 2  # "le système de paiement X", "la société de conseil X": the cue's complement
            steps += 2
            continue
        return None
    return None


def place_context(words: EntityWords, doc: TokenView, start: int, demonyms: dict[int, str], _depth: int = 0) -> str | None:
    """'prep' after a place preposition, the kind a place noun gives ("région de X"), else None.

    Also a place: the next of a list of places ("le Kotayk et le Gegharkunik", "de Mbalam et de
    Grand-Zambi"), a name after a place noun and its adjectives ("le champ pétrolier Baleine"), a
    place of a facility the gazetteer or the model found ("la fonderie de Dholera"), and a name
    put inside a larger place by an apposition ("Flamanville, dans la Manche").
    """
    if start == 0:
        return None
    kind = _place_before(words, doc, start, demonyms, _depth)
    if kind in (None, "prep") and _depth == 0:
        kind = _place_after(words, doc, start) or kind  # "vers X, la ville nouvelle…"
    if kind is None and _depth == 0 and _dash_to_place(words, doc, start):
        kind = "prep"  # "la ligne X–Almaty"
    return kind


def _dash_to_place(words: EntityWords, doc: TokenView, start: int) -> bool:
    """Whether the name at `start` is glued by a dash to a place the gazetteer knows ("X–Y")."""
    end = name_run(words, doc, start)
    if end == start or end + 1 >= len(doc) or doc.texts[end] not in _DASHES:
        return False
    if doc.spaces[end - 1] or doc.spaces[end]:
        return False
    stop = name_run(words, doc, end + 1)
    return stop > end + 1 and words.place(doc.span_text(end + 1, stop)) is not None


def _place_before(words: EntityWords, doc: TokenView, start: int, demonyms: dict[int, str], depth: int) -> str | None:
    preps, nouns, keys = words.place_preps, words.place_nouns, doc.keys
    prev = keys[start - 1]
    if prev in preps:
        return "prep"
    if prev in words.articles and start >= 2 and keys[start - 2] in preps:
        return "prep"
    if nouns.get(prev):
        return nouns[prev]  # "le fleuve Vakhch", "le lac Balkhach"
    if prev not in words.de_forms:
        if prev in words.articles and start >= 2:
            return _next_in_list(words, doc, start - 2, demonyms, depth)  # "le Kotayk et le Gegharkunik"
        if prev in _LIST_MARKS:
            # "entre Almaty et X": a place, of a kind the bare list does not tell
            return "prep" if _next_in_list(words, doc, start - 1, demonyms, depth) else None
        if prev in _DASHES and _glued_to_place(words, doc, start):
            return "prep"  # "la ligne Almaty–X"
        return _noun_through_adjectives(words, doc, start - 1)
    if start >= 2 and keys[start - 2] in preps:
        return "prep"  # "près de Moscou"
    k = start - 2
    if k >= 0 and keys[k] in _LIST_MARKS:
        return _next_in_list(words, doc, k, demonyms, depth)  # "de Mbalam, de Ngovayang et de Grand-Zambi"
    hops = 0
    facilities = words.gaz.cues.get("facility_noun", {})
    found = None
    while k >= 0 and hops < 4:
        key = keys[k]
        if nouns.get(key):
            return nouns[key]
        if key in words.venue_nouns:
            return "prep"  # "le sommet de Hiroshima": a place, of no kind the noun tells
        if key in facilities:
            found = "prep"  # "la fonderie de X", unless a place noun comes before ("le gisement de cuivre de X")
        text = doc.texts[k]
        if k in demonyms or key in words.de_forms or key == "en" or (
            text.islower() and text.isalpha() and doc.pos[k] not in ("VERB", "AUX", "ADP", "PRON")
        ):  # "le port en eau profonde de Lamu"
            k -= 1
            hops += 1
            continue
        break
    return found


# Marks between the items of a list: "X, Y et Z".
_LIST_MARKS = frozenset({",", "et", "ou"})
# Marks between the two ends of a line's name: "la ligne X–Y".
_DASHES = frozenset({"–", "—", "-", "‑"})


def _glued_to_place(words: EntityWords, doc: TokenView, start: int) -> bool:
    """Whether the name at `start` follows a place the gazetteer knows through a dash with no space ("X–Y")."""
    dash = start - 1
    if dash < 1 or doc.spaces[dash - 1] or doc.spaces[dash]:
        return False
    first = dash
    while first > 0 and doc.caps[first - 1] and dash - first < words.max_name_tokens:
        first -= 1
    return first < dash and words.place(doc.span_text(first, dash)) is not None


def _next_in_list(words: EntityWords, doc: TokenView, k: int, demonyms: dict[int, str], depth: int) -> str | None:
    """The place context of a list's earlier item, when the token at `k` joins the two ("et", ",").

    The earlier item is the capitalised name before `k` (after a parenthesis: "le Kotayk (674
    millions) et le Gegharkunik"); it must be a place the gazetteer knows or one its own context makes.
    """
    if depth >= 3 or k < 1 or doc.keys[k] not in _LIST_MARKS:
        return None
    texts, caps = doc.texts, doc.caps
    end = k
    if texts[end - 1] == ")":
        j = end - 1
        while j > 0 and texts[j] != "(" and k - j < 8:
            j -= 1
        end = j
    first = end
    while first > 0 and (caps[first - 1] or texts[first - 1] in HYPHENS) and end - first < words.max_name_tokens:
        first -= 1
    if first == end:
        return None
    place = words.place(doc.span_text(first, end))
    if place is not None and place.kind != "country":
        return place.kind if place.kind in ("region", "city", "site") else "prep"
    if place is not None:
        return None  # "la France et le Japon": countries the gazetteer holds, and what follows may be anything
    return _place_before(words, doc, first, demonyms, depth + 1)


def _noun_through_adjectives(words: EntityWords, doc: TokenView, k: int) -> str | None:
    """The kind of a place noun before a name over its adjectives: "le champ pétrolier et gazier X"."""
    keys, texts, pos = doc.keys, doc.texts, doc.pos
    for _ in range(4):
        if k < 1 or not texts[k].islower() or not (pos[k] == "ADJ" or keys[k] == "et"):
            return None
        if doc.folds[k] in words.gaz.demonyms:
            return None  # "le chantier italien X", "le gisement kazakh X": a company's description as often
        k -= 1
        kind = words.place_nouns.get(keys[k])
        if kind:
            return kind
    return None


def _place_after(words: EntityWords, doc: TokenView, start: int) -> str | None:
    """'prep' for a name an apposition puts inside a known larger place ("X, dans la Manche",
    "X, au Québec"), or the kind of a place noun in apposition ("X, la ville nouvelle…")."""
    end = name_run(words, doc, start)
    n, keys = len(doc), doc.keys
    if end == start or end + 2 >= n or doc.texts[end] != ",":
        return None
    if doc.caps[start - 1] and doc.sents[start - 1] == doc.sents[start]:
        return None  # "le Forum Global Gateway, …": the end of a longer name
    k = end + 1
    if keys[k] in words.gaz.cues.get("within_prep", {}):
        k += 1
        if keys[k] in words.de_forms:
            k += 1  # "près de"
        if k < n and keys[k] in words.articles:
            k += 1
        stop = name_run(words, doc, k) if k < n else k
        if stop > k:
            place = words.place(doc.span_text(k, stop))
            # "prep": a place, but not enough to make a company one ("Orano, en France, …")
            if place is not None and place.kind != "supranational":
                return "prep"
        elif k < n and words.place_nouns.get(keys[k]) == "region":
            return "prep"  # "X, dans la région du Centre"
        return None
    if keys[k] in words.articles and k + 1 < n and doc.texts[k + 1].islower():
        kind = words.place_nouns.get(keys[k + 1])
        if kind in ("city", "region"):
            return kind  # "X, la ville nouvelle…", "X, la province voisine"
    return None


def apposition_cue(words: EntityWords, doc: TokenView, end: int) -> bool:
    """Whether a name is followed by an apposition with a company cue ("X – groupe industriel")."""
    return apposed_cue(words, doc, end) is not None


def apposed_cue(words: EntityWords, doc: TokenView, end: int) -> str | None:
    """The value of the company cue of an apposition after a name ("strong" or ""), else None."""
    n = len(doc)
    if end >= n or doc.texts[end] not in APPOSITION_MARKS:
        return None
    pos, keys = doc.pos, doc.keys
    k = end + 1
    while k < n and k - end <= 3 and (pos[k] in ("DET", "ADJ") or keys[k] in words.articles):
        k += 1
    return words.company_cues.get(keys[k]) if k < n else None


def plausible_name(words: EntityWords, doc: TokenView, start: int, end: int) -> bool:
    """A capitalised run that can name a company: not a place, a demonym, a date or a not-org word."""
    place = words.place(doc.span_text(start, end))
    if place is not None and place.strong:
        return False
    if doc.keys[start] in words.not_org or doc.keys[start] in words.weekdays or doc.doc[start].like_num:
        return False
    if currency_name(words, doc, start, end):
        return False
    if start > 0 and _noun_through_adjectives(words, doc, start - 1):
        return False  # "le champ pétrolier X": the adjective is no company cue after a place noun
    return doc.folds[start] not in words.gaz.demonyms


def is_thing(words: EntityWords, doc: TokenView, start: int, end: int, demonyms: dict[int, str]) -> bool:
    """A product, system, law or facility name ("Code de l'eau", "baptisé TJ-IX", "… Act")."""
    keys = doc.keys
    first, last = keys[start], keys[end - 1]
    after = keys[end] if end < len(doc) and doc.caps[end] else None  # "Astana International | Forum"
    for heads in words.heads:  # law heads, then thing heads
        if first in heads or last in heads or (after is not None and after in heads):
            return True
    if cue_before(words, doc, start, demonyms) == "thing":
        return True
    return any(keys[k] in words.not_org for k in range(start, end))


def product_shape(text: str) -> bool:
    """Names shaped like models and systems: "FVFV-II", "TJ-IX", "e.MAS", "A320"."""
    text = text.replace("‑", "-")
    if any(c.isdigit() for c in text):
        return True
    if "-" in text and text.rsplit("-", 1)[1].strip("I").strip("V").strip("X") == "":
        return True
    parts = text.split()
    if not parts:  # a span of white space only ("\n" as a model entity)
        return False
    first = parts[0]
    return text[0].islower() and ("." in first or any(c.isupper() for c in first))


# "à", "au", "aux": a portfolio ("ministre aux Sports", "ministre délégué à la Ville") or a body's field
# ("le Haut-Commissariat aux réfugiés") after its head.
TO_FORMS = frozenset({"à", "au", "aux"})


def portfolio(words: EntityWords, doc: TokenView, start: int) -> bool:
    """Whether the word at `start` is in a minister's portfolio: "ministre [adjective] de (l') X",
    "ministre déléguée chargée de l'Énergie et des Mines", "ministre de l'Économie et des Finances",
    "ministre d'État aux Anciens combattants", "ministre délégué à l'Industrie"."""
    keys = doc.keys
    k = start - 1
    if k >= 0 and keys[k] in ("l'", "la", "le"):
        k -= 1
    if k < 0 or (keys[k] not in words.de_forms and keys[k] not in TO_FORMS):
        return False
    # Back over the portfolio's other fields and the title's adjectives to the title.
    for j in range(k - 1, max(-1, k - 10), -1):
        key = keys[j]
        if key in words.portfolio_roles:
            return True
        lower = doc.texts[j].islower()
        participle = lower and doc.pos[j] == "VERB" and key.endswith(("é", "ée", "és", "ées"))
        if not (
            key in words.de_forms or key in words.articles or key in ("et", ",") or doc.caps[j]
            or (lower and doc.pos[j] == "ADJ") or participle
        ):
            return False
    return False


def currency_name(words: EntityWords, doc: TokenView, start: int, end: int) -> bool:
    """A currency code or the end of a currency's name ("drams (AMD)", "francs CFA")."""
    text = doc.span_text(start, end).lower()
    if text in words.currencies:
        return True
    return start > 0 and f"{doc.keys[start - 1]} {text}" in words.currencies


def street_name(words: EntityWords, doc: TokenView, start: int) -> bool:
    """Whether a name starts with or follows a street noun, directly or through "de"/"du"/"de la"
    ("place de la Gare", "boulevard Mélot"): an address, no toponym (`street_noun` in place_cues.tsv)."""
    streets = words.gaz.cues.get("street_noun", {})
    keys, k = doc.keys, start - 1
    if keys[start] in streets and doc.texts[start].islower():
        return True  # the model's span "rue de Fer"
    if k >= 0 and keys[k] in ("la", "l'"):
        k -= 1
    if k >= 0 and keys[k] in words.de_forms:
        k -= 1
    return k >= 0 and keys[k] in streets and doc.texts[k].islower()


def rubric_end(doc: TokenView) -> int:
    """Token index of the ':' ending a headline rubric ("Police :"), else 0."""
    for i, text in enumerate(doc.texts[:9]):
        if "\n" in text:
            return 0
        if text == ":" and i > 0:
            return i
    return 0


def find_demonyms(words: EntityWords, doc: TokenView) -> tuple[dict[int, str], dict[int, list[str]]]:
    """Token index → ISO2 for demonyms ('' for compounds such as "franco-italien"), and the
    countries of each compound."""
    out: dict[int, str] = {}
    compounds: dict[int, list[str]] = {}
    pos = doc.pos
    demos = doc.demos
    for i in compress(range(len(doc)), demos):  # words that are demonyms (or compounds of them)
        if pos[i] not in _FUNCTION_POS:
            iso, countries = demos[i]
            out[i] = iso
            if countries:
                compounds[i] = list(countries)
    # The tokenizer sometimes splits the compound: "germano" "-" "kazakh".
    texts, n = doc.texts, len(doc)
    for m in [m for m in out if 2 <= m < n]:  # m: the demonym after the hyphen, in text order
        i = m - 1
        if texts[i] in HYPHENS and doc.idxs[i] + 1 == doc.idxs[m]:
            first = words.gaz.demonym_prefixes.get(doc.folds[i - 1])
            if first and out[m]:
                compounds[m] = [first, out[m]]
                out[i - 1] = out[i] = out[m] = ""
    return out, compounds
