"""Expression parsing: the tokens of a date expression, and what its absolute forms say.

`[weekday] [day] [month] [year]`, quarters and halves (`premier trimestre 2025`,
`T1 2025`), seasons with a year, intervals (`du 3 au 5 juin 2025`, `de 2025 à
2029`), `les cinq premiers mois de 2025` and decades (`les années 1990`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from ...lexicons.dates import DateLexicon
from .periods import Fields, Resolved, choose, fields_value, iso_bounds, resolve_fields

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


_INTERVAL_CONNECTORS = {"au", "à", "a", "et", "-", "jusqu'au"}
_INTERVAL_OPENERS = {"du", "de", "d'", "entre", "les", "des", "le", "l'"}
ARTICLES = {"le", "la", "l'", "les"}
_UNIT_PARTS = {"trimestre": "quarter", "semestre": "half"}
_PART_FILLERS = {"de", "d'", "l'", "année"}


def parse_absolute(tokens: Sequence[str], lex: DateLexicon, partial: bool = False) -> Fields | None:
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
        year = parse_year(toks[1:]) if len(toks) == 2 else None
        if len(toks) == 2 and year is None:
            return None
        return Fields(year=year, season=lex.by_kind["season"][toks[0]])
    # quarters and halves
    final = toks[0] in lex.by_kind.get("final", {})  # "dernier trimestre": the year's last part
    if (final or toks[0] in lex.by_kind.get("ordinal", {})) and len(toks) >= 2 and toks[1] in _UNIT_PARTS:
        kind = _UNIT_PARTS[toks[1]]
        n = (4 if kind == "quarter" else 2) if final else lex.number("ordinal", toks[0]) or 0
        rest = [t for t in toks[2:] if t not in _PART_FILLERS]  # "trimestre de l'année 2025"
        if n > (4 if kind == "quarter" else 2):
            return None
        year = parse_year(rest)
        if year is None and rest:
            shift = year_shift(rest, lex)  # "premier trimestre de l'année dernière"
            return Fields(part=(kind, n), year_shift=shift) if shift is not None else None
        return Fields(year=year, part=(kind, n))
    m = _PART.fullmatch(toks[0])
    if m:
        kind = "quarter" if m[1] in "tq" else "half"
        n = int(m[2])
        year = parse_year(toks[1:])
        if year is None or n > (4 if kind == "quarter" else 2):
            return None
        return Fields(year=year, part=(kind, n))
    f = Fields()
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


def year_shift(tokens: Sequence[str], lex: DateLexicon) -> int | None:
    """-1, 0 or +1 for "dernière", "cette", "prochaine" (the year word already dropped)."""
    if len(tokens) != 1:
        return None
    if tokens[0] in lex.by_kind.get("this", {}):
        return 0
    return lex.number("direction", tokens[0])


def parse_year(tokens: Sequence[str]) -> int | None:
    """The year of a single four-digit token, else None."""
    if len(tokens) == 1 and _YEAR.fullmatch(tokens[0]) and int(tokens[0]) >= 1:
        return int(tokens[0])
    return None


def count_word(word: str, lex: DateLexicon) -> int | None:
    """A count written in digits (up to 999) or in words ("deux", "trois"), else None."""
    if word.isascii() and word.isdigit() and len(word) <= 3:
        return int(word)
    return lex.number("number", word)


def parse_interval(
    tokens: Sequence[str], lex: DateLexicon, ref: dt.date | None, tense: int = 0, years: frozenset[int] = frozenset()
) -> Resolved | None:
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
        while right and (right[0] in ARTICLES or right[0] in edges):
            right = right[1:]
        lf = parse_absolute(left, lex, partial=True)
        rf = parse_absolute(right, lex)
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

        def whole(r: Resolved) -> Resolved:
            left = replace(lf, weekday=None)
            if left_year is None:
                right_start = iso_bounds(r.value)[0]
                left.year = right_start.year
                if own_month and (left.month, left.day or 1) > (right_start.month, right_start.day):
                    left.year -= 1  # "du 30 décembre au 2 janvier 2025"
            value = f"{fields_value(left).value}/{r.value}"
            iso_bounds(value)  # raises when the span ends before it starts
            return Resolved(value, "interval")

        if rf.year is not None or ref is None or left_year is not None:
            return whole(resolve_fields(rf, ref, tense, years))
        # Without a year the tense applies to the whole interval: "organisée du 11 au 22
        # novembre" written on the 14th has begun, so it is this year's.
        candidates = []
        for year in (ref.year - 1, ref.year, ref.year + 1):
            try:
                candidates.append(whole(fields_value(replace(rf, year=year, weekday=None))))
            except ValueError:
                continue
        if not candidates:
            raise ValueError("no such interval in any year near the reference date")
        return choose(candidates, ref, tense, years)
    return None


def parse_first_months(tokens: Sequence[str], lex: DateLexicon) -> Fields | None:
    """`les cinq premiers mois de 2025` (2025-01/2025-05), `les trois derniers mois de l'année`,
    `les trois premiers trimestres de 2024` (2024-01/2024-09)."""
    toks = [t for t in tokens if t not in _PART_FILLERS and t != "les"]
    size = {"mois": 1, "trimestres": 3, "semestres": 6}.get(toks[2]) if len(toks) >= 3 else None
    if size is None or toks[1] not in ("premiers", "derniers"):
        return None
    count = count_word(toks[0], lex)
    n = count * size if count is not None else None
    year = parse_year(toks[3:])
    if n is None or not 1 <= n <= 12 or (toks[3:] and year is None):
        return None
    months = (1, n) if toks[1] == "premiers" else (13 - n, 12)
    return Fields(year=year, months=months)


def parse_decade(tokens: Sequence[str]) -> Resolved | None:
    """`années 1990` or `années 90` → `199` (ISO 8601 reduced precision, a decade)."""
    if len(tokens) != 2 or tokens[0] != "années" or not tokens[1].isascii() or not tokens[1].isdigit():
        return None
    year = int(tokens[1])
    if len(tokens[1]) == 2 and 20 <= year <= 90:
        year += 1900
    if len(tokens[1]) not in (2, 4) or year % 10 or year < 10:
        return None
    return Resolved(f"{year // 10:03d}", "decade")
