"""Ingest: decoding, cleaning, markup, binary sniffing, JSONL/CSV records, discovery, language."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import InputError, discover_inputs, read_file, reader
from pipeline.ingest.decoding import clean_text, decode, decode_bytes, sniff_binary
from pipeline.ingest.markup import repair_mojibake, strip_markup
from pipeline.language import guess_language
from pipeline.segment import segment, segment_text

BRIEF = (
    "Le Maroc inaugure une centrale solaire à Ouarzazate\n"
    "Le 3 février 2026, l’agence marocaine de l’énergie a mis en service une centrale de 200 mégawatts. "
    "Le projet a coûté 1,2 milliard d’euros.\n"
)

# --- decoding ------------------------------------------------------------------------------

DECODE_CASES = [
    ("utf-8", BRIEF.encode("utf-8"), "utf-8", BRIEF),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + BRIEF.encode("utf-8"), "utf-8-sig", BRIEF),
    ("cp1252 with typographic quote", BRIEF.encode("cp1252"), "cp1252", BRIEF),
    ("latin-1", "Côte d'Ivoire : la récolte de cacao progresse.\n".encode("latin-1"), "latin-1",
     "Côte d'Ivoire : la récolte de cacao progresse.\n"),
    ("utf-16 with BOM", BRIEF.encode("utf-16"), "utf-16", BRIEF),
    ("utf-16-le without BOM", BRIEF.encode("utf-16-le"), "utf-16-le", BRIEF),
    ("CRLF", BRIEF.replace("\n", "\r\n").encode("utf-8"), "utf-8", BRIEF),
    ("lone CR (old Mac)", BRIEF.replace("\n", "\r").encode("utf-8"), "utf-8", BRIEF),
    ("NUL bytes", BRIEF.replace("centrale", "cen\x00trale").encode("utf-8"), "utf-8", BRIEF),
]


@pytest.mark.parametrize("name,data,encoding,text", DECODE_CASES, ids=[c[0] for c in DECODE_CASES])
def test_decode(name: str, data: bytes, encoding: str, text: str):
    assert decode(data) == (text, encoding)


def test_mixed_utf8_and_cp1252_lines_are_decoded_each_and_reported():
    data = "Première ligne en UTF-8.\n".encode("utf-8") + "Deuxième en Windows – œuvre.\n".encode("cp1252")
    decoded = decode_bytes(data)
    assert decoded.text == "Première ligne en UTF-8.\nDeuxième en Windows – œuvre.\n"
    assert decoded.encoding == "utf-8+cp1252"
    assert decoded.notes and "mixed encodings" in decoded.notes[0]


CLEAN_CASES = [
    ("line separators", "a\u2028b\u2029c\x85d", "a\nb\nc\nd"),
    ("controls dropped, tab kept", "a\x01b\x1bc\td\x7f", "abc\td"),
    ("stray BOM inside", "Titre\ufeff\nLede", "Titre\nLede"),
    ("lone surrogate from a JSON escape", "abc\ud800def", "abcdef"),
    ("decomposed accents composed (NFC)", "e\u0301te\u0301", "été"),
]


@pytest.mark.parametrize("name,raw,expected", CLEAN_CASES, ids=[c[0] for c in CLEAN_CASES])
def test_clean_text(name: str, raw: str, expected: str):
    assert clean_text(raw) == expected


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_decode_never_raises_and_gives_clean_text(data: bytes):
    text, encoding = decode(data)
    assert isinstance(encoding, str)
    assert "\r" not in text and "\x00" not in text
    text.encode("utf-8")  # no lone surrogate: the writers would fail on it


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=2000))
def test_clean_text_is_idempotent_on_any_unicode(raw: str):
    once = clean_text(raw)
    assert clean_text(once) == once
    once.encode("utf-8")


# --- markup ----------------------------------------------------------------------------------

MARKUP_CASES = [
    ("page with blocks", "<html><head><title>Site</title><style>p{}</style></head><body>"
     "<h1>Titre de l&#39;article</h1><p>Premier   paragraphe\nsur deux lignes.</p><script>var x=1;</script>"
     "<p>Second &amp; dernier.</p></body></html>",
     "Titre de l'article\nPremier paragraphe sur deux lignes.\nSecond & dernier.", ["html markup stripped"]),
    ("br and entities", "Titre<br/>Le lede d&eacute;bute ici&nbsp;!", "Titre\nLe lede débute ici\xa0!",
     ["html markup stripped"]),
    ("entities only", "Rio Tinto &amp; BHP signent un accord &#224; Perth", "Rio Tinto & BHP signent un accord à Perth",
     ["html entities decoded"]),
    ("plain ampersand kept", "AT&T et Procter&Gamble", "AT&T et Procter&Gamble", []),
    ("not an entity kept", "la marque &notrebanque; reste", "la marque &notrebanque; reste", []),
    ("comparison kept", "un taux < 5 % et > 2 %", "un taux < 5 % et > 2 %", []),
]


@pytest.mark.parametrize("name,raw,expected,notes", MARKUP_CASES, ids=[c[0] for c in MARKUP_CASES])
def test_strip_markup(name: str, raw: str, expected: str, notes: list[str]):
    assert strip_markup(raw) == (expected, notes)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/&;#abpdiv \n=\"'éx0123")) | st.characters(), max_size=400))
def test_strip_markup_never_raises(raw: str):
    text, notes = strip_markup(raw)
    assert isinstance(text, str) and isinstance(notes, list)


# --- binary ----------------------------------------------------------------------------------

BINARY_CASES = [
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
    ("zip/docx", b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
    ("random NULs", bytes(range(256)) * 4, "binary data"),
]


@pytest.mark.parametrize("name,data,kind", BINARY_CASES, ids=[c[0] for c in BINARY_CASES])
def test_sniff_binary(name: str, data: bytes, kind: str):
    assert kind in (sniff_binary(data) or "")


@pytest.mark.parametrize("data", [BRIEF.encode(), BRIEF.encode("utf-16"), b"", "é".encode("cp1252")],
                         ids=["utf-8", "utf-16", "empty", "cp1252"])
def test_text_is_not_binary(data: bytes):
    assert sniff_binary(data) is None


# --- records of one file -----------------------------------------------------------------------


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _jsonl(*rows: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n"


GOOD = {"id": "a1", "headline": "L’Inde commande 26 Rafale Marine", "text": "New Delhi a signé le 28 avril 2025.",
        "date": "2025-04-28", "source": "../../etc/passwd"}

FILE_CASES = [
    # name, file name, content, records kept, rejected (record, reason fragment)
    ("jsonl one malformed line", "a.jsonl", _jsonl(GOOD, '{"text": "coupé', dict(GOOD, id="a2", text="Autre.")),
     2, [(2, "malformed JSON")]),
    ("jsonl invalid date", "b.jsonl", _jsonl(GOOD, dict(GOOD, id="a3", date="30/02/2025")), 1, [(2, "invalid 'date'")]),
    ("jsonl impossible date", "c.jsonl", _jsonl(dict(GOOD, date="2025-02-30")), 0, [(1, "invalid 'date'")]),
    ("jsonl record not an object", "d.jsonl", _jsonl(GOOD, "[1, 2]"), 1, [(2, "not an object")]),
    ("jsonl missing text", "e.jsonl", _jsonl(GOOD, {"headline": "Sans texte"}), 1, [(2, "missing or empty 'text'")]),
    ("jsonl nested headline", "f.jsonl", _jsonl(dict(GOOD, headline={"fr": "x"})), 0, [(1, "'headline' is not text")]),
    ("jsonl deeply nested", "g.jsonl", _jsonl(GOOD, "[" * 100_000), 1, [(2, "malformed JSON")]),
    ("csv without text column", "h.csv", "id,titre,corps\n1,Titre,Le corps.\n", 0, [(None, "no text column")]),
    ("csv semicolons (French Excel)", "i.csv", "id;headline;text;date\n1;Titre;Le texte, avec virgule.;2025-01-02\n",
     1, []),
    ("csv quoted newline and bad date", "j.csv", 'id,text,date\n1,"Ligne un\nligne deux.",2025-01-02\n2,Texte.,hier\n',
     1, [(4, "invalid 'date'")]),
    ("csv header only", "l.csv", "id,text\n", 0, [(None, "no records")]),
    ("csv field above 128 KiB", "k.csv", "id,text\n1," + "mot " * 40_000 + "\n", 1, []),
]


@pytest.mark.parametrize("name,file,content,kept,rejected", FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_read_file_records(tmp_path: Path, name: str, file: str, content: str, kept: int, rejected: list):
    records, report = read_file(_write(tmp_path, file, content))
    assert len(records) == kept
    got = [(r.record, r.reason) for r in report.rejections]
    assert len(got) == len(rejected), got
    for (number, fragment), (record, reason) in zip(rejected, got):
        assert record == number and fragment in reason, got
    assert report.records_read == kept + len(rejected)


def test_jsonl_fields_are_data_never_paths(tmp_path: Path):
    records, _ = read_file(_write(tmp_path, "feed.jsonl", _jsonl(GOOD)))
    (record,) = records
    assert record.source == "../../etc/passwd"  # kept as data in the `source` column
    assert record.source_id == "a1" and record.reference_date.isoformat() == "2025-04-28"


def test_jsonl_text_with_html_is_stripped_and_reported(tmp_path: Path):
    row = dict(GOOD, text="<p>Le contrat porte sur 26 avions.</p><p>Livraison en 2029.</p>")
    records, report = read_file(_write(tmp_path, "h.jsonl", _jsonl(row)))
    assert records[0].text == "Le contrat porte sur 26 avions.\nLivraison en 2029."
    assert "html markup stripped" in report.notes


def test_jsonl_line_separator_inside_a_string_is_not_a_record_break(tmp_path: Path):
    row = dict(GOOD, text="Première phrase.\u2028Seconde phrase.")
    records, report = read_file(_write(tmp_path, "u.jsonl", json.dumps(row, ensure_ascii=False) + "\n"))
    assert not report.rejections and records[0].text == "Première phrase.\nSeconde phrase."


@pytest.mark.parametrize("content,reason", [(b"", "empty file"), (b"  \n\t\r\n  ", "no text"),
                                            (b"\x00\x00", "binary")], ids=["empty", "whitespace", "nul-only"])
def test_file_without_text_is_one_rejection(tmp_path: Path, content: bytes, reason: str):
    records, report = read_file(_write(tmp_path, "vide.txt", content))
    assert records == [] and report.records_read == 1
    (rejection,) = report.rejections
    assert rejection.record is None and reason in rejection.reason


def test_unreadable_file_is_rejected(tmp_path: Path, monkeypatch):
    path = _write(tmp_path, "secret.txt", BRIEF)
    # Tests run as root, who reads a chmod 000 file anyway: simulate the refusal.
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    records, report = read_file(path)
    assert records == [] and "unreadable file: Permission denied" in report.rejections[0].reason


# --- discovery ---------------------------------------------------------------------------------


def test_discover_rejects_broken_links_and_other_types_passes_over_hidden(tmp_path: Path):
    feed = tmp_path / "feed"
    (feed / "sub").mkdir(parents=True)
    (feed / ".git").mkdir()
    _write(feed, "b.txt", BRIEF)
    _write(feed / "sub", "a.jsonl", _jsonl(GOOD))
    _write(feed, "notes.md", "# notes")
    _write(feed, "rapport.pdf", b"%PDF-1.7")
    _write(feed, ".DS_Store", b"\x00\x01")
    _write(feed / ".git", "HEAD", "ref: refs/heads/main")
    os.symlink(feed / "absent.txt", feed / "lien.txt")
    os.symlink(feed, feed / "sub" / "boucle")  # a loop is walked once
    found = discover_inputs([feed])
    assert [p.relative_to(feed).as_posix() for p in found.files] == ["b.txt", "sub/a.jsonl"]
    reasons = {Path(r.file).name: r.reason for r in found.rejections}
    assert sorted(reasons) == ["lien.txt", "notes.md", "rapport.pdf"]
    assert reasons["lien.txt"] == "broken symbolic link"
    assert "file type not read (.md)" in reasons["notes.md"] and "PDF is not read" in reasons["rapport.pdf"]
    assert found.skipped == []  # hidden files are passed over without a word


def test_discover_passes_over_an_earlier_run_output_folder(tmp_path: Path):
    _write(tmp_path, "b.txt", BRIEF)
    old = tmp_path / "ancienne-sortie"
    old.mkdir()
    for name in ("run.json", "rejected.csv", "briefs.csv"):
        _write(old, name, "{}")
    found = discover_inputs([tmp_path])
    assert [p.name for p in found.files] == ["b.txt"] and not found.rejections
    assert [(Path(f).name, why) for f, why in found.skipped] == [("ancienne-sortie", "output folder of an earlier run of the project")]


def test_discover_never_reads_the_output_folder(tmp_path: Path):
    _write(tmp_path, "b.txt", BRIEF)
    (tmp_path / "outputs").mkdir()
    _write(tmp_path / "outputs", "briefs.csv", "brief_id,text\nx,Un texte.\n")
    found = discover_inputs([tmp_path], exclude=[tmp_path / "outputs"])
    assert [p.name for p in found.files] == ["b.txt"]


@pytest.mark.parametrize("make", ["missing", "broken link"])
def test_discover_missing_input_raises(tmp_path: Path, make: str):
    target = tmp_path / "absent"
    if make == "broken link":
        os.symlink(tmp_path / "nowhere", target)
    with pytest.raises(InputError, match="absent"):
        discover_inputs([target])


def test_undecodable_file_name_is_shown_with_replacement(tmp_path: Path):
    name = os.fsdecode(b"d\xe9p\xeache.txt")
    _write(tmp_path, name, BRIEF)
    records, report = read_file(tmp_path / name)
    assert "\ufffd" in report.path and records[0].source.encode("utf-8")


# --- language ------------------------------------------------------------------------------------

LANGUAGE_CASES = [
    ("fr", "Le Sénégal a signé un accord avec la Banque mondiale pour financer des routes dans le sud du pays."),
    ("en", "Nigeria signed an agreement with the World Bank to fund new roads in the south of the country."),
    ("es", "El gobierno de Chile anunció la construcción de una planta de hidrógeno en el norte del país."),
    ("de", "Die Regierung hat am Montag den Bau einer neuen Fabrik in der Nähe von Leipzig angekündigt."),
    ("it", "Il governo ha annunciato la costruzione di una nuova centrale nella regione della Puglia."),
    (None, "Airbus A320"),
]


@pytest.mark.parametrize("expected,text", LANGUAGE_CASES, ids=[str(c[0]) + ":" + c[1][:20] for c in LANGUAGE_CASES])
def test_guess_language(expected: str | None, text: str):
    assert guess_language(text) == expected


def test_segment_fills_language(tmp_path: Path):
    english = "Kazakhstan opens a new wind farm\nThe plant was built by a Chinese firm and will supply the grid.\n"
    records, _ = read_file(_write(tmp_path, "mix.txt", BRIEF + english))
    assert [b.language for b in segment(records)] == ["fr", "en"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=3000))
def test_segmentation_and_language_never_raise(text: str):
    for headline, lede in segment_text(text):
        assert lede and "\n" not in lede and (headline is None or "\n" not in headline)
    guess_language(text)


def test_file_size_cap(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 100)
    _, report = read_file(_write(tmp_path, "gros.txt", BRIEF))
    assert "file too large" in report.rejections[0].reason


def test_chmod_000_file_is_rejected(tmp_path: Path):
    path = _write(tmp_path, "ferme.txt", BRIEF)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop root (see test_unreadable_file_is_rejected)")
        records, report = read_file(path)
        assert records == [] and "unreadable file" in report.rejections[0].reason
    finally:
        path.chmod(0o644)


def test_unreadable_folder_is_rejected(tmp_path: Path, monkeypatch):
    feed = tmp_path / "feed"
    (feed / "prive").mkdir(parents=True)
    _write(feed, "a.txt", BRIEF)
    _write(feed / "prive", "b.txt", BRIEF)
    real = os.scandir

    def refuse(path="."):
        # As for files, root would list a chmod 000 folder: the refusal is simulated.
        if os.fspath(path).endswith("prive"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    found = discover_inputs([feed])
    assert [p.name for p in found.files] == ["a.txt"]
    assert [(Path(r.file).name, r.reason) for r in found.rejections] == [("prive", "unreadable folder: Permission denied")]


MOJIBAKE_CASES = [
    ("accents", "Le prÃ©sident a inaugurÃ© lâ€™usine", "Le président a inauguré l’usine", True),
    ("guillemets and euro", "«\xa0un accord à 2 M€\xa0»".encode().decode("cp1252"), "«\xa0un accord à 2 M€\xa0»",
     True),
    ("clean French untouched", "L’État a signé à Genève", "L’État a signé à Genève", False),
    ("mixed clean and broken untouched", "été et Ã©tÃ©", "été et Ã©tÃ©", False),
]


@pytest.mark.parametrize("name,raw,expected,repaired", MOJIBAKE_CASES, ids=[c[0] for c in MOJIBAKE_CASES])
def test_repair_mojibake(name: str, raw: str, expected: str, repaired: bool):
    text, notes = repair_mojibake(raw)
    assert text == expected and bool(notes) is repaired


def test_mojibake_in_a_txt_is_repaired_and_reported(tmp_path: Path):
    records, report = read_file(_write(tmp_path, "m.txt", BRIEF.encode("utf-8").decode("cp1252")))
    assert records[0].text == BRIEF and any("mojibake" in n for n in report.notes)
