"""Names of participants: folded text, canonical keys, acronyms and aliases, and when two names match."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..lexicons.text import fold as name_key

_ARTICLE = re.compile(r"^(?:les|le|la|l')\s*")
WORD = re.compile(r"[a-z0-9]+")
_FUNCTION_WORDS = frozenset("de du des d la le les l et a au aux en pour sur of the and for".split())


def fold_text(text: str) -> str:
    """The project's name key (`lexicons.text.fold`: lower case, no accents, straight apostrophes, one
    space) without a leading article; for long texts (a brief's words), without a cache.

    >>> fold_text("Les Émirats arabes unis et l’Égypte")
    "emirats arabes unis et l'egypte"
    """
    return _ARTICLE.sub("", name_key(text), count=1)


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """`fold_text` of a name, remembered (names recur across a run's events).

    >>> fold("L’Électricité  de France")
    'electricite de france'
    """
    return fold_text(text)


@dataclass(frozen=True)
class NameData:
    """Alias data the comparison uses: organisation aliases (folded alias → folded name), company suffixes."""

    aliases: dict[str, str] = field(default_factory=dict)
    suffixes: frozenset[str] = frozenset()
    close_types: frozenset[frozenset[str]] = frozenset()
    # Units of measure (models/lexicons/units.tsv, second column): any other unit but a currency is
    # a counted thing ("appareil", "moteur"), and two counts of different things are two acts.
    measures: frozenset[str] = frozenset({"%"})

    @classmethod
    def from_models(cls, models: Path | None) -> NameData:
        """Read the acronym lexicon (name and aliases) and the company-suffix cue words under `models/`."""
        if models is None:
            return cls()
        aliases: dict[str, str] = {}
        path = models / "lexicons" / "acronyms.tsv"
        if path.is_file():
            for row in _tsv_rows(path):
                if len(row) < 2 or row[0] == "acronym":
                    continue
                name = fold(row[1])
                for alias in [row[0], *(row[2].split("|") if len(row) > 2 and row[2] else [])]:
                    if alias.strip():
                        aliases[fold(alias)] = name
        suffixes = set()
        cues = models / "lexicons" / "entity_cues.tsv"
        if cues.is_file():
            suffixes = {fold(row[1]).rstrip(".") for row in _tsv_rows(cues) if len(row) > 1 and row[0] == "corp_suffix"}
        close = set()
        types_file = models / "story_types.tsv"
        if types_file.is_file():
            close = {frozenset(row[:2]) for row in _tsv_rows(types_file) if len(row) >= 2 and row[0] != "type"}
        measures = {"%"}
        units = models / "lexicons" / "units.tsv"
        if units.is_file():
            measures.update(row[1] for row in _tsv_rows(units) if len(row) > 1 and row[1])
        return cls(aliases, frozenset(suffixes), frozenset(close), frozenset(measures))


def _tsv_rows(path: Path) -> Iterable[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def core_words(name: str, data: NameData) -> tuple[str, ...]:
    """The folded words of a name, an alias replaced by its full name, company suffixes dropped.

    >>> core_words("L'Électricité de France SA", NameData(suffixes=frozenset({"sa"})))
    ('electricite', 'de', 'france')
    """
    folded = fold(name)
    folded = data.aliases.get(folded, folded)
    words = tuple(WORD.findall(folded))
    while len(words) > 1 and words[-1] in data.suffixes:
        words = words[:-1]
    return words


def _is_acronym(name: str) -> bool:
    """'EDF', 'BoJ', 'BNS': a short name whose letters are mostly capitals."""
    letters = [c for c in name if c.isalpha()]
    if not 2 <= len(letters) <= 8 or " " in name.strip():
        return False
    return sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


@dataclass(frozen=True, slots=True)
class NameKeys:
    """The keys under which a name matches another: its folded words and its acronym forms."""

    core: str
    words: tuple[str, ...]
    acronyms: frozenset[str]
    is_acronym: bool

    @classmethod
    def of(cls, name: str, data: NameData, extra: Iterable[str] = ()) -> NameKeys:
        """Keys of `name`, with `extra` other names of the same entity (from its brief's mentions)."""
        words = core_words(name, data)
        acronym = _is_acronym(name)
        acronyms = set()
        for form in (name, *extra):
            if _is_acronym(form):
                letters = "".join(c for c in form if c.isalpha())
                acronyms.add(letters.lower())
                acronyms.add("".join(c for c in letters if c.isupper()).lower())  # "BoJ" → "bj"
        if not acronym and len(words) >= 2:
            acronyms.add("".join(w[0] for w in words))  # Électricité de France → edf
            content = [w for w in words if w not in _FUNCTION_WORDS]
            if len(content) >= 2:
                acronyms.add("".join(w[0] for w in content))  # Banque du Japon → bj
        for form in extra:
            alias = data.aliases.get(fold(form))
            if alias:
                acronyms.add("=" + alias)
        acronyms.add("=" + " ".join(words))
        return cls(" ".join(words), words, frozenset(a for a in acronyms if len(a) >= 2), acronym)

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019  (NameKeys are few, shared and immutable)
    def index_keys(self, lookup: bool) -> tuple[str, ...]:
        """Keys for candidate lookup (`lookup`) or registration: a full name is registered under its
        canonical forms ("=...") and the acronyms it makes ("#..."); an acronym under its letters ("@...").
        A full name looks up full names and acronyms; an acronym looks up full names and acronyms, so
        two full names never meet through their initials alone."""
        full = sorted(k for k in self.acronyms if k.startswith("="))
        letters = sorted(k for k in self.acronyms if not k.startswith("="))
        if self.is_acronym:
            return tuple(full + ([f"#{k}" for k in letters] + [f"@{k}" for k in letters] if lookup else
                                 [f"@{k}" for k in letters]))
        return tuple(full + ([f"@{k}" for k in letters] if lookup else [f"#{k}" for k in letters]))


def name_relation(a: NameKeys, b: NameKeys) -> str | None:
    """'same', 'alias' (acronym, alias, surname) or None when the names do not match."""
    if a.core == b.core:
        return "same"
    if a.is_acronym or b.is_acronym:
        short, long_ = (a, b) if a.is_acronym else (b, a)
        if short.acronyms & long_.acronyms:
            return "alias"
    elif {k for k in a.acronyms if k.startswith("=")} & {k for k in b.acronyms if k.startswith("=")}:
        return "alias"
    # "Modi" and "Narendra Modi": the shorter ends the longer, after a name word (not "du Japon").
    short, long_ = (a.words, b.words) if len(a.words) < len(b.words) else (b.words, a.words)
    if short and len(short) < len(long_) and long_[-len(short):] == short:
        before = long_[-len(short) - 1]
        if before not in _FUNCTION_WORDS and all(len(w) >= 3 for w in short):
            return "alias"
    return None


