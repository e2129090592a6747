"""Tables must not depend on Python's per-process hash seed (set and dict iteration order)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEED

# A subject and an object that both match the cue's complements ("inaugurer" + agence / bureau):
# which one the trigger takes once depended on set order.
BRIEF = {
    "id": "h1",
    "headline": "Une agence ouvre un bureau à Dakar",
    "text": "L’Agence spatiale du Sénégal (ASS) – principal organisme public du secteur – a inauguré "
    "en grande pompe son bureau régional à Dakar le 3 mars 2025.",
}


def _run(feed: Path, out: Path, hash_seed: str) -> None:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed, PYTHONPATH=str(ROOT))
    subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(feed), str(SEED), "--out", str(out), "--quiet"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )


def test_tables_identical_across_hash_seeds(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(BRIEF, ensure_ascii=False) + "\n", encoding="utf-8")
    for seed in ("0", "1"):
        _run(feed, tmp_path / seed, seed)
    for table in ("briefs", "mentions", "events"):
        assert (tmp_path / "0" / f"{table}.csv").read_bytes() == (tmp_path / "1" / f"{table}.csv").read_bytes()
