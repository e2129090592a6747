"""Evaluate: score a run's tables against gold briefs, by the rules of docs/annotation.md.

Lists (organisations, places, dates, quantities) are compared per brief as sets
after folding case, accents, typographic apostrophes and a leading article;
precision, recall and F1 are summed over briefs. Each gold event is paired with
a predicted event of the same brief (same type first, then highest confidence)
and each of its fields is scored for exact agreement.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .lexicons.text import fold as fold_name

EVENT_FIELDS = ("type", "date", "actor", "actor_country", "partner", "place", "country", "quantities")
_ARTICLE = re.compile(r"^(?:(?:les|le|la|un|une|des|du)\s+|l'\s*)")


def fold(text: str | None) -> str:
    """Fold for comparison: the gazetteers' key (lower case, no accents, straight
    apostrophes, one space) without a leading article.

    >>> fold("L’Union européenne")
    'union europeenne'
    """
    if text is None:
        return ""
    return _ARTICLE.sub("", fold_name(str(text)), count=1).strip()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Scores of one evaluation, with the per-brief differences that explain them."""

    lists: dict[str, Counts] = field(default_factory=dict)
    events: dict[str, list[bool]] = field(default_factory=dict)
    segmentation: dict[str, int | bool] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    # (gold type, predicted type or None, predicted confidence) for every gold event
    types: list[tuple[str, str | None, float | None]] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """Flat figures (the keys of floors.json): `<list>_f1` and `event_<field>`."""
        out: dict[str, float] = {}
        for name, c in self.lists.items():
            out[f"{name}_precision"] = round(c.precision, 4)
            out[f"{name}_recall"] = round(c.recall, 4)
            out[f"{name}_f1"] = round(c.f1, 4)
        for name, agree in self.events.items():
            out[f"event_{name}"] = round(sum(agree) / len(agree), 4) if agree else 1.0
        out["segmentation"] = 1.0 if self.segmentation.get("ok") else 0.0
        return out

    def table(self) -> str:
        lines = [f"{'metric':<24}{'P':>8}{'R':>8}{'F1':>8}"]
        for name, c in self.lists.items():
            lines.append(f"{name:<24}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}")
        lines.append(f"{'event field':<24}{'accuracy':>24}")
        for name, agree in self.events.items():
            acc = sum(agree) / len(agree) if agree else 1.0
            lines.append(f"{'event ' + name:<24}{acc:>24.3f}")
        seg = self.segmentation
        lines.append(
            f"{'segmentation':<24}{'ok' if seg.get('ok') else 'FAILED':>24}"
            f"  ({seg.get('matched', 0)}/{seg.get('gold', 0)} briefs, {seg.get('predicted', 0)} predicted)"
        )
        return "\n".join(lines)


def load_gold(path: Path) -> list[dict]:
    """Read gold briefs (one JSON object per line)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_run(out_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read the briefs, mentions and events tables of a run (Parquet)."""
    return tuple(pd.read_parquet(out_dir / f"{name}.parquet") for name in ("briefs", "mentions", "events"))


def _match_briefs(gold: list[dict], briefs: pd.DataFrame) -> dict[int, str]:
    """Pair each gold brief with a predicted brief: same headline, lede starting as `lede_start`."""
    by_headline: dict[str, list[tuple[str, str]]] = {}
    for row in briefs.itertuples():
        headline = fold(row.headline) if isinstance(row.headline, str) else ""
        by_headline.setdefault(headline, []).append((fold(row.text[:60]), row.brief_id))
    out = {}
    for g in gold:
        start = fold(g["lede_start"])
        for lede, brief_id in by_headline.get(fold(g["headline"]) if g["headline"] else "", []):
            if lede.startswith(start):
                out[g["index"]] = brief_id
                break
    return out


def _score_names(gold_items: list[dict], predicted: set[str]) -> tuple[int, int, int]:
    gold_keys = [{fold(g["name"]), *(fold(a) for a in g.get("aliases", []))} for g in gold_items]
    matched_gold = sum(1 for keys in gold_keys if keys & predicted)
    unmatched_pred = sum(1 for p in predicted if not any(p in keys for keys in gold_keys))
    return matched_gold, unmatched_pred, len(gold_keys) - matched_gold


def _same_quantity(a: tuple[float, str], b: tuple[float, str]) -> bool:
    return fold(a[1]) == fold(b[1]) and math.isclose(a[0], b[0], rel_tol=1e-6)


def _score_quantities(gold_items: list[dict], predicted: list[tuple[float, str]]) -> tuple[int, int, int]:
    gold_q = [(float(g["value"]), g["unit"]) for g in gold_items]
    tp = sum(1 for g in gold_q if any(_same_quantity(g, p) for p in predicted))
    fp = sum(1 for p in predicted if not any(_same_quantity(g, p) for g in gold_q))
    return tp, fp, len(gold_q) - tp


def _none_if_nan(value):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return value


