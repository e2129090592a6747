"""Every gold set of tests/golden/sets.tsv, extracted and scored: each figure at or above its floor.

The seed's floors are the unprefixed keys of floors.json (checked in test_end_to_end); the
others are `<set>:<metric>`, and `dev:<metric>` for the dev total.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import combine, evaluate, load_gold, load_run, load_sets, set_figures

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
SETS = [s for s in load_sets(GOLDEN / "sets.tsv") if s.name != "seed"]
FLOORS = json.loads((GOLDEN / "floors.json").read_text())


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> dict[str, float]:
    from pipeline.run import RunOptions, extract

    out: dict[str, float] = {}
    dev = []
    for gold_set in SETS:
        run = tmp_path_factory.mktemp(gold_set.name.replace("/", "-"))
        extract(RunOptions(inputs=[gold_set.input], out_dir=run, progress=False))
        report = evaluate(load_gold(gold_set.gold), *load_run(run))
        out.update(set_figures(gold_set.name, report))
        if gold_set.is_dev:
            dev.append(report)
    out.update(set_figures("dev", combine(dev)))
    return out


def test_every_set_has_floors():
    for gold_set in SETS:
        assert any(k.startswith(f"{gold_set.name}:") for k in FLOORS), f"no floor for {gold_set.name}"


@pytest.mark.parametrize("metric", sorted(k for k in FLOORS if ":" in k))
def test_set_score_at_or_above_floor(figures: dict[str, float], metric: str):
    assert figures[metric] >= FLOORS[metric], f"{metric}: {figures[metric]} < floor {FLOORS[metric]}"


def test_eval_exits_non_zero_when_the_briefs_do_not_match_the_gold(seed_run: Path, capsys):
    from pipeline.cli import main

    other_gold = next(s.gold for s in SETS if s.is_dev)
    assert main(["eval", "--gold", str(other_gold), "--out", str(seed_run)]) == 1
    assert "do not match the gold" in capsys.readouterr().err
    assert main(["eval", "--gold", str(GOLDEN / "seed.gold.jsonl"), "--out", str(seed_run)]) == 0
