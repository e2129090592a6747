"""Acronym pairs: "Expansion (ACR)" and "ACR (Expansion)" name one organisation."""

from __future__ import annotations

import re

from ...lexicons.text import fold
from ...spans import EntityHint
from .candidates import PRIORITY_KNOWN, EntityCandidate
from .context import is_thing
from .view import TokenView
from .words import EntityWords

_ACRONYM_BREAKS = frozenset({".", ";", ":", "("})


def acronym_matches(acronym: str, words: list[str]) -> bool:
    """Whether `acronym` can be read from the initials of `words` (first letters, in order).

    >>> acronym_matches("UICN", "Union internationale pour la conservation de la nature".split())
    True
    >>> acronym_matches("ATR", ["Proton", "Holdings"])
    False
    >>> acronym_matches("KMG", ["KazMunayGas"])
    True
    """
    if any(c.islower() for c in acronym[1:]) and _syllable_match(acronym, words):
        return True
    letters = [fold(c) for c in acronym if c.isalpha()]
    # "KazMunayGas" reads as Kaz Munay Gas
    parts = [p for w in words for p in re.findall(r"[A-ZÀ-Þ]?[a-zß-ÿ]+|[A-ZÀ-Þ]+(?![a-z])", w) or [w]]
    initials = [fold(w[0]) for w in parts if w and w[0].isalpha()]  # "échange" gives an E
    if not letters or not initials or letters[0] != initials[0]:
        return False
    capitals = sum(1 for w in parts if w[:1].isupper())
    if capitals > len(letters):
        return False
    it = iter(initials)
    return all(any(c == i for i in it) for c in letters)


def _syllable_match(acronym: str, words: list[str]) -> bool:
    """"MauCAS" from "Mauritius Central Automated Switch", "FoSoNum" from "Fonds de solidarité numérique":
    each capital and the lower-case letters after it begin one word, in order, every capitalised
    word used (the others may be skipped).

    >>> _syllable_match("MauCAS", ["Mauritius", "Central", "Automated", "Switch"])
    True
    >>> _syllable_match("FoSoNum", ["Fonds", "de", "solidarité", "numérique"])
    True
    >>> _syllable_match("BoM", ["Banque", "de", "Maurice"])
    False
    """
    chunks = [fold(c) for c in re.findall(r"[A-ZÀ-Þ][a-zß-ÿ]*", acronym)]
    k = 0
    for w in words:
        if k < len(chunks) and fold(w).startswith(chunks[k]):
            k += 1
        elif w[:1].isupper():
            return False
    return k == len(chunks)


def is_acronym(text: str) -> bool:
    """A word shaped like an acronym: 2 to 8 letters or digits, at least two capitals.

    >>> is_acronym("OCS"), is_acronym("Astana")
    (True, False)
    """
    return 2 <= len(text) <= 8 and text[0].isupper() and sum(c.isupper() for c in text) >= 2 and text.isalnum()