def _pick_event(gold_event: dict, candidates: pd.DataFrame):
    if candidates.empty:
        return None
    same = candidates[candidates["event_type"] == gold_event["type"]]
    pool = same if not same.empty else candidates
    return pool.sort_values("confidence", ascending=False, kind="stable").iloc[0]


def _event_agreement(gold_event: dict, pred) -> dict[str, bool]:
    if pred is None:
        return {name: False for name in EVENT_FIELDS}
    values = {
        "type": pred["event_type"],
        "date": pred["event_date"],
        "actor": pred["actor"],
        "actor_country": pred["actor_country"],
        "partner": pred["partner"],
        "place": pred["place"],
        "country": pred["country"],
    }
    out = {}
    for name, value in values.items():
        g, p = gold_event.get(name), _none_if_nan(value)
        out[name] = (g is None and p is None) or (g is not None and p is not None and fold(g) == fold(p))
    gold_q = [(float(q["value"]), q["unit"]) for q in gold_event.get("quantities", [])]
    value, unit = _none_if_nan(pred["quantity_value"]), _none_if_nan(pred["quantity_unit"])
    if value is None:
        out["quantities"] = not gold_q
    else:
        out["quantities"] = any(_same_quantity(g, (float(value), unit or "")) for g in gold_q)
    return out


def evaluate(gold: list[dict], briefs: pd.DataFrame, mentions: pd.DataFrame, events: pd.DataFrame) -> Report:
    """Score predicted tables against gold briefs; see the module docstring for the rules."""
    report = Report(lists={k: Counts() for k in ("organisations", "places", "dates", "quantities")})
    report.events = {name: [] for name in EVENT_FIELDS}
    pairs = _match_briefs(gold, briefs)
    sources = set(briefs.loc[briefs["brief_id"].isin(pairs.values()), "source"])
    predicted_count = int(briefs["source"].isin(sources).sum()) if sources else 0
    report.segmentation = {
        "gold": len(gold),
        "matched": len(pairs),
        "predicted": predicted_count,
        "ok": len(pairs) == len(gold) and predicted_count == len(gold),
    }
    by_brief = {k: g for k, g in mentions.groupby("brief_id")} if not mentions.empty else {}
    ev_by_brief = {k: g for k, g in events.groupby("brief_id")} if not events.empty else {}
    empty_m = mentions.iloc[0:0]
    for g in gold:
        bid = pairs.get(g["index"])
        if bid is None:
            report.errors.append(f"brief {g['index']}: not found in run")
        m = by_brief.get(bid, empty_m)
        orgs = {fold(x) for x in m.loc[m["kind"] == "ORG", "normalized"].dropna()}
        places = {fold(x) for x in m.loc[m["kind"] == "LOC", "normalized"].dropna()}
        dates = {x for x in m.loc[m["kind"] == "DATE", "normalized"].dropna()}
        qrows = m[(m["kind"] == "QUANTITY") & m["value"].notna()]
        quantities = list({(float(v), u or "") for v, u in zip(qrows["value"], qrows["unit"].fillna(""))})
        report.lists["organisations"].add(*_score_names(g["organisations"], orgs))
        report.lists["places"].add(*_score_names(g["places"], places))
        gold_dates = {d["value"] for d in g["dates"]}
        report.lists["dates"].add(len(gold_dates & dates), len(dates - gold_dates), len(gold_dates - dates))
        report.lists["quantities"].add(*_score_quantities(g["quantities"], quantities))
        candidates = ev_by_brief.get(bid, events.iloc[0:0])
        for gold_event in g["events"]:
            pred = _pick_event(gold_event, candidates)
            for name, ok in _event_agreement(gold_event, pred).items():
                report.events[name].append(ok)
            report.types.append(
                (gold_event["type"], None, None) if pred is None
                else (gold_event["type"], str(pred["event_type"]), float(pred["confidence"]))
            )
    return report


def diff(
    gold: list[dict], briefs: pd.DataFrame, mentions: pd.DataFrame, events: pd.DataFrame | None = None
) -> Iterable[str]:
    """Human-readable per-brief differences: list items missed and extra, then (with `events`)
    every event field that disagrees with the gold, as `event <field>: gold … predicted …`."""
    pairs = _match_briefs(gold, briefs)
    for g in gold:
        bid = pairs.get(g["index"])
        m = mentions[mentions["brief_id"] == bid]
        if events is not None:
            yield from _event_diff(g, events[events["brief_id"] == bid])
        for kind, key, items in (("ORG", "name", g["organisations"]), ("LOC", "name", g["places"])):
            pred = {fold(x) for x in m.loc[m["kind"] == kind, "normalized"].dropna()}
            gold_keys = {fold(i[key]) for i in items} | {fold(a) for i in items for a in i.get("aliases", [])}
            for i in items:
                if not ({fold(i[key])} | {fold(a) for a in i.get("aliases", [])}) & pred:
                    yield f"brief {g['index']}: missed {kind} {i[key]!r}"
            for p in sorted(pred - gold_keys):
                yield f"brief {g['index']}: extra {kind} {p!r}"


