"""The words of quantities, read once from `models/lexicons/` (units, currencies, scales,
counted nouns, qualifiers), and the shapes of French numbers written in words.

The grammar (`components.quantities`) uses the word lists, the normaliser
(`normalize.quantities`) the values.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

_UNITS_WORDS = (
    "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize"
    "|vingts?|trente|quarante|cinquante|soixante|septante|huitante|octante|nonante|cents?|mille"
)
# One token of a number written in words, from "deux" up ("un"/"une" alone are articles);
# hyphenated compounds ("vingt-cinq", "quatre-vingt-dix", "vingt-et-un") are one token.
WORD_NUMBER = rf"(?:{_UNITS_WORDS})(?:-(?:et-)?(?:un|une|{_UNITS_WORDS}))*"
NUMBER_WORD_REGEX = rf"^{WORD_NUMBER}$"
# A later token of a number in words: the tokenizer splits unknown compounds ("septante", "-", "cinq").
NUMBER_WORD_PART_REGEX = rf"^(?:-|{WORD_NUMBER})$"


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
    known: dict[tuple[str, str | None], Any] = field(init=False, repr=False, compare=False)

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

    @cached_property  # read once per quantity mention: computed once per lexicon
    def folded_currencies(self) -> frozenset[str]:
        """The currency surfaces, lower-cased."""
        return frozenset(s.lower() for s in self.currencies)

    @cached_property
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
