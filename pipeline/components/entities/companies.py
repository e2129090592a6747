"""Company names from cues: "la société X", "le Malaisien X", "X Holdings", "Air X", "Kazakhtelecom",
and "X – groupe industriel …" at a sentence start."""

from __future__ import annotations

import re
from itertools import compress

from ...spans import EntityHint
from .candidates import PRIORITY_RULE, EntityCandidate
from .context import apposed_cue, apposition_cue, is_thing, name_run, plausible_name
from .view import TokenView
from .words import EntityWords


def find_companies(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], rubric_end: int, cands: list[EntityCandidate]
) -> None:
    """Add the company names that cue words, demonyms, suffixes, prefixes and endings give to `cands`."""
    caps = doc.caps
    # Only the words `EntityWords.company_word` lets through and demonyms can start a rule below.
    scan = compress(range(rubric_end, len(doc)), doc.firms[rubric_end:])
    if demonyms:
        scan = sorted({*scan, *(i for i in demonyms if i >= rubric_end)})
    for i in scan:
        cue = words.company_cues.get(doc.keys[i])
        if not (caps[i] or cue is not None or i in demonyms):
            continue  # most tokens: no cue, no capital
        # "le champ pétrolier et gazier X": a cue word qualifying another noun opens no company slot
        qualifies = i > 0 and doc.pos[i] == "ADJ" and (doc.keys[i - 1] == "et" or doc.pos[i - 1] == "NOUN")
        # "le gestionnaire de fonds X", "un directeur de banque X": the cue completes a person's trade
        qualifies = qualifies or (
            cue is not None and i > 1 and doc.keys[i - 1] in ("de", "d'") and doc.pos[i - 2] == "NOUN"
            and doc.texts[i - 2].islower() and doc.is_person(i + 1, min(len(doc), i + 3))
        )
        if cue is not None and doc.pos[i] in ("NOUN", "PROPN", "ADJ") and not qualifies:
            _after_cue(words, doc, demonyms, i, cue, cands)
        # "le chinois CNNC", and after a contracted article "au sud-coréen KHNP", "du russe Rosatom"
        if demonyms.get(i) and i > 0 and (doc.keys[i - 1] in words.articles or doc.keys[i - 1] in words.contracted):
            _after_demonym(words, doc, demonyms, i, cands)
        if not caps[i]:
            continue
        _before_suffix(words, doc, demonyms, i, cands)
        if doc.keys[i] == "air" and "air" in words.corp_prefixes:
            end = name_run(words, doc, i + 1)  # "Air Astana"
            if end > i + 1:
                cands.append(EntityCandidate(i, end, "ORG", PRIORITY_RULE, EntityHint(src="rule")))
        if _foreign_head(words, doc, i):  # "Banco do Brasil", "Banca di Roma"
            end = name_run(words, doc, i + 2)
            if end > i + 2:
                cands.append(EntityCandidate(i, end, "ORG", PRIORITY_RULE, EntityHint(src="rule")))
        if _hyphen_compound(words, doc, i):  # "Hydro-Québec": a business word glued to a place
            cands.append(EntityCandidate(i, i + 3, "ORG", PRIORITY_RULE, EntityHint(src="rule")))
        if _company_ending(words, doc, i):  # "Kazakhtelecom", "Gazprom"
            cands.append(EntityCandidate(i, i + 1, "ORG", PRIORITY_RULE, EntityHint(src="rule")))


