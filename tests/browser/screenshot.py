"""The README's picture of a report: a brief opened with its highlights, in headless Chromium.

    .venv/bin/python -m tests.browser.screenshot [RUN_FOLDER] [PNG]   (default: outputs docs/report-seed.png)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .conftest import open_report, wait_for
from .driver import start_browser


def screenshot(report: Path, target: Path, event: int = 5) -> Path:
    """Open `report`, click event row `event` and save the window as a PNG at `target`."""
    with tempfile.TemporaryDirectory(prefix="report-shot-") as profile:
        driver = start_browser(Path(profile))
        try:
            driver.set_window_size(1280, 1700)
            open_report(driver, report)
            wait_for(driver, "document.documentElement.dataset.drawn === '1' && document.documentElement.dataset.texts === '1'")
            driver.find_element("css selector", f"#viewport .row[data-event='{event}']").click()
            wait_for(driver, "!document.getElementById('detail').hidden")
            target.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(target))
        finally:
            driver.quit()
    return target


if __name__ == "__main__":
    run = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("outputs")
    print(screenshot(run / "report.html", Path(sys.argv[2]) if len(sys.argv) > 2 else Path("docs/report-seed.png")))
