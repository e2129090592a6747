"""docs/ is kept in step with the code: every column of every table, every event type, documented."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from pipeline.records import EVENT_TYPES, TABLES, Rejection

DOCS = Path(__file__).resolve().parents[2] / "docs"
README = DOCS.parent / "README.md"


def _section(page: str, title: str) -> str:
    """The text of a `## title` section of a markdown page (up to the next `## `)."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", page, re.S | re.M)
    assert match, f"no '## {title}' section"
    return match.group(1)


def _documented_columns(section: str) -> list[str]:
    """Column names in the first cell of the section's table rows."""
    return re.findall(r"^\| `([a-z_]+)` \|", section, re.M)


COLUMNS = [(table, f.name) for table, record in {**TABLES, "rejected": Rejection}.items()
           for f in dataclasses.fields(record)]


@pytest.mark.parametrize("table,column", COLUMNS, ids=[f"{t}.{c}" for t, c in COLUMNS])
def test_every_column_is_documented(table: str, column: str):
    page = (DOCS / "output-contract.md").read_text(encoding="utf-8")
    assert column in _documented_columns(_section(page, table)), f"{table}.{column} is not in docs/output-contract.md"


@pytest.mark.parametrize("table", sorted({**TABLES, "rejected": Rejection}))
def test_no_documented_column_that_the_table_lacks(table: str):
    record = {**TABLES, "rejected": Rejection}[table]
    page = (DOCS / "output-contract.md").read_text(encoding="utf-8")
    assert _documented_columns(_section(page, table)) == [f.name for f in dataclasses.fields(record)]


def test_taxonomy_lists_exactly_the_event_types():
    page = (DOCS / "taxonomy.md").read_text(encoding="utf-8")
    assert _documented_columns(page) == list(EVENT_TYPES)


def test_readme_points_to_docs_not_to_files_outside_the_repository():
    readme = README.read_text(encoding="utf-8")
    assert "docs/output-contract.md" in readme and "docs/taxonomy.md" in readme and "docs/annotation.md" in readme
    assert "SPEC.md" not in readme and "GUIDELINES.md" not in readme
    for link in re.findall(r"\]\(([^)#]+)\)", readme + "".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))):
        if not link.startswith("http"):
            assert (README.parent / link).exists() or (DOCS / link).exists(), link