def _after_cue(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], i: int, cue: str, cands: list[EntityCandidate]
) -> None:
    """"la société X", "le constructeur malaisien X": the name after a cue noun and its adjectives."""
    n, pos, texts = len(doc), doc.pos, doc.texts
    j, country = i + 1, None
    # "l'agence de notation X", "le fonds d'investissement X": the cue's own complement
    if j + 1 < n and doc.keys[j] in ("de", "d'") and texts[j + 1].islower() and pos[j + 1] == "NOUN":
        j += 2
    while j < n and j - i <= 6:
        if cue == "strong" and _lower_brand(words, doc, j):
            # "le transporteur flynas, basé à …": a brand written in lower case, a word the model
            # has never seen, right where the name goes
            cands.append(EntityCandidate(j, j + 1, "ORG", PRIORITY_RULE, EntityHint(src="rule", country=country or "")))
            return
        if j in demonyms or (pos[j] == "ADJ" and texts[j].islower()):
            country = demonyms.get(j) or country
            j += 1
        elif _line_of_business(doc, j) and j > i + 1:
            j += 3 if doc.keys[j] == "et" else 2  # "le fabricant suisse de connecteurs et de capteurs X"
        elif doc.keys[j] == "à" and j + 2 < n and texts[j + 1].islower() and pos[j + 2] == "NOUN" and texts[j + 2].islower():
            j += 3  # "la compagnie saoudienne à bas coûts X": a short qualifier
        else:
            break
    apposed = False
    # "le parti au pouvoir, le Rêve géorgien,": the name in an apposition after the cue's qualifier
    if j + 1 < n and doc.keys[j] in words.contracted and pos[j + 1] == "NOUN" and texts[j + 1].islower():
        j += 2
    led = i > 0 and doc.keys[i - 1] in words.articles  # "le parti …,", not "Premier producteur mondial, la Côte…"
    if led and j + 2 < n and texts[j] == "," and doc.keys[j + 1] in words.articles and doc.caps[j + 2]:
        j += 2
        apposed = True
    end = name_run(words, doc, j)
    if apposed and end > j:
        if end < n and doc.keys[end] in words.de_forms:
            return  # "…, la Côte d'Ivoire": a longer name, maybe a place
        end = _adjective_tail(doc, demonyms, end)
    weak_cue = cue != "strong"
    if end > j and plausible_name(words, doc, j, end) and not (weak_cue and doc.is_person(j, end)):
        # "la Société Générale", "la Compagnie Électrique Lion": a capitalised cue inside a
        # sentence is the first word of the name
        start = i if j == i + 1 and doc.caps[i] and not doc.starts_sentence(i) else j
        cands.append(EntityCandidate(start, end, "ORG", PRIORITY_RULE, EntityHint(src="rule", country=country or "")))


def _line_of_business(doc: TokenView, j: int) -> bool:
    """"de pompes", "d'engrais", "et de vannes": a complement of lower-case nouns saying what a company
    makes, between its cue and its name."""
    n, keys, texts = len(doc), doc.keys, doc.texts
    k = j + 1 if keys[j] == "et" else j
    return (
        k + 1 < n
        and keys[k] in ("de", "d'")
        and texts[k + 1].islower()
        and doc.pos[k + 1] == "NOUN"
    )


def _lower_brand(words: EntityWords, doc: TokenView, j: int) -> bool:
    """A lower-case word out of the model's vocabulary, followed by a verb, punctuation or "basé"."""
    text = doc.texts[j]
    if not (text.isalpha() and text.islower() and len(text) >= 4 and doc.doc[j].is_oov):
        return False
    k = j + 1
    return k >= len(doc) or doc.pos[k] in ("AUX", "VERB", "PUNCT") or doc.keys[k] in words.based_words


def _adjective_tail(doc: TokenView, demonyms: dict[int, str], end: int) -> int:
    """A name in an apposition goes on over its lower-case adjectives up to the punctuation that
    closes the apposition: "le Rêve géorgien,", "l'Alliance démocrate."."""
    n, k = len(doc), end
    while k < n and k - end < 2 and doc.texts[k].islower() and (doc.pos[k] == "ADJ" or k in demonyms):
        k += 1
    return k if k > end and (k == n or doc.texts[k] in (",", ".", ";", ")", "»")) else end


