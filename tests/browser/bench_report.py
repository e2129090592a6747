"""Size and speed of the report for a big run, in headless Chromium.

    .venv/bin/python -m tests.browser.bench_report [--from outputs] [--events 100000]

Grows a synthetic run of N events from a real run's tables (see synthetic.py),
writes its report, opens it from file:// and prints: the file size, the time to
write it, the time from navigation to a usable table (`ready`), to the first
answer of a type filter clicked right then (`first filter`), and to the briefs'
texts being read in the background (`texts`).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .conftest import open_report, wait_for
from .driver import start_browser
from .synthetic import grow_run


@dataclass
class Figures:
    events: int
    megabytes: float
    write_seconds: float
    ready_ms: float
    first_filter_ms: float
    texts_ms: float
    rows_in_dom: int

    def line(self) -> str:
        return (f"report of {self.events:,} events: {self.megabytes:.1f} MB written in {self.write_seconds:.1f} s; "
                f"in headless Chromium: table ready {self.ready_ms:.0f} ms, first filter answered "
                f"{self.first_filter_ms:.0f} ms, texts read {self.texts_ms:.0f} ms after navigation; "
                f"{self.rows_in_dom} rows in the DOM")


def measure(run: Path, driver) -> Figures:
    """Write the report of the run in `run` and time it in `driver`."""
    from pipeline.report import write_report

    started = time.perf_counter()
    path = write_report(run)
    written = time.perf_counter() - started
    state = open_report(driver, path, timeout=60)
    # a user choosing a type as soon as the table shows: the answer time, from navigation start
    driver.execute_script(
        "var e = document.getElementById('f-type'); e.value = e.options[1].value;"
        "e.dispatchEvent(new Event('change', {bubbles: true}));")
    first_filter = driver.execute_script("return performance.now()")
    wait_for(driver, "document.documentElement.dataset.texts === '1'", timeout=60)
    texts = driver.execute_script("return window.__report.textsAt")
    rows = driver.execute_script("return document.querySelectorAll('#viewport .row').length")
    return Figures(state["events"], path.stat().st_size / 1e6, written, state["readyAt"], first_filter, texts, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.browser.bench_report", description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, default=Path("outputs"),
                        help="a run to grow the synthetic one from (default: outputs/)")
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        run = grow_run(args.source, Path(tmp) / "run", args.events)
        driver = start_browser(Path(tmp) / "profile")
        try:
            print(measure(run, driver).line())
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
