"""Calendar resolution: ISO 8601 values, the days they cover, and which year a date without one takes.

What an expression says (`Fields`: year, month, day, a quarter or half, a
season…) becomes an ISO value (`Resolved`); a missing year is taken from the
reference date, among the year before, its year and the next, by the tense and
the years the brief writes out (`choose`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

NO_REFERENCE = "relative date, no reference date"
NO_YEAR = "no year, no reference date"

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
        last_year, last_month = shift_month(y, first_month, 2)
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


class NeedsReference(Exception):
    """The expression is understood but needs a reference date to get a value."""


@dataclass
class Fields:
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
class Resolved:
    """An ISO value and its granularity, before the days it covers are computed."""

    value: str
    granularity: str


def iso_month(year: int, month: int) -> str:
    """`2025-06`."""
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    """The (year, month) `n` months after (before, when negative) the given one."""
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def part_value(year: int, kind: str, n: int) -> str:
    """The ISO interval of the `n`-th quarter or half of a year: `2025-04/2025-06`."""
    size = 3 if kind == "quarter" else 6
    first = (n - 1) * size + 1
    return f"{iso_month(year, first)}/{iso_month(year, first + size - 1)}"


def fields_value(f: Fields) -> Resolved:
    """ISO value of complete fields (year known)."""
    assert f.year is not None
    if f.season:
        return Resolved(f"{f.year:04d}-{f.season}", "season")
    if f.months:
        return Resolved(f"{iso_month(f.year, f.months[0])}/{iso_month(f.year, f.months[1])}", "interval")
    if f.part:
        return Resolved(part_value(f.year, *f.part), f.part[0])
    if f.month and f.day:
        return Resolved(dt.date(f.year, f.month, f.day).isoformat(), "day")
    if f.month:
        return Resolved(iso_month(f.year, f.month), "month")
    return Resolved(f"{f.year:04d}", "year")


def distance(value: str, ref: dt.date) -> int:
    """Days between `ref` and the nearest day `value` covers (0 inside it)."""
    start, end = iso_bounds(value)
    if start <= ref <= end:
        return 0
    return min(abs((start - ref).days), abs((end - ref).days))


def choose(candidates: list[Resolved], ref: dt.date, tense: int, years: frozenset[int] = frozenset()) -> Resolved:
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
    return min(pool, key=lambda r: distance(r.value, ref))


def resolve_fields(f: Fields, ref: dt.date | None, tense: int = 0, years: frozenset[int] = frozenset()) -> Resolved:
    """Value of absolute fields; a missing year comes from the reference date.

    The candidates are the year before the reference date's, its year and the next
    (for a day written with its weekday, only those where they agree, if any); then
    `choose` picks by the tense and the years the brief writes out.
    """
    if f.year is not None:
        return fields_value(f)
    if ref is None:
        raise NeedsReference(NO_YEAR if f.year_shift is None else NO_REFERENCE)
    if f.year_shift is not None:
        return fields_value(replace(f, year=ref.year + f.year_shift))
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(fields_value(replace(f, year=year)))
        except ValueError:  # 29 February in a common year
            continue
    if not candidates:
        raise ValueError("no such day in any year near the reference date")
    if f.weekday is not None and f.day and f.month:
        agreeing = [r for r in candidates if dt.date.fromisoformat(r.value).weekday() == f.weekday]
        if agreeing:
            candidates = agreeing
    return choose(candidates, ref, tense, years)
