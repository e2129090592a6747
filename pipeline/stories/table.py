"""The stories table: stable story ids, one story id per event, and each story's agreed values."""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

import pyarrow as pa

from ..records import SCHEMAS, Story
from .cluster import Group, cluster
from .compare import MERGE_SCORE, OTHER
from .explain import StorySet
from .items import Item, prepare
from .names import NameData


def story_id(first_event_id: str) -> str:
    """Stable id of a story, from the event id of its earliest member.

    >>> story_id("0123456789abcdef")
    '5b75e6c83de9f6c8'
    """
    return hashlib.sha256(f"story:{first_event_id}".encode()).hexdigest()[:16]


def build_stories(events: pa.Table, briefs: pa.Table, mentions: pa.Table | None = None,
                  data: NameData | None = None, explain: bool = False) -> StorySet:
    """Group the events of a run into stories: a pure function of its tables (row order does not matter)."""
    # Millions of small acyclic objects: the cyclic garbage collector would rescan them again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_stories(events, briefs, mentions, data, explain)
    finally:
        if enabled:
            gc.enable()


def _build_stories(events: pa.Table, briefs: pa.Table, mentions: pa.Table | None,
                   data: NameData | None, explain: bool) -> StorySet:
    data = data or NameData()
    items, idf = prepare(events, briefs, mentions, data)
    groups = cluster(items, idf, data, explain=explain)
    cols = events.select(["event_date", "event_date_start", "event_date_end", "actor", "partner", "place",
                          "quantity_value", "quantity_unit"]).to_pydict()
    event_story = [""] * len(items)
    stories = []
    for group in groups:
        members = sorted(group.members, key=lambda i: (
            items[i].ref is None, items[i].ref or 0, items[i].brief_id, items[i].event_id))
        first = items[members[0]]
        sid = story_id(first.event_id)
        for i in members:
            event_story[i] = sid
        stories.append(_story(sid, members, items, cols, group))
        group.members = members
    return StorySet(event_story, stories, groups, items)


def _most_common(values: Iterable) -> object:
    """The most frequent non-empty value, the earliest member's on ties."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    return next(v for v in values if counts[v] == top)


def _story(sid: str, members: list[int], items: Sequence[Item], cols: dict, group: Group) -> Story:
    first = items[members[0]]
    if len(members) == 1:  # most stories: the event's own values, without the vote below
        i = first.row
        value = cols["quantity_value"][i]
        return Story(
            story_id=sid, event_type=first.event_type, event_date=cols["event_date"][i],
            event_date_start=cols["event_date_start"][i], event_date_end=cols["event_date_end"][i],
            actor=cols["actor"][i], actor_country=first.actor_country, partner=cols["partner"][i],
            place=cols["place"][i], country=first.country, quantity_value=value,
            quantity_unit=cols["quantity_unit"][i] if value is not None else None,
            n_events=1, n_briefs=1, n_sources=1, first_brief_id=first.brief_id, brief_ids=(first.brief_id,),
            confidence=round(first.confidence, 4),
        )
    rows = [items[i].row for i in members]
    # The span the members agree on: the intersection of their dates, else the whole range they cover.
    dated = [i for i in rows if cols["event_date_start"][i] is not None]
    start = end = None
    event_date = None
    if dated:
        lo, hi = max(cols["event_date_start"][i] for i in dated), min(cols["event_date_end"][i] for i in dated)
        if lo > hi:
            lo, hi = min(cols["event_date_start"][i] for i in dated), max(cols["event_date_end"][i] for i in dated)
        start, end = lo, hi
        narrowest = min(dated, key=lambda i: cols["event_date_end"][i] - cols["event_date_start"][i])
        event_date = cols["event_date"][narrowest]
    quantity = _most_common((cols["quantity_value"][i], cols["quantity_unit"][i])
                            for i in rows if cols["quantity_value"][i] is not None)
    briefs = [items[i].brief_id for i in members]
    sources = {items[i].source for i in members}
    confidence = sum(items[i].confidence for i in members) / len(members)
    if len(members) > 1:
        confidence *= min(1.0, group.weakest / (MERGE_SCORE + 1))
    return Story(
        story_id=sid, event_type=_most_common(t for t in (items[i].event_type for i in members) if t != OTHER)
        or OTHER, event_date=event_date,
        event_date_start=start, event_date_end=end,
        actor=_most_common(cols["actor"][i] for i in rows),
        actor_country=_most_common(items[i].actor_country for i in members),
        partner=_most_common(cols["partner"][i] for i in rows),
        place=_most_common(cols["place"][i] for i in rows),
        country=_most_common(items[i].country for i in members),
        quantity_value=quantity[0] if quantity else None, quantity_unit=quantity[1] if quantity else None,
        n_events=len(members), n_briefs=len(set(briefs)), n_sources=len(sources),
        first_brief_id=first.brief_id, brief_ids=tuple(dict.fromkeys(briefs)),
        confidence=round(confidence, 4),
    )


def with_story_ids(events: pa.Table, story_ids: Sequence[str]) -> pa.Table:
    """The events table with its `story_id` column set (added if the table has none)."""
    column = pa.array(story_ids, type=pa.string())
    if "story_id" in events.column_names:
        return events.set_column(events.column_names.index("story_id"), "story_id", column)
    return events.append_column("story_id", column)


def stories_table(stories: Sequence[Story]) -> pa.Table:
    """The stories as an Arrow table of the `stories` schema."""
    from ..emit import to_table

    return to_table(list(stories), SCHEMAS["stories"])
