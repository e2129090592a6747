"""Shared fixtures: the project pipeline is built once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_65776baa6f31d072.txt"
GOLD = ROOT / "tests" / "golden" / "seed.gold.jsonl"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.annotate import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def normalizer():
    from pipeline.normalize import Normalizer
    from pipeline.resources import models_dir

    return Normalizer.from_models(models_dir())


@pytest.fixture(scope="session")
def brief_mentions(nlp, normalizer):
    """`brief_mentions(text, reference_date=None)`: the mentions of `text` taken as one brief's
    lede, through the normaliser the pipeline uses (a date without year sees the brief's years)."""
    from pipeline.records import Brief

    def run(text: str, reference_date=None):
        brief = Brief(brief_id="test", source="test", source_id=None, index=1, headline=None, text=text,
                      reference_date=reference_date)
        return normalizer.mentions(nlp(text), brief)

    return run


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """One extract run over the seed feed; returns its output folder."""
    from pipeline.run import RunOptions, extract

    out = tmp_path_factory.mktemp("seed_run")
    extract(RunOptions(inputs=[SEED], out_dir=out, progress=False))
    return out


@pytest.fixture(scope="module")
def fast_models(nlp):
    """Patch the loading of the stages to load once per models folder, for every run in a module."""
    from pipeline.events import EventExtractor
    from pipeline.normalize import Normalizer
    from pipeline.stages import Stages

    loaded: dict = {}

    def from_models(cls, models, batch_size=None):
        if models not in loaded:
            loaded[models] = cls(nlp, Normalizer.from_models(models), EventExtractor.from_models(models))
        if batch_size:
            nlp.batch_size = batch_size
        return loaded[models]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Stages, "from_models", classmethod(from_models))
        yield nlp


def big_feed(path: Path, port: str, n: int = 20_000) -> Path:
    """Write a feed of `n` short briefs about a port (long enough to be killed mid-run)."""
    lines = []
    for i in range(n):
        lines.append(f"Brève numéro {i} sur le port de {port}")
        lines.append(f"Le port de {port} a traité {i + 1000} conteneurs le {1 + i % 28} mars 2025, selon l’autorité portuaire.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def kill_while_staging(args: list[str], out: Path, min_bytes: int = 500) -> None:
    """Run `python -m pipeline extract ARGS --out OUT --quiet` and SIGKILL it once its staged
    briefs CSV holds more than `min_bytes` (rows, past the header), before it can commit."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from pipeline.staging import STAGING_PREFIX

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", *args, "--out", str(out), "--quiet"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline, written = time.monotonic() + 120, False
        while time.monotonic() < deadline and child.poll() is None and not written:
            stages = [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)] if out.exists() else []
            written = any(f.stat().st_size > min_bytes for s in stages for f in s.glob("*briefs*.csv*") if f.exists())
            time.sleep(0.05)
        assert child.poll() is None, f"the run ended before it could be killed: {child.stderr.read()!r}"
        assert written, "the run never started writing"
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
