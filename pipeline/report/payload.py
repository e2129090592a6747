"""The report's data: a run's tables turned into one compact JSON document for the page.

Repeated texts (types, actors, places, dates, reasons) are stored once in a
string table `S` and events refer to them by index, so 100,000 events stay
small. Events keep the order of `events.csv`. Each event carries the character
spans to highlight in its brief: the trigger, then every argument found in the
brief (through `*_mention_id` when the run has it, else the mention whose value
matches the argument, else the argument's words in the text).
"""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from ..records import EVENT_TYPES
from .tables import RunTables, has_column, missing_reasons

# Highlight kinds, in the order the page's legend shows them. The page colours them.
KINDS = ("trigger", "actor", "partner", "place", "date", "quantity", "evidence")
_K = {k: i for i, k in enumerate(KINDS)}

# Which mentions can hold each argument, and which optional id column names it.
_ARGUMENTS = (
    ("actor", "actor", ("ORG", "PER", "LOC"), "actor_mention_id"),
    ("partner", "partner", ("ORG", "PER", "LOC"), "partner_mention_id"),
    ("place", "place", ("LOC",), "place_mention_id"),
    ("date", "event_date", ("DATE",), "date_mention_id"),
)


class Strings:
    """An interning table: each distinct text once, index 0 meaning 'none'."""

    def __init__(self) -> None:
        self.items: list[str] = [""]
        self._index: dict[str, int] = {"": 0}

    def __call__(self, value) -> int:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return 0
        text = str(value)
        index = self._index.get(text)
        if index is None:
            index = self._index[text] = len(self.items)
            self.items.append(text)
        return index


