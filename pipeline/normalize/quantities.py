"""Normalise French quantity expressions to a number and a canonical unit.

A span found by the grammar (`pipeline/components/quantities.py`) is read again
here as plain text: number (French digits or words), scale words, then a unit,
a currency (ISO 4217) or the counted noun in the singular. The words come from
the TSV lexicons under `models/lexicons/`, read once into a `QuantityLexicon`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from text_to_num import text2num

from ..lexicons.quantities import (  # noqa: F401  (the grammar's names, re-exported)
    NUMBER_WORD_PART_REGEX,
    NUMBER_WORD_REGEX,
    QuantityLexicon,
    hyphenated_number_words,
)
from ..lexicons.quantities import WORD_NUMBER as _WORD_NUMBER

SPACES = re.compile(r"[\s\u00a0\u202f]+")
# A chunk that opens with a figure: "120.000", "1,35", "-3,5", optionally glued to a symbol ("6%", "5M€").
_LEADING_NUMBER = re.compile(r"^([+\-−]?\d+(?:[.,]\d+)*)(.*)$")
_GROUP = re.compile(r"^\d{3}(?:,\d+)?$")
# The tokenizer leaves a sentence's full stop on a glued currency ("5€."): the stop is no part of the unit.
_SYMBOL_STOP = re.compile(r"([$€£₸₽%])\.$")
_ELISION = re.compile(r"^(?:de|d)['’]", re.IGNORECASE)
_NUMBER_WORD = re.compile(rf"^(?:un|une|et|{_WORD_NUMBER})$", re.IGNORECASE)
_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")
_RANK_ADJECTIVES = frozenset({"premiers", "premières", "derniers", "dernières", "prochains", "prochaines"})
# Second nouns of noun-noun compounds counted as one thing ("États membres", "pays membres").
_COMPOUND_TAILS = {"membre": "membre", "membres": "membre"}
_MAX_KNOWN = 20_000  # values `QuantityLexicon.known` holds before it starts afresh


@dataclass(frozen=True, slots=True)
class QuantityValue:
    """A normalised quantity: `value` in `unit` (ISO 4217 for money, singular noun for counts)."""

    value: float | None
    unit: str | None
    qualifier: str | None = None
    note: str | None = None

    @property
    def normalized(self) -> str | None:
        """`value unit` as one string (`"3000 village"`, `"1350000000 USD"`), None without a value."""
        if self.value is None:
            return None
        number = int(self.value) if float(self.value).is_integer() else self.value
        return f"{number} {self.unit}" if self.unit else str(number)


# Units of time (units.tsv, "Durations"): a duration is a quantity (GUIDELINES) but seldom what an
# event measures ("signé pour 25 ans"); events may leave these aside.
DURATION_UNITS = frozenset({"an", "mois", "semaine", "jour", "h"})


def is_duration(unit: str | None) -> bool:
    """Whether a canonical unit is a unit of time.

    >>> is_duration("an"), is_duration("MW")
    (True, False)
    """
    return unit in DURATION_UNITS


def currency_in_context(span_text: str, unit: str | None, countries: list[str], lexicon: QuantityLexicon) -> str | None:
    """The currency a shared word means in a brief that names `countries` (ISO2, once per mention).

    "3,5 milliards de dollars" in a brief whose places are in Canada is CAD; "786 milliards
    de FCFA" in a brief about Cameroon is XAF. Only a shared word written alone counts
    ("dollars américains" stays USD). Among the countries named, those using one of the
    currencies sharing the word vote, once per mention; the code changes when one currency
    has more votes than any other, else `unit` stays (the default: USD for dollars, XOF for
    francs CFA, XXX where there is none).

    >>> from pipeline.resources import models_dir
    >>> lex = QuantityLexicon.from_folder(models_dir() / "lexicons")
    >>> currency_in_context("30 millions de dollars", "USD", ["CA"], lex)
    'CAD'
    >>> currency_in_context("30 millions de dollars", "USD", ["CA", "US"], lex)
    'USD'
    """
    words = [w for w in SPACES.split(span_text.replace("’", "'").lower()) if w]
    for size in (3, 2, 1):
        for k in range(len(words) - size, -1, -1):
            surface = " ".join(words[k : k + size])
            if surface not in lexicon.shared_currencies:
                if surface in lexicon.folded_currencies:
                    return unit  # the longest currency words written are one currency's
                continue
            by_territory = lexicon.shared_currencies[surface]
            votes = Counter(by_territory[c] for c in countries if c in by_territory).most_common(2)
            if votes and (len(votes) == 1 or votes[0][1] > votes[1][1]):
                return votes[0][0]
            return unit
    return unit


def _lookup(table: dict, words: list[str]):
    """Longest surface of `table` at the start of `words`: (entry, words used) or (None, 0).

    Symbols and abbreviations match with their exact case ("M" is a million,
    "m" a metre); words of four letters or more also match lower-cased
    ("Tonnes" in a headline).
    """
    for size in range(min(3, len(words)), 0, -1):
        surface = " ".join(words[:size])
        if surface in table:
            return table[surface], size
        folded = surface.lower()
        if len(folded) >= 4 and folded in table and folded.replace(" ", "").isalpha():
            return table[folded], size
    return None, 0


def parse_number(token: str) -> float | None:
    """Parse a French-formatted number: `120.000`, `120 000`, `1,35`; None if it is not one.

    A dot followed by groups of three digits separates thousands; a comma is the
    decimal mark.

    >>> parse_number("120.000"), parse_number("1,35"), parse_number("120\u202f000")
    (120000.0, 1.35, 120000.0)
    """
    t = SPACES.sub("", token).replace("−", "-")  # U+2212, the typographic minus
    if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?", t):
        t = t.replace(".", "")
    elif t.count(",") > 1 or ("," in t and "." in t):
        return None
    t = t.replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", t):
        return None
    value = float(t)
    return value if math.isfinite(value) else None


def singularize(word: str, singulars: dict[str, str]) -> str | None:
    """The singular of a French plural noun, lower-cased; None for words never counted.

    >>> lex = {"pays": "pays", "travaux": "travail", "juin": "-"}
    >>> [singularize(w, lex) for w in ("villages", "galeries", "pays", "travaux", "canaux", "bureaux", "jeux", "juin")]
    ['village', 'galerie', 'pays', 'travail', 'canal', 'bureau', 'jeu', None]
    """
    w = word.lower().replace("’", "'")
    if w in singulars:
        return None if singulars[w] in ("-", "adj") else singulars[w]
    if "-" in w:  # compounds: "sous-marins" → "sous-marin", "camions-citernes" → "camion-citerne"
        parts = [singularize(p, singulars) or p for p in w.split("-")]
        return "-".join(parts)
    if w.endswith(("eaux", "eux", "oux")) or w.endswith("yaux"):
        return w[:-1]
    if w.endswith("aux") and len(w) > 4:
        return w[:-3] + "al"
    if w.endswith("s") and not w.endswith(("ss", "ès")) and len(w) > 2:
        return w[:-1]
    return w


def find_qualifier(context: str, lexicon: QuantityLexicon) -> str | None:
    """The canonical qualifier that ends `context` (the words just before a quantity), if any.

    >>> from pipeline.resources import models_dir
    >>> lex = QuantityLexicon.from_folder(models_dir() / "lexicons")
    >>> find_qualifier("ont recruté près de", lex), find_qualifier("soit un peu plus d’", lex)
    ('près de', 'plus de')
    """
    text = SPACES.sub(" ", context.replace("’", "'")).strip().lower()
    # The longest qualifier that ends the text and starts a word: after a space or an
    # elision ("d'au moins"). One lookup per qualifier length.
    for size in lexicon.qualifier_lengths:
        if size <= len(text) and (size == len(text) or text[-size - 1] in " '"):
            canonical = lexicon.qualifier_index.get(text[len(text) - size :])
            if canonical is not None:
                return canonical
    return None


def _chunks(text: str, units: dict) -> list[str]:
    """Split a span's text into words, with figures split from glued symbols ("6%" → "6", "%")."""
    out: list[str] = []
    for raw in SPACES.split(text.replace("’", "'").strip()):
        raw = _SYMBOL_STOP.sub(r"\1", raw)
        if not raw:
            continue
        elided = _ELISION.match(raw)
        if elided and len(raw) > elided.end():
            out += ["de", raw[elided.end():]]
            continue
        m = _LEADING_NUMBER.match(raw)
        if m and m.group(2):
            out += [m.group(1), m.group(2)]
            continue
        lead = re.match(r"^([$€£₸₽¥₹₩₺₾₼₴]|US\$|\$US)(\d.*)$", raw)
        if lead:
            out += [lead.group(1), lead.group(2)]
            continue
        if "/" in raw and raw not in units:  # "t/an": the rate's period does not change the amount
            out.append(raw.split("/", 1)[0])
            continue
        out.append(raw)
    return out


