"""The stories table: stable story ids, one story id per event, and each story's agreed values."""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..records import SCHEMAS, Story
from .cluster import Group, sweep
from .compare import MERGE_SCORE, OTHER
from .explain import StorySet
from .items import (ACTOR, DATE_END, DATE_START, EVENT_DATE, PARTNER, PLACE, QUANTITY_UNIT, QUANTITY_VALUE,
                    Prepared)
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
    """Stream the closed groups of the sweep into Arrow batches of stories; the event rows keep only
    their group's number, so memory holds the open groups, not one Python object per event."""
    data = data or NameData()
    prepared = Prepared(events, briefs, mentions, data)
    story_of_row = np.zeros(events.num_rows, dtype=np.int64)
    batches: list[pa.Table] = []
    buffer: list[Story] = []
    numbers: list[int] = []
    kept: list[Group] = []
    for group in sweep(prepared, data, explain):
        members = sorted(group.members, key=lambda it: (it.ref is None, it.ref or 0, it.brief_id, it.event_id))
        group.members = members
        group.story_id = story_id(members[0].event_id)
        for it in members:
            story_of_row[it.row] = group.seq
        buffer.append(_story(group))
        numbers.append(group.seq)
        if explain:
            kept.append(group)
        if len(buffer) >= BATCH:
            batches.append(_batch(buffer, numbers))
            buffer, numbers = [], []
    batches.append(_batch(buffer, numbers))
    table = pa.concat_tables(batches)
    del batches, buffer
    # Groups close out of order: the table lists them by number, the order of their first member
    # (one copy of the table, the batches released first).
    table = table.take(pc.sort_indices(table.column("seq"))).drop_columns(["seq"])
    ids = table.column("story_id").take(pa.array(story_of_row))
    del story_of_row
    return StorySet(table, ids.combine_chunks(), sorted(kept, key=lambda g: g.seq))


BATCH = 8192  # stories turned into an Arrow batch at a time


def _batch(stories: list[Story], numbers: list[int]) -> pa.Table:
    return stories_table(stories).append_column("seq", pa.array(numbers, pa.int64()))


def _most_common(values: Iterable) -> object:
    """The most frequent non-empty value, the earliest member's on ties."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    return next(v for v in values if counts[v] == top)


def _story(group: Group) -> Story:
    """The story of a closed group: the values its events agree on (see `records.Story`)."""
    members = group.members
    first = members[0]
    sid = group.story_id
    if len(members) == 1:  # most stories: the event's own values, without the vote below
        r = first.raw
        value = r[QUANTITY_VALUE]
        return Story(
            story_id=sid, event_type=first.event_type, event_date=r[EVENT_DATE],
            event_date_start=r[DATE_START], event_date_end=r[DATE_END],
            actor=r[ACTOR], actor_country=first.actor_country, partner=r[PARTNER],
            place=r[PLACE], country=first.country, quantity_value=value,
            quantity_unit=r[QUANTITY_UNIT] if value is not None else None,
            n_events=1, n_briefs=1, n_sources=1, first_brief_id=first.brief_id, brief_ids=(first.brief_id,),
            confidence=round(first.confidence, 4),
        )
    rows = [it.raw for it in members]
    # The span the members agree on: the intersection of their dates, else the whole range they cover.
    dated = [r for r in rows if r[DATE_START] is not None]
    start = end = None
    event_date = None
    if dated:
        lo, hi = max(r[DATE_START] for r in dated), min(r[DATE_END] for r in dated)
        if lo > hi:
            lo, hi = min(r[DATE_START] for r in dated), max(r[DATE_END] for r in dated)
        start, end = lo, hi
        narrowest = min(dated, key=lambda r: r[DATE_END] - r[DATE_START])
        event_date = narrowest[EVENT_DATE]
    quantity = _most_common((r[QUANTITY_VALUE], r[QUANTITY_UNIT]) for r in rows if r[QUANTITY_VALUE] is not None)
    briefs = [it.brief_id for it in members]
    confidence = sum(it.confidence for it in members) / len(members)
    confidence *= min(1.0, group.weakest / (MERGE_SCORE + 1))
    return Story(
        story_id=sid, event_type=_most_common(it.event_type for it in members if it.event_type != OTHER) or OTHER,
        event_date=event_date, event_date_start=start, event_date_end=end,
        actor=_most_common(r[ACTOR] for r in rows),
        actor_country=_most_common(it.actor_country for it in members),
        partner=_most_common(r[PARTNER] for r in rows),
        place=_most_common(r[PLACE] for r in rows),
        country=_most_common(it.country for it in members),
        quantity_value=quantity[0] if quantity else None, quantity_unit=quantity[1] if quantity else None,
        n_events=len(members), n_briefs=len(set(briefs)), n_sources=len({it.source for it in members}),
        first_brief_id=first.brief_id, brief_ids=tuple(dict.fromkeys(briefs)),
        confidence=round(confidence, 4),
    )


def with_story_ids(events: pa.Table, story_ids: Sequence[str] | pa.Array) -> pa.Table:
    """The events table with its `story_id` column set (added if the table has none)."""
    column = story_ids if isinstance(story_ids, pa.Array) else pa.array(story_ids, type=pa.string())
    if "story_id" in events.column_names:
        return events.set_column(events.column_names.index("story_id"), "story_id", column)
    return events.append_column("story_id", column)


def stories_table(stories: Sequence[Story]) -> pa.Table:
    """The stories as an Arrow table of the `stories` schema."""
    from ..emit import to_table

    return to_table(list(stories), SCHEMAS["stories"])
