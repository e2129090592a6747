"""Normalise French date expressions to ISO 8601 values with their precision."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}


@dataclass(frozen=True, slots=True)
class DateValue:
    """A normalised date: ISO `value` (`2025`, `2025-06`, `2025-06-22`, `start/end`)."""

    value: str | None
    start: dt.date | None
    end: dt.date | None
    granularity: str | None
    modifier: str | None = None
    note: str | None = None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def normalize_date(text: str, label: str, reference_date: dt.date | None) -> DateValue:
    """Normalise one date span found by the grammar.

    >>> normalize_date("mars 2026", "MY", None).value
    '2026-03'
    >>> normalize_date("22 juin 2025", "DMY", None).value
    '2025-06-22'
    """
    words = re.findall(r"\w+", text.lower())
    year = next((int(w) for w in words if re.fullmatch(r"\d{4}", w)), None)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    day = next((int(w.removesuffix("er")) for w in words if re.fullmatch(r"\d{1,2}(er)?", w)), None)
    if year and month and day:
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return DateValue(None, None, None, None, note=f"no such day: {text}")
        return DateValue(d.isoformat(), d, d, "day")
    if year and month:
        return DateValue(f"{year:04d}-{month:02d}", dt.date(year, month, 1), _month_end(year, month), "month")
    if year:
        return DateValue(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    return DateValue(None, None, None, None, note="not understood")