def _read_number(words: list[str]) -> tuple[float | None, int]:
    """The number at the start of `words` and how many words it used."""
    figure = _LEADING_NUMBER.match(words[0]) if words else None
    if figure and not figure.group(2):
        used = 1
        if re.fullmatch(r"\d{1,3}", words[0]):
            while used < len(words) and _GROUP.match(words[used]):
                used += 1
        return parse_number("".join(words[:used])), used
    used = 0
    while used < len(words) and _NUMBER_WORD.match(words[used]):
        used += 1
    while used and words[used - 1].lower() == "et":
        used -= 1
    if not used:
        return None, 0
    try:
        return float(text2num(" ".join(words[:used]).lower(), "fr")), used
    except (ValueError, IndexError, KeyError):
        return None, 0


def _read_scales(words: list[str], scales: dict) -> tuple[float, list[str]]:
    """The product of the scale words at the start of `words` ("milliards", "mille milliards") and the rest."""
    factor = 1.0
    scale, used = _lookup(scales, words[:1])
    while scale:
        factor, words = factor * scale, words[used:]
        scale, used = _lookup(scales, words[:1])
    return factor, words


def _read_compound(words: list[str], scales: dict) -> tuple[float | None, list[str]]:
    """The number at the start of `words`, scale words included, and the words after it.

    French writes a large amount as groups of decreasing scale, each a number and its
    scale word: "quatre milliards six cents millions" is 4 600 000 000, "2 millions
    500 000" is 2 500 000. A later group is read only while it is smaller than the
    scale of the group before it, so "3 millions 20 millions" stops after the first.

    >>> from pipeline.resources import models_dir
    >>> scales = QuantityLexicon.from_folder(models_dir() / "lexicons").scales
    >>> _read_compound("deux milliards trois cent cinquante millions de dollars".split(), scales)
    (2350000000.0, ['de', 'dollars'])
    """
    value, used = _read_number(words)
    if value is None:
        return None, words
    scale, rest = _read_scales(words[used:], scales)
    total = value * scale
    while scale > 1 and rest:
        part, used = _read_number(rest)
        if part is None:
            break
        next_scale, after = _read_scales(rest[used:], scales)
        if part * next_scale >= scale:
            break
        total, scale, rest = total + part * next_scale, next_scale, after
    return total, rest


