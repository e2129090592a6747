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
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..lexicons.dates import (  # noqa: F401  (re-exported for the callers of this module)
    LEXICON_PATH,
    DateLexicon,
    default_lexicon,
    default_lexicon_path,
)
from ..spans import FUTURE, PAST

NO_REFERENCE = "relative date, no reference date"
NO_YEAR = "no year, no reference date"
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


# ---------------------------------------------------------------------------
# ISO values and the days they cover

_ISO_PART = re.compile(r"([0-9]{4})(?:-W([0-9]{2})|-([0-9]{2})(?:-([0-9]{2}))?)?")
_ISO_SEASON = re.compile(r"([0-9]{4})-(SP|SU|FA|WI)")
# First month of each TIMEX3 season, meteorological: spring March-May, summer June-August,
# autumn September-November, winter December to February of the next year.
SEASON_FIRST_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_ISO_DECADE = re.compile(r"[0-9]{3}")


def _part_bounds(part: str) -> tuple[dt.date, dt.date]:
    if _ISO_DECADE.fullmatch(part):  # reduced precision: "199" is 1990-1999
        first = int(part) * 10
        if first < 1:
            raise ValueError(f"not an ISO 8601 decade: {part!r}")
        return dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
    season = _ISO_SEASON.fullmatch(part)
    if season:
        y, first_month = int(season[1]), SEASON_FIRST_MONTH[season[2]]
        last_year, last_month = _shift_month(y, first_month, 2)
        return dt.date(y, first_month, 1), dt.date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
    m = _ISO_PART.fullmatch(part)
    if not m:
        raise ValueError(f"not an ISO 8601 date: {part!r}")
    year, week, month, day = m.groups()
    y = int(year)
    if week:
        first = dt.date.fromisocalendar(y, int(week), 1)
        return first, first + dt.timedelta(days=6)
    if day:
        d = dt.date(y, int(month), int(day))
        return d, d
    if month:
        mo = int(month)
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def iso_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day covered by an ISO value (`199`, `2025`, `2025-06`, `2025-06-22`, `2025-W25`,
    a TIMEX3 season `2025-SU`, or `a/b`).

    Raises ValueError when `value` is not one of these forms or ends before it starts.

    >>> iso_bounds("2025-01/2025-03")
    (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
    >>> iso_bounds("2025-WI")
    (datetime.date(2025, 12, 1), datetime.date(2026, 2, 28))
    """
    parts = value.split("/")
    if len(parts) > 2:
        raise ValueError(f"not an ISO 8601 date or interval: {value!r}")
    start = _part_bounds(parts[0])[0]
    end = _part_bounds(parts[-1])[1]
    if end < start:
        raise ValueError(f"interval ends before it starts: {value!r}")
    return start, end


# ---------------------------------------------------------------------------
# Tokens

_FOLD = str.maketrans({
    "’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "–": "-", "—": "-", "‑": "-", "‐": "-",
})
_YMD = re.compile(r"\b([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\b")
_DMY = re.compile(r"\b([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\b")
_MY = re.compile(r"\b([0-9]{1,2})/([0-9]{4})\b")
_PREFIX = re.compile(r"\b(mi|fin|début)-")
_TOKEN = re.compile(
    r"aujourd'hui|(?:avant|après)-(?:hier|demain)|après-midi|@[0-9]+|[tqsh][1-4](?!\w)"
    r"|[0-9]+(?:er|re|ère|e|ème|eme)?(?!\w)|[^\W\d_]+'|[^\W\d_]+\.?|[-/]"
)
_DAY = re.compile(r"([0-9]{1,2})(?:er|re|ère)?")
_YEAR = re.compile(r"[0-9]{4}")
_PART = re.compile(r"([tqsh])([1-4])")


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens of a date expression, numeric dates rewritten as `day @month year`.

    >>> tokenize("D’ici le 22/06/2025")
    ["d'", 'ici', 'le', '22', '@6', '2025']
    """
    t = text.translate(_FOLD).lower()
    t = _YMD.sub(lambda m: f" {int(m[3])} @{int(m[2])} {m[1]} ", t)
    t = _DMY.sub(lambda m: f" {int(m[1])} @{int(m[2])} {m[3]} ", t)
    t = _MY.sub(lambda m: f" @{int(m[1])} {m[2]} ", t)
    t = _PREFIX.sub(r"\1 ", t)
    return _TOKEN.findall(t)


# ---------------------------------------------------------------------------
# Parsing

class _NeedsReference(Exception):
    """The expression is understood but needs a reference date to get a value."""


@dataclass
class _Fields:
    """What an absolute expression says: any of year, month, day, or a quarter/half of a year."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: tuple[str, int] | None = None  # ("quarter", 1..4) or ("half", 1..2)
    months: tuple[int, int] | None = None  # first and last month of "les cinq premiers mois"
    year_shift: int | None = None  # year relative to the reference: "de l'année dernière" → -1
    weekday: int | None = None  # "mardi 1er juin": the year must agree with it
    season: str | None = None  # TIMEX3 season code (SP, SU, FA, WI)


@dataclass(frozen=True)
class _Resolved:
    value: str
    granularity: str


_INTERVAL_CONNECTORS = {"au", "à", "a", "et", "-", "jusqu'au"}
_INTERVAL_OPENERS = {"du", "de", "d'", "entre", "les", "des", "le", "l'"}
_ARTICLES = {"le", "la", "l'", "les"}
_UNIT_PARTS = {"trimestre": "quarter", "semestre": "half"}
_PART_FILLERS = {"de", "d'", "l'", "année"}


def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _part_value(year: int, kind: str, n: int) -> str:
    size = 3 if kind == "quarter" else 6
    first = (n - 1) * size + 1
    return f"{_iso_month(year, first)}/{_iso_month(year, first + size - 1)}"


def _fields_value(f: _Fields) -> _Resolved:
    """ISO value of complete fields (year known)."""
    assert f.year is not None
    if f.season:
        return _Resolved(f"{f.year:04d}-{f.season}", "season")
    if f.months:
        return _Resolved(f"{_iso_month(f.year, f.months[0])}/{_iso_month(f.year, f.months[1])}", "interval")
    if f.part:
        return _Resolved(_part_value(f.year, *f.part), f.part[0])
    if f.month and f.day:
        return _Resolved(dt.date(f.year, f.month, f.day).isoformat(), "day")
    if f.month:
        return _Resolved(_iso_month(f.year, f.month), "month")
    return _Resolved(f"{f.year:04d}", "year")


def _distance(value: str, ref: dt.date) -> int:
    start, end = iso_bounds(value)
    if start <= ref <= end:
        return 0
    return min(abs((start - ref).days), abs((end - ref).days))


def _choose(candidates: list[_Resolved], ref: dt.date, tense: int, years: frozenset[int] = frozenset()) -> _Resolved:
    """The candidate the tense points to; the direction of every date without year is decided here.

    With a future tense (`tense` > 0) the candidates not yet over, with a past tense those
    already begun; without a tense all of them. Among those, the ones in a year the brief
    writes out (`years`) are preferred, then the first not yet over (future), the last begun
    (past), or the nearest to the reference date. The tense is applied before the brief's
    years, so a year written elsewhere in the brief never turns a future date into a past one.
    """
    pool = candidates
    if tense > 0:
        pool = [r for r in candidates if iso_bounds(r.value)[1] >= ref] or candidates
    elif tense < 0:
        pool = [r for r in candidates if iso_bounds(r.value)[0] <= ref] or candidates
    anchored = [r for r in pool if int(r.value[:4]) in years]
    if anchored:
        pool = anchored
    if tense > 0 and pool is not candidates:
        return pool[0]
    if tense < 0 and pool is not candidates:
        return pool[-1]
    return min(pool, key=lambda r: _distance(r.value, ref))


def _resolve_fields(f: _Fields, ref: dt.date | None, tense: int = 0, years: frozenset[int] = frozenset()) -> _Resolved:
    """Value of absolute fields; a missing year comes from the reference date.

    The candidates are the year before the reference date's, its year and the next
    (for a day written with its weekday, only those where they agree, if any); then
    `_choose` picks by the tense and the years the brief writes out.
    """
    if f.year is not None:
        return _fields_value(f)
    if ref is None:
        raise _NeedsReference(NO_YEAR if f.year_shift is None else NO_REFERENCE)
    if f.year_shift is not None:
        return _fields_value(replace(f, year=ref.year + f.year_shift))
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(_fields_value(replace(f, year=year)))
        except ValueError:  # 29 February in a common year
            continue
    if not candidates:
        raise ValueError("no such day in any year near the reference date")
    if f.weekday is not None and f.day and f.month:
        agreeing = [r for r in candidates if dt.date.fromisoformat(r.value).weekday() == f.weekday]
        if agreeing:
            candidates = agreeing
    return _choose(candidates, ref, tense, years)


def _parse_absolute(tokens: Sequence[str], lex: DateLexicon, partial: bool = False) -> _Fields | None:
    """Fields of `[weekday] [day] [month] [year]`, `ordinal trimestre|semestre [year]`, `T1 [year]`.

    With `partial`, a day alone is accepted (the left side of "du 3 au 5 juin").
    """
    toks = list(tokens)
    if not toks:
        return None
    weekday = None
    if len(toks) >= 2 and lex.number("weekday", toks[0]) is not None:
        weekday, toks = lex.number("weekday", toks[0]), toks[1:]
    if toks[0] in lex.by_kind.get("season", {}) and len(toks) <= 2:  # "été 2025"
        year = _parse_year(toks[1:]) if len(toks) == 2 else None
        if len(toks) == 2 and year is None:
            return None
        return _Fields(year=year, season=lex.by_kind["season"][toks[0]])
    # quarters and halves
    if toks[0] in lex.by_kind.get("ordinal", {}) and len(toks) >= 2 and toks[1] in _UNIT_PARTS:
        kind, n = _UNIT_PARTS[toks[1]], lex.number("ordinal", toks[0]) or 0
        rest = [t for t in toks[2:] if t not in _PART_FILLERS]  # "trimestre de l'année 2025"
        if n > (4 if kind == "quarter" else 2):
            return None
        year = _parse_year(rest)
        if year is None and rest:
            shift = _year_shift(rest, lex)  # "premier trimestre de l'année dernière"
            return _Fields(part=(kind, n), year_shift=shift) if shift is not None else None
        return _Fields(year=year, part=(kind, n))
    m = _PART.fullmatch(toks[0])
    if m:
        kind = "quarter" if m[1] in "tq" else "half"
        n = int(m[2])
        year = _parse_year(toks[1:])
        if year is None or n > (4 if kind == "quarter" else 2):
            return None
        return _Fields(year=year, part=(kind, n))
    f = _Fields()
    i = 0
    day = _DAY.fullmatch(toks[i])
    if day and not _YEAR.fullmatch(toks[i]):
        f.day = int(day[1])
        if not 1 <= f.day <= 31:
            return None
        i += 1
    elif toks[i] == "premier" and len(toks) > 1 and lex.month(toks[1]):  # "le premier mars"
        f.day, i = 1, 1
    if i < len(toks) and lex.month(toks[i]):
        f.month = lex.month(toks[i])
        i += 1
    if i < len(toks) and _YEAR.fullmatch(toks[i]) and int(toks[i]) >= 1:
        f.year = int(toks[i])
        i += 1
    if i != len(toks) or i == 0:
        return None
    if f.day is not None and f.month is None and not (partial and f.year is None):
        return None
    f.weekday = weekday if f.day is not None else None
    return f


def _year_shift(tokens: Sequence[str], lex: DateLexicon) -> int | None:
    """-1, 0 or +1 for "dernière", "cette", "prochaine" (the year word already dropped)."""
    if len(tokens) != 1:
        return None
    if tokens[0] in lex.by_kind.get("this", {}):
        return 0
    return lex.number("direction", tokens[0])


def _parse_year(tokens: Sequence[str]) -> int | None:
    if len(tokens) == 1 and _YEAR.fullmatch(tokens[0]) and int(tokens[0]) >= 1:
        return int(tokens[0])
    return None


def _count(word: str, lex: DateLexicon) -> int | None:
    if word.isascii() and word.isdigit() and len(word) <= 3:
        return int(word)
    return lex.number("number", word)


def _shifted(unit: str, n: int, ref: dt.date) -> _Resolved:
    """The calendar unit (`day`, `week`, `month`, `quarter`, `half`, `year`) `n` units from `ref`."""
    if unit == "day":
        return _Resolved((ref + dt.timedelta(days=n)).isoformat(), "day")
    if unit == "week":
        year, week, _ = (ref + dt.timedelta(weeks=n)).isocalendar()
        return _Resolved(f"{year:04d}-W{week:02d}", "week")
    if unit == "month":
        return _Resolved(_iso_month(*_shift_month(ref.year, ref.month, n)), "month")
    if unit in ("quarter", "half"):
        size = 3 if unit == "quarter" else 6
        k = ref.year * (12 // size) + (ref.month - 1) // size + n
        year, index = divmod(k, 12 // size)
        return _Resolved(_part_value(year, unit, index + 1), unit)
    return _Resolved(f"{ref.year + n:04d}", "year")


def _parse_relative(tokens: Sequence[str], lex: DateLexicon, ref: dt.date | None, tense: int = 0) -> _Resolved | None:
    """Relative expressions: hier, lundi dernier, la semaine dernière, il y a deux ans, cette année…

    Returns None when the tokens are not a relative expression; raises `_NeedsReference`
    when they are but there is no reference date.
    """
    toks = [t for t in tokens if t not in ("-", "ci")] if tokens and tokens[-1] == "ci" else list(tokens)
    if not toks:
        return None
    units, this = lex.by_kind.get("unit", {}), lex.by_kind.get("this", {})
    directions = {**lex.by_kind.get("direction", {}), **lex.by_kind.get("direction_ana", {})}
    seasons = lex.by_kind.get("season", {})
    if toks[0] in seasons or (len(toks) == 2 and toks[0] in this and toks[1] in seasons):
        return _parse_season(toks, lex, ref, tense)
    if len(toks) == 2 and toks[1] in lex.by_kind.get("daypart", {}) and lex.number("weekday", toks[0]) is not None:
        toks = toks[:1]  # "lundi matin" is Monday
    shift: tuple[str, int] | None = None
    weekday: tuple[int, str] | None = None
    first = toks[0]
    if first in lex.by_kind.get("anaphoric", {}) and len(toks) == 1:  # "le lendemain", "la veille"
        shift = ("day", lex.number("anaphoric", first) or 0)
    elif first in lex.by_kind.get("relday", {}) and (
        len(toks) == 1 or (len(toks) == 2 and toks[1] in lex.by_kind.get("daypart", {}))
    ):
        shift = ("day", lex.number("relday", first) or 0)
    elif first in this and len(toks) == 2 and toks[1] in lex.by_kind.get("daypart", {}):
        shift = ("day", 0)
    elif first in this and len(toks) == 2 and toks[1] in units:
        shift = (units[toks[1]], 0)
    elif first in this and len(toks) == 2 and lex.number("weekday", toks[1]) is not None:
        weekday = (lex.number("weekday", toks[1]) or 0, "this")
    elif len(toks) == 1 and toks[0] in units:  # "l'année" after a modifier: the current one
        shift = (units[toks[0]], 0)
    elif (
        len(toks) in (2, 3)
        and (len(toks) == 2 or first in _ARTICLES)
        and toks[-2] in units
        and toks[-1] in directions
    ):
        shift = (units[toks[-2]], int(directions[toks[-1]]))
    elif lex.number("weekday", first) is not None and len(toks) <= 2:
        if len(toks) == 1:
            weekday = (lex.number("weekday", first) or 0, "last_or_today")
        elif toks[1] in lex.by_kind.get("direction", {}):
            weekday = (lex.number("weekday", first) or 0, "past" if lex.number("direction", toks[1]) < 0 else "next")
        else:
            return None
    elif len(toks) in (2, 3) and toks[-1] in lex.by_kind.get("direction", {}) and lex.month(toks[-2]):
        # "mars dernier", "le 3 mars prochain": the nearest such month before / after the reference
        fields = _parse_absolute(toks[:-1], lex)
        if fields is None or fields.year is not None:
            return None
        if ref is None:
            raise _NeedsReference(NO_REFERENCE)
        past = (lex.number("direction", toks[-1]) or 0) < 0
        key, ref_key = (fields.month, fields.day or 0), (ref.month, ref.day if fields.day else 0)
        if past:
            fields.year = ref.year if key < ref_key else ref.year - 1
        else:
            fields.year = ref.year if key > ref_key else ref.year + 1
        return _fields_value(fields)
    elif toks[:3] == ["il", "y", "a"] and len(toks) == 5 and toks[4] in units and _count(toks[3], lex) is not None:
        shift = (units[toks[4]], -(_count(toks[3], lex) or 0))
    elif len(toks) in (2, 3) and toks[-1] in units and _count(toks[-2], lex) is not None and (
        len(toks) == 2 or toks[0] == "dans"
    ):
        shift = (units[toks[-1]], _count(toks[-2], lex) or 0)
    else:
        return None
    if ref is None:
        raise _NeedsReference(NO_REFERENCE)
    if shift is not None:
        return _shifted(shift[0], shift[1], ref)
    assert weekday is not None
    wd, mode = weekday
    today = ref.weekday()
    if mode == "this" and tense == 0:
        delta = wd - today
    elif mode in ("this", "last_or_today") and tense > 0:
        delta = (wd - today) % 7 if mode == "this" else (wd - today) % 7 or 7
    elif mode in ("this", "last_or_today"):
        delta = -((today - wd) % 7)
    elif mode == "past":
        delta = -((today - wd) % 7 or 7)
    else:
        delta = (wd - today) % 7 or 7
    return _Resolved((ref + dt.timedelta(days=delta)).isoformat(), "day")


def _parse_season(tokens: Sequence[str], lex: DateLexicon, ref: dt.date | None, tense: int) -> _Resolved | None:
    """`été` (with the tense), `cet hiver` (the nearest), `automne prochain`, `printemps dernier`.

    `été 2025` (with a year) is read by `_parse_absolute`: None is returned for it.
    """
    seasons = lex.by_kind["season"]
    this = tokens[0] in lex.by_kind.get("this", {})
    code = seasons[tokens[1] if this else tokens[0]]
    rest = tokens[1:] if not this else []
    if rest and rest[0] not in lex.by_kind.get("direction", {}):
        return None
    if ref is None:
        raise _NeedsReference(NO_REFERENCE if this or rest else NO_YEAR)
    candidates = [_fields_value(_Fields(year=y, season=code)) for y in range(ref.year - 2, ref.year + 2)]
    if this:  # "cet hiver": the one the tense points to among the two nearest, else the nearest
        nearest = sorted(candidates, key=lambda r: _distance(r.value, ref))[:2]
        return _choose(sorted(nearest, key=lambda r: r.value), ref, tense) if tense else nearest[0]
    if rest:
        if (lex.number("direction", rest[0]) or 0) > 0:
            return next(r for r in candidates if iso_bounds(r.value)[0] > ref)
        return [r for r in candidates if iso_bounds(r.value)[1] < ref][-1]
    return _choose(candidates[1:], ref, tense)


def _parse_interval(
    tokens: Sequence[str], lex: DateLexicon, ref: dt.date | None, tense: int = 0, years: frozenset[int] = frozenset()
) -> _Resolved | None:
    """`du 3 au 5 juin 2025`, `de 2025 à 2029`, `entre mars et mai 2024`, `2025-2029`."""
    for i, tok in enumerate(tokens):
        if tok not in _INTERVAL_CONNECTORS or i == 0 or i == len(tokens) - 1:
            continue
        edges = lex.by_kind.get("modifier", {})  # "de fin 2024 à début 2026": edges keep the precision
        left = list(tokens[:i])
        while left and (left[0] in _INTERVAL_OPENERS or left[0] in edges):
            left = left[1:]
        if left and left[-1] == "jusqu'":  # "du 13 jusqu'au 15 juillet"
            left = left[:-1]
        right = list(tokens[i + 1:])
        while right and (right[0] in _ARTICLES or right[0] in edges):
            right = right[1:]
        lf = _parse_absolute(left, lex, partial=True)
        rf = _parse_absolute(right, lex)
        if lf is None or rf is None or lf.part or rf.part or lf.months or rf.months:
            continue
        own_month = lf.month is not None
        if lf.day is not None and lf.month is None:
            if rf.month is None:
                continue
            lf.month = rf.month
        if (lf.month is None) != (rf.month is None) and lf.year is None:
            continue  # "2025 à mars" mixes precisions without saying which year
        left_year = lf.year

        def whole(r: _Resolved) -> _Resolved:
            left = replace(lf, weekday=None)
            if left_year is None:
                right_start = iso_bounds(r.value)[0]
                left.year = right_start.year
                if own_month and (left.month, left.day or 1) > (right_start.month, right_start.day):
                    left.year -= 1  # "du 30 décembre au 2 janvier 2025"
            value = f"{_fields_value(left).value}/{r.value}"
            iso_bounds(value)  # raises when the span ends before it starts
            return _Resolved(value, "interval")

        if rf.year is not None or ref is None or left_year is not None:
            return whole(_resolve_fields(rf, ref, tense, years))
        # Without a year the tense applies to the whole interval: "organisée du 11 au 22
        # novembre" written on the 14th has begun, so it is this year's.
        candidates = []
        for year in (ref.year - 1, ref.year, ref.year + 1):
            try:
                candidates.append(whole(_fields_value(replace(rf, year=year, weekday=None))))
            except ValueError:
                continue
        if not candidates:
            raise ValueError("no such interval in any year near the reference date")
        return _choose(candidates, ref, tense, years)
    return None


def _parse_first_months(tokens: Sequence[str], lex: DateLexicon) -> _Fields | None:
    """`les cinq premiers mois de 2025` (2025-01/2025-05), `les trois derniers mois de l'année`,
    `les trois premiers trimestres de 2024` (2024-01/2024-09)."""
    toks = [t for t in tokens if t not in _PART_FILLERS and t != "les"]
    size = {"mois": 1, "trimestres": 3, "semestres": 6}.get(toks[2]) if len(toks) >= 3 else None
    if size is None or toks[1] not in ("premiers", "derniers"):
        return None
    count = _count(toks[0], lex)
    n = count * size if count is not None else None
    year = _parse_year(toks[3:])
    if n is None or not 1 <= n <= 12 or (toks[3:] and year is None):
        return None
    months = (1, n) if toks[1] == "premiers" else (13 - n, 12)
    return _Fields(year=year, months=months)


def _parse_core(
    tokens: Sequence[str], lex: DateLexicon, ref: dt.date | None, tense: int = 0, years: frozenset[int] = frozenset()
) -> _Resolved | None:
    if not tokens:
        return None
    relative = _parse_relative(tokens, lex, ref, tense)
    if relative is not None:
        return relative
    interval = _parse_interval(tokens, lex, ref, tense, years)
    if interval is not None:
        return interval
    fields = _parse_absolute(tokens, lex) or _parse_first_months(tokens, lex)
    if fields is None:
        return _parse_decade(tokens)
    return _resolve_fields(fields, ref, tense, years)


def _parse_decade(tokens: Sequence[str]) -> _Resolved | None:
    """`années 1990` or `années 90` → `199` (ISO 8601 reduced precision, a decade)."""
    if len(tokens) != 2 or tokens[0] != "années" or not tokens[1].isascii() or not tokens[1].isdigit():
        return None
    year = int(tokens[1])
    if len(tokens[1]) == 2 and 20 <= year <= 90:
        year += 1900
    if len(tokens[1]) not in (2, 4) or year % 10 or year < 10:
        return None
    return _Resolved(f"{year // 10:03d}", "decade")


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
    """The direction once the span's own cue words are read (see `_choose`)."""
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
    except _NeedsReference:
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
    # one, and raises `_NeedsReference` there without one: a value found without a reference
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
        except _NeedsReference as why:
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
