"""A synthetic big run for the report's size and speed check, grown from a real run's tables.

Every brief of the real run is copied with a new id, its event given a random type
and date over two years, its actor one of a few thousand names, and its text
lengthened by random words of the run's own vocabulary plus a city of the
gazetteer, which becomes the event's place (with its coordinates). Random words
compress worse than real prose, so the file size measured is on the safe side.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.records import EVENT_TYPES, SCHEMAS

ROOT = Path(__file__).resolve().parents[2]
OFFSETS = ("start_char", "end_char") if "start_char" in SCHEMAS["mentions"].names else ("start", "end")


def _cities(limit: int = 400) -> list[tuple[str, str, float, float]]:
    with open(ROOT / "models" / "gazetteers" / "cities.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    rows.sort(key=lambda r: -int(r["population"] or 0))
    return [(r["name"], r["country"], float(r["lat"]), float(r["lon"])) for r in rows[:limit]]


def grow_run(source: Path, target: Path, events: int = 100_000, seed: int = 7) -> Path:
    """Write a run of `events` events (and as many briefs) into `target`, grown from the run in `source`."""
    rng = random.Random(seed)
    briefs = pd.read_parquet(source / "briefs.parquet")
    base_events = pd.read_parquet(source / "events.parquet")
    mentions = pd.read_parquet(source / "mentions.parquet")
    vocabulary = sorted({w for t in briefs["text"] for w in t.split() if w.isalpha()})
    cities = _cities()
    actors = [f"{a} {n}" for a in base_events["actor"].dropna().unique() for n in range(300)]
    by_brief = {b["brief_id"]: b for b in briefs.to_dict("records")}
    mentions_by_brief: dict[str, list[dict]] = {}
    for m in mentions.to_dict("records"):
        mentions_by_brief.setdefault(m["brief_id"], []).append(m)
    start = dt.date(2024, 1, 1)
    out_briefs, out_events, out_mentions = [], [], []
    base = base_events.to_dict("records")
    for n in range(events):
        event = dict(base[n % len(base)])
        brief = by_brief[event["brief_id"]]
        brief_id = f"{n:08x}{event['brief_id'][:8]}"
        city, country, lat, lon = rng.choice(cities)
        words = " ".join(rng.choice(vocabulary) for _ in range(30))
        head = brief["headline"]
        full = f"{head}\n{brief['text']}" if isinstance(head, str) and head else brief["text"]
        suffix_at = len(full) + 1
        text = f"{brief['text']} {words} à {city}."
        city_start = suffix_at + len(words) + 3
        out_briefs.append({**brief, "brief_id": brief_id, "text": text, "index": n + 1})
        for m in mentions_by_brief.get(event["brief_id"], ()):
            out_mentions.append({**m, "brief_id": brief_id})
        start_name, end_name = OFFSETS
        city_mention = {"brief_id": brief_id, "kind": "LOC", "text": city, start_name: city_start,
                        end_name: city_start + len(city), "normalized": city, "country": country,
                        "place_kind": "city", "lat": lat, "lon": lon, "source": "gazetteer"}
        if "mention_id" in SCHEMAS["mentions"].names:
            city_mention["mention_id"] = f"{n:08x}city"
            event["place_mention_id"] = city_mention["mention_id"]
        out_mentions.append(city_mention)
        day = start + dt.timedelta(days=rng.randrange(730))
        event.update(event_id=f"{n:016x}", brief_id=brief_id, event_type=rng.choice(EVENT_TYPES),
                     actor=rng.choice(actors), place=city, country=country, event_date=day.isoformat(),
                     event_date_start=day, event_date_end=day, confidence=round(rng.uniform(0.3, 1.0), 3))
        out_events.append(event)
    target.mkdir(parents=True, exist_ok=True)
    for name, rows in (("briefs", out_briefs), ("events", out_events), ("mentions", out_mentions)):
        schema = SCHEMAS[name]
        frame = pd.DataFrame(rows)
        table = pa.table({c: pa.array(frame[c] if c in frame else [None] * len(frame), schema.field(c).type,
                                   from_pandas=True)
                          for c in schema.names}, schema=schema)
        pq.write_table(table, target / f"{name}.parquet")
    return target
