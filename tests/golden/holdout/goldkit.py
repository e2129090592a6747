"""What every held-out set's gold writer shares: the record constructors and the checked writer.

Each set's script (`<set>/*.py`) holds its briefs and their gold as data, annotated by hand
before any run of the pipeline, and calls `write_set` when run as a script:

    python tests/golden/holdout/<set>/<script>.py

`write_set` asserts that every date, quantity and trigger the gold quotes is written byte for
byte in its brief (and that an event's quantities are among the brief's), then writes
`briefs.jsonl` and `gold.jsonl` beside the script. Nothing is written at import: pytest imports
these files (`--doctest-modules`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

GOLD_KEYS = ("organisations", "places", "dates", "quantities", "events")


def org(name, aliases, country):
    """An organisation: canonical name, aliases (other written forms), ISO2 country or None."""
    return {"name": name, "aliases": aliases, "country": country}


def pl(name, country, kind):
    """A place: canonical French name, ISO2 country, kind (country, region, city…)."""
    return {"name": name, "country": country, "kind": kind}


def dt(text, value):
    """A date: the words as written and the ISO value."""
    return {"text": text, "value": value}


def q(text, value, unit):
    """A quantity: the words as written, the number and its unit."""
    return {"text": text, "value": value, "unit": unit}


def ev(event_type, trigger, date, actor, actor_country, partner, place, country, quantities):
    """An event: its type, trigger words as written, and its fields (GUIDELINES)."""
    return {"type": event_type, "trigger": trigger, "date": date, "actor": actor, "actor_country": actor_country,
            "partner": partner, "place": place, "country": country, "quantities": quantities}


def write_set(folder: Path, briefs: list[tuple], always_date: bool = False) -> None:
    """Check and write one set: `briefs` are (id, date or None, headline, text, gold dict with `GOLD_KEYS`).

    A brief record carries `date` when it has one (always, even None, with `always_date`, as the
    first set's file was written).
    """
    with open(folder / "briefs.jsonl", "w", encoding="utf-8") as fb, \
            open(folder / "gold.jsonl", "w", encoding="utf-8") as fg:
        for i, (id_, date, head, text, gold) in enumerate(briefs, 1):
            full = (head or "") + "\n" + text
            for x in gold["dates"] + gold["quantities"]:
                assert x["text"] in full, (id_, x["text"])
            for e in gold["events"]:
                assert e["trigger"] in full, (id_, e["trigger"])
                for x in e["quantities"]:
                    assert x in gold["quantities"], (id_, x)
            record = {"id": id_, "headline": head, "text": text}
            if date or always_date:
                record["date"] = date
            fb.write(json.dumps(record, ensure_ascii=False) + "\n")
            rec = {"index": i, "headline": head, "lede_start": text[:30]}
            rec.update((k, gold[k]) for k in GOLD_KEYS)
            fg.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(briefs)} briefs written to {folder}", file=sys.stderr)
