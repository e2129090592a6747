"""Duplicates keep the richest copy (17.4): a dated copy over an undated one, then one with an id, then the first."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.duplicates import Position, choose_copies, text_key
from pipeline.ingest import read_file
from pipeline.records import make_brief_id
from pipeline.segment import segment_records

HEADLINE = "Le port de Gdynia s'agrandit"
LEDE = "Les travaux du nouveau quai de Gdynia ont commencé mardi, pour 300 millions de zlotys."


def _jsonl(path: Path, *rows: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _decisions(files: list[Path]) -> list[tuple[str, int, str | None, str | None]]:
    """(file name, line, date, file name of the copy kept instead or None) for every brief, in reading order."""
    copies = choose_copies(files, read_file)
    out = []
    for path in files:
        records, report = read_file(path)
        for line, brief in segment_records(records, guess_languages=False):
            kept = copies.duplicate_of(brief, Position(report.path, line))
            date = brief.reference_date.isoformat() if brief.reference_date else None
            out.append((path.name, line, date, Path(kept.file).name if kept else None))
    return out


def test_dated_copy_wins_over_an_earlier_undated_one(tmp_path: Path):
    txt = tmp_path / "a.txt"
    txt.write_text(f"{HEADLINE}\n{LEDE}\n", encoding="utf-8")
    dated = _jsonl(tmp_path / "b.jsonl", {"headline": HEADLINE, "text": LEDE, "date": "2025-03-04"})
    assert _decisions([txt, dated]) == [("a.txt", 1, None, "b.jsonl"), ("b.jsonl", 1, "2025-03-04", None)]


def test_copies_with_different_dates_are_both_kept_with_different_ids(tmp_path: Path):
    feed = _jsonl(tmp_path / "c.jsonl", {"headline": HEADLINE, "text": LEDE, "date": "2025-03-04"},
                  {"headline": HEADLINE, "text": LEDE, "date": "2025-03-11"})
    assert _decisions([feed]) == [("c.jsonl", 1, "2025-03-04", None), ("c.jsonl", 2, "2025-03-11", None)]
    records, _ = read_file(feed)
    ids = {b.brief_id for _, b in segment_records(records, guess_languages=False)}
    assert len(ids) == 2 and make_brief_id(HEADLINE, LEDE) not in ids


def test_same_date_keeps_the_copy_with_an_id_then_the_first(tmp_path: Path):
    feed = _jsonl(tmp_path / "d.jsonl", {"text": LEDE, "date": "2025-03-04"},
                  {"text": LEDE, "date": "2025-03-04", "id": "pap-17"},
                  {"text": LEDE, "date": "2025-03-04", "id": "pap-18"})
    decisions = _decisions([feed])
    assert [d[3] for d in decisions] == ["d.jsonl", None, "d.jsonl"]  # the second (first with an id) is kept


def test_text_key_ignores_the_date(tmp_path: Path):
    feed = _jsonl(tmp_path / "e.jsonl", {"text": LEDE, "date": "2025-03-04"}, {"text": LEDE})
    records, _ = read_file(feed)
    briefs = [b for _, b in segment_records(records, guess_languages=False)]
    assert text_key(briefs[0]) == text_key(briefs[1]) and briefs[0].brief_id != briefs[1].brief_id


def test_the_first_pass_reads_are_handed_to_the_second_once_within_the_budget(tmp_path: Path):
    small = _jsonl(tmp_path / "d.jsonl", {"headline": HEADLINE, "text": LEDE})
    large = _jsonl(tmp_path / "e.jsonl", {"headline": "Une autre dépêche", "text": LEDE + " " + LEDE})
    reads: list[str] = []

    def counting_read(path: Path):
        reads.append(path.name)
        return read_file(path)

    copies = choose_copies([small, large], counting_read, keep_chars=len(LEDE) + 1)
    assert reads == ["d.jsonl", "e.jsonl"] and set(copies.reads) == {small}  # the large file is over the budget
    first = copies.read_again(small, counting_read)
    assert first == read_file(small) and reads == ["d.jsonl", "e.jsonl"]  # handed over, not read again
    assert copies.read_again(small, counting_read) == first and reads[-1] == "d.jsonl"  # once only
    assert copies.read_again(large, counting_read) == read_file(large) and reads[-1] == "e.jsonl"
