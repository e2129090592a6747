"""The committed gazetteers are what `python -m pipeline.build_data` builds: a slice is rebuilt and compared."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import build_data

GAZETTEERS = Path(__file__).resolve().parent.parent.parent / "models" / "gazetteers"
SLICE_COUNTRIES = ("KZ", "KG", "TJ", "UZ", "TM", "GE", "FR", "VG")


def _committed(name: str, keep) -> list[tuple[str, ...]]:
    lines = (GAZETTEERS / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
    assert tuple(lines[0].split("\t")) == build_data.COLUMNS[name]
    return [tuple(line.split("\t")) for line in lines[1:] if keep(line.split("\t"))]


@pytest.mark.parametrize("name", ["countries", "subdivisions", "cities"])
def test_slice_rebuilds_identically(name: str):
    builders = {
        "countries": lambda: build_data.build_countries(SLICE_COUNTRIES),
        "subdivisions": lambda: build_data.build_subdivisions(SLICE_COUNTRIES),
        "cities": lambda: build_data.build_cities(SLICE_COUNTRIES),
    }
    country_column = {"countries": 0, "subdivisions": 1, "cities": 2}[name]
    committed = _committed(name, lambda row: row[country_column] in SLICE_COUNTRIES)
    assert committed, "the slice must not be empty"
    assert builders[name]() == committed


def test_world_regions_rebuild_identically():
    assert build_data.build_world_regions() == _committed("world_regions", lambda row: True)


def test_render_is_deterministic():
    rows = build_data.build_countries(["KZ", "UZ"])
    assert build_data.render_tsv(build_data.COLUMNS["countries"], rows) == build_data.render_tsv(
        build_data.COLUMNS["countries"], build_data.build_countries(["UZ", "KZ"])
    )


def test_city_alternates_are_latin_script_and_capitalised():
    almaty = next(r for r in build_data.build_cities(["KZ"]) if r[0] == "1526384")
    alternates = almaty[7].split("|")
    assert "Alma-Ata" in alternates
    assert all(a[0].isupper() and not a.isupper() for a in alternates)


def test_build_writes_every_file(tmp_path: Path):
    counts = build_data.build_all(tmp_path)
    assert set(counts) == set(build_data.COLUMNS)
    for name in counts:
        assert (tmp_path / "gazetteers" / f"{name}.tsv").read_bytes() == (GAZETTEERS / f"{name}.tsv").read_bytes()
