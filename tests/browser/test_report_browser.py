"""The report in a real browser: headless Chromium over the seed report and a hostile one."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from pipeline.report.tables import missing_reasons

from .conftest import open_report, wait_for


def _fold(text: str) -> str:
    """The page's folding for search: accents off, lower case."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def _shown(driver) -> int:
    return int(driver.find_element("id", "shown-count").get_attribute("data-count"))


def _set(driver, element_id: str, value: str) -> None:
    """Set a filter control as a user would, firing the events the page listens to."""
    driver.execute_script(
        "var e = document.getElementById(arguments[0]); e.value = arguments[1];"
        "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));",
        element_id, value)


def _reset(driver) -> None:
    driver.find_element("id", "f-reset").click()
    wait_for(driver, "document.getElementById('f-search').value === '' && "
                     "+document.getElementById('shown-count').dataset.count === window.__report.events")


def _full_text(brief) -> str:
    return f"{brief.headline}\n{brief.text}" if isinstance(brief.headline, str) and brief.headline else brief.text


def test_seed_report_rows_match_events_csv(browser, seed_report):
    events = pd.read_csv(seed_report / "events.csv")
    state = open_report(browser, seed_report / "report.html")
    assert state["events"] == len(events)
    assert _shown(browser) == len(events)
    # rows are rendered on demand: scroll through the table and collect every row drawn
    seen = set()
    for top in range(0, len(events) * 30 + 30, 150):
        browser.execute_script("var v = document.getElementById('viewport'); v.scrollTop = arguments[0];"
                               "v.dispatchEvent(new Event('scroll'));", top)
        seen |= set(browser.execute_script(
            "return Array.from(document.querySelectorAll('#viewport .row[data-event]')).map(r => +r.dataset.event)"))
    assert seen == set(range(len(events)))
    # the table keeps the order of events.csv: row n shows event n's trigger
    browser.execute_script("document.getElementById('viewport').scrollTop = 0")
    first = wait_for(browser, "document.querySelector('#viewport .row[data-event=\"0\"]')")
    cells = first.find_elements("css selector", "div")
    assert cells[3].text == events.iloc[0]["trigger"]
    assert cells[7].text == "1"


def test_seed_report_type_filter_and_search(browser, seed_report):
    events = pd.read_csv(seed_report / "events.csv")
    briefs = pd.read_csv(seed_report / "briefs.csv").set_index("brief_id")
    open_report(browser, seed_report / "report.html")
    wait_for(browser, "document.documentElement.dataset.texts === '1'")
    top_type = events["event_type"].value_counts().index[0]
    type_index = browser.execute_script(
        "return Array.from(document.getElementById('f-type').options).find(o => o.text.startsWith(arguments[0])).value",
        top_type)
    _set(browser, "f-type", type_index)
    expected = events[events["event_type"] == top_type]
    wait_for(browser, f"+document.getElementById('shown-count').dataset.count === {len(expected)}")
    shown_types = {r.find_elements("css selector", "div")[1].text
                   for r in browser.find_elements("css selector", "#viewport .row:not([hidden])")}
    assert shown_types == {top_type}

    # a word of the first matching brief, searched within the type filter
    word = max(_full_text(briefs.loc[expected.iloc[0]["brief_id"]]).split(), key=len).strip(".,;:«»()")
    fields = ("trigger", "actor", "partner", "place", "event_date")
    hits = [e for e in expected.itertuples()
            if _fold(word) in _fold("\n".join([_full_text(briefs.loc[e.brief_id]),
                                               *(str(getattr(e, f)) for f in fields if pd.notna(getattr(e, f)))]))]
    _set(browser, "f-search", word)
    wait_for(browser, f"+document.getElementById('shown-count').dataset.count === {len(hits)}")
    assert 1 <= len(hits) <= len(expected)
    _reset(browser)


def test_seed_report_sorts_by_confidence(browser, seed_report):
    events = pd.read_csv(seed_report / "events.csv")
    open_report(browser, seed_report / "report.html")
    browser.find_element("css selector", "#table-head [data-sort='conf']").click()
    browser.find_element("css selector", "#table-head [data-sort='conf']").click()  # descending
    first = browser.find_element("css selector", "#viewport .row[data-event]:not([hidden])")
    top = float(browser.execute_script(
        "var rows = Array.from(document.querySelectorAll('#viewport .row[data-event]'));"
        "rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)); return rows[0].children[6].textContent"))
    assert top == pytest.approx(events["confidence"].max(), abs=0.005)
    assert first is not None


def test_seed_report_opens_a_brief_with_its_highlights(browser, seed_report):
    events = pd.read_csv(seed_report / "events.csv")
    mentions = pd.read_csv(seed_report / "mentions.csv")
    open_report(browser, seed_report / "report.html")
    # the event with the most arguments filled in
    filled = events[["actor", "place", "event_date", "quantity_value"]].notna().sum(axis=1)
    n = int(filled.idxmax())
    event = events.iloc[n]
    browser.execute_script("document.getElementById('viewport').scrollTop = arguments[0] * 30 - 60", n)
    row = wait_for(browser, f"document.querySelector('#viewport .row[data-event=\"{n}\"]')")
    row.click()
    wait_for(browser, "!document.getElementById('detail').hidden && document.querySelectorAll('#brief mark').length")
    marks = {}
    for mark in browser.find_elements("css selector", "#brief mark"):
        label = mark.find_element("css selector", ".label").text if mark.find_elements("css selector", ".label") else ""
        marks.setdefault(mark.get_attribute("data-kind"), []).append(mark.text.removesuffix(label).strip())
    assert marks["trigger"] == [event["trigger"]]
    brief_mentions = mentions[mentions["brief_id"] == event["brief_id"]]
    if pd.notna(event["place"]):
        assert marks["place"][0] in set(brief_mentions[brief_mentions["kind"] == "LOC"]["text"])
    if pd.notna(event["event_date"]):
        dates = brief_mentions[(brief_mentions["kind"] == "DATE") & (brief_mentions["normalized"] == event["event_date"])]
        assert marks["date"][0] in set(dates["text"])
    if pd.notna(event["quantity_value"]):
        assert marks["quantity"][0] in set(brief_mentions[brief_mentions["kind"] == "QUANTITY"]["text"])
    colours = {browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", m)
               for m in browser.find_elements("css selector", "#brief mark")}
    assert len(colours) == len(marks)  # one colour per kind
    reasons = [li.text for li in browser.find_elements("css selector", "#missing li")]
    missing = pd.read_parquet(seed_report / "events.parquet")["missing"].iloc[n]
    assert reasons == missing_reasons(missing if missing is not None else None)


