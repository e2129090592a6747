"""Why events were grouped: the members of a story and the reasons of each merge, in words."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from ..records import Story
from .cluster import Group


@dataclass
class StorySet:
    """The stories of a run: the stories table, one story id per event row, and (built with
    `explain=True`) the groups with the reasons of each merge."""

    table: pa.Table  # the `stories` schema, one row per story, in the order of their first event
    story_ids: pa.Array  # the story id of each row of the events table
    groups: list[Group] = field(default_factory=list)

    @property
    def event_story(self) -> list[str]:
        """The story id of each event row, as Python strings."""
        return self.story_ids.to_pylist()

    @property
    def stories(self) -> list[Story]:
        """The stories as `records.Story` rows (small runs and tests: the table is the compact form)."""
        return [Story(**{**row, "brief_ids": tuple(row["brief_ids"])}) for row in self.table.to_pylist()]

    def explain(self, wanted: str, events: pa.Table | None = None) -> str:
        """The members of story `wanted` and, for each merge, the reasons given by `compare`."""
        group = next((g for g in self.groups if g.story_id == wanted), None)
        if group is None:
            raise KeyError(wanted)
        story = next(s for s in self.stories if s.story_id == wanted)
        lines = [f"story {story.story_id}: {story.event_type}, {story.n_events} event(s), "
                 f"{story.n_briefs} brief(s), {story.n_sources} source(s), confidence {story.confidence}"]
        for it in group.members:
            lines.append(f"  event {it.event_id} (brief {it.brief_id}, {it.source}): "
                         f"{_describe(events, it.row) if events is not None else it.event_type}")
        for joining, matched, score, reasons in group.merges:
            lines.append(f"  {joining.event_id} joins with {matched.event_id}: score {score:g}; " + "; ".join(reasons))
        if len(group.members) == 1:
            lines.append("  no other event of the run matched it")
        return "\n".join(lines)


def _describe(events: pa.Table, row: int) -> str:
    r = {c: events.column(c)[row].as_py() for c in
         ("event_date", "actor", "partner", "place", "country", "quantity_value", "quantity_unit", "trigger")}
    q = f"{r['quantity_value']:g} {r['quantity_unit'] or ''}".strip() if r["quantity_value"] is not None else None
    return ", ".join(f"{k} {v}" for k, v in (("date", r["event_date"]), ("actor", r["actor"]),
                                             ("partner", r["partner"]), ("place", r["place"]),
                                             ("country", r["country"]), ("quantity", q),
                                             ("trigger", r["trigger"])) if v)
