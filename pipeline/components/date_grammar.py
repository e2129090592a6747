"""The date grammar: `models/patterns/dates.jsonl` read into `DatePattern`s, lexicon names expanded.

One object a line: a label, a spaCy Matcher pattern in which `"@month"` stands for
the words of a lexicon kind of `models/lexicons/date_words.tsv`, and the context
rules `briefs_dates` checks outside the pattern (see `components.dates`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import srsly

from ..lexicons.dates import DateLexicon
from ..lexicons.text import word_key as _fold

_WORD_KEYS = ("LOWER", "TEXT", "ORTH", "NORM")
_LEXICON_NAME = re.compile(r"^(.*?)@(\w+(?:\+\w+)*)$")


# No-break and thin spaces are tokens of their own: "22\u00a0juin\u00a02025" is still a date.
SPACES = {"\u00a0", "\u202f", "\u2009", "\u2007"}


def space_tolerant(pattern: list[dict]) -> tuple[list[dict], list[int]]:
    """The pattern with an optional space token between its tokens, and the original index of
    each token of the result (-1 for the inserted ones)."""
    out: list[dict] = []
    origin: list[int] = []
    for i, token in enumerate(pattern):
        if i:
            out.append({"IS_SPACE": True, "OP": "?"})
            origin.append(-1)
        out.append(token)
        origin.append(i)
    return out, origin


@dataclass(frozen=True)
class DatePattern:
    """One grammar line: label, Matcher pattern (lexicon names expanded) and its context rules."""

    label: str
    pattern: list[dict]
    trim: frozenset[int] = frozenset()
    not_after: frozenset[str] = frozenset()
    after: frozenset[str] = frozenset()
    after_pos: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    not_before_pos: frozenset[str] = frozenset()
    before_pos: frozenset[str] = frozenset()
    not_in_question: bool = False
    event_only: bool = False


def expand_pattern(pattern: list[dict], lexicon: DateLexicon) -> list[dict]:
    """Replace lexicon names (`"@month"`, `"mi-@month"`) in IN lists and REGEX strings by the lexicon's words.

    >>> from pipeline.lexicons.dates import default_lexicon
    >>> expand_pattern([{"LOWER": {"IN": "@weekday"}}], default_lexicon())[0]["LOWER"]["IN"][:2]
    ['lundi', 'mardi']
    >>> expand_pattern([{"LOWER": {"IN": ["mi-@month"]}}], default_lexicon())[0]["LOWER"]["IN"][0]
    'mi-janvier'
    """

    def words(kinds: str) -> list[str]:
        found = []
        for kind in kinds.split("+"):
            kind_words = lexicon.words(kind)
            if not kind_words:
                raise ValueError(f"no words of kind {kind!r} in the date lexicon")
            found.extend(kind_words)
        return found

    def expand_list(items: str | list[str]) -> list[str]:
        out: list[str] = []
        for item in [items] if isinstance(items, str) else items:
            m = _LEXICON_NAME.match(item)
            out.extend(m[1] + w for w in words(m[2])) if m else out.append(item)
        return out

    def expand(value):
        if not isinstance(value, dict):
            return value
        out = {}
        for key, v in value.items():
            if key in ("IN", "NOT_IN"):
                out[key] = expand_list(v)
            elif key == "REGEX" and isinstance(v, str) and "@" in v:
                out[key] = re.sub(
                    r"@(\w+(?:\+\w+)*)", lambda m: "(?:" + "|".join(re.escape(w) for w in words(m[1])) + ")", v
                )
            else:
                out[key] = expand(v)
        return out

    return [expand(token) for token in pattern]


def read_date_patterns(path: str | Path, lexicon: DateLexicon) -> list[DatePattern]:
    """Read the grammar file (JSONL) with lexicon names expanded."""
    out = []
    for line in srsly.read_jsonl(Path(path)):
        out.append(
            DatePattern(
                label=line["label"],
                pattern=expand_pattern(line["pattern"], lexicon),
                trim=frozenset(line.get("trim", ())),
                not_after=frozenset(_fold(w) for w in line.get("not_after", ())),
                after=frozenset(_fold(w) for w in line.get("after", ())),
                after_pos=frozenset(line.get("after_pos", ())),
                not_before=frozenset(_fold(w) for w in line.get("not_before", ())),
                not_before_pos=frozenset(line.get("not_before_pos", ())),
                before_pos=frozenset(line.get("before_pos", ())),
                not_in_question=bool(line.get("not_in_question", False)),
                event_only=bool(line.get("event_only", False)),
            )
        )
    return out


def pattern_words(patterns: list[DatePattern]) -> set[str]:
    """Every literal word the grammar can match (exact values and IN lists), lower-cased."""
    words: set[str] = set()
    for p in patterns:
        for token in p.pattern:
            for key in _WORD_KEYS:
                spec = token.get(key)
                if isinstance(spec, str):
                    words.add(spec.lower())
                elif isinstance(spec, dict) and isinstance(spec.get("IN"), list):
                    words.update(w.lower() for w in spec["IN"])
    return words
