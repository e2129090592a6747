"""Relative anchoring: expressions that count from the reference date.

"hier", "lundi dernier", "la semaine dernière", "il y a deux ans", "dans trois
mois", "mars dernier", "cet hiver": each needs the brief's reference date, and
raises `NeedsReference` without one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...lexicons.dates import DateLexicon
from .expressions import ARTICLES, count_word, parse_absolute
from .periods import (
    NO_REFERENCE,
    NO_YEAR,
    Fields,
    NeedsReference,
    Resolved,
    choose,
    distance,
    fields_value,
    iso_bounds,
    iso_month,
    part_value,
    shift_month,
)


def shifted(unit: str, n: int, ref: dt.date) -> Resolved:
    """The calendar unit (`day`, `week`, `month`, `quarter`, `half`, `year`) `n` units from `ref`."""
    if unit == "day":
        return Resolved((ref + dt.timedelta(days=n)).isoformat(), "day")
    if unit == "week":
        year, week, _ = (ref + dt.timedelta(weeks=n)).isocalendar()
        return Resolved(f"{year:04d}-W{week:02d}", "week")
    if unit == "month":
        return Resolved(iso_month(*shift_month(ref.year, ref.month, n)), "month")
    if unit in ("quarter", "half"):
        size = 3 if unit == "quarter" else 6
        k = ref.year * (12 // size) + (ref.month - 1) // size + n
        year, index = divmod(k, 12 // size)
        return Resolved(part_value(year, unit, index + 1), unit)
    return Resolved(f"{ref.year + n:04d}", "year")


def parse_relative(tokens: Sequence[str], lex: DateLexicon, ref: dt.date | None, tense: int = 0) -> Resolved | None:
    """Relative expressions: hier, lundi dernier, la semaine dernière, il y a deux ans, cette année…

    Returns None when the tokens are not a relative expression; raises `NeedsReference`
    when they are but there is no reference date.
    """
    toks = [t for t in tokens if t not in ("-", "ci")] if tokens and tokens[-1] == "ci" else list(tokens)
    if not toks:
        return None
    this, seasons = lex.by_kind.get("this", {}), lex.by_kind.get("season", {})
    if toks[0] in seasons or (len(toks) == 2 and toks[0] in this and toks[1] in seasons):
        return parse_season(toks, lex, ref, tense)
    if len(toks) == 2 and toks[1] in lex.by_kind.get("daypart", {}) and lex.number("weekday", toks[0]) is not None:
        toks = toks[:1]  # "lundi matin" is Monday
    reading = _reading(toks, lex)
    if reading is None:
        return None
    if reading == _MONTH_WITH_DIRECTION:
        return _month_with_direction(toks, lex, ref)
    if ref is None:
        raise NeedsReference(NO_REFERENCE)
    kind, what, n = reading
    if kind == "shift":
        return shifted(what, n, ref)
    return Resolved((ref + dt.timedelta(days=_weekday_delta(n, what, ref, tense))).isoformat(), "day")


# What `_reading` found: ("shift", unit, n): `n` units from the reference ("hier", "la semaine
# dernière", "il y a deux ans"); ("weekday", mode, weekday): a weekday near it ("lundi dernier",
# "ce jeudi"); or a month or day with "dernier"/"prochain" ("mars dernier").
_MONTH_WITH_DIRECTION = ("month", "", 0)


def _reading(toks: list[str], lex: DateLexicon) -> tuple[str, str, int] | None:
    """What a relative expression says, before the reference date is read; None when it is not one."""
    units, this = lex.by_kind.get("unit", {}), lex.by_kind.get("this", {})
    directions = {**lex.by_kind.get("direction", {}), **lex.by_kind.get("direction_ana", {})}
    dayparts = lex.by_kind.get("daypart", {})
    first = toks[0]
    if first in lex.by_kind.get("anaphoric", {}) and len(toks) == 1:  # "le lendemain", "la veille"
        return ("shift", "day", lex.number("anaphoric", first) or 0)
    if first in lex.by_kind.get("relday", {}) and (len(toks) == 1 or (len(toks) == 2 and toks[1] in dayparts)):
        return ("shift", "day", lex.number("relday", first) or 0)
    if first in this and len(toks) == 2 and toks[1] in dayparts:
        return ("shift", "day", 0)
    if first in this and len(toks) == 2 and toks[1] in units:
        return ("shift", units[toks[1]], 0)
    if first in this and len(toks) == 2 and lex.number("weekday", toks[1]) is not None:
        return ("weekday", "this", lex.number("weekday", toks[1]) or 0)
    if len(toks) == 1 and toks[0] in units:  # "l'année" after a modifier: the current one
        return ("shift", units[toks[0]], 0)
    if len(toks) in (2, 3) and (len(toks) == 2 or first in ARTICLES) and toks[-2] in units and toks[-1] in directions:
        return ("shift", units[toks[-2]], int(directions[toks[-1]]))
    if lex.number("weekday", first) is not None and len(toks) <= 2:
        if len(toks) == 1:
            return ("weekday", "last_or_today", lex.number("weekday", first) or 0)
        if toks[1] in lex.by_kind.get("direction", {}):
            mode = "past" if lex.number("direction", toks[1]) < 0 else "next"
            return ("weekday", mode, lex.number("weekday", first) or 0)
        return None
    if len(toks) in (2, 3) and toks[-1] in lex.by_kind.get("direction", {}) and lex.month(toks[-2]):
        return _MONTH_WITH_DIRECTION
    if toks[:3] == ["il", "y", "a"] and len(toks) == 5 and toks[4] in units and count_word(toks[3], lex) is not None:
        return ("shift", units[toks[4]], -(count_word(toks[3], lex) or 0))
    if len(toks) in (2, 3) and toks[-1] in units and count_word(toks[-2], lex) is not None and (
        len(toks) == 2 or toks[0] == "dans"
    ):
        return ("shift", units[toks[-1]], count_word(toks[-2], lex) or 0)
    return None


def _month_with_direction(toks: list[str], lex: DateLexicon, ref: dt.date | None) -> Resolved | None:
    """"mars dernier", "le 3 mars prochain": the nearest such month or day before / after the reference."""
    fields = parse_absolute(toks[:-1], lex)
    if fields is None or fields.year is not None:
        return None
    if ref is None:
        raise NeedsReference(NO_REFERENCE)
    past = (lex.number("direction", toks[-1]) or 0) < 0
    key, ref_key = (fields.month, fields.day or 0), (ref.month, ref.day if fields.day else 0)
    if past:
        fields.year = ref.year if key < ref_key else ref.year - 1
    else:
        fields.year = ref.year if key > ref_key else ref.year + 1
    return fields_value(fields)


def _weekday_delta(wd: int, mode: str, ref: dt.date, tense: int) -> int:
    """Days from the reference date to the weekday `wd` a relative expression names, by its mode and the tense."""
    today = ref.weekday()
    if mode == "this" and tense == 0:
        return wd - today
    if mode in ("this", "last_or_today") and tense > 0:
        return (wd - today) % 7 if mode == "this" else (wd - today) % 7 or 7
    if mode in ("this", "last_or_today"):
        return -((today - wd) % 7)
    if mode == "past":
        return -((today - wd) % 7 or 7)
    return (wd - today) % 7 or 7


def parse_season(tokens: Sequence[str], lex: DateLexicon, ref: dt.date | None, tense: int) -> Resolved | None:
    """`été` (with the tense), `cet hiver` (the nearest), `automne prochain`, `printemps dernier`.

    `été 2025` (with a year) is read by `parse_absolute`: None is returned for it.
    """
    seasons = lex.by_kind["season"]
    this = tokens[0] in lex.by_kind.get("this", {})
    code = seasons[tokens[1] if this else tokens[0]]
    rest = tokens[1:] if not this else []
    if rest and rest[0] not in lex.by_kind.get("direction", {}):
        return None
    if ref is None:
        raise NeedsReference(NO_REFERENCE if this or rest else NO_YEAR)
    candidates = [fields_value(Fields(year=y, season=code)) for y in range(ref.year - 2, ref.year + 2)]
    if this:  # "cet hiver": the one the tense points to among the two nearest, else the nearest
        nearest = sorted(candidates, key=lambda r: distance(r.value, ref))[:2]
        return choose(sorted(nearest, key=lambda r: r.value), ref, tense) if tense else nearest[0]
    if rest:
        if (lex.number("direction", rest[0]) or 0) > 0:
            return next(r for r in candidates if iso_bounds(r.value)[0] > ref)
        return [r for r in candidates if iso_bounds(r.value)[1] < ref][-1]
    return choose(candidates[1:], ref, tense)
