"""Fixtures of the browser tests: headless Chromium, the seed report, a hostile report.

Every test in this folder is marked `browser`. Under CI (the CI variable set, as
`.ci/run` runs), a browser test that is skipped, for want of Chromium or
selenium, fails instead: CI installs the browser, so a skip there means the
report went untested.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from .driver import browser_paths, start_browser

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile_briefs.jsonl"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives headless Chromium; a skip fails the run under CI")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and item.get_closest_marker("browser") and os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"browser test skipped under CI, which must run it: {reason}"


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless Chromium for the session, with a fresh profile."""
    pytest.importorskip("selenium", reason="selenium is not installed (pip install -r requirements.lock)")
    if browser_paths() is None:
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    driver = start_browser(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


def open_report(driver, path: Path, timeout: float = 20.0) -> dict:
    """Load a report from file:// and wait until its table is usable; return window.__report."""
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = driver.execute_script("return window.__report || null")
        if state and (state.get("ready") or state.get("error")):
            assert state.get("ready"), f"report failed to load: {state.get('error')}"
            return state
        time.sleep(0.05)
    raise AssertionError(f"{path}: the report was not ready within {timeout} s")


def wait_for(driver, script: str, timeout: float = 20.0):
    """Poll a JavaScript expression until it is truthy; return its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(f"return {script}")
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {script}")


@pytest.fixture(scope="session")
def seed_report(seed_run):
    """The seed run's folder, with its report.html written from its tables."""
    from pipeline.report import write_report

    write_report(seed_run)
    return seed_run


@pytest.fixture(scope="session")
def hostile_run(tmp_path_factory):
    """An extract run, through the command line, over briefs carrying markup, script and formulas."""
    from pipeline.cli import main

    out = tmp_path_factory.mktemp("hostile_run")
    assert main(["extract", str(HOSTILE), "--out", str(out), "--quiet", "--spreadsheet-safe"]) == 0
    return out
