"""A record's `date` read as feeds write it (`ingest.fields.parse_date`): tests/golden/feed_dates.tsv."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from pipeline.ingest.fields import parse_date

CASES = [
    row
    for row in csv.reader(
        (Path(__file__).resolve().parents[1] / "golden" / "feed_dates.tsv").read_text(encoding="utf-8").splitlines()[2:],
        delimiter="\t",
    )
    if row
]


@pytest.mark.parametrize("value,expected", CASES, ids=[c[0] for c in CASES])
def test_feed_date(value: str, expected: str):
    if expected:
        assert parse_date(value) == dt.date.fromisoformat(expected)
    else:
        with pytest.raises(ValueError):
            parse_date(value)


def test_golden_feed_dates_cover_each_format():
    assert len([c for c in CASES if c[1]]) >= 12 and len([c for c in CASES if not c[1]]) >= 5


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_date_is_none(value):
    assert parse_date(value) is None