def _after_demonym(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], i: int, cands: list[EntityCandidate]
) -> None:
    """"Le Malaisien Proton Holdings", "le chinois CNPC": the name after an article and a demonym.

    A nationality noun is written with a capital ("le Canadien X" may be a person); a demonym in
    lower case is an adjective standing for "le groupe canadien", so the name after it is a
    company even where the model reads a person ("le canadien Barrick Gold")."""
    end = name_run(words, doc, i + 1)
    adjective = doc.texts[i].islower()
    if end > i + 1 and plausible_name(words, doc, i + 1, end) and (adjective or not doc.is_person(i + 1, end)):
        cands.append(EntityCandidate(i + 1, end, "ORG", PRIORITY_RULE, EntityHint(src="rule", country=demonyms[i])))


_NAME_CONNECTORS = frozenset({"and", "&", "of"})
# English prepositions that open a company name's complement after its business word ("Bank of", "Company for")
_COMPLEMENT_CONNECTORS = frozenset({"of", "for"})


def _before_suffix(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], i: int, cands: list[EntityCandidate]
) -> None:
    """"Proton Holdings", "Uzbekistan Airways", "Kazakh Invest LLP", "Mitsubishi Heavy Industries, Ltd.":
    the capitals before a corporate suffix or a legal form, the legal form and its full stop included."""
    keys, caps, texts = doc.keys, doc.caps, doc.texts
    n = len(doc)
    continues = i + 1 < n and caps[i + 1] and texts[i + 1].isalpha()
    legal = words.legal_forms.get(keys[i])
    if (keys[i] not in words.corp_suffixes and legal is None) or i == 0 or continues:
        return
    # "Mitsubishi Heavy Industries, Ltd.": a legal form may follow a comma
    top = i - 1 if legal is not None and i >= 2 and texts[i - 1] == "," and caps[i - 2] else i
    k = top
    while k > 0 and top - k < 5:
        # "Newfoundland and Labrador Hydro", "Korea Hydro & Nuclear Power": an English connector
        # between capitals is part of the name
        if k >= 2 and keys[k - 1] in _NAME_CONNECTORS and caps[k - 2] and doc.sents[k - 2] == doc.sents[k]:
            k -= 1
            continue
        if not (caps[k - 1] and keys[k - 1] not in words.articles):
            break
        if (k - 1) in demonyms and k >= 2 and keys[k - 2] in words.articles:
            break  # "le Malaisien Proton Holdings": the demonym is not part of the name
        k -= 1
        if k == 0 or doc.sents[k - 1] != doc.sents[k]:
            break
    if k == top:
        return
    end = i + 1
    # "Reserve Bank of India", "Holding Company for Maritime and Land Transport": an English "of"/"for"
    # and a capitalised name right after the suffix are the name's complement, "and"/"&" joining its capitals
    if (legal is None or keys[i] in words.corp_suffixes) and end + 1 < n and keys[end] in _COMPLEMENT_CONNECTORS and caps[end + 1] and doc.sents[end + 1] == doc.sents[i]:
        end = name_run(words, doc, end + 1)
        while end + 1 < n and keys[end] in ("and", "&") and caps[end + 1] and doc.sents[end + 1] == doc.sents[i]:
            end = name_run(words, doc, end + 1)
    # "Company Ltd. (CCCC)": the abbreviation's full stop, unless it also ends the sentence
    if legal == "dot" and end + 1 < n and texts[end] == "." and doc.idxs[end] == doc.idxs[i] + len(texts[i]):
        if not caps[end + 1] and "\n" not in texts[end + 1]:
            end += 1
    cands.append(EntityCandidate(k, end, "ORG", PRIORITY_RULE, EntityHint(src="rule")))


def _foreign_head(words: EntityWords, doc: TokenView, i: int) -> bool:
    """A company head of another Romance language and its "de" ("Banco do", "Compañía de", "Banca di")
    before a capital: the start of a company name."""
    n = len(doc)
    return (
        doc.keys[i] in words.foreign_heads
        and i + 2 < n
        and doc.keys[i + 1] in words.foreign_de
        and doc.caps[i + 2]
    )


