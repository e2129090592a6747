"""A run of 100,000 events: the report stays under 30 MB and its table is usable within 3 s."""

from __future__ import annotations

from .bench_report import measure
from .synthetic import grow_run

EVENTS = 100_000
MAX_MEGABYTES = 30
MAX_READY_MS = 3000


def test_report_of_100k_events_is_small_and_quick(browser, seed_run, tmp_path, capsys):
    run = grow_run(seed_run, tmp_path / "run", EVENTS)
    figures = measure(run, browser)
    with capsys.disabled():
        print("\n" + figures.line())
    assert figures.events == EVENTS
    assert figures.megabytes < MAX_MEGABYTES
    assert figures.ready_ms < MAX_READY_MS
    assert figures.first_filter_ms < MAX_READY_MS
    assert figures.rows_in_dom < 100  # rows are rendered on demand, not 100,000 at once