_PRED_COLUMN = {"type": "event_type", "date": "event_date"}


def _event_diff(g: dict, candidates: pd.DataFrame) -> Iterable[str]:
    """The event fields of one gold brief that the picked predicted event gets wrong."""
    for gold_event in g["events"]:
        pred = _pick_event(gold_event, candidates)
        for name, ok in _event_agreement(gold_event, pred).items():
            if ok:
                continue
            if name == "quantities":
                got = None if pred is None else (_none_if_nan(pred["quantity_value"]), _none_if_nan(pred["quantity_unit"]))
                want = [(q["value"], q["unit"]) for q in gold_event.get("quantities", [])]
            else:
                got = None if pred is None else _none_if_nan(pred[_PRED_COLUMN.get(name, name)])
                want = gold_event.get(name)
            yield f"brief {g['index']}: event {name}: gold {want!r}, predicted {got!r}"


# Confidence bands an analyst filters on (README, "Confidence"): lower bound → label.
BANDS = ((0.8, "≥ 0.8"), (0.5, "0.5-0.8"), (0.0, "< 0.5"))


def band_of(confidence: float) -> str:
    """The confidence band label of an event.

    >>> band_of(0.8), band_of(0.79), band_of(0.1)
    ('≥ 0.8', '0.5-0.8', '< 0.5')
    """
    return next(label for low, label in BANDS if confidence >= low)


def combine(reports: Iterable[Report]) -> Report:
    """One report over several sets: counts and agreements added up, as if one set.

    The segmentation is ok only when it is ok in every set.
    """
    total = Report(lists={}, events={})
    seg = {"gold": 0, "matched": 0, "predicted": 0, "ok": True}
    for r in reports:
        for name, c in r.lists.items():
            total.lists.setdefault(name, Counts()).add(c.tp, c.fp, c.fn)
        for name, agree in r.events.items():
            total.events.setdefault(name, []).extend(agree)
        for key in ("gold", "matched", "predicted"):
            seg[key] += int(r.segmentation.get(key, 0))
        seg["ok"] = seg["ok"] and bool(r.segmentation.get("ok"))
        total.errors.extend(r.errors)
        total.types.extend(r.types)
    total.segmentation = seg
    return total


def confusion(report: Report) -> str:
    """Event-type confusion matrix: one row per gold type, one column per predicted type
    (`-` where the brief has no predicted event), counts of gold events."""
    from .records import EVENT_TYPES

    gold_types = [t for t in EVENT_TYPES if any(g == t for g, _, _ in report.types)]
    pred_types = [t for t in EVENT_TYPES if any(p == t for _, p, _ in report.types)]
    if any(p is None for _, p, _ in report.types):
        pred_types.append(None)
    short = {t: (t or "-")[:6] for t in pred_types}
    lines = ["gold \\ predicted".ljust(20) + "".join(f"{short[t]:>7}" for t in pred_types)]
    for g in gold_types:
        row = [sum(1 for gt, pt, _ in report.types if gt == g and pt == p) for p in pred_types]
        lines.append(g[:19].ljust(20) + "".join(f"{n or '.':>7}" for n in row))
    return "\n".join(lines)


def bands(report: Report) -> list[tuple[str, int, float | None]]:
    """Type precision by confidence band over the events paired with a gold event:
    (band, events in it, share whose type is the gold type; None when the band is empty)."""
    out = []
    for _, label in BANDS:
        rows = [(g, p) for g, p, c in report.types if p is not None and band_of(c) == label]
        out.append((label, len(rows), sum(g == p for g, p in rows) / len(rows) if rows else None))
    return out


def bands_table(report: Report) -> str:
    lines = [f"{'confidence band':<24}{'events':>8}{'type precision':>16}"]
    for label, n, precision in bands(report):
        lines.append(f"{label:<24}{n:>8}{'-' if precision is None else f'{precision:.3f}':>16}")
    return "\n".join(lines)


@dataclass(frozen=True)
class GoldSet:
    """One gold set: the input a run reads and the gold file it is scored against."""

    name: str
    input: Path
    gold: Path

    @property
    def is_dev(self) -> bool:
        return self.name.startswith("dev/")


def load_sets(path: Path, root: Path | None = None) -> list[GoldSet]:
    """Read the list of gold sets (TSV: name, input, gold; `#` comments), paths relative to `root`
    (default: the folder above `tests/`, i.e. the repository's top for `tests/golden/sets.tsv`)."""
    root = root if root is not None else path.resolve().parent.parent.parent
    sets = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        name, input_, gold = line.split("\t")
        sets.append(GoldSet(name, root / input_, root / gold))
    return sets


def set_figures(name: str, report: Report) -> dict[str, float]:
    """The flat figures of one set, keyed as in floors.json: the seed's unprefixed
    (`event_type`), every other set's prefixed with its name (`dev/africa:event_type`)."""
    prefix = "" if name == "seed" else f"{name}:"
    return {f"{prefix}{k}": v for k, v in report.figures().items()}