def _clean(value):
    """None for missing values (None, NaN, NaT), the value otherwise."""
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows as dicts, column by column (much faster than `DataFrame.to_dict` on Arrow-backed columns)."""
    values = [frame[c].tolist() for c in columns]
    return [dict(zip(columns, row)) for row in zip(*values)]


def _iso(value) -> str | None:
    value = _clean(value)
    return None if value is None else str(value)[:10]


def _quantity(value, unit) -> str | None:
    value, unit = _clean(value), _clean(unit)
    if value is None:
        return None
    number = f"{value:,.0f}".replace(",", "\u202f") if float(value).is_integer() else f"{value:g}"
    return f"{number} {unit}" if unit else number


def load_country_points(models: Path | None) -> dict[str, tuple[str, float, float]]:
    """iso2 → (French name, lat, lon) of the point a country-level event is drawn at (its capital).

    Read from `models/report/country_points.tsv` (built by `make data`); empty when absent.
    """
    if models is None or not (models / "report" / "country_points.tsv").is_file():
        return {}
    points = {}
    with open(models / "report" / "country_points.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"):
            points[row["iso2"]] = (row["name_fr"], float(row["lat"]), float(row["lon"]))
    return points


def _mentions_by_brief(mentions: pd.DataFrame) -> dict[str, list[dict]]:
    cols = ["brief_id", "kind", "text", "normalized", "value", "unit", "off_start", "off_end", "lat", "lon"]
    if "mention_id" in mentions.columns:
        cols.append("mention_id")
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in _records(mentions, cols):
        grouped[row["brief_id"]].append(row)
    return grouped


def _nearest(candidates: list[dict], anchor: int) -> dict | None:
    return min(candidates, key=lambda m: abs(m["off_start"] - anchor)) if candidates else None


def _find_text(text: str, needle: str, anchor: int) -> tuple[int, int] | None:
    """The occurrence of `needle` in `text` (case-insensitive) nearest to `anchor`."""
    if not needle or len(needle) < 2:
        return None
    low, low_needle, best = text.lower(), needle.lower(), None
    if len(low) != len(text) or len(low_needle) != len(needle):  # lowering moved offsets ('İ')
        low, low_needle = text, needle
    at = low.find(low_needle)
    while at != -1:
        if best is None or abs(at - anchor) < abs(best - anchor):
            best = at
        at = low.find(low_needle, at + 1)
    return None if best is None else (best, best + len(needle))


def argument_spans(event: dict, brief_mentions: list[dict], text: str) -> tuple[list[int], dict | None]:
    """Flat [kind, start, end, …] spans to highlight for one event, and the mention of its place.

    >>> ev = {"trigger_start": 0, "trigger_end": 5, "actor": "Astana", "partner": None,
    ...       "place": None, "event_date": None, "quantity_value": None, "quantity_unit": None}
    >>> argument_spans(ev, [], "Signé à Astana")[0]
    [0, 0, 5, 1, 8, 14]
    """
    spans: list[int] = []
    anchor = _clean(event.get("trigger_start"))
    if anchor is not None and _clean(event.get("trigger_end")) is not None:
        spans += [_K["trigger"], int(anchor), int(event["trigger_end"])]
    anchor = int(anchor) if anchor is not None else 0
    by_id = {m.get("mention_id"): m for m in brief_mentions if m.get("mention_id") is not None}
    place_mention = None
    for kind, column, mention_kinds, id_column in _ARGUMENTS:
        value = _clean(event.get(column))
        if value is None:
            continue
        found = by_id.get(_clean(event.get(id_column)))
        if found is None:
            same = [m for m in brief_mentions if m["kind"] in mention_kinds
                    and value in (_clean(m["normalized"]), m["text"])]
            found = _nearest(same, anchor)
        if found is not None:
            spans += [_K[kind], int(found["off_start"]), int(found["off_end"])]
            if kind == "place":
                place_mention = found
        elif kind != "date" and (where := _find_text(text, str(value), anchor)):
            spans += [_K[kind], *where]
    value = _clean(event.get("quantity_value"))
    if value is not None:
        found = by_id.get(_clean(event.get("quantity_mention_id")))
        if found is None:
            same = [m for m in brief_mentions if m["kind"] == "QUANTITY" and _clean(m["value"]) == value
                    and _clean(m["unit"]) == _clean(event.get("quantity_unit"))]
            found = _nearest(same, anchor)
        if found is not None:
            spans += [_K["quantity"], int(found["off_start"]), int(found["off_end"])]
    start, end = _clean(event.get("evidence_start")), _clean(event.get("evidence_end"))
    if start is not None and end is not None:
        spans += [_K["evidence"], int(start), int(end)]
    return spans, place_mention


def _stories(tables: RunTables, S: Strings, brief_index: dict[str, int]) -> tuple[list | None, dict]:
    """The stories list for the page and story_id → its index, or (None, {}) without stories."""
    events = tables.events
    if not has_column(events, "story_id"):
        return None, {}
    known = {}
    if tables.stories is not None and "story_id" in tables.stories.columns:
        known = {row["story_id"]: row for row in tables.stories.to_dict("records")}
    sources = tables.briefs.set_index("brief_id")["source"].to_dict()
    stories, index = [], {}
    for story_id, group in events.groupby("story_id", sort=False):
        row = known.get(story_id, {})
        briefs = set(group["brief_id"])
        first = group.iloc[0]
        label = " · ".join(str(v) for v in (row.get("event_type", first["event_type"]),
                                            _clean(row.get("actor", first["actor"])),
                                            _clean(row.get("place", first["place"]))
                                            or _clean(row.get("country", first["country"])),
                                            _clean(row.get("event_date", first["event_date"])))
                           if v is not None)
        index[story_id] = len(stories)
        stories.append([S(story_id), S(label), len(group),
                        int(_clean(row.get("n_briefs")) or len(briefs)),
                        int(_clean(row.get("n_sources")) or len({sources.get(b) for b in briefs}))])
    return stories, index


def build_payload(tables: RunTables, models: Path | None = None, country_names: dict[str, str] | None = None) -> dict:
    """The page's data for one run: run line, dictionaries, briefs, events, map points, stories."""
    S = Strings()
    briefs = tables.briefs
    brief_index = {bid: i for i, bid in enumerate(briefs["brief_id"])}
    points_by_country = load_country_points(models)
    names = dict(country_names or {})
    names.update({code: name for code, (name, _, _) in points_by_country.items() if code not in names})
    by_brief = _mentions_by_brief(tables.mentions)
    stories, story_index = _stories(tables, S, brief_index)
    texts = [f"{h}\n{t}" if isinstance(h, str) and h else t for h, t in zip(briefs["headline"], briefs["text"])]

    cols, types, point_list = _event_columns(tables, S, brief_index, texts, by_brief, story_index,
                                             points_by_country, names)

    sources = Counter(briefs["source"])
    starts = [d for d in (_iso(v) for v in tables.events["event_date_start"]) if d]
    ends = [d for d in (_iso(v) for v in tables.events["event_date_end"]) if d]
    used = {code for code in tables.events["country"].dropna()} | {c for c in tables.events["actor_country"].dropna()}
    return {
        "version": 1,
        "run": {
            "briefs": len(briefs),
            "events": len(tables.events),
            "rejected": tables.rejected,
            "period": [min(starts), max(ends)] if starts and ends else None,
            "sources": [[name, n] for name, n in sources.most_common()],
        },
        "kinds": list(KINDS),
        "types": types,
        "countries": {code: names.get(code, code) for code in sorted(used)},
        "S": S.items,
        "briefs": {"id": list(briefs["brief_id"]), "t": texts,
                   "h": [len(h) if isinstance(h, str) and h else -1 for h in briefs["headline"]],
                   "src": [S(s) for s in briefs["source"]]},
        "events": cols,
        "points": point_list,
        "stories": stories,
    }


