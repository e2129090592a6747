"""Normalise French quantity expressions to a number and a canonical unit.

A span found by the grammar (`pipeline/components/quantities.py`) is read again
here as plain text: number (French digits or words), scale words, then a unit,
a currency (ISO 4217) or the counted noun in the singular. The words come from
the TSV lexicons under `models/lexicons/`, read once into a `QuantityLexicon`.
"""

from __future__ import annotations

import csv
from collections import Counter
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from text_to_num import text2num

SPACES = re.compile(r"[\s\u00a0\u202f]+")
# A chunk that opens with a figure: "120.000", "1,35", "-3,5", optionally glued to a symbol ("6%", "5M€").
_LEADING_NUMBER = re.compile(r"^([+\-−]?\d+(?:[.,]\d+)*)(.*)$")
_GROUP = re.compile(r"^\d{3}(?:,\d+)?$")
# The tokenizer leaves a sentence's full stop on a glued currency ("5€."): the stop is no part of the unit.
_SYMBOL_STOP = re.compile(r"([$€£₸₽%])\.$")
_ELISION = re.compile(r"^(?:de|d)['’]", re.IGNORECASE)
_UNITS_WORDS = (
    "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize"
    "|vingts?|trente|quarante|cinquante|soixante|septante|huitante|octante|nonante|cents?|mille"
)
# One token of a number written in words, from "deux" up ("un"/"une" alone are articles);
# hyphenated compounds ("vingt-cinq", "quatre-vingt-dix", "vingt-et-un") are one token.
_WORD_NUMBER = rf"(?:{_UNITS_WORDS})(?:-(?:et-)?(?:un|une|{_UNITS_WORDS}))*"
NUMBER_WORD_REGEX = rf"^{_WORD_NUMBER}$"
# A later token of a number in words: the tokenizer splits unknown compounds ("septante", "-", "cinq").
NUMBER_WORD_PART_REGEX = rf"^(?:-|{_WORD_NUMBER})$"
_NUMBER_WORD = re.compile(rf"^(?:un|une|et|{_WORD_NUMBER})$", re.IGNORECASE)
_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")
_RANK_ADJECTIVES = frozenset({"premiers", "premières", "derniers", "dernières", "prochains", "prochaines"})
# Second nouns of noun-noun compounds counted as one thing ("États membres", "pays membres").
_COMPOUND_TAILS = {"membre": "membre", "membres": "membre"}
_MAX_KNOWN = 20_000  # values `QuantityLexicon.known` holds before it starts afresh


def hyphenated_number_words() -> list[str]:
    """The one-token compounds from 17 to 99 ("dix-sept", "vingt-et-un", "quatre-vingt-dix-neuf").

    spaCy's French `like_num` knows the simple number words but not these, and the
    grammar needs to know every token that can open a number.

    >>> "soixante-et-onze" in hyphenated_number_words(), len(hyphenated_number_words()) > 80
    (True, True)
    """
    units = "deux trois quatre cinq six sept huit neuf".split()
    teens = "dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf".split()
    forms = ["dix-sept", "dix-huit", "dix-neuf", "quatre-vingts"]
    for tens in ("vingt", "trente", "quarante", "cinquante", "soixante", "quatre-vingt",
                 "septante", "huitante", "octante", "nonante"):  # the last four: Belgium and Switzerland
        forms += [f"{tens}-{u}" for u in ["un", "une", *units]]
        forms += [f"{tens}-et-un", f"{tens}-et-une"]
    for tens in ("soixante", "quatre-vingt"):
        forms += [f"{tens}-{t}" for t in teens] + [f"{tens}-et-onze"]
    return sorted(set(forms))


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


