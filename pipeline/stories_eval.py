"""Scoring of same-story decisions: pairwise precision, recall and F1 over pairs of briefs.

Two briefs are predicted to report the same event when one event of each
carries the same `story_id`. Gold pairs come from either

- a pairs file (`tests/golden/stories/pairs.jsonl`): `{"a": id, "b": id, "same": bool}`
  with ids matched to the run's `source_id`; only the listed pairs are scored;
- a gold set whose events carry a `"story"` label (`tests/golden/dev/world/gold.jsonl`):
  every pair of gold briefs is scored, same when they share a label.

A gold brief is found in the run like `pipeline.evaluate` does (same headline,
lede starting with `lede_start`).
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .evaluate import Counts


@dataclass
class PairScore(Counts):
    """Counts of pairwise decisions (precision, recall and F1 as `evaluate.Counts`), the true
    negatives, and the pairs that went wrong."""

    tn: int = 0
    wrong: list[str] | None = None

    def line(self, name: str) -> str:
        return (f"{name:<24}P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})")

    def figures(self, prefix: str = "story") -> dict[str, float]:
        return {f"{prefix}_precision": round(self.precision, 4), f"{prefix}_recall": round(self.recall, 4),
                f"{prefix}_f1": round(self.f1, 4)}


def _stories_of(events: pd.DataFrame) -> dict[str, set[str]]:
    """brief_id → the story ids of its events."""
    out: dict[str, set[str]] = {}
    for brief_id, sid in zip(events["brief_id"], events["story_id"]):
        if isinstance(sid, str):
            out.setdefault(brief_id, set()).add(sid)
    return out


def score_decisions(gold: list[tuple[str, str, bool]], stories: dict[str, set[str]]) -> PairScore:
    """Score (brief a, brief b, same?) gold pairs against the run's stories per brief id."""
    score = PairScore(wrong=[])
    for a, b, same in gold:
        predicted = bool(stories.get(a, set()) & stories.get(b, set()))
        if predicted and same:
            score.tp += 1
        elif predicted:
            score.fp += 1
            score.wrong.append(f"merged, but different events: {a} {b}")
        elif same:
            score.fn += 1
            score.wrong.append(f"not merged, but one event: {a} {b}")
        else:
            score.tn += 1
    return score


def score_pairs_file(pairs_path: Path, briefs: pd.DataFrame, events: pd.DataFrame) -> PairScore:
    """Score a pairs file against a run whose briefs carry the pairs' ids as `source_id`."""
    by_source_id = dict(zip(briefs["source_id"], briefs["brief_id"]))
    stories = _stories_of(events)
    gold = []
    with pairs_path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                pair = json.loads(line)
                gold.append((by_source_id.get(pair["a"], pair["a"]), by_source_id.get(pair["b"], pair["b"]),
                             bool(pair["same"])))
    score = score_decisions(gold, stories)
    names = {v: k for k, v in by_source_id.items()}
    score.wrong = [" ".join(names.get(w, w) for w in item.split(" ")) for item in score.wrong]
    return score


def score_gold_stories(gold: list[dict], briefs: pd.DataFrame, events: pd.DataFrame) -> PairScore | None:
    """Score every pair of briefs of a gold set whose events have `"story"` labels; None if it has none."""
    from .evaluate import _match_briefs

    labels = {g["index"]: {e["story"] for e in g.get("events", []) if e.get("story")} for g in gold}
    if not any(labels.values()):
        return None
    found = _match_briefs(gold, briefs)
    stories = _stories_of(events)
    pairs = []
    for x, y in itertools.combinations(sorted(labels), 2):
        a, b = found.get(x, f"gold-{x}"), found.get(y, f"gold-{y}")
        pairs.append((a, b, bool(labels[x] & labels[y])))
    score = score_decisions(pairs, stories)
    index_of = {v: f"brief {k}" for k, v in found.items()}
    score.wrong = [" ".join(index_of.get(w, w) for w in item.split(" ")) for item in score.wrong]
    return score
