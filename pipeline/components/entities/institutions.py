"""Public bodies named by an institution head ("ministère", "Banque", "gouvernement"…).

The head is extended over adjectives, demonyms and up to three de/du/des complements:
"le ministère kazakhstanais de l'Industrie et de la Construction", "la Banque nationale
du Kirghizstan"; a bare national head ("le gouvernement") names the body of the brief's
country.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

from ...spans import EntityHint
from .candidates import PRIORITY_RULE, EntityCandidate
from .context import HYPHENS as _HYPHENS, TO_FORMS, name_run
from .view import TokenView
from .words import EntityWords


@dataclass
class _Head:
    """An institution head at token `i` and the adjectives and demonyms right after it (up to `j`)."""

    i: int
    j: int
    country: str | None
    has_adj: bool
    head_cap: bool  # capitalised inside a sentence: "la Banque …"


@dataclass
class _Complements:
    """The de/du/des complements after a head: where they end and what they hold."""

    end: int
    count: int = 0
    capitalised: bool = False  # a capital that is not itself an institution head
    with_article: bool = False  # "de la", "du", "des": "le ministère de l'Énergie"


def find_institutions(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], rubric_end: int, cands: list[EntityCandidate]
) -> None:
    """Add the public bodies named by an institution head to `cands` (see the module docstring)."""
    institutions = words.institution_cues
    pos, caps, keys = doc.pos, doc.caps, doc.keys
    organ_end = 0
    for i in compress(range(len(doc)), doc.insts):
        value = institutions[keys[i]]
        if pos[i] not in ("NOUN", "PROPN") and not caps[i]:
            continue
        if keys[i] in words.office_heads and _office_of(words, doc, i):
            continue  # "le cabinet du Premier ministre", "le cabinet du ministère …": an office
        if i < organ_end:
            continue  # "administration" inside "conseil d'administration"
        if not caps[i]:
            organ_end = _corporate_organ_end(words, doc, i)
            if organ_end:
                continue  # "le conseil d'administration de la Banque X": the bank's organ; the bank is named next
        head = _head(doc, demonyms, i)
        if head.head_cap and head.j == i + 1:
            run = name_run(words, doc, head.j)
            if run > head.j and words.place(doc.span_text(head.j, run)) is None:
                cands.append(EntityCandidate(i, run, "ORG", PRIORITY_RULE, EntityHint(src="rule", inst="1")))
                continue
        if _named_after_modifiers(words, doc, head):
            continue  # "l'Agence spatiale nationale Kazcosmos": the name is Kazcosmos
        comp = _complements(words, doc, demonyms, head.j, to_field=head.head_cap)
        if i < rubric_end and not comp.capitalised:
            continue  # "Police : …" is a rubric, "Banque du Japon : …" names a body
        if _territory(words, doc, head, comp):
            continue  # "la préfecture d'Ishikawa": a territory named by its place noun
        candidate = _decide(words, doc, head, comp, value)
        if candidate is not None:
            cands.append(candidate)


def _territory(words: EntityWords, doc: TokenView, head: _Head, comp: _Complements) -> bool:
    """Whether a head that is also a place noun ("préfecture") has for complement a known region or city:
    "la préfecture d'Ishikawa" is the region, as "la région de Jambyl" is (GUIDELINES)."""
    i = head.i
    if comp.count != 1 or head.j != i + 1 or doc.caps[i] or words.place_nouns.get(doc.keys[i]) != "region":
        return False
    k = head.j + 1 + (head.j + 1 < comp.end and doc.keys[head.j + 1] in ("la", "l'"))
    place = words.place(doc.span_text(k, comp.end))
    return place is not None and place.kind in ("region", "city")


def _corporate_organ_end(words: EntityWords, doc: TokenView, i: int) -> int:
    """End of the company's organ ("conseil d'administration", `corporate_organ` in entity_cues.tsv)
    that the lower-case head at i starts, else 0."""
    keys = doc.keys
    for organ in words.corporate_organs:
        if tuple(keys[i : i + len(organ)]) == organ:
            return i + len(organ)
    return 0


def _office_of(words: EntityWords, doc: TokenView, i: int) -> bool:
    """Whether the office head at i is followed by "du/de la/de l'" and a body or a person's title."""
    keys, n = doc.keys, len(doc)
    k = i + 1
    if k < n and keys[k] == "de" and k + 1 < n and keys[k + 1] in ("la", "l'"):
        k += 2
    elif k < n and keys[k] == "du":
        k += 1
    else:
        return False
    if k < n and keys[k] == "premier":
        k += 1  # "du Premier ministre"
    return k < n and (keys[k] in words.institution_cues or keys[k] in words.portfolio_roles)


