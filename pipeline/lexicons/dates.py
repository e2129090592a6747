"""French date words by kind (month, weekday, number, modifier…), read once from `models/lexicons/date_words.tsv`.

The grammar (`components.dates`) uses the word lists, the normaliser (`normalize.dates`)
the values.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_PATH = Path("lexicons") / "date_words.tsv"


@dataclass(frozen=True)
class DateLexicon:
    """French date words by kind (month, weekday, number, modifier…), read once from a TSV file.

    Each row is `word<TAB>kind<TAB>value`; the grammar uses the word lists, the
    normaliser the values.
    """

    rows: tuple[tuple[str, str, str], ...]
    by_kind: dict[str, dict[str, str]] = field(init=False, repr=False)
    # `normalize_date` values without a reference date, by text: see there.
    known: dict[str, Any] = field(init=False, repr=False, compare=False)
    # Words a date expression may open with before its core (modifiers and fillers).
    skippable: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_kind: dict[str, dict[str, str]] = {}
        for word, kind, value in self.rows:
            by_kind.setdefault(kind, {})[word] = value
        object.__setattr__(self, "by_kind", by_kind)
        object.__setattr__(self, "known", {})
        object.__setattr__(self, "skippable", frozenset(by_kind.get("modifier", {})) | set(by_kind.get("filler", {})))

    @classmethod
    def from_tsv(cls, path: str | Path) -> "DateLexicon":
        """Read a lexicon file (comment lines start with `#`).

        >>> DateLexicon.from_tsv(default_lexicon_path()).words("weekday")[0]
        'lundi'
        """
        rows = []
        with Path(path).open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row and not row[0].startswith("#"):
                    rows.append((row[0], row[1], row[2] if len(row) > 2 else ""))
        return cls(tuple(rows))

    @classmethod
    def from_models(cls, models: Path) -> "DateLexicon":
        """The lexicon of a models folder (`models/lexicons/date_words.tsv`)."""
        return cls.from_tsv(models / LEXICON_PATH)

    def words(self, kind: str) -> list[str]:
        """The words of one kind, in file order.

        >>> default_lexicon().words("relday")[:2]
        ['avant-hier', 'hier']
        """
        return list(self.by_kind.get(kind, {}))

    def number(self, kind: str, word: str) -> int | None:
        """The integer value of `word` as a `kind`, or None."""
        value = self.by_kind.get(kind, {}).get(word)
        return int(value) if value not in (None, "") else None

    def month(self, word: str) -> int | None:
        """Month number of a month word, an abbreviation, or a numeric marker `@6`."""
        if word.startswith("@") and word[1:].isascii() and word[1:].isdigit():
            n = int(word[1:])
            return n if 1 <= n <= 12 else None
        # "sept." is September but "sept" is seven: an abbreviation needs its full stop.
        return self.number("month", word.rstrip(".")) or self.number("month_abbr", word)


def default_lexicon_path() -> Path:
    """The lexicon file of the checkout's models folder."""
    from ..resources import models_dir

    return models_dir() / LEXICON_PATH


@cache
def default_lexicon() -> DateLexicon:
    """The checkout's lexicon, read once (for callers that do not pass one)."""
    return DateLexicon.from_tsv(default_lexicon_path())
