"""The start-up cache of slow word lists (`pipeline.lexicons.cache`): same value, never stale."""

from pathlib import Path

from pipeline.lexicons.cache import cache_dir, cached_build


def _builder(source: Path, calls: list):
    def build():
        calls.append(1)
        return {"mots": source.read_text(encoding="utf-8").split()}

    return build


def test_second_build_comes_from_the_pickle(tmp_path):
    data = tmp_path / "listes"
    data.mkdir()
    (data / "villes.tsv").write_text("Tachkent Almaty\n", encoding="utf-8")
    calls: list = []
    first = cached_build("essai", [data], _builder(data / "villes.tsv", calls), tmp_path / "cache")
    second = cached_build("essai", [data], _builder(data / "villes.tsv", calls), tmp_path / "cache")
    assert first == second == {"mots": ["Tachkent", "Almaty"]}
    assert len(calls) == 1
    assert len(list((tmp_path / "cache").glob("essai-*.pickle"))) == 1


def test_a_changed_or_added_file_builds_again_and_replaces_the_old_pickle(tmp_path):
    data = tmp_path / "listes"
    data.mkdir()
    (data / "villes.tsv").write_text("Tachkent\n", encoding="utf-8")
    calls: list = []
    cached_build("essai", [data], _builder(data / "villes.tsv", calls), tmp_path / "cache")
    (data / "villes.tsv").write_text("Douchanbé\n", encoding="utf-8")
    assert cached_build("essai", [data], _builder(data / "villes.tsv", calls), tmp_path / "cache") == {
        "mots": ["Douchanbé"]}
    (data / "regions.tsv").write_text("Sogd\n", encoding="utf-8")
    cached_build("essai", [data], _builder(data / "villes.tsv", calls), tmp_path / "cache")
    assert len(calls) == 3
    assert len(list((tmp_path / "cache").glob("essai-*.pickle"))) == 1


def test_a_damaged_pickle_is_built_again(tmp_path):
    data = tmp_path / "villes.tsv"
    data.write_text("Bichkek\n", encoding="utf-8")
    calls: list = []
    cached_build("essai", [data], _builder(data, calls), tmp_path / "cache")
    for path in (tmp_path / "cache").glob("essai-*.pickle"):
        path.write_bytes(b"pas un pickle")
    assert cached_build("essai", [data], _builder(data, calls), tmp_path / "cache") == {"mots": ["Bichkek"]}
    assert len(calls) == 2


def test_cache_folder_beside_models_or_off(tmp_path, monkeypatch):
    monkeypatch.delenv("BRIEFS_CACHE_DIR", raising=False)
    assert cache_dir(tmp_path / "models") == tmp_path.resolve() / ".cache"
    monkeypatch.setenv("BRIEFS_CACHE_DIR", "off")
    assert cache_dir(tmp_path / "models") is None
    calls: list = []
    data = tmp_path / "villes.tsv"
    data.write_text("Och\n", encoding="utf-8")
    cached_build("essai", [data], _builder(data, calls), None)
    cached_build("essai", [data], _builder(data, calls), None)
    assert len(calls) == 2
