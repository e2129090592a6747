"""Normalise French quantity expressions to a number and a canonical unit."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

SCALES = {"million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9}
UNITS = {"tonnes": "t", "tonne": "t", "%": "%", "dollars": "USD", "euros": "EUR"}


@dataclass(frozen=True, slots=True)
class QuantityValue:
    """A normalised quantity: `value` in `unit` (ISO 4217 for money, singular noun for counts)."""

    value: float | None
    unit: str | None
    qualifier: str | None = None
    note: str | None = None

    @property
    def normalized(self) -> str | None:
        if self.value is None:
            return None
        number = int(self.value) if float(self.value).is_integer() else self.value
        return f"{number} {self.unit}" if self.unit else str(number)


def parse_number(token: str) -> float | None:
    """Parse a French-formatted number: `120.000`, `120 000`, `1,35`.

    >>> parse_number("120.000"), parse_number("1,35")
    (120000.0, 1.35)
    """
    t = re.sub(r"[\s\u00a0\u202f]", "", token)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
        t = t.replace(".", "")
    t = t.replace(",", ".")
    try:
        value = float(t)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def normalize_quantity(text: str) -> QuantityValue:
    """Normalise one quantity span.

    >>> normalize_quantity("7 millions de tonnes")
    QuantityValue(value=7000000.0, unit='t', qualifier=None, note=None)
    """
    m = re.match(r"([\d.,\s\u00a0\u202f]*\d)", text)
    if not m:
        return QuantityValue(None, None, note="no number")
    value = parse_number(m.group(1))
    if value is None:
        return QuantityValue(None, None, note="number not understood")
    rest = text[m.end():].lower().split()
    for word in rest:
        if word in SCALES:
            value *= SCALES[word]
    unit = next((UNITS[w] for w in rest if w in UNITS), None)
    if unit is None and "%" in text:
        unit = "%"
    return QuantityValue(value, unit)
