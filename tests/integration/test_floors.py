"""Floors only ever go up: every committed version of floors.json is checked against the next."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLOORS = "tests/golden/floors.json"


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def _history() -> list[dict[str, float]]:
    """floors.json as committed, oldest first, then the working copy."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: no history of floors.json to compare")
    # --first-parent: a merge of parallel branches is one step, not their interleaved commits.
    commits = _git("log", "--first-parent", "--format=%H", "--reverse", "--", FLOORS).split()
    versions = [json.loads(_git("show", f"{c}:{FLOORS}")) for c in commits]
    return versions + [json.loads((ROOT / FLOORS).read_text())]


def test_no_floor_was_ever_lowered_or_dropped():
    history = _history()
    for older, newer in zip(history, history[1:]):
        for metric, floor in older.items():
            assert metric in newer, f"floor {metric} was removed"
            assert newer[metric] >= floor, f"floor {metric} lowered from {floor} to {newer[metric]}"
