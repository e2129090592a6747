"""The analyst's report: one self-contained `report.html` per run.

`write_report(out_dir)` reads the run's tables (see `tables.py` for the columns
it uses), builds the page's data (`payload.py`) and writes `out_dir/report.html`
atomically: the data, the CSS and the script are inline, so the file opens from
`file://` with no network. The page builds its DOM with `textContent` and
`createElement` only, so text from briefs is never parsed as HTML.

The data sits in `<script type="application/json">` blocks (the briefs' texts in
a second one, read once the table is usable), with `<`, `>`, `&`,
U+2028 and U+2029 written as `\\uXXXX` escapes so no text of a brief can close
a block. Past `COMPRESS_OVER` bytes of JSON (long runs: 100,000 events carry
some 50 MB of brief text) a block's JSON is gzip-compressed and base64-encoded
in a `<script type="application/gzip-base64">` block instead, which the page
inflates with the browser's `DecompressionStream`.
"""

from __future__ import annotations

import base64
import csv
import gzip
import json
from importlib import resources as importlib_resources
from pathlib import Path

from ..atomic import write_atomic
from .payload import build_payload
from .tables import ReportInputError, load_run

__all__ = ["ReportInputError", "build_html", "escape_json", "write_report", "REPORT_NAME"]

REPORT_NAME = "report.html"
COMPRESS_OVER = 8_000_000  # bytes of JSON above which the data block is gzip + base64

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def escape_json(text: str) -> str:
    """Make JSON text safe inside an HTML `<script>` element; JSON.parse reads it unchanged.

    >>> escape_json('{"t": "</script><b>&"}')
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    for char, escape in _ESCAPES.items():
        text = text.replace(char, escape)
    return text


def _asset(name: str) -> str:
    return importlib_resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _block(block_id: str, data: str, compress_over: int) -> str:
    if len(data.encode("utf-8")) > compress_over:
        packed = base64.b64encode(gzip.compress(data.encode("utf-8"), compresslevel=6, mtime=0)).decode("ascii")
        return f'<script type="application/gzip-base64" id="{block_id}">{packed}</script>'
    return f'<script type="application/json" id="{block_id}">{escape_json(data)}</script>'


def build_html(payload: dict, compress_over: int = COMPRESS_OVER) -> str:
    """The whole page: template with the CSS, the script and the data blocks filled in.

    The briefs' texts go in a block of their own, read after the table is usable:
    they are most of a big run's bytes and only the brief view and the search need them.
    """
    payload = {**payload, "briefs": dict(payload["briefs"])}
    texts = payload["briefs"].pop("t")
    # One JSON string per line: the page splits the lines at once and parses a text when it needs it.
    lines = "\n".join(json.dumps(t, ensure_ascii=False) for t in texts)
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    blocks = _block("report-data", data, compress_over) + "\n" + _block("report-texts", lines, compress_over)
    page = _asset("report.html")
    # The assets are ours; they are checked to hold no closing tag that would end their element early.
    css, script = _asset("report.css"), _asset("report.js")
    assert "</style" not in css.lower() and "</script" not in script.lower()
    # The data goes in last, so no text of a brief can be taken for a placeholder.
    return page.replace("/*CSS*/", css, 1).replace("/*SCRIPT*/", script, 1).replace("<!--DATA-->", blocks, 1)


def country_names(models: Path | None) -> dict[str, str]:
    """iso2 → French name from the gazetteer, for the country filter; empty without it."""
    path = models / "gazetteers" / "countries.tsv" if models else None
    if path is None or not path.is_file():
        return {}
    with open(path, encoding="utf-8") as handle:
        return {row["iso2"]: row["name_fr"] for row in csv.DictReader(handle, delimiter="\t") if row.get("iso2")}


def world_outlines(models: Path | None) -> dict | None:
    """Land and borders as SVG path data for the map (`make data`), or None without the file."""
    path = models / "report" / "world_outlines.json" if models else None
    if path is None or not path.is_file():
        return None
    outlines = json.loads(path.read_text(encoding="utf-8"))
    return {"land": outlines["land"], "borders": outlines["borders"]}


def write_report(out_dir: Path, target: Path | None = None, models: Path | None = None) -> Path:
    """Read the run in `out_dir` and write its report (default `out_dir/report.html`) atomically.

    Raises `ReportInputError` when `out_dir` holds no readable run.
    """
    if models is None:
        from ..resources import ResourceError, models_dir

        try:
            models = models_dir()
        except ResourceError:
            models = None
    tables = load_run(out_dir)
    payload = build_payload(tables, models, country_names(models))
    payload["outlines"] = world_outlines(models)
    html = build_html(payload)
    target = target or out_dir / REPORT_NAME
    write_atomic(target, html.encode("utf-8"))
    return target