def _hyphen_compound(words: EntityWords, doc: TokenView, i: int) -> bool:
    """A capitalised business word glued by a hyphen to a capitalised name ("Hydro-Québec", "Telecom-Congo")."""
    if doc.keys[i] not in words.corp_suffixes or i + 2 >= len(doc) or doc.texts[i + 1] not in ("-", "‑"):
        return False
    idxs, texts = doc.idxs, doc.texts
    glued = idxs[i + 1] == idxs[i] + len(texts[i]) and idxs[i + 2] == idxs[i + 1] + 1
    return glued and doc.caps[i + 2] and texts[i + 2].isalpha()


def _company_ending(words: EntityWords, doc: TokenView, i: int) -> bool:
    """A one-word name of six letters or more with a company ending, not a place ("Kazakhtelecom")."""
    text = doc.texts[i]
    if len(text) <= 5:
        return False
    folded = doc.folds[i]
    if not (folded.endswith(words.endings) and text.isalpha() and words.gaz.place_names.get(folded) is None):
        return False
    return any(folded.endswith(e) and len(folded) >= len(e) + 3 for e in words.endings)


# Words before a name that leave it the subject or object of a clause, and the agent's and partner's case.
_CLAUSE_POS = frozenset({"VERB", "AUX", "SCONJ", "CCONJ", "PRON", "ADV"})
_PARTY_CASES = frozenset({"par", "avec"})


def find_sentence_start_appositions(
    words: EntityWords, doc: TokenView, rubric_end: int, cands: list[EntityCandidate]
) -> None:
    """"Qarmet – groupe industriel …" also for names the model missed, at a sentence start or
    after a lower-case word ("…, a annoncé que X, le fabricant de…").

    Only in briefs with a company cue word at all.
    """
    n, keys, caps, sents = len(doc), doc.keys, doc.caps, doc.sents
    if not any(keys[k] in words.company_cues for k in compress(range(n), doc.firms)):
        return
    for i in compress(range(rubric_end, n), caps[rubric_end:]):
        start = i == 0 or sents[i] != sents[i - 1]
        # Inside a sentence too, after a verb, a conjunction, a comma or the case of an agent or partner
        # ("a confirmé que Voltaris, le fabricant norvégien de batteries, …", "réalisée par X, filiale
        # de…"), not after an article or a place's preposition ("du salon du Bourget, la compagnie…"),
        # and not a person.
        inside = not start and not caps[i - 1] and (
            doc.pos[i - 1] in _CLAUSE_POS or doc.texts[i - 1] == "," or keys[i - 1] in _PARTY_CASES
        )
        if start or inside:
            end = name_run(words, doc, i)
            if end > i and apposition_cue(words, doc, end) and plausible_name(words, doc, i, end):
                # the model reads many unknown one-word names as persons: a strong cue ("le fabricant")
                # still makes one a company, not a first and last name
                if inside and doc.is_person(i, end) and (end - i > 1 or apposed_cue(words, doc, end) != "strong"):
                    continue
                cands.append(EntityCandidate(i, end, "ORG", PRIORITY_RULE, EntityHint(src="rule")))