def _head(doc: TokenView, demonyms: dict[int, str], i: int) -> _Head:
    """The head at i with the lower-case adjectives and demonyms (at most three) after it."""
    n, pos, texts = len(doc), doc.pos, doc.texts
    j = i + 1
    country = None
    has_adj = False
    while j < n and j - i <= 3:
        if j in demonyms:
            country = demonyms[j] or country
            j += 1
            continue
        if pos[j] == "ADJ" and texts[j].islower() and texts[j].isalpha():
            has_adj = True
            j += 1
            continue
        # "le Combinat minier et métallurgique de X": two adjectives joined by "et"
        if has_adj and texts[j] == "et" and j + 1 < n and pos[j + 1] == "ADJ" and texts[j + 1].islower():
            j += 2
            continue
        break
    return _Head(i, j, country, has_adj, doc.caps[i] and not doc.starts_sentence(i))


def _named_after_modifiers(words: EntityWords, doc: TokenView, head: _Head) -> bool:
    """Whether a capitalised name (not a place) follows the head's adjectives in the same sentence."""
    i, j = head.i, head.j
    if not (j > i + 1 and head.country is None and j < len(doc) and doc.caps[j] and doc.sents[j] == doc.sents[i]):
        return False
    run = name_run(words, doc, j)
    return run > j and words.place(doc.span_text(j, run)) is None


def _complements(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], j: int, to_field: bool = False
) -> _Complements:
    """Up to three de/du/des complements from token j ("de l'Industrie et de la Construction").

    With `to_field` (a head capitalised inside a sentence), the first complement may also be "à/au/aux"
    and a lower-case field ("le Haut-Commissariat aux réfugiés", "le Commissariat à l'énergie
    atomique"); a capitalised word there is a place or a name the body acts on ("prête au Burundi")."""
    n, keys = len(doc), doc.keys
    comp = _Complements(end=j)
    if to_field and j < n and keys[j] in TO_FORMS:
        k = j + 1 + (j + 1 < n and keys[j] == "à" and keys[j + 1] in ("la", "l'"))
        if k < n and doc.pos[k] == "NOUN" and doc.texts[k].islower():
            m = k + 1  # the field and its adjectives: "à la transition énergétique"
            while m < n and m - k < 3 and doc.pos[m] == "ADJ" and doc.texts[m].islower():
                m += 1
            comp.end, comp.count, comp.with_article = m, 1, True
    while comp.end < n and comp.count < 3:
        k = comp.end
        # "des Mines, du Pétrole et de l'Énergie": the fields of one body, listed
        if keys[k] in ("et", ",") and comp.count and k + 1 < n and keys[k + 1] in words.de_forms:
            k += 1
        if keys[k] not in words.de_forms:
            break
        article = keys[k] in ("du", "des")
        k += 1
        if k < n and keys[k] in ("la", "l'") and keys[k - 1] == "de":
            k += 1
            article = True
        m = _complement_end(words, doc, demonyms, k)
        if m == k:
            break
        # "la chambre basse du Parlement" describes a body, "la police du Kazakhstan" names one
        comp.capitalised = comp.capitalised or any(
            doc.caps[t] and keys[t] not in words.institution_cues for t in range(k, m)
        )
        comp.with_article = comp.with_article or article
        comp.end = m
        comp.count += 1
    return comp


