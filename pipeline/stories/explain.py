"""Why events were grouped: the members of a story and the reasons of each merge, in words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa

from ..records import Story
from .cluster import Group
from .items import Item


@dataclass
class StorySet:
    """The stories of a run: one story id per event row, the stories table rows, and the merge reasons."""

    event_story: list[str]
    stories: list[Story]
    groups: list[Group]
    items: list[Item]

    def explain(self, wanted: str, events: pa.Table | None = None) -> str:
        """The members of story `wanted` and, for each merge, the reasons given by `compare`."""
        for story, group in zip(self.stories, self.groups):
            if story.story_id != wanted:
                continue
            lines = [f"story {story.story_id}: {story.event_type}, {story.n_events} event(s), "
                     f"{story.n_briefs} brief(s), {story.n_sources} source(s), confidence {story.confidence}"]
            for i in group.members:
                it = self.items[i]
                lines.append(f"  event {it.event_id} (brief {it.brief_id}, {it.source}): "
                             f"{_describe(events, it.row) if events is not None else it.event_type}")
            for joining, matched, score, reasons in group.merges:
                lines.append(f"  {self.items[joining].event_id} joins with {self.items[matched].event_id}: "
                             f"score {score:g}; " + "; ".join(reasons))
            if len(group.members) == 1:
                lines.append("  no other event of the run matched it")
            return "\n".join(lines)
        raise KeyError(wanted)


def _describe(events: pa.Table, row: int) -> str:
    r = {c: events.column(c)[row].as_py() for c in
         ("event_date", "actor", "partner", "place", "country", "quantity_value", "quantity_unit", "trigger")}
    q = f"{r['quantity_value']:g} {r['quantity_unit'] or ''}".strip() if r["quantity_value"] is not None else None
    return ", ".join(f"{k} {v}" for k, v in (("date", r["event_date"]), ("actor", r["actor"]),
                                             ("partner", r["partner"]), ("place", r["place"]),
                                             ("country", r["country"]), ("quantity", q),
                                             ("trigger", r["trigger"])) if v)