def find_acronym_pairs(
    words: EntityWords,
    doc: TokenView,
    demonyms: dict[int, str],
    cands: list[EntityCandidate],
    thing_spans: set[tuple[int, int]],
) -> None:
    """Pairs "Expansion (ACR)" and "ACR (Expansion)": one organisation, unless they name a law or product.

    Adds both halves to `cands` (dropping gazetteer look-ups of the same spans) and the
    halves of a law's or product's pair to `thing_spans`.
    """
    # Longer than ~60 lines on purpose: both orders of a pair share one scan of the brackets
    # and the same checks in sequence; split, each half would re-read the bracket's tokens.
    n = len(doc)
    texts, caps = doc.texts, doc.caps
    if "(" not in texts:
        return
    own: dict[str, EntityHint] = {}  # acronym → the text's own pairing
    for a in [a for a, text in enumerate(texts) if text == "("]:
        close = next((k for k in range(a + 1, min(n, a + 10)) if texts[k] == ")"), None)
        if close is None or close == a + 1 or a == 0:
            continue
        if close == a + 2 and is_acronym(texts[a + 1]):
            start = _expansion_start(doc, a, texts[a + 1])
            if start is None:
                continue
            # "Haut-Commissariat au Plan (HCP)": a body's head outweighs a thing word at the end
            # "Port autonome de Kribi (PAK)": a status adjective makes the facility noun a body's name
            body = doc.keys[start] in words.institution_cues or (
                start + 1 < a and doc.keys[start + 1] in words.status_adjs
            )
            if not body and is_thing(words, doc, start, a, demonyms):
                thing_spans.add((a + 1, close))
                thing_spans.add((start, a))
                continue
            # The text's own expansion decides: "BAD" is the Asian bank when the text says so.
            expansion = doc.span_text(start, a)
            known = words.gaz.org(expansion)
            hint = EntityHint(src="rule", canon=known.name if known else expansion)
            _add_pair(cands, (start, a), (a + 1, close), hint)
            own[texts[a + 1]] = hint
        elif close == a + 3 and is_acronym(texts[a + 2]) and caps[a + 1]:
            # "EDF Production électrique insulaire (EDF PEI)": a parent's name, then the acronym of the rest
            start = _parent_expansion_start(doc, a, texts[a + 1], texts[a + 2])
            if start is None or is_thing(words, doc, start, a, demonyms):
                continue
            expansion = doc.span_text(start, a)
            known = words.gaz.org(expansion)
            _add_pair(cands, (start, a), (a + 1, close), EntityHint(src="rule", canon=known.name if known else expansion))
        elif is_acronym(texts[a - 1]) and close - a > 2 and caps[a + 1]:
            acr = texts[a - 1]
            if not acronym_matches(acr, [w for w in texts[a + 1 : close] if _is_word(w)]):
                continue
            if is_thing(words, doc, a - 1, a, demonyms):
                continue
            expansion = doc.span_text(a + 1, close)
            known = words.gaz.org(expansion)
            hint = EntityHint(src="rule", canon=known.name if known else acr)
            _add_pair(cands, (a - 1, a), (a + 1, close), hint)
            own[acr] = hint
    if own:
        _own_expansions(doc, cands, own)


def _own_expansions(doc: TokenView, cands: list[EntityCandidate], own: dict[str, EntityHint]) -> None:
    """An acronym the text has paired with its own expansion means that body in the whole brief: "la
    BAD" after "la Banque asiatique de développement (BAD)" is not the lexicon's African bank."""
    for c in cands:
        if c.end - c.start == 1 and c.hint.key.startswith("org:") and doc.texts[c.start] in own:
            c.hint = own[doc.texts[c.start]].copy()


def _is_word(token: str) -> bool:
    """A word of an expansion, hyphenated ones included ("Haut-Commissariat", "libre-échange"), and a
    capitalised one the tokenizer cut at an inner apostrophe ("Foiben’" of "Foiben’i"), not an
    elided article ("L’", "d’")."""
    if token.replace("-", "").isalpha():
        return True
    return len(token) > 2 and token[-1] in "’'" and token[0].isupper() and token[:-1].isalpha()


def _expansion_start(doc: TokenView, paren: int, acronym: str) -> int | None:
    """Start of the capitalised words before "(" whose initials read as `acronym`, within the clause."""
    texts, caps = doc.texts, doc.caps
    for s in range(paren - 1, max(-1, paren - 12), -1):
        if "\n" in texts[s] or texts[s] in _ACRONYM_BREAKS:
            return None
        if caps[s] and acronym_matches(acronym, [w for w in texts[s:paren] if _is_word(w)]):
            return s
    return None


def _parent_expansion_start(doc: TokenView, paren: int, parent: str, acronym: str) -> int | None:
    """Start of "<parent> <words>" before "(" when the words after the parent's name read as `acronym`
    ("EDF Production électrique insulaire (EDF PEI)"), within the clause."""
    texts = doc.texts
    for s in range(paren - 2, max(-1, paren - 12), -1):
        if "\n" in texts[s] or texts[s] in _ACRONYM_BREAKS:
            return None
        if texts[s] == parent:
            rest = [w for w in texts[s + 1 : paren] if _is_word(w)]
            return s if rest and doc.caps[s + 1] and acronym_matches(acronym, rest) else None
    return None


def _add_pair(
    cands: list[EntityCandidate], first: tuple[int, int], second: tuple[int, int], hint: EntityHint
) -> None:
    """Both halves of a pair as known organisations; the text's pairing beats gazetteer look-ups of them."""
    cands[:] = [c for c in cands if not ((c.start, c.end) in (first, second) and c.hint.key)]
    cands.append(EntityCandidate(*first, "ORG", PRIORITY_KNOWN, hint.copy()))
    cands.append(EntityCandidate(*second, "ORG", PRIORITY_KNOWN, hint.copy()))