def _complement_end(words: EntityWords, doc: TokenView, demonyms: dict[int, str], k: int) -> int:
    """End of the nouns, names and adjectives (at most five) of one complement starting at k."""
    n, pos, texts, keys, caps = len(doc), doc.pos, doc.texts, doc.keys, doc.caps
    m = k
    while m < n and m - k < 5:
        low = keys[m]
        if low == "en" and m > k and m + 1 < n and pos[m + 1] == "NOUN" and texts[m + 1].islower():
            m += 2  # "Ressources en eau"
            continue
        if low == "et" and m > k and m + 2 < n and pos[m + 1] == "NOUN" and texts[m + 1].islower() \
                and keys[m + 2] in words.de_forms:
            m += 2  # "Caisse de dépôt et placement du X": two bare nouns of one complement
            continue
        if m > k and texts[m] in _HYPHENS and m + 1 < n and caps[m - 1] and caps[m + 1] and not (
            doc.spaces[m - 1] or doc.spaces[m]
        ):
            m += 2  # "du Nouveau-Brunswick": a hyphenated name the tokenizer split is one name
            continue
        if not (
            (pos[m] in ("NOUN", "PROPN", "ADJ") or caps[m] or m in demonyms)
            and texts[m].isalpha()
            and low not in words.complement_stops
            and not (m > k and low in words.de_forms)
        ):
            break
        if m > k and caps[m] and not caps[m - 1] and m not in demonyms:
            break  # "l'agence de presse Reuters": the name is in apposition, no complement
        m += 1
    return m


def _decide(
    words: EntityWords, doc: TokenView, head: _Head, comp: _Complements, value: str
) -> EntityCandidate | None:
    """The organisation a head and its complements name, if they name one."""
    i, country, keys = head.i, head.country, doc.keys
    if value.startswith("national") and not comp.count and not head.has_adj:
        prev = keys[i - 1] if i else ""
        if not country and prev == "du" and i > 1 and words.head_titles.get(keys[i - 2]) == keys[i]:
            return None  # "le chef du gouvernement": a person's title, not the body (GUIDELINES)
        if country or head.head_cap or prev in ("le", "du", "au", "l'"):
            # "national:KZ": a body of one country by its very name (le Mäjilis)
            own = value.partition(":")[2]
            inst = "own" if own else "bare"  # "le Mäjilis" needs no "du Kazakhstan"
            hint = EntityHint(src="rule", inst=inst, country=country or own)
            return EntityCandidate(i, comp.end, "ORG", PRIORITY_RULE, hint)
        return None
    if i > 0 and keys[i - 1] in ("un", "une"):
        return None  # "un comité de pilotage", "une banque turque": no name
    generic = country is not None and head.has_adj and words.fold(
        " ".join(doc.texts[t] for t in range(i, head.j) if not doc.demos[t])) in words.generic_bodies
    named = (
        # "la police kazakhstanaise", not "la banque turque Hepsipay"
        (
            country is not None
            and (value in ("named", "named_cap", "state", "national") or head.head_cap or comp.count > 0)
        )
        or generic  # "la banque centrale nippone": a body every state has, of one state
        or comp.capitalised
        # "le ministère de l'Énergie" names a body, "le comité d'organisation" does not
        or (value == "named" and comp.with_article)
        or (head.head_cap and (comp.count or head.has_adj))
    )
    if not named:
        return None
    place = words.place(doc.span_text(i, comp.end))
    if place is not None and place.strong:
        return None  # "la Fédération de Russie" is the country
    if comp.count or head.has_adj or country is not None:
        hint = EntityHint(src="rule", inst="1", country=country or "")
        return EntityCandidate(i, comp.end, "ORG", PRIORITY_RULE, hint)
    return None


