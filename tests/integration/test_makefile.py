"""Makefile targets pass paths with spaces and quotes as one argument (`make extract INPUT="Mes dépêches"`)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _commands(target: str, **variables: str) -> list[list[str]]:
    """The shell commands `make -n` would run for a target, split as the shell would split them."""
    args = ["make", "-n", "-C", str(ROOT), target, *(f"{k}={v}" for k, v in variables.items())]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return [shlex.split(line) for line in out.splitlines() if "pipeline" in line or line.startswith("rm ")]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("target", ["extract", "eval", "clean"])
def test_paths_with_spaces_stay_one_argument(target: str):
    commands = _commands(target, INPUT="Mes dépêches/été 2025", OUT="l'équipe/sorties du jour")
    assert commands, "no command found"
    for argv in commands:
        if target == "extract" and "extract" in argv:
            assert argv[argv.index("extract") + 1] == "Mes dépêches/été 2025"
        if "--out" in argv:  # `make eval` writes the sets' runs into OUT/eval
            expected = "l'équipe/sorties du jour" + ("/eval" if target == "eval" else "")
            assert argv[argv.index("--out") + 1] == expected
        if argv[0] == "rm":
            assert "l'équipe/sorties du jour" in argv
