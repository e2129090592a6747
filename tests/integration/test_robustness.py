"""Nothing lost, nothing half-written: bad inputs, accounting, strict mode, kills and repeat runs.

Inputs are generated in tmp_path at test time; the session `nlp` is reused
(extract's model loading is patched to return it) so each run costs little.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import annotate as annotate_module
from pipeline import cli
from pipeline.annotate import annotate, split_text
from pipeline.staging import STAGING_PREFIX, recover
from pipeline.events import EventExtractor
from pipeline.normalize import Normalizer
from pipeline.normalize.dates import normalize_date
from pipeline.normalize.quantities import parse_number
from pipeline.records import Brief
from pipeline.resources import models_dir
from pipeline.accounting import FileStats, RunError, RunSummary, check_accounting
from pipeline.run import RunOptions, extract
from pipeline.stages import Stages
from tests.conftest import SEED, big_feed, kill_while_staging

TABLES = ("briefs", "mentions", "events")

FR_1 = ("Le Maroc met en service une centrale solaire à Ouarzazate\n"
        "Le 3 février 2026, l’agence marocaine de l’énergie a mis en service une centrale de 200 mégawatts. "
        "Le projet a coûté 1,2 milliard d’euros.\n")
FR_2 = ("Le Chili lance un appel d’offres pour le lithium\n"
        "Santiago a lancé le 12 mars 2025 un appel d’offres pour l’exploitation de 3 gisements dans le désert "
        "d’Atacama, selon le ministère des Mines.\n")
FR_3 = ("La Tanzanie commande 4 trains électriques\n"
        "La compagnie ferroviaire de l’État tanzanien a commandé 4 rames à un constructeur sud-coréen pour 300 millions "
        "de dollars, livrables en 2027.\n")
FR_4 = ("Accord gazier entre l’Algérie et l’Italie\n"
        "Alger et Rome ont signé le 22 janvier 2025 un accord pour porter les livraisons de gaz à 9 milliards "
        "de mètres cubes par an.\n")
EN = ("Ghana opens a new cocoa processing plant\n"
      "The plant, built with a loan from the African Development Bank, will process 50,000 tonnes of beans "
      "a year and employ 400 people.\n")
HTML = ("<!DOCTYPE html><html><head><title>Actu</title><script>track();</script></head><body>"
        "<h2>Le Kenya inaugure une usine d&#39;engrais</h2>"
        "<p>Le pr&eacute;sident kenyan a inaugur&eacute; le 5 mai 2025 une usine d&rsquo;engrais &agrave; Eldoret, "
        "d&rsquo;une capacit&eacute; de 100&nbsp;000 tonnes.</p></body></html>")


def _jsonl(*rows: object) -> bytes:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


ROW = {"id": "r1", "headline": "Le Pérou relance une mine de cuivre", "date": "2025-06-01", "source": "/etc/passwd",
       "text": "Lima a annoncé la reprise de la mine de Las Bambas, à l’arrêt depuis mars 2025."}
HUGE_CHARS = 20 * 1024 * 1024

# The bad input matrix: file name -> (content or a maker, expected per-file outcome).
# Outcome: written, rejected, fragments of the rejection reasons, encoding, fragments of the notes.
MATRIX: dict[str, tuple[object, dict]] = {
    "good.txt": (FR_1 + FR_2, dict(written=2, rejected=0, encoding="utf-8")),
    "empty.txt": (b"", dict(written=0, rejected=1, reasons=["empty file"])),
    "blank.txt": (b"  \n\t \r\n   \n", dict(written=0, rejected=1, reasons=["no text"])),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, dict(written=0, rejected=1, reasons=["binary"])),
    "random.txt": (bytes(range(256)) * 64, dict(written=0, rejected=1, reasons=["binary"])),
    "cp1252.txt": (FR_3.encode("cp1252"), dict(written=1, rejected=0, encoding="cp1252", fallback=True)),
    "latin1.txt": (FR_4.replace("’", "'").encode("latin-1"), dict(written=1, rejected=0, encoding="latin-1",
                                                                   fallback=True)),
    "bom.txt": (b"\xef\xbb\xbf" + "Bénin : un port sec à Parakou\nLe port sec de Parakou ouvrira en 2026.\n".encode(),
                dict(written=1, rejected=0, encoding="utf-8-sig", fallback=False)),
    "utf16.txt": ("Le Togo émet une obligation verte\nLomé a levé 50 millions d’euros.\n".encode("utf-16"),
                  dict(written=1, rejected=0, encoding="utf-16")),
    "crlf.txt": ("Le Niger relance l’uranium\r\nNiamey a rouvert la mine d’Arlit.\r\n".encode(),
                 dict(written=1, rejected=0)),
    "cr.txt": ("Le Mali construit une route\rBamako financera 120 kilomètres de route.\r".encode(),
               dict(written=1, rejected=0)),
    "nul.txt": ("Le Tchad signe un prêt\nN’Djamena a obtenu un prêt de 40 millions\x00 de dollars.\n".encode(),
                dict(written=1, rejected=0, notes=["NUL bytes removed"])),
    "huge.txt": (lambda: b"a" * HUGE_CHARS, dict(written=0, rejected=1, reasons=["brief too long"])),
    "page.txt": (HTML.encode(), dict(written=1, rejected=0, notes=["html markup stripped"])),
    "feed.jsonl": (_jsonl(ROW, '{"id": "r2", "text": "coupé', dict(ROW, id="r3", text="Lima exporte plus de cuivre.")),
                   dict(written=2, rejected=1, reasons=["malformed JSON"])),
    "dates.jsonl": (_jsonl(dict(ROW, id="r4", text="Quito émet 2 milliards de dollars de bons.", date="hier")),
                    dict(written=0, rejected=1, reasons=["invalid 'date'"])),
    "nocol.csv": (b"id,titre,corps\n1,Titre,Corps du texte.\n", dict(written=0, rejected=1, reasons=["no text column"])),
    "english.txt": (EN, dict(written=1, rejected=0, languages={"en": 1})),
    "z_dups.txt": (FR_2 + FR_2 + FR_1, dict(written=0, rejected=3, reasons=["duplicate of"])),
    "secret.txt": ("Le Gabon ouvre un bureau\nLibreville a ouvert un bureau à Paris.\n",
                   dict(written=0, rejected=1, reasons=["unreadable file"])),
}
BROKEN_LINK = "lien_casse.txt"




def _make_matrix(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (content, _) in MATRIX.items():
        data = content() if callable(content) else content
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    os.symlink(folder / "absent.txt", folder / BROKEN_LINK)
    (folder / "LISEZMOI.md").write_text("pas un flux", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def matrix_run(tmp_path_factory, fast_models):
    """One extract run over a folder holding every bad input at once."""
    root = tmp_path_factory.mktemp("matrix")
    feed = _make_matrix(root / "feed")
    out = root / "out"
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        # Root reads a chmod 000 file anyway: the refusal is simulated.
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Path, "read_bytes", refuse)
        summary = extract(RunOptions(inputs=[feed], out_dir=out, progress=False))
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    rejected = pd.read_csv(out / "rejected.csv", dtype={"record": "Int64"})
    return feed, out, summary, run, rejected


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_bad_input_matrix(matrix_run, name: str):
    feed, out, _, run, rejected = matrix_run
    expected = MATRIX[name][1]
    key = str(feed / name)
    stats = run["files"][key]
    assert (stats["briefs_written"], stats["briefs_rejected"]) == (expected["written"], expected["rejected"])
    assert stats["briefs_read"] == stats["briefs_written"] + stats["briefs_rejected"]
    reasons = rejected.loc[rejected["file"] == key, "reason"].tolist()
    assert len(reasons) == expected["rejected"]
    for fragment in expected.get("reasons", []):
        assert all(fragment in r for r in reasons), reasons
    if "encoding" in expected:
        assert stats["encoding"] == expected["encoding"]
    if "fallback" in expected:
        assert stats["encoding_fallback"] is expected["fallback"]
    for note in expected.get("notes", []):
        assert note in stats["notes"]
    if "languages" in expected:
        assert stats["languages"] == expected["languages"]


def test_broken_link_and_other_types_are_reported(matrix_run):
    feed, _, _, run, rejected = matrix_run
    assert rejected.loc[rejected["file"] == str(feed / BROKEN_LINK), "reason"].tolist() == ["broken symbolic link"]
    assert run["files"][str(feed / BROKEN_LINK)]["briefs_rejected"] == 1
    # Nothing disappears without a word: a file of another type is rejected with its reason, not skipped.
    assert "file type not read (.md)" in rejected.loc[rejected["file"] == str(feed / "LISEZMOI.md"), "reason"].item()
    assert run["files"][str(feed / "LISEZMOI.md")]["briefs_rejected"] == 1
    assert run["skipped"] == []


def test_matrix_totals_add_up(matrix_run):
    _, out, summary, run, rejected = matrix_run
    totals = run["totals"]
    assert totals["briefs_read"] == totals["briefs_written"] + totals["briefs_rejected"]
    assert totals["briefs_written"] == sum(f["briefs_written"] for f in run["files"].values())
    assert totals["briefs_rejected"] == len(rejected) == len(run["rejected"])
    assert totals["briefs_written"] == len(pd.read_csv(out / "briefs.csv")) == pq.read_table(out / "briefs.parquet").num_rows
    assert totals["briefs_written"] == sum(v[1]["written"] for v in MATRIX.values())


def test_duplicates_point_at_the_first_occurrence(matrix_run):
    feed, _, _, _, rejected = matrix_run
    rows = rejected[rejected["file"] == str(feed / "z_dups.txt")]
    assert rows["record"].tolist() == [1, 3, 5]  # line where each duplicate brief starts
    assert rows["reason"].tolist()[0] == f"duplicate of {feed / 'good.txt'} line 3"


def test_matrix_outputs_are_clean(matrix_run):
    _, out, _, _, _ = matrix_run
    briefs = pd.read_parquet(out / "briefs.parquet")
    full = (briefs["headline"].fillna("") + "\n" + briefs["text"]).str.cat(sep="\n")
    assert "<" not in full and "&eacute;" not in full and "\x00" not in full and "\r" not in full
    assert "Le Kenya inaugure une usine d'engrais" in briefs["headline"].tolist()
    assert "/etc/passwd" in briefs["source"].tolist()  # a JSONL `source` is data in the table, never opened
    assert briefs.loc[briefs["headline"].str.startswith("Ghana", na=False), "language"].tolist() == ["en"]
    mentions = pd.read_parquet(out / "mentions.parquet")
    texts = dict(zip(briefs["brief_id"], [f"{h}\n{t}" if isinstance(h, str) else t
                                          for h, t in zip(briefs["headline"], briefs["text"])]))
    for m in mentions.itertuples():
        assert texts[m.brief_id][m.start_char:m.end_char] == m.text


# --- command line: exit codes and messages ------------------------------------------------------


def _cli(args: list[str], capsys) -> tuple[int, str, str]:
    code = cli.main(["extract", *args, "--quiet"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _previous_outputs(out: Path, seed_run: Path) -> dict[str, bytes]:
    shutil.copytree(seed_run, out, dirs_exist_ok=True)
    return _snapshot(out)


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def test_some_bad_records_exit_0_and_say_how_many(tmp_path: Path, fast_models, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(FR_1, encoding="utf-8")
    (tmp_path / "in" / "b.jsonl").write_bytes(_jsonl(ROW, "{pas du json"))
    code, out, err = _cli([str(tmp_path / "in"), "--out", str(tmp_path / "out")], capsys)
    assert code == 0
    assert "1 rejected" in out and "1 records rejected" in err
    assert f"rejected: {tmp_path / 'in' / 'b.jsonl'}:2: malformed JSON" in err


def test_missing_input_path_fails_clearly(tmp_path: Path, capsys, seed_run: Path):
    before = _previous_outputs(tmp_path / "out", seed_run)
    code, _, err = _cli([str(SEED), str(tmp_path / "absent"), "--out", str(tmp_path / "out")], capsys)
    assert code == 2 and f"{tmp_path / 'absent'}: no such file or folder" in err
    assert _snapshot(tmp_path / "out") == before


def test_nothing_readable_fails_naming_the_files(tmp_path: Path, fast_models, capsys, seed_run: Path):
    feed = tmp_path / "in"
    feed.mkdir()
    (feed / "vide.txt").write_bytes(b"")
    (feed / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    before = _previous_outputs(tmp_path / "out", seed_run)
    code, _, err = _cli([str(feed), "--out", str(tmp_path / "out")], capsys)
    assert code == 2 and "nothing could be read" in err
    assert f"{feed / 'vide.txt'}: empty file" in err and f"{feed / 'photo.txt'}: binary file" in err
    assert _snapshot(tmp_path / "out") == before


def test_strict_makes_any_rejection_fatal(tmp_path: Path, fast_models, capsys, seed_run: Path):
    feed = tmp_path / "in"
    feed.mkdir()
    (feed / "a.txt").write_text(FR_1, encoding="utf-8")
    (feed / "b.jsonl").write_bytes(_jsonl(ROW, dict(ROW, id="x", date="31/02/2025")))
    before = _previous_outputs(tmp_path / "out", seed_run)
    code, _, err = _cli([str(feed), "--out", str(tmp_path / "out"), "--strict"], capsys)
    assert code == 2 and f"--strict: rejected {feed / 'b.jsonl'}:2: invalid 'date'" in err
    assert _snapshot(tmp_path / "out") == before
    assert not any(p.name.startswith(STAGING_PREFIX) for p in (tmp_path / "out").iterdir())


def test_interrupted_run_keeps_previous_outputs(tmp_path: Path, fast_models, monkeypatch, seed_run: Path):
    before = _previous_outputs(tmp_path / "out", seed_run)

    def interrupted(*args, **kwargs):
        yield from ()
        raise KeyboardInterrupt

    monkeypatch.setattr(Stages, "process", interrupted)
    with pytest.raises(KeyboardInterrupt):
        extract(RunOptions(inputs=[SEED], out_dir=tmp_path / "out", progress=False))
    assert _snapshot(tmp_path / "out") == before


def test_output_folder_inside_the_input_folder_is_not_read_back(tmp_path: Path, fast_models):
    (tmp_path / "feed.txt").write_text(FR_1, encoding="utf-8")
    for _ in range(2):
        summary = extract(RunOptions(inputs=[tmp_path], out_dir=tmp_path / "outputs", progress=False))
        assert (summary.briefs, summary.rejected) == (1, 0)


# --- determinism --------------------------------------------------------------------------------


def test_second_run_gives_identical_tables(tmp_path: Path, fast_models, seed_run: Path):
    feed = tmp_path / "in"
    feed.mkdir()
    shutil.copy(SEED, feed / SEED.name)
    (feed / "b.jsonl").write_bytes(_jsonl(ROW, dict(ROW, id="r9", text="Autre brève, autre texte.")))
    (feed / "c.txt").write_bytes(FR_3.encode("cp1252"))
    runs = []
    for name in ("one", "two"):
        extract(RunOptions(inputs=[feed], out_dir=tmp_path / name, progress=False))
        runs.append(tmp_path / name)
    for table in TABLES:
        assert (runs[0] / f"{table}.csv").read_bytes() == (runs[1] / f"{table}.csv").read_bytes()
        assert pq.read_table(runs[0] / f"{table}.parquet").equals(pq.read_table(runs[1] / f"{table}.parquet"))
    assert (runs[0] / "rejected.csv").read_bytes() == (runs[1] / "rejected.csv").read_bytes()
    manifests = [json.loads((r / "run.json").read_text(encoding="utf-8")) for r in runs]
    for m in manifests:
        m.pop("timings")
    assert manifests[0] == manifests[1]
    # The seed's briefs come out with the same ids and order as in the seed run.
    seed_ids = pd.read_csv(seed_run / "briefs.csv")["brief_id"].tolist()
    assert pd.read_csv(runs[0] / "briefs.csv")["brief_id"].tolist()[: len(seed_ids)] == seed_ids


# --- a real SIGKILL -----------------------------------------------------------------------------


def test_sigkill_mid_run_leaves_previous_outputs_intact(tmp_path: Path, seed_run: Path):
    out = tmp_path / "out"
    before = _previous_outputs(out, seed_run)
    kill_while_staging([str(big_feed(tmp_path / "big.txt", "Dakar"))], out)
    assert _snapshot(out) == before
    for table in TABLES:
        pq.read_table(out / f"{table}.parquet")
        pd.read_csv(out / f"{table}.csv")
    # The next run finds the killed run's staging folder and removes it.
    assert any("interrupted run" in done for done in recover(out))
    assert not any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir())
    assert _snapshot(out) == before


# --- long briefs and arbitrary text through the stages ----------------------------------------------


SENTENCES = [
    "Le 14 juillet 2025, la Banque africaine de développement a approuvé un prêt de 80 millions de dollars au Kenya.",
    "À Dakar, le ministère de l’Énergie a signé un accord avec Siemens pour une centrale de 300 mégawatts.",
    "La production de cacao en Côte d’Ivoire a reculé de 12 % en 2024, selon le Conseil café-cacao.",
    "Le gouvernement péruvien a validé en mars 2026 l’extension de la mine de Cerro Verde.",
]


def _long_brief(chars: int) -> Brief:
    parts, n = [], 0
    while sum(len(p) + 1 for p in parts) < chars:
        parts.append(SENTENCES[n % len(SENTENCES)])
        if n % 7 == 6:
            parts.append("\n")
        n += 1
    text = " ".join(parts).replace(" \n ", "\n")
    return Brief("long", "long.txt", None, 1, "Un très long dossier sur l’énergie en Afrique", text, dt.date(2026, 1, 1))


def test_long_brief_is_annotated_in_chunks_with_offsets_into_full_text(nlp, monkeypatch):
    brief = _long_brief(12_000)
    seen: list[int] = []
    pipe = nlp.pipe

    def spy(texts, *args, **kwargs):
        if not kwargs.get("as_tuples"):  # spaCy calls pipe again inside, on plain texts
            return pipe(texts, *args, **kwargs)

        def record(items):
            for text, context in items:
                seen.append(len(text))
                yield text, context
        return pipe(record(texts), *args, **kwargs)

    monkeypatch.setattr(nlp, "pipe", spy)
    models = models_dir()
    normalizer, extractor = Normalizer.from_models(models), EventExtractor.from_models(models)
    monkeypatch.setattr(annotate_module, "CHUNK_CHARS", 2000)
    ((doc, same),) = list(annotate(nlp, [brief]))
    assert same is brief and doc.text == brief.full_text
    assert len(seen) >= 6 and max(seen) <= 2000
    (result,) = list(Stages(nlp, normalizer, extractor).process([brief]))
    assert max(m.start_char for m in result.mentions) > 10_000  # mentions found in the last chunks too
    for m in result.mentions:
        assert brief.full_text[m.start_char:m.end_char] == m.text
    for e in result.events:
        if e.trigger is not None:
            assert brief.full_text[e.trigger_start:e.trigger_end] == e.trigger


def test_brief_above_spacy_max_length_is_split_not_fatal(nlp, monkeypatch):
    brief = _long_brief(6000)
    monkeypatch.setattr(nlp, "max_length", 2500)
    ((doc, _),) = list(annotate(nlp, [brief]))
    assert doc.text == brief.full_text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n!?»  é")) | st.characters(), max_size=600),
       st.integers(min_value=1, max_value=120))
def test_split_text_joins_back_within_limit(text: str, limit: int):
    chunks = split_text(text, limit)
    assert "".join(chunks) == text
    assert all(0 < len(c) <= limit for c in chunks) or text == ""


DATE_LABELS = st.sampled_from(["DMY", "MY", "Y", "INTERVAL", "RELATIVE", ""]) | st.text(max_size=10)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=200), DATE_LABELS, st.none() | st.dates())
def test_normalize_date_never_raises(text: str, label: str, reference: dt.date | None):
    value = normalize_date(text, label, reference)
    assert value.start is None or value.end is None or value.start <= value.end


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.%\u00a0\u202f")) | st.characters(), max_size=200))
def test_parse_number_never_raises(text: str):
    # normalize_quantity itself is fed arbitrary spans through the whole pipeline below.
    value = parse_number(text)
    assert value is None or value == value  # never NaN


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300),
       st.lists(st.sampled_from(["Le", "3", "mars", "2025", ",", "12", "%", "4", "millions", "milliards", "de",
                                 "tonnes", "dollars", "€", "km", "à", "Paris", "Total", "signe", "un", "accord",
                                 "hier", "du", "au", "fin", "près", "de", "1,5", "120.000", "25 000", ".", "«", "»"]),
                max_size=30).map(" ".join))
def test_whole_pipeline_on_arbitrary_text_never_raises(nlp, text: str, french: str):
    models = models_dir()
    normalizer, extractor = _normalizers(models)
    for body in (text, french + text, text + french):
        brief = Brief("x", "x.txt", None, 1, None, body, dt.date(2025, 1, 1))
        (result,) = list(Stages(nlp, normalizer, extractor).process([brief]))
        for m in result.mentions:
            assert body[m.start_char:m.end_char] == m.text


_CACHE: dict = {}


def _normalizers(models: Path):
    if models not in _CACHE:
        _CACHE[models] = (Normalizer.from_models(models), EventExtractor.from_models(models))
    return _CACHE[models]


def test_accounting_error_is_caught():
    summary = RunSummary()
    summary.files["a.txt"] = FileStats(briefs_read=2, briefs_written=1)
    with pytest.raises(RunError, match="accounting error in a.txt"):
        check_accounting(summary)


def test_batches_are_capped_in_characters(monkeypatch):
    monkeypatch.setattr(annotate_module, "BATCH_CHARS", 5000)
    briefs = [_long_brief(n) for n in (300, 4000, 800, 12_000, 200, 200)]
    batches = list(annotate_module._batches(briefs, 3000, 256))
    assert all(sum(len(t) for t, _ in b) <= 5000 for b in batches)
    pieces = [t for b in batches for t, _ in b]
    assert "".join(pieces) == "".join(b.full_text for b in briefs)


def test_disk_full_while_writing_keeps_previous_outputs(tmp_path: Path, fast_models, monkeypatch, capsys,
                                                        seed_run: Path):
    from pipeline import emit

    before = _previous_outputs(tmp_path / "out", seed_run)

    def full(self, rows):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(emit.TableWriter, "write", full)
    code, _, err = _cli([str(SEED), "--out", str(tmp_path / "out")], capsys)
    assert code == 2 and "No space left on device" in err
    assert _snapshot(tmp_path / "out") == before
    assert not any(p.name.startswith(STAGING_PREFIX) for p in (tmp_path / "out").iterdir())


def test_folder_without_input_files_fails_clearly(tmp_path: Path, fast_models, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("rien", encoding="utf-8")
    code, _, err = _cli([str(tmp_path / "in"), "--out", str(tmp_path / "out")], capsys)
    assert code == 2 and "nothing could be read" in err and "notes.md: file type not read (.md)" in err


def test_other_types_fail_strict(tmp_path: Path, fast_models, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Titre\nLa société Nordvik a ouvert une usine à Oulu.", encoding="utf-8")
    (tmp_path / "in" / "rapport.pdf").write_bytes(b"%PDF-1.7")
    code, _, err = _cli([str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--strict"], capsys)
    assert code == 2 and "rapport.pdf" in err and "PDF is not read" in err


def test_sigterm_while_extracting_becomes_an_interrupt():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt):
        with cli._terminate_as_interrupt():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)  # the handler runs at the next bytecode boundary
    assert signal.getsignal(signal.SIGTERM) == before


def test_brief_whose_extraction_raises_is_rejected_not_fatal(tmp_path: Path, fast_models, monkeypatch):
    real = Normalizer.mentions

    def fragile(self, doc, brief):
        if "Chili" in brief.full_text:
            raise ValueError("unexpected span")
        return real(self, doc, brief)

    monkeypatch.setattr(Normalizer, "mentions", fragile)
    (tmp_path / "in.txt").write_text(FR_1 + FR_2, encoding="utf-8")
    summary = extract(RunOptions(inputs=[tmp_path / "in.txt"], out_dir=tmp_path / "out", progress=False))
    assert (summary.briefs, summary.rejected) == (1, 1)
    (rejection,) = summary.rejections
    assert rejection.record == 3 and rejection.reason == "extraction failed: ValueError: unexpected span"
    with pytest.raises(RunError, match="extraction failed"):
        extract(RunOptions(inputs=[tmp_path / "in.txt"], out_dir=tmp_path / "out", progress=False, strict=True))