def find_plural_bodies(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], cands: list[EntityCandidate]
) -> None:
    """One organisation for each body a plural head names (GUIDELINES: a phrase naming several).

    "les gouvernements du Québec et de l'Ontario" gives "Gouvernement du Québec" (the head and
    its first complement) and "Gouvernement de l'Ontario" (the second name); "les ministères
    ouzbek et tadjik des Finances" gives "Ministère des Finances de l'Ouzbékistan" (the head and
    the first demonym) and "… du Tadjikistan" (the second demonym).
    """
    keys, texts, n = doc.keys, doc.texts, len(doc)
    for i in range(n - 3):
        key = keys[i]
        if not (key.endswith("s") and texts[i].islower()):
            continue
        head = key[:-1]
        if words.institution_cues.get(head) not in ("named", "national"):
            continue
        title = texts[i][:-1].capitalize()
        if demonyms.get(i + 1) and keys[i + 2] == "et" and demonyms.get(i + 3):
            comp = _complements(words, doc, demonyms, i + 4)
            if not comp.count:
                continue
            field = doc.span_text(i + 4, comp.end)
            for span, iso in (((i, i + 2), demonyms[i + 1]), ((i + 3, comp.end), demonyms[i + 3])):
                canon = f"{title} {field} {words.gaz.with_de(iso)}"
                hint = EntityHint(src="rule", inst="1", country=iso, canon=canon)
                cands.append(EntityCandidate(*span, "ORG", PRIORITY_RULE, hint))
            continue
        parts = _de_names(words, doc, i + 1)
        if len(parts) < 2:
            continue
        for k, (de_start, name_start, end) in enumerate(parts):
            canon = f"{title} {doc.span_text(de_start, end)}"
            country = ""
            place = words.place(doc.span_text(name_start, end))
            if place is not None:
                country = place.country or ""
            span = (i, end) if k == 0 else (name_start, end)
            hint = EntityHint(src="rule", inst="1", country=country, canon=canon)
            cands.append(EntityCandidate(*span, "ORG", PRIORITY_RULE, hint))


def _de_names(words: EntityWords, doc: TokenView, k: int) -> list[tuple[int, int, int]]:
    """The "du X et de Y" names from token k: (start of "de", start of the name, end) each."""
    keys, caps, n = doc.keys, doc.caps, len(doc)
    out: list[tuple[int, int, int]] = []
    while k < n and keys[k] in words.de_forms:
        name = k + 1 + (k + 1 < n and keys[k] == "de" and keys[k + 1] in ("la", "l'"))
        end = name_run(words, doc, name) if name < n and caps[name] else name
        if end == name:
            break
        # "de Terre-Neuve-et-Labrador": the longest place name from there, past its lower-case words
        end = max([end] + [j for j in range(end + 1, min(n, name + 8) + 1) if words.place(doc.span_text(name, j))])
        out.append((k, name, end))
        if end < n and keys[end] in ("et", ",") and end + 1 < n and keys[end + 1] in words.de_forms:
            k = end + 1
        else:
            break
    return out


def find_state_bodies(words: EntityWords, doc: TokenView, rubric_end: int, cands: list[EntityCandidate]) -> None:
    """Bodies named "X d'État" ("le Conseil d'État", "la Douma d'État", "le Grand Khoural d'État"): the
    capitalised words before a capitalised "d'État"; not a title ("Secrétaire d'État") nor "coup d'État"."""
    keys, caps, n = doc.keys, doc.caps, len(doc)
    for e in range(max(rubric_end, 2), n):
        if keys[e] != "état" or not caps[e] or keys[e - 1] != "d'":
            continue
        k = e - 1
        while k > 0 and e - 1 - k < 3 and caps[k - 1] and doc.texts[k - 1].isalpha() and (
            doc.sents[k - 1] == doc.sents[e]
        ):
            k -= 1
        if k == e - 1 or keys[k] in words.person_titles or keys[k] in words.portfolio_roles:
            continue
        lone_start = doc.starts_sentence(k) and e - 1 - k < 2 and keys[k] not in words.institution_cues
        if keys[k] in words.articles or lone_start:
            continue  # "Coup d'État …" at a sentence start
        cands.append(EntityCandidate(k, e + 1, "ORG", PRIORITY_RULE, EntityHint(src="rule", inst="1")))
