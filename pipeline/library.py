"""The pipeline as a Python library: `pipeline.extract(texts)` returns the three tables.

    >>> import pipeline  # doctest: +SKIP
    >>> tables = pipeline.extract(["Le Kenya a inauguré hier une usine d'engrais à Eldoret."],
    ...                           reference_date="2025-05-06")  # doctest: +SKIP
    >>> tables.mentions[["kind", "text", "date_start"]]  # doctest: +SKIP

Each item is one brief: a string (its text) or a mapping with the fields of a
JSONL record (`text`, and optionally `headline`, `date`, `id`, `source`). The
items go through the very run the CLI makes (`pipeline.run.extract`) over a
temporary JSONL file, so the rows are those the CLI writes for the same records;
the tables are read back from its Parquet files as pandas DataFrames. The
spaCy pipeline is loaded on the first call and kept for the next ones.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .accounting import RunSummary
from .engines.local import LocalEngine
from .records import SCHEMAS
from .resources import models_dir
from .run import RunOptions
from .run import extract as run_extract

FIELDS = ("id", "headline", "text", "date", "source")
DEFAULT_SOURCE = "python"

_engines: dict[Path, LocalEngine] = {}  # one loaded pipeline per models folder, kept across calls


@dataclass
class Tables:
    """The tables of one `extract` call, as the CLI writes them (its Parquet files, read with pandas)."""

    briefs: pd.DataFrame
    mentions: pd.DataFrame
    events: pd.DataFrame
    # Items that gave no brief: `item` is the 0-based position in the input, `reason` why
    # (empty text, not French, duplicate of an earlier item, extraction failed…).
    rejected: pd.DataFrame
    summary: RunSummary


def extract(
    items: Iterable[str | Mapping],
    reference_date: dt.date | str | None = None,
    *,
    models: str | Path | None = None,
    batch_size: int = 256,
    workers: int = 1,
    source: str = DEFAULT_SOURCE,
) -> Tables:
    """Extract briefs, mentions and events from `items`; return them as DataFrames.

    `reference_date` (a date or "YYYY-MM-DD") resolves relative dates of items
    that carry no `date` of their own, like `--reference-date`. `source` fills
    the `source` column of items without one. `workers` > 1 uses worker
    processes (each loads the model; call from under `if __name__ == "__main__":`).
    Raises `RunError` when no item gives a brief.
    """
    if isinstance(reference_date, str):
        reference_date = dt.date.fromisoformat(reference_date)
    folder = models_dir(models)
    with tempfile.TemporaryDirectory(prefix="briefs-") as tmp:
        feed = Path(tmp) / "items.jsonl"
        feed.write_text("".join(json.dumps(record(item, source), ensure_ascii=False) + "\n" for item in items),
                        encoding="utf-8")
        options = RunOptions(inputs=[feed], out_dir=Path(tmp) / "out", reference_date=reference_date,
                             models=folder, batch_size=batch_size, progress=False, workers=workers)
        engine = None
        if workers == 1:
            if folder not in _engines:
                _engines[folder] = LocalEngine.from_models(folder, batch_size)
            engine = _engines[folder]
            engine.stages.nlp.batch_size = batch_size
        summary = run_extract(options, engine=engine)
        tables = {name: pd.read_parquet(options.out_dir / f"{name}.parquet") for name in SCHEMAS}
    rejected = pd.DataFrame(
        [{"item": r.record - 1 if r.record is not None else None, "reason": r.reason} for r in summary.rejections],
        columns=["item", "reason"],
    )
    return Tables(tables["briefs"], tables["mentions"], tables["events"], rejected, summary)


def record(item: str | Mapping, source: str = DEFAULT_SOURCE) -> dict:
    """The JSONL record of one input item (a text, or a mapping with brief fields).

    >>> record("Le Chili a signé.")
    {'text': 'Le Chili a signé.', 'source': 'python'}
    >>> record({"headline": "Titre", "text": "Le lede.", "date": dt.date(2025, 3, 1)})
    {'headline': 'Titre', 'text': 'Le lede.', 'date': '2025-03-01', 'source': 'python'}
    """
    if isinstance(item, str):
        return {"text": item, "source": source}
    if not isinstance(item, Mapping):
        if not isinstance(getattr(item, "text", None), str):
            raise TypeError(f"an item is a text, a mapping or a Brief with a 'text', not {type(item).__name__}")
        # A `records.Brief` (or any object with these attributes).
        item = {"headline": getattr(item, "headline", None), "text": item.text,
                "date": getattr(item, "reference_date", None), "id": getattr(item, "source_id", None),
                "source": getattr(item, "source", None)}
    out = {}
    for key in FIELDS:
        value = item.get(key)
        if key == "date" and value is None:
            value = item.get("reference_date")
        if isinstance(value, dt.date):
            value = value.isoformat()
        if value is not None:
            out[key] = value
    out.setdefault("source", source)
    return out