def _event_columns(tables: RunTables, S: Strings, brief_index: dict, texts: list[str], by_brief: dict,
                   story_index: dict, points_by_country: dict, names: dict) -> tuple[dict, list[str], list]:
    """The events as the page's columns (string-table indices), the event types in page order and the
    map points (label, lat, lon, count, country level) the events refer to."""
    columns = [c for c in tables.events.columns if c not in ("evidence", "cameo", "plover")]
    cols: dict[str, list] = {k: [] for k in ("b", "ty", "tr", "d", "ds", "de", "a", "ac", "p", "pl", "c",
                                             "q", "cf", "m", "st", "sp", "pt", "id")}
    points: dict[tuple, list] = {}
    types = [t for t in EVENT_TYPES]
    for t in tables.events["event_type"].dropna().unique():
        if t not in types:
            types.append(str(t))
    type_index = {t: i for i, t in enumerate(types)}
    for event in _records(tables.events, columns):
        b = brief_index.get(event["brief_id"], -1)
        text = texts[b] if b >= 0 else ""
        spans, place_mention = argument_spans(event, by_brief.get(event["brief_id"], []), text)
        cols["id"].append(S(event["event_id"]))
        cols["b"].append(b)
        cols["ty"].append(type_index[event["event_type"]])
        cols["tr"].append(S(_clean(event["trigger"])))
        cols["d"].append(S(_clean(event["event_date"])))
        cols["ds"].append(S(_iso(event["event_date_start"])))
        cols["de"].append(S(_iso(event["event_date_end"])))
        for key, column in (("a", "actor"), ("ac", "actor_country"), ("p", "partner"), ("pl", "place"),
                            ("c", "country")):
            cols[key].append(S(_clean(event[column])))
        cols["q"].append(S(_quantity(event["quantity_value"], event["quantity_unit"])))
        confidence = _clean(event["confidence"])
        cols["cf"].append(round(float(confidence), 3) if confidence is not None else None)
        cols["m"].append(S("\n".join(missing_reasons(_clean(event["missing"])))))
        cols["st"].append(story_index.get(_clean(event.get("story_id")), -1))
        cols["sp"].append(spans)
        cols["pt"].append(_point(points, event, place_mention, points_by_country, names))
    point_list = [None] * len(points)
    for (label, lat, lon, country_level), (index, count) in points.items():
        point_list[index] = [label, lat, lon, count, country_level]
    return cols, types, point_list


def _point(points: dict, event: dict, place_mention: dict | None, by_country: dict, names: dict) -> int:
    """Index of the map point an event is counted at, or -1.

    A point is (label, lat, lon, country_level): the place's coordinates, else the
    country's capital with country_level 1, which the page draws as a ring.
    """
    key = None
    if place_mention is not None and _clean(place_mention["lat"]) is not None:
        key = (str(_clean(event["place"])), round(float(place_mention["lat"]), 3),
               round(float(place_mention["lon"]), 3), 0)
    else:
        country = _clean(event["country"]) or _clean(event["actor_country"])
        if country in by_country:
            _, lat, lon = by_country[country]
            key = (names.get(country, country), lat, lon, 1)
    if key is None:
        return -1
    entry = points.setdefault(key, [len(points), 0])
    entry[1] += 1
    return entry[0]
