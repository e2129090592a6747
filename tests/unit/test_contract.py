"""The contract between components and normalisers: neither side imports the other.

Both import `pipeline.spans` (span groups, hints) and `pipeline.lexicons` (word lists);
this test reads the import statements of every module of the two packages.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pipeline.spans import EntityHint, decode_fields, encode_fields

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"


def _imported_modules(path: Path) -> set[str]:
    """Absolute names of the `pipeline` modules a source file imports."""
    # The package a relative import starts from (the module's own, also for an `__init__`).
    package = ["pipeline", *path.relative_to(PACKAGE).with_suffix("").parts][:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            out.add(name)
            out.update(f"{name}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {m for m in out if m.startswith("pipeline")}


@pytest.mark.parametrize(
    "side, other",
    [("components", "pipeline.normalize"), ("normalize", "pipeline.components"),
     ("lexicons", "pipeline.components"), ("lexicons", "pipeline.normalize")],
)
def test_side_does_not_import_other(side, other):
    for path in sorted((PACKAGE / side).rglob("*.py")):
        bad = sorted(m for m in _imported_modules(path) if m == other or m.startswith(other + "."))
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"


def test_fields_encoding_drops_empty_values_and_sorts():
    assert encode_fields({"src": "rule", "country": "", "canon": "Banque mondiale"}) == "canon=Banque mondiale|src=rule"
    assert decode_fields("canon=a=b|src=rule") == {"canon": "a=b", "src": "rule"}


def test_entity_hint_ignores_unknown_fields():
    assert EntityHint.decode("src=model|future=1") == EntityHint(src="model")
