"""Scoring helpers: totals over sets, the confusion matrix, confidence bands, the list of sets."""

from __future__ import annotations

from pathlib import Path

from pipeline.evaluate import Counts, Report, bands, combine, confusion, load_sets, set_figures

ROOT = Path(__file__).resolve().parent.parent.parent


def _report(tp: int, types: list[tuple[str, str | None, float | None]], ok: bool = True) -> Report:
    return Report(
        lists={"places": Counts(tp, 1, 0)},
        events={"type": [g == p for g, p, _ in types]},
        segmentation={"gold": len(types), "matched": len(types), "predicted": len(types), "ok": ok},
        types=types,
    )


def test_combine_adds_counts_and_agreements():
    a = _report(3, [("agreement", "agreement", 0.9)])
    b = _report(1, [("investment", "agreement", 0.6), ("production", None, None)], ok=False)
    total = combine([a, b])
    assert (total.lists["places"].tp, total.lists["places"].fp) == (4, 2)
    assert total.events["type"] == [True, False, False]
    assert total.segmentation == {"gold": 3, "matched": 3, "predicted": 3, "ok": False}


def test_bands_give_type_precision_per_band():
    r = _report(0, [("agreement", "agreement", 0.95), ("investment", "agreement", 0.85),
                    ("production", "production", 0.6), ("other", None, None)])
    assert bands(r) == [("≥ 0.8", 2, 0.5), ("0.5-0.8", 1, 1.0), ("< 0.5", 0, None)]


def test_confusion_counts_gold_against_predicted():
    r = _report(0, [("agreement", "agreement", 0.9), ("agreement", "investment", 0.9), ("investment", None, None)])
    rows = {line.split()[0]: line.split()[1:] for line in confusion(r).splitlines()[1:]}
    # columns: agreement, investment, no event
    assert rows["agreement"] == ["1", "1", "."]
    assert rows["investment"] == [".", ".", "1"]


def test_sets_file_names_existing_inputs_and_gold():
    sets = load_sets(ROOT / "tests" / "golden" / "sets.tsv")
    assert [s.name for s in sets][0] == "seed"
    assert {s.name for s in sets if s.is_dev} == {"dev/central-asia", "dev/africa", "dev/world"}
    for s in sets:
        assert s.input.is_file() and s.gold.is_file(), s


def test_set_figures_prefix_all_but_the_seed():
    r = _report(1, [("agreement", "agreement", 0.9)])
    assert "event_type" in set_figures("seed", r)
    assert "dev/africa:event_type" in set_figures("dev/africa", r)


def test_diff_names_each_event_field_that_disagrees():
    import pandas as pd

    from pipeline.evaluate import diff

    gold = [{
        "index": 1, "headline": "Tallinn commande des tramways", "lede_start": "La ville",
        "organisations": [], "places": [],
        "events": [{"type": "procurement", "date": "2025-02-03", "actor": "Estonie", "actor_country": "EE",
                    "partner": "Škoda", "place": None, "country": "EE",
                    "quantities": [{"value": 12, "unit": "tramway"}]}],
    }]
    briefs = pd.DataFrame([{"brief_id": "b1", "headline": "Tallinn commande des tramways",
                            "text": "La ville de Tallinn a commandé douze tramways.", "source": "s"}])
    mentions = pd.DataFrame(columns=["brief_id", "kind", "normalized"])
    events = pd.DataFrame([{"brief_id": "b1", "event_type": "procurement", "event_date": "2025-02-03",
                            "actor": "Tallinn", "actor_country": "EE", "partner": "Škoda", "place": None,
                            "country": "EE", "quantity_value": 12.0, "quantity_unit": "tramway",
                            "confidence": 0.9}])
    lines = list(diff(gold, briefs, mentions, events))
    assert lines == ["brief 1: event actor: gold 'Estonie', predicted 'Tallinn'"]
    assert list(diff(gold, briefs, mentions)) == []
