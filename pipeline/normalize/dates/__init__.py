"""Normalise French date expressions to ISO 8601 values with the precision the text gives.

A span found by the grammar (`briefs_dates`) becomes a `DateValue`:

- `value`: `2025` (year), `2025-06` (month), `2025-06-22` (day), `2025-W25` (ISO week),
  `start/end` for spans ("du 3 au 5 juin 2025" → `2025-06-03/2025-06-05`), quarters
  (`2025-01/2025-03`) and halves (`2024-07/2024-12`);
- `start`, `end`: the first and last day the value covers;
- `granularity`: `day`, `week`, `month`, `quarter`, `half`, `year`, `decade` (value
  `199` for "les années 1990", ISO 8601 reduced precision) or `interval` (an explicit
  span between two dates);
- `modifier`: the canonical modifier words ("fin", "d'ici", "avant", "depuis"…), which
  never change the precision ("fin 2028" → `2028`);
- `note`: why `value` is empty, or that it was resolved against the reference date.

Relative expressions ("hier", "lundi dernier", "la semaine dernière", "il y a deux
ans") and dates without a year ("le 3 juin", "en mars", "au premier trimestre")
resolve against the brief's reference date; without one the value is empty and the
note says why. A month or day without year takes the year that puts it nearest to
the reference date. Nothing here reads the clock.

The package holds one concern per module: `expressions` (tokens and the
absolute forms: day, month, year, quarters, intervals, decades), `relative`
(what counts from the reference date: "hier", "lundi dernier", "il y a deux
ans"), `periods` (ISO values, the days they cover, and the year a date without
one takes); this module reads the modifier words and the tense and remembers
the values that need no reference date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ...lexicons.dates import DateLexicon, default_lexicon
from ...spans import FUTURE, PAST
from .expressions import parse_absolute, parse_decade, parse_first_months, parse_interval, tokenize
from .periods import NO_REFERENCE, NO_YEAR, NeedsReference, Resolved, iso_bounds, resolve_fields
from .relative import parse_relative

_MAX_KNOWN = 20_000  # values `DateLexicon.known` holds before it starts afresh


@dataclass(frozen=True, slots=True)
class DateValue:
    """A normalised date: ISO `value` (`2025`, `2025-06`, `2025-06-22`, `start/end`)."""

    value: str | None
    start: dt.date | None
    end: dt.date | None
    granularity: str | None
    modifier: str | None = None
    note: str | None = None  # why value is empty, or that the reference date resolved it


def _parse_core(
    tokens: Sequence[str], lex: DateLexicon, ref: dt.date | None, tense: int = 0, years: frozenset[int] = frozenset()
) -> Resolved | None:
    """The value of an expression without its modifier words: relative, interval, absolute, decade, in that order."""
    if not tokens:
        return None
    relative = parse_relative(tokens, lex, ref, tense)
    if relative is not None:
        return relative
    interval = parse_interval(tokens, lex, ref, tense, years)
    if interval is not None:
        return interval
    fields = parse_absolute(tokens, lex) or parse_first_months(tokens, lex)
    if fields is None:
        return parse_decade(tokens)
    return resolve_fields(fields, ref, tense, years)


def _qualifier(prefix: Sequence[str], lex: DateLexicon) -> str | None:
    modifiers = lex.by_kind.get("modifier", {})
    seen: list[str] = []
    for tok in prefix:
        q = modifiers.get(tok)
        if q and q not in seen:
            seen.append(q)
    return " ".join(seen) or None


# Modifiers that point a date without year one way whatever the verb ("d'ici juin" is ahead);
# "jusqu'à", "à partir de" and "dès" only when the clause gives no tense ("a duré jusqu'au 3 mai").
_ALWAYS_AHEAD, _AHEAD, _ALWAYS_BEHIND = {"d'ici"}, {"jusqu'à", "à partir de", "dès"}, {"depuis"}


def _cue_tense(qualifier: str | None, tense: int) -> int:
    """The direction once the span's own cue words are read (see `choose`)."""
    words = {w for w in _ALWAYS_AHEAD | _AHEAD | _ALWAYS_BEHIND if qualifier and w in qualifier}
    if words & _ALWAYS_AHEAD:
        return 1
    if words & _ALWAYS_BEHIND:
        return -1
    if tense == 0 and words & _AHEAD:
        return 1
    return tense


