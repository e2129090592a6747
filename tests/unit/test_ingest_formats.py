"""Spreadsheets, feeds and documents (ingest 17.2): delimiters sniffed, French and English column names,
--columns, RSS 2.0 and Atom, Word and HTML read as text layouts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.ingest import read_file
from pipeline.segment import segment

LEDE = "La société Nordvik a ouvert une usine de pâte à papier à Oulu, selon un communiqué publié lundi."


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


TABLE_CASES = [
    # name, file name, content, {field: expected} of the one record
    ("French spreadsheet with semicolons", "export.csv",
     f"Id;Titre;Texte;Date\n7;Nordvik s'installe à Oulu;{LEDE};2025-12-18\n",
     {"headline": "Nordvik s'installe à Oulu", "source_id": "7", "date": "2025-12-18"}),
    ("tab-separated with English names", "feed.tsv", f"GUID\tTitle\tBody\tPublished\nx-1\tOulu\t{LEDE}\t2025-12-18\n",
     {"headline": "Oulu", "source_id": "x-1", "date": "2025-12-18"}),
    ("comma CSV whose text holds semicolons", "a.csv", f'contenu,date de publication\n"{LEDE} Un; deux; trois.",2025-12-18\n',
     {"headline": None, "date": "2025-12-18"}),
    ("JSONL with French keys", "b.jsonl", f'{{"texte": "{LEDE}", "titre": "Oulu", "média": "Le Quotidien"}}\n',
     {"headline": "Oulu", "source": "Le Quotidien"}),
    ("JSONL with feed keys", "c.jsonl", f'{{"content": "{LEDE}", "pubDate": "2025-12-18", "url": "https://exemple.fr/1"}}\n',
     {"date": "2025-12-18", "source_id": "https://exemple.fr/1"}),
]


@pytest.mark.parametrize("name,file,content,expected", TABLE_CASES, ids=[c[0] for c in TABLE_CASES])
def test_table_columns_are_recognised(tmp_path: Path, name: str, file: str, content: str, expected: dict):
    records, report = read_file(_write(tmp_path, file, content))
    assert not report.rejections, report.rejections
    (record,) = records
    assert record.text.startswith("La société Nordvik")
    got = {"headline": record.headline, "source_id": record.source_id, "source": record.source,
           "date": record.reference_date.isoformat() if record.reference_date else None}
    assert {k: got[k] for k in expected} == expected


def test_columns_option_names_any_column(tmp_path: Path):
    path = _write(tmp_path, "x.csv", f"Numéro;Corps;Publié\n3;{LEDE};2025-12-18\n")
    records, report = read_file(path)
    assert records == [] and "no text column" in report.rejections[0].reason
    records, report = read_file(path, {"text": "corps", "date": "Publié", "id": "NUMÉRO"})
    (record,) = records
    assert record.source_id == "3" and record.reference_date.isoformat() == "2025-12-18"


def test_columns_option_naming_an_absent_column_rejects_the_file(tmp_path: Path):
    records, report = read_file(_write(tmp_path, "x.csv", f"texte\n{LEDE}\n"), {"text": "Article"})
    assert records == [] and "no column 'Article' (given by --columns)" in report.rejections[0].reason


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Dépêches</title><link>https://exemple.fr</link><description>x</description>
<item><title>Nordvik s'installe à Oulu</title><link>https://exemple.fr/a</link><guid>urn:a</guid>
<description>&lt;p&gt;{LEDE}&lt;/p&gt;&lt;p&gt;&lt;a href="https://exemple.fr"&gt;Lire la suite&lt;/a&gt;&lt;/p&gt;</description>
<pubDate>Thu, 18 Dec 2025 08:00:00 GMT</pubDate></item>
<item><title>Sans texte</title><guid>urn:b</guid></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Dépêches</title><id>urn:feed</id><updated>2025-12-18T08:00:00Z</updated>
<entry><title>Nordvik s'installe à Oulu</title><id>urn:entry:1</id><link href="https://exemple.fr/e1"/>
<updated>2025-12-18T08:00:00Z</updated><summary type="html">&lt;b&gt;{LEDE}&lt;/b&gt;</summary></entry>
</feed>"""


@pytest.mark.parametrize("name,content,version", [("f.rss", RSS, "rss20"), ("f.atom", ATOM, "atom10")])
def test_feeds_are_read_item_by_item(tmp_path: Path, name: str, content: str, version: str):
    records, report = read_file(_write(tmp_path, name, content))
    record = records[0]
    assert record.headline == "Nordvik s'installe à Oulu"
    assert record.text.startswith(LEDE) and "<" not in record.text
    assert record.reference_date.isoformat() == "2025-12-18"
    assert record.source_id in ("urn:a", "urn:entry:1")
    assert report.layout == f"feed ({version})"
    if name == "f.rss":  # the item without description is rejected, with its number
        assert [(r.record, r.reason) for r in report.rejections] == [(2, "missing or empty 'text'")]


def test_xml_that_is_no_feed_is_rejected(tmp_path: Path):
    records, report = read_file(_write(tmp_path, "x.xml", "<?xml version='1.0'?><catalogue><livre/></catalogue>"))
    assert records == [] and "not an RSS or Atom feed" in report.rejections[0].reason


def test_docx_is_read_as_a_text_layout(tmp_path: Path):
    import docx

    document = docx.Document()
    for paragraph in ["Nordvik s'installe à Oulu", LEDE, "", "Le port de Kemi s'agrandit",
                      "Les travaux du nouveau quai de Kemi ont commencé mardi."]:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    records, report = read_file(_write(tmp_path, "dépêches.docx", buffer.getvalue()))
    briefs = list(segment(records))
    assert [(b.headline, b.text[:20]) for b in briefs] == [
        ("Nordvik s'installe à Oulu", LEDE[:20]), ("Le port de Kemi s'agrandit", "Les travaux du nouve")]
    assert report.encoding == "docx"


def test_damaged_docx_is_rejected_with_its_reason(tmp_path: Path):
    records, report = read_file(_write(tmp_path, "abîmé.docx", b"PK\x03\x04 pas un document"))
    assert records == [] and "unreadable Word document" in report.rejections[0].reason


def test_html_page_is_read_as_a_text_layout(tmp_path: Path):
    page = (f"<html><head><title>Page</title></head><body><h2>Nordvik s'installe à Oulu</h2><p>{LEDE}</p>"
            "<h2>Le port de Kemi s'agrandit</h2><p>Les travaux du nouveau quai de Kemi\nont commencé mardi.</p></body></html>")
    records, _ = read_file(_write(tmp_path, "page.html", page))
    briefs = list(segment(records))
    assert [b.headline for b in briefs] == ["Nordvik s'installe à Oulu", "Le port de Kemi s'agrandit"]
    assert briefs[1].text == "Les travaux du nouveau quai de Kemi ont commencé mardi."


def test_atom_content_without_summary_is_read_as_html(tmp_path: Path):
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Dépêches</title><id>urn:feed</id><updated>2025-12-18T08:00:00Z</updated>
<entry><title>Kemi</title><id>urn:entry:2</id><updated>2025-12-18T08:00:00Z</updated>
<content type="html">&lt;section&gt;&lt;picture&gt;&lt;/picture&gt;{LEDE}&lt;/section&gt;</content></entry>
</feed>"""
    records, report = read_file(_write(tmp_path, "g.atom", atom))
    assert not report.rejections and records[0].text == LEDE