def normalize_quantity(
    text: str, lexicon: QuantityLexicon, context: str = "", label: str | None = None
) -> QuantityValue:
    """Normalise one quantity span: its value in its unit, with the qualifier found in `context`.

    Reads the span text, the few words before it and the grammar's label (a
    MEASURE, MONEY or PERCENT span must name a unit of the lexicons, exact case for
    symbols: "5G" is no quantity of grams; only a COUNT span, or one without a
    label, falls back to its last word as the counted noun). Never raises: what it
    cannot read leaves `value` empty and says why in `note`.

    >>> from pipeline.resources import models_dir
    >>> lex = QuantityLexicon.from_folder(models_dir() / "lexicons")
    >>> normalize_quantity("1,35 milliard de dollars", lex).normalized
    '1350000000 USD'
    >>> normalize_quantity("quatre nouvelles galeries", lex, "a mis en service").normalized
    '4 galerie'
    >>> normalize_quantity("120 000 tonnes", lex, "près de").qualifier
    'près de'
    """
    qualifier = find_qualifier(context, lexicon) if context else None
    # The context only gives the qualifier: the rest is remembered by text and label.
    known = lexicon.known.get((text, label))
    if known is None:
        if len(lexicon.known) >= _MAX_KNOWN:
            lexicon.known.clear()
        known = lexicon.known[text, label] = _normalize_quantity(text, lexicon, label)
    return known if known.qualifier == qualifier else replace(known, qualifier=qualifier)


def _normalize_quantity(text: str, lexicon: QuantityLexicon, label: str | None) -> QuantityValue:
    """`normalize_quantity` without a qualifier, computed afresh."""
    qualifier = None
    words = _chunks(text, lexicon.units)
    unit: str | None = None
    factor = 1.0
    if words:
        entry, used = _lookup(lexicon.currencies, words)
        if entry and used < len(words) and _LEADING_NUMBER.match(words[used]):  # "$5 millions", "€100"
            (unit, factor), words = entry, words[used:]
    value, rest = _read_compound(words, lexicon.scales)
    if value is None:
        return QuantityValue(None, None, qualifier, note=f"no number in {text!r}")
    if rest and rest[0].lower() in ("de", "d'"):
        rest = rest[1:]
    if len(rest) > 1 and rest[0].lower() in _RANK_ADJECTIVES:  # "60 premiers mégawatts"
        rest = rest[1:]
    if rest and unit is None:
        entry, used = _lookup(lexicon.currencies, rest)
        if not entry:
            entry, used = _lookup(lexicon.units, rest)
        if entry:
            unit, factor = entry[0], factor * entry[1]
            if [w.lower() for w in rest[used : used + 2]] in (["et", "demi"], ["et", "demie"]):
                value += 0.5  # "deux ans et demi"
        elif label not in (None, "COUNT"):
            return QuantityValue(None, None, qualifier, note=f"unit not recognised in {text!r}")
        elif len(rest) >= 2 and rest[-1].lower() in _COMPOUND_TAILS and _WORD.match(rest[-2]):
            # "26 États membres": a noun-noun compound counts as one thing, both in the singular.
            head = singularize(rest[-2], lexicon.singulars)
            if head is None:
                return QuantityValue(None, None, qualifier, note=f"{rest[-2]!r} is not a counted thing")
            unit = f"{head} {_COMPOUND_TAILS[rest[-1].lower()]}"
        elif _WORD.match(rest[-1]):
            unit = singularize(rest[-1], lexicon.singulars)
            if unit is None:
                return QuantityValue(None, None, qualifier, note=f"{rest[-1]!r} is not a counted thing")
    # Twelve significant digits: "2,3 millions" is 2300000, not the float product 2299999.9999999995.
    value = float(f"{value * factor:.12g}")
    if not math.isfinite(value):
        return QuantityValue(None, unit, qualifier, note="value out of range")
    note = None if unit else "no unit"
    return QuantityValue(value, unit, qualifier, note)