def _reference_note(core: Sequence[str], lex: DateLexicon, ref: dt.date | None, tense: int) -> str | None:
    """Say so when the value depends on the reference date (the analyst may want to check it)."""
    if ref is None:
        return None
    try:
        _parse_core(core, lex, None, tense)
    except NeedsReference:
        return f"resolved against the reference date {ref.isoformat()}"
    except (ValueError, OverflowError):
        pass
    return None


def normalize_date(
    text: str,
    label: str | None = None,
    reference_date: dt.date | None = None,
    lexicon: DateLexicon | None = None,
    years: frozenset[int] = frozenset(),
) -> DateValue:
    """Normalise one date expression (a span found by the grammar); never raises.

    `label` is the grammar's pattern family; a `_FUT` or `_PAST` suffix (the tense of
    the clause, set by the grammar) decides which way a date without year or a bare
    weekday resolves. Leading modifier words become `modifier`; relative expressions
    need `reference_date`. `years` are the years the brief writes out: a date without
    year takes one of them when one is within a year of the reference date.

    >>> normalize_date("mars 2026", "DATE_MY").value
    '2026-03'
    >>> normalize_date("du 3 au 5 juin 2025").value
    '2025-06-03/2025-06-05'
    >>> v = normalize_date("d'ici fin 2030"); (v.value, v.modifier)
    ('2030', "d'ici fin")
    >>> normalize_date("lundi dernier", reference_date=dt.date(2025, 6, 25)).value
    '2025-06-23'
    >>> normalize_date("hier").note
    'relative date, no reference date'
    >>> ref = dt.date(2026, 11, 27)
    >>> normalize_date("premier semestre", reference_date=ref).value
    '2027-01/2027-06'
    >>> normalize_date("premier semestre", reference_date=ref, years=frozenset({2026})).value
    '2026-01/2026-06'
    """
    lex = lexicon or default_lexicon()
    # The parse reads the reference date (and the tense, from the label) only where it needs
    # one, and raises `NeedsReference` there without one: a value found without a reference
    # date ("mars 2026", "d'ici 2030", or a failure) is the value for every reference date
    # and label. Those are remembered by text; the others are parsed again with the reference date.
    known = lex.known.get(text)
    if known is None:
        if len(lex.known) >= _MAX_KNOWN:
            lex.known.clear()
        known = lex.known[text] = _normalize_date(text, None, None, lex)
    if reference_date is None or known.note not in (NO_REFERENCE, NO_YEAR):
        return known
    return _normalize_date(text, label, reference_date, lex, years if known.note == NO_YEAR else frozenset())


def _normalize_date(
    text: str, label: str | None, reference_date: dt.date | None, lex: DateLexicon, years: frozenset[int] = frozenset()
) -> DateValue:
    """`normalize_date`, parsed afresh."""
    tense = 1 if label and label.endswith(FUTURE) else -1 if label and label.endswith(PAST) else 0
    tokens = tokenize(text)
    skippable = lex.skippable
    for k in range(len(tokens)):
        if k and tokens[k - 1] not in skippable:
            break
        prefix, core = tokens[:k], tokens[k:]
        qualifier = _qualifier(prefix, lex)
        tense = _cue_tense(qualifier, tense)
        try:
            resolved = _parse_core(core, lex, reference_date, tense, years)
        except NeedsReference as why:
            return DateValue(None, None, None, None, qualifier, str(why))
        except (ValueError, OverflowError) as why:
            return DateValue(None, None, None, None, qualifier, f"not a valid date: {why}")
        if resolved is None:
            continue
        try:
            start, end = iso_bounds(resolved.value)
        except (ValueError, OverflowError) as why:
            return DateValue(None, None, None, None, qualifier, f"not a valid date: {why}")
        note = _reference_note(core, lex, reference_date, tense)
        return DateValue(resolved.value, start, end, resolved.granularity, qualifier, note)
    return DateValue(None, None, None, None, note=f"not understood: {text!r}")
