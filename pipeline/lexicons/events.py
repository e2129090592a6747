"""The event lexicon: cue patterns per type, counterpart codes, context words (loader of the event rules).

Read once from `models/lexicons/` (event_cues.jsonl, event_types.tsv,
event_context.tsv) into dicts keyed by lemma, so matching a brief is a handful
of dict look-ups per token.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from spacy.strings import hash_string

from ..records import EVENT_TYPES


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue: a head lemma (or a phrase of lemmas) that states an event of `event_type`.

    `comp` (lemmas of a complement of the head) makes the cue specific: "signer"
    + "loi" is legislation, "signer" + "accord" is agreement. `mod` (lemmas of an
    adjective) narrows it further: the head, or the complement `comp` matched, must
    carry one ("le départ de la première cargaison" is commissioning, a cargo's
    departure alone is not).
    """

    event_type: str
    weight: float
    lemma: str
    phrase: tuple[str, ...] = ()
    pos: str | None = None
    comp: frozenset[str] = frozenset()
    forms: tuple[str, ...] = ()
    mod: frozenset[str] = frozenset()
    # Lemmas one of which must stand in the head's phrase (its parse subtree), wherever the parser hung it:
    # "condamner" is a verdict only with a penalty beside it ("à des peines de 13 à 66 ans de prison").
    near: frozenset[str] = frozenset()


@dataclass
class Lexicon:
    """Cue patterns indexed by head lemma, and the context words used by the rules."""

    by_lemma: dict[str, list[Cue]] = field(default_factory=dict)
    by_phrase_start: dict[str, list[Cue]] = field(default_factory=dict)
    by_form: dict[str, list[Cue]] = field(default_factory=dict)
    cameo: dict[str, str] = field(default_factory=dict)
    plover: dict[str, str] = field(default_factory=dict)
    context: dict[str, frozenset[str]] = field(default_factory=dict)
    keys: frozenset[int] = frozenset()  # string hashes (signed, as a parse array read gives them) of every word a cue can start on
    # Canonical units of the quantity lists (read-only here): ISO 4217 codes, and measures (MW, t, km, %…).
    money_units: frozenset[str] = frozenset()
    measure_units: frozenset[str] = frozenset()
    # A territory's own ISO2 → its state's (event_sovereign.tsv): an event's countries are states.
    sovereign: dict[str, str] = field(default_factory=dict)

    def words(self, role: str) -> frozenset[str]:
        """Context lemmas of one role (`target`, `target_case`, `background_case`, `role`)."""
        return self.context.get(role, frozenset())


def signed_hash(key: int) -> int:
    """A spaCy string hash as the signed value a parse array read gives (the cue keys are compared with it)."""
    return key - (1 << 64) if key >= 1 << 63 else key


def read_cues(path: Path) -> list[Cue]:
    """Read `event_cues.jsonl`; a line without `type` (a comment) is skipped.

    >>> # {"type": "legislation", "lemma": "signer", "comp": ["loi"], "weight": 1.0}
    >>> # → Cue("legislation", 1.0, "signer", comp=frozenset({"loi"}))
    """
    cues = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if "type" not in row:
                continue
            if row["type"] not in EVENT_TYPES:
                raise ValueError(f"{path}:{number}: unknown event type {row['type']!r}")
            phrase = tuple(w.lower() for w in row.get("phrase", ()))
            lemma = (row.get("lemma") or phrase[0]).lower()
            cues.append(
                Cue(
                    event_type=row["type"],
                    weight=float(row["weight"]),
                    lemma=lemma,
                    phrase=phrase,
                    pos=row.get("pos"),
                    comp=frozenset(w.lower() for w in row.get("comp", ())),
                    forms=tuple(w.lower() for w in row.get("forms", ())),
                    mod=frozenset(w.lower() for w in row.get("mod", ())),
                    near=frozenset(w.lower() for w in row.get("near", ())),
                )
            )
    return cues


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if row and not row[0].startswith("#")]


def load_lexicon(folder: Path) -> Lexicon:
    """Build the lexicon from the files under `folder` (models/lexicons).

    >>> lex = load_lexicon(Path("models/lexicons"))  # doctest: +SKIP
    >>> lex.cameo["agreement"]  # doctest: +SKIP
    '057'
    """
    lexicon = Lexicon()
    by_lemma: dict[str, list[Cue]] = defaultdict(list)
    by_phrase: dict[str, list[Cue]] = defaultdict(list)
    by_form: dict[str, list[Cue]] = defaultdict(list)
    for cue in read_cues(folder / "event_cues.jsonl"):
        (by_phrase if cue.phrase else by_lemma)[cue.lemma].append(cue)
        for form in cue.forms:
            by_form[form].append(cue)
    lexicon.by_lemma, lexicon.by_phrase_start, lexicon.by_form = dict(by_lemma), dict(by_phrase), dict(by_form)
    # spaCy stores a token's lemma and lower form as these hashes: one array look-up per token finds the cues.
    lexicon.keys = frozenset(signed_hash(hash_string(w)) for w in (*by_lemma, *by_phrase, *by_form))
    for row in _rows(folder / "event_types.tsv"):
        row += [""] * (3 - len(row))
        if row[1]:
            lexicon.cameo[row[0]] = row[1]
        if row[2]:
            lexicon.plover[row[0]] = row[2]
    context: dict[str, set[str]] = defaultdict(set)
    for role, lemma, *_ in _rows(folder / "event_context.tsv"):
        context[role].add(lemma.lower())
    # A body of several states has no home country (shared with the entity rules, read-only here).
    for row in _rows(folder / "entity_cues.tsv"):
        if len(row) >= 2 and row[0] == "supranational_adj":
            context["supranational_adj"].add(row[1].lower())
    lexicon.context = {role: frozenset(words) for role, words in context.items()}
    # What an event's quantity measures (money, a measure, a counted noun) decides whether it sizes the event.
    # Every ISO 4217 code the quantity rules can give: the symbols' table and the CLDR currency names' (XPF, PEN…).
    lexicon.money_units = frozenset(
        row[1] for name in ("currencies.tsv", "currency_names.tsv") for row in _rows(folder / name) if len(row) >= 2
    )
    lexicon.measure_units = frozenset(row[1] for row in _rows(folder / "units.tsv") if len(row) >= 2)
    lexicon.sovereign = {row[0]: row[1] for row in _rows(folder / "event_sovereign.tsv") if len(row) >= 2}
    return lexicon