def find_country_names(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], rubric_end: int, cands: list[EntityCandidate]
) -> None:
    """Company and media names made of a country's name: "KNDS France", "Orange Maroc" (an
    unknown capitalised name right before it) and "France 24", "Europe 1" (a number of one or two
    digits right after it). The country alone stays a place elsewhere in the brief."""
    n, caps, keys, texts = len(doc), doc.caps, doc.keys, doc.texts
    countries = [c for c in cands if c.label == "LOC" and c.hint.key.startswith(("country:", "region:"))]
    for c in countries:
        s, e = c.start, c.end
        if s < rubric_end:
            continue
        if e < n and texts[e].isdigit() and len(texts[e]) <= 2 and doc.spaces[e - 1] and _ends_name(doc, e + 1):
            cands.append(EntityCandidate(s, e + 1, "ORG", PRIORITY_RULE, EntityHint(src="rule")))
            continue
        k = s
        while k > 0 and s - k < 3 and caps[k - 1] and doc.sents[k - 1] == doc.sents[s] and texts[k - 1].isalnum():
            k -= 1
        if k == s or keys[k] in words.articles or keys[k] in words.leading_prepositions or keys[k] in words.weekdays:
            continue
        if any(doc.pos[t] not in ("PROPN", "NOUN", "X") for t in range(k, s)):
            continue  # "En France", "Hier Maroc…": a capitalised function word at a sentence start
        if k in demonyms or not plausible_name(words, doc, k, s) or doc.is_person(k, s):
            continue
        if words.gaz.org(doc.span_text(k, s)) is not None or any(
            o.label == "LOC" and o.start < s and o.end > k for o in cands
        ):
            continue  # "Kazakhstan Russie", a known body before a country: two names
        if is_thing(words, doc, k, s, demonyms):
            continue
        cands.append(EntityCandidate(k, e, "ORG", PRIORITY_RULE, EntityHint(src="rule")))


def _ends_name(doc: TokenView, k: int) -> bool:
    """Whether token k can follow a name: the end, punctuation or a word that is no noun or unit."""
    return k >= len(doc) or not doc.texts[k][:1].isalnum() or doc.pos[k] not in ("NOUN", "NUM", "PROPN")


_INNER_CAPITAL = re.compile(r"[a-zß-ÿ][A-ZÀ-Þ]")


def find_inner_capitals(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], rubric_end: int, cands: list[EntityCandidate]
) -> None:
    """Names written with a capital inside the word ("SpaceX", "IndiGo", "BlackRock") are
    companies' or brands' spellings: an organisation, unless a place, a product or a family name
    ("McCarthy", "MacLeod")."""
    texts, n = doc.texts, len(doc)
    for i in compress(range(rubric_end, n), doc.caps[rubric_end:]):
        # the tokenizer keeps a sentence's full stop on a word ending in a capital ("SpaceX.")
        text = texts[i][:-1] if texts[i].endswith(".") else texts[i]
        if len(text) < 4 or not text.isalpha() or not _INNER_CAPITAL.search(text, 1):
            continue
        if text.startswith(("Mc", "Mac")) or i in demonyms:
            continue
        end = name_run(words, doc, i) if text == texts[i] else i + 1
        if end > i and plausible_name(words, doc, i, end) and not is_thing(words, doc, i, end, demonyms):
            canon = text if end == i + 1 and text != texts[i] else ""
            cands.append(EntityCandidate(i, end, "ORG", PRIORITY_RULE, EntityHint(src="rule", canon=canon)))


_ACRONYM = re.compile(r"^[A-Z]{2,6}\.?$")


def find_owned_acronyms(
    words: EntityWords, doc: TokenView, demonyms: dict[int, str], rubric_end: int, cands: list[EntityCandidate]
) -> None:
    """An unknown acronym as the owner of what only a company has: "le parc nucléaire d'EDF", "la
    filiale de KTZ", "les actionnaires de XYZ" (`owned_noun` in entity_cues.tsv)."""
    keys, texts, n = doc.keys, doc.texts, len(doc)
    owned = words.owned_nouns
    for i in range(max(rubric_end, 2), n):
        text = texts[i][:-1] if texts[i].endswith(".") else texts[i]
        if not _ACRONYM.match(texts[i]) or keys[i - 1] not in words.de_forms:
            continue
        if keys[i] in words.not_org or keys[i] in words.currencies or words.place(text) is not None:
            continue
        k = i - 2
        while k > 0 and i - 2 - k < 2 and doc.pos[k] == "ADJ" and texts[k].islower():
            k -= 1  # "le parc nucléaire d'EDF"
        if keys[k] in owned and texts[k].islower():
            canon = text if text != texts[i] else ""
            cands.append(EntityCandidate(i, i + 1, "ORG", PRIORITY_RULE, EntityHint(src="rule", canon=canon)))
