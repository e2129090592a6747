"""Date normaliser: golden cases (tests/golden/dates.normalize.tsv) and properties on any text."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.lexicons.dates import DateLexicon, default_lexicon, default_lexicon_path
from pipeline.normalize.dates import normalize_date
from pipeline.normalize.dates.periods import iso_bounds

CASES_FILE = Path(__file__).resolve().parents[1] / "golden" / "dates.normalize.tsv"


def _read_cases() -> list[dict]:
    with CASES_FILE.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


CASES = _read_cases()


def _case_id(case: dict) -> str:
    return f"{case['text'] or 'empty'}@{case['reference_date'] or 'noref'}"


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_normalize_case(case: dict):
    ref = dt.date.fromisoformat(case["reference_date"]) if case["reference_date"] else None
    got = normalize_date(case["text"], None, ref)
    assert (got.value or "", got.granularity or "", got.modifier or "") == (
        case["value"],
        case["granularity"],
        case["qualifier"],
    )
    if got.value is None:
        assert got.note, "an empty value must say why"
    else:
        assert (got.start, got.end) == iso_bounds(got.value)


def _check(value) -> None:
    if value.value is None:
        assert value.start is None and value.end is None and value.note
        return
    start, end = iso_bounds(value.value)  # raises if not ISO or if it ends before it starts
    assert (value.start, value.end) == (start, end)
    assert start <= end
    assert value.granularity in {"day", "week", "month", "quarter", "half", "year", "decade", "interval"}


REFERENCES = st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)) | st.dates()
LABELS = st.sampled_from([None, "DATE_REL", "DATE_REL_FUT", "DATE_M_PAST"])


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60), ref=REFERENCES)
def test_never_raises_on_any_text(text: str, ref):
    _check(normalize_date(text, None, ref))


_LEX = default_lexicon()
_WORDS = sorted(
    {w for kind in ("month", "month_abbr", "weekday", "number", "ordinal", "unit", "relday", "daypart",
                    "direction", "this", "modifier", "filler") for w in _LEX.words(kind)}
    | {"du", "au", "entre", "et", "-", "/", "il", "y", "a", "dans", "t1", "s2", "1er", "2e", "mi-", "d'ici"}
)
DATE_LIKE = st.lists(
    st.sampled_from(_WORDS)
    | st.integers(0, 3000).map(str)
    | st.from_regex(r"[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{4}", fullmatch=True),
    min_size=1,
    max_size=7,
).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(text=DATE_LIKE, ref=REFERENCES, label=LABELS)
def test_values_are_valid_iso_on_date_like_text(text: str, ref, label):
    _check(normalize_date(text, label, ref))


def test_lexicon_reads_kinds(tmp_path: Path):
    path = tmp_path / "words.tsv"
    path.write_text("# comment\njuin\tmonth\t6\nhier\trelday\t-1\n", encoding="utf-8")
    lex = DateLexicon.from_tsv(path)
    assert lex.words("month") == ["juin"]
    assert lex.month("juin") == 6 and lex.number("relday", "hier") == -1
    assert normalize_date("juin 2025", None, None, lex).value == "2025-06"


@pytest.mark.parametrize("value", ["2025/", "25", "2025-W60", "2025-02-30", "2025/2024", "2025/2026/2027"])
def test_iso_bounds_rejects(value: str):
    with pytest.raises(ValueError):
        iso_bounds(value)


REMEMBER_REFS = [None, dt.date(2025, 6, 25), dt.date(2024, 2, 29), dt.date(2026, 12, 31)]
REMEMBER_LABELS = [None, "DATE_DM", "DATE_DM_FUT", "DATE_REL_PAST"]


def test_remembered_values_are_the_values_for_every_reference_date():
    """`normalize_date` remembers values found without a reference date: for each text,
    label and reference date it gives what a fresh parse gives, in any order of calls."""
    from pipeline.normalize.dates import _normalize_date

    lex = DateLexicon.from_tsv(default_lexicon_path())
    texts = [c["text"] for c in CASES] + ["hier", "lundi", "le 3 juin", "du 30 décembre au 2 janvier 2025"]
    for refs in (REMEMBER_REFS, REMEMBER_REFS[::-1]):
        for text in texts:
            for label in REMEMBER_LABELS:
                for ref in refs:
                    assert normalize_date(text, label, ref, lex) == _normalize_date(text, label, ref, lex)
        lex.known.clear()