def test_seed_report_draws_chart_and_map_and_saves_a_screenshot(browser, seed_report, tmp_path):
    open_report(browser, seed_report / "report.html")
    wait_for(browser, "document.documentElement.dataset.drawn === '1'")
    assert browser.find_elements("css selector", "#chart rect")
    assert browser.find_elements("css selector", "#map circle.map-point")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    shot = tmp_path / "seed-report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_extract_writes_the_report_and_spreadsheet_safe_tables(hostile_run):
    assert (hostile_run / "report.html").is_file()
    safe = pd.read_csv(hostile_run / "briefs.xlsx-safe.csv", dtype=str)
    exact = pd.read_csv(hostile_run / "briefs.csv", dtype=str)
    assert exact["headline"].str.startswith("=").any()  # the formula reached the exact table as it was
    assert not safe["headline"].dropna().str.match(r"[=+\-@]").any()
    assert (safe["headline"].dropna().str.removeprefix("'") == exact["headline"].dropna()).all()


def test_hostile_report_shows_markup_as_text_and_runs_nothing(browser, hostile_run):
    briefs = pd.read_csv(hostile_run / "briefs.csv")
    events = pd.read_csv(hostile_run / "events.csv")
    assert briefs["text"].str.contains("<script>").any() and briefs["text"].str.contains("onerror=").any()
    assert briefs["text"].str.contains("</script>").any() and briefs["text"].str.contains("javascript:").any()
    state = open_report(browser, hostile_run / "report.html")
    assert state["events"] == len(events) == _shown(browser)
    wait_for(browser, "document.documentElement.dataset.drawn === '1' && document.documentElement.dataset.texts === '1'")
    for n in range(len(events)):  # open every brief
        browser.find_element("css selector", f"#viewport .row[data-event='{n}']").click()
        shown = browser.find_element("id", "brief").text
        brief = briefs[briefs["brief_id"] == events.iloc[n]["brief_id"]].iloc[0]
        assert brief["text"].split()[0] in shown
        for marker in ("<script>", "onerror=", "</script>", "javascript:"):
            if marker in brief["text"]:
                assert marker in shown  # shown as the text it is
    _set(browser, "f-search", "script")
    wait_for(browser, "+document.getElementById('shown-count').dataset.count >= 1")
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.execute_script("return document.querySelectorAll('script').length") == 3  # data, texts, page
    assert not browser.find_elements("css selector", "main img, main a, main iframe, [onerror]")
    assert browser.title == "Briefs report"
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_report_fetches_nothing(browser, seed_report: Path, hostile_run: Path):
    for run in (seed_report, hostile_run):
        open_report(browser, run / "report.html")
        wait_for(browser, "document.documentElement.dataset.drawn === '1' && document.documentElement.dataset.texts === '1'")
        fetched = browser.execute_script(
            "return performance.getEntriesByType('resource').map(r => r.name)"
            ".filter(n => !n.startsWith('data:') && !n.startsWith('blob:'))")
        assert fetched == []
        assert (run / "report.html").read_text(encoding="utf-8").lower().count("</script") == 3


def test_stories_group_events_when_the_run_has_them(browser, seed_report, tmp_path):
    import shutil

    from pipeline.report import write_report

    run = tmp_path / "with-stories"
    shutil.copytree(seed_report, run, ignore=shutil.ignore_patterns(".*", "report.html"))
    events = pd.read_parquet(run / "events.parquet")
    # one story per (type, country): enough to give stories of several briefs
    events["story_id"] = events["event_type"] + ":" + events["country"].fillna("")
    events.to_parquet(run / "events.parquet", index=False)
    write_report(run)
    open_report(browser, run / "report.html")
    wait_for(browser, "document.documentElement.dataset.drawn === '1'")
    assert browser.find_element("id", "stories-section").is_displayed()
    rows = browser.find_elements("css selector", "#stories .story:not(.head)")
    assert len(rows) == events["story_id"].nunique()
    per_story = events.groupby("story_id").agg(events=("event_id", "size"), briefs=("brief_id", "nunique"))
    shown = sorted((int(r.find_elements("css selector", "div")[1].text),
                    int(r.find_elements("css selector", "div")[2].text)) for r in rows)
    assert shown == sorted(zip(per_story["events"], per_story["briefs"]))
    first = rows[0].find_elements("css selector", "div")  # most briefs first
    assert int(first[2].text) == per_story["briefs"].max()
    rows[0].click()
    wait_for(browser, f"+document.getElementById('shown-count').dataset.count === {int(first[1].text)}")