def _read_tsv(path: Path) -> Iterable[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and row[0] and not row[0].startswith("#"):
                yield row


@dataclass(frozen=True)
class QuantityLexicon:
    """The words of quantities, read once from `models/lexicons/`.

    `units` and `currencies` map a surface (one or more words) to (canonical unit,
    factor); `scales` map a scale word to its factor; `singulars` map a plural
    the rules get wrong to its singular ("-" = never a counted thing, nothing of
    a quantity follows it; "adj" = an adjective, never the counted thing);
    `qualifiers` map the words before a number to a canonical qualifier;
    `blockers` and `year_cues` are words before a number that make it a
    reference ("article 5") or a year ("en 2025").
    """

    units: dict[str, tuple[str, float]]
    currencies: dict[str, tuple[str, float]]
    scales: dict[str, float]
    singulars: dict[str, str]
    qualifiers: dict[str, str]
    blockers: frozenset[str] = field(default_factory=frozenset)
    year_cues: frozenset[str] = field(default_factory=frozenset)
    # A currency word several currencies share ("dollars", "francs CFA", "dirhams"), lower-cased:
    # the code of each territory that uses it (CLDR, `currency_names.tsv`); see `currency_in_context`.
    shared_currencies: dict[str, dict[str, str]] = field(default_factory=dict)
    # Words before an hour that make it a time of day, not a duration ("à 10 heures").
    clock_cues: frozenset[str] = field(default_factory=frozenset)
    # For `find_qualifier`: each lower-cased qualifier (the first of the lexicon for one
    # spelling) with its canonical form, and their lengths, longest first.
    qualifier_index: dict[str, str] = field(init=False, repr=False, compare=False)
    qualifier_lengths: tuple[int, ...] = field(init=False, repr=False, compare=False)
    # `normalize_quantity` values without context, by (text, label): see there.
    known: dict[tuple[str, str | None], QuantityValue] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for surface, canonical in self.qualifiers.items():
            index.setdefault(surface.lower(), canonical)
        object.__setattr__(self, "qualifier_index", index)
        object.__setattr__(self, "qualifier_lengths", tuple(sorted({len(s) for s in index}, reverse=True)))
        object.__setattr__(self, "known", {})

    @classmethod
    def from_folder(cls, lexicons: Path) -> "QuantityLexicon":
        """Read units.tsv, currencies.tsv, scales.tsv, count_nouns.tsv and quantity_context.tsv.

        >>> from pipeline.resources import models_dir
        >>> QuantityLexicon.from_folder(models_dir() / "lexicons").currencies["tenges"]
        ('KZT', 1.0)
        """
        lexicons = Path(lexicons)
        units = {r[0]: (r[1], float(r[2])) for r in _read_tsv(lexicons / "units.tsv")}
        currencies = {r[0]: (r[1], float(r[2])) for r in _read_tsv(lexicons / "currencies.tsv")}
        scales = {r[0]: float(r[1]) for r in _read_tsv(lexicons / "scales.tsv")}
        singulars = {r[0]: r[1] for r in _read_tsv(lexicons / "count_nouns.tsv")}
        context = list(_read_tsv(lexicons / "quantity_context.tsv"))
        shared = _read_currency_names(lexicons / "currency_names.tsv", currencies)
        currencies = {k: v for k, v in currencies.items() if v[0] != "-"}
        for row in _read_tsv(lexicons / "currencies.tsv"):  # "FCFA" shares the choice of "francs CFA"
            if len(row) > 3 and row[3].lower() in shared:
                shared[row[0].lower()] = shared[row[3].lower()]
        return cls(
            units=units,
            currencies=currencies,
            shared_currencies=shared,
            clock_cues=frozenset(r[0].lower() for r in context if r[1] == "clock"),
            scales=scales,
            singulars=singulars,
            qualifiers={r[0]: r[2] for r in context if r[1] == "qualifier"},
            blockers=frozenset(r[0].lower() for r in context if r[1] == "blocker"),
            year_cues=frozenset(r[0].lower() for r in context if r[1] == "year"),
        )

    @property
    def folded_currencies(self) -> frozenset[str]:
        """The currency surfaces, lower-cased."""
        return frozenset(s.lower() for s in self.currencies)

    @property
    def currency_codes(self) -> frozenset[str]:
        """The ISO 4217 codes of the currency words."""
        return frozenset(code for code, _ in self.currencies.values())

    def word_sets(self) -> dict[str, list[str]]:
        """Lower-cased token lists for the grammar's `@name` placeholders.

        A multi-word surface gives its first word to `units`/`currencies` and its
        other words to `unit_tails` (for "mètres cubes", "dollars américains").
        """
        def first(surfaces: Iterable[str]) -> list[str]:
            return sorted({s.split()[0].lower() for s in surfaces})

        multi = [s for s in (*self.units, *self.currencies) if " " in s]
        # The tokenizer splits "km/h" and "Gbit/s" at the slash: the grammar sees both halves.
        per = [s.split("/", 1) for s in self.units if "/" in s]
        return {
            "per_units": sorted({a.lower() for a, _ in per}),
            "per_times": sorted({b.lower() for _, b in per}),
            # "pour" opens "pour cent" only (the PERCENT lines); "point" opens "points de base"
            # (a line of its own): as units alone they would run "30 millions pour …" on.
            "units": sorted(set(first(s for s in self.units if len(s.split()) < 3)) - {"pour"}),
            "currencies": first(self.currencies),
            # Not "de": "points de base" has a line of its own in the grammar, and a "de" tail
            # would run "50 kilomètres de Dakar" on into the next phrase.
            "unit_tails": sorted({w.lower() for s in multi for w in s.split()[1:]} - {"de", "d'", "du", "des"}),
            "scales": sorted({s.lower() for s in self.scales}),
            "not_counted": sorted(w for w, s in self.singulars.items() if s in ("-", "adj")),
            "capitalised": sorted(w for w, s in self.singulars.items() if s[:1].isupper()),
            "dead_ends": sorted(w for w, s in self.singulars.items() if s == "-"),
        }


# Units of time (units.tsv, "Durations"): a duration is a quantity (GUIDELINES) but seldom what an
# event measures ("signé pour 25 ans"); events may leave these aside.
DURATION_UNITS = frozenset({"an", "mois", "semaine", "jour", "h"})


def is_duration(unit: str | None) -> bool:
    """Whether a canonical unit is a unit of time.

    >>> is_duration("an"), is_duration("MW")
    (True, False)
    """
    return unit in DURATION_UNITS


def _read_currency_names(path: Path, currencies: dict[str, tuple[str, float]]) -> dict[str, dict[str, str]]:
    """Add the CLDR currency names of `path` to `currencies` (the hand-kept rows win) and return
    the shared ones: surface (lower-cased) → {territory: code}.

    A surface one currency owns becomes a currency word. A surface several share ("dirhams":
    MAD and AED) reads as the hand-kept default if there is one ("dollars": USD), else as
    `XXX` (no currency); `currency_in_context` then picks by the countries the brief names,
    and a quantity left in `XXX` gets no value.
    Surfaces of one to three letters ("sol", "won") and those `currencies.tsv` marks "-"
    ("livres", "couronnes": books and crowns far more often) are left out.
    """
    if not path.exists():
        return {}
    never = {s.lower() for s, (code, _) in currencies.items() if code == "-"}
    by_surface: dict[str, dict[str, set[str]]] = {}
    for surface, code, territories in _read_tsv(path):
        by_surface.setdefault(surface, {})[code] = set(territories.split(","))
    shared: dict[str, dict[str, str]] = {}
    for surface, codes in by_surface.items():
        if len(surface) <= 3 or surface.lower() in never:
            continue
        if len(codes) > 1:
            shared[surface.lower()] = {t: code for code, where in codes.items() for t in where}
        if surface not in currencies:
            # XXX (ISO 4217: no currency) until the brief's countries choose one.
            currencies[surface] = (next(iter(codes)) if len(codes) == 1 else "XXX", 1.0)
    return shared


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
    value, used = _read_number(words)
    if value is None:
        return QuantityValue(None, None, qualifier, note=f"no number in {text!r}")
    rest = words[used:]
    scale, used = _lookup(lexicon.scales, rest[:1])
    while scale:  # "1,5 milliard", "mille milliards"
        factor, rest = factor * scale, rest[used:]
        scale, used = _lookup(lexicon.scales, rest[:1])
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
