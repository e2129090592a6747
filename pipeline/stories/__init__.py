"""Stories: the events of different briefs that report one real-world event, grouped.

A story is computed after every event of a run exists, as a pure function of
the run's events, briefs and mentions tables (`table.build_stories`): the same
tables give the same stories, whatever engine wrote them and in whatever row
order.

Two events are the same real-world event when their arguments say so
(`compare.compare`):

- hard conditions (any failing one keeps them apart): same type (or a pair of
  types two wordings often give one event, `models/story_types.tsv`, which
  then needs `TYPE_PENALTY` more evidence; an `other` event may join any type);
  never two events of one brief; dates compatible (equal or within `DAY_SLACK`
  days for two days, nested or overlapping otherwise; an undated event stands
  for the week before its brief's reference date, and one with neither stays
  alone); actors and partners agree where both are given and of one kind
  (roles may be swapped; acronyms, aliases, surnames and a capital for its
  state count, see `names.name_relation`; in agreements and visits, subjects chosen
  differently by two wordings are waived when each side is named in the other
  brief); places agree or one contains the other (a city in its country; a
  city and a region of one country are left open); countries agree;
  quantities of one unit agree (2 % apart at most, or one written among the
  other brief's quantities, as a range's bound); two counts of different
  things ("470 appareils", "800 moteurs") differ;
- evidence: a score of at least `MERGE_SCORE` and an anchor (a shared actor
  or partner, a participant of one named in the other brief, a quantity, or
  wording of which half the rarest words are shared).

Events are taken in date order; each joins the best-scoring story all of whose
members it is compatible with (complete linkage, so A~B and B~C never chain A
to a C it conflicts with), else starts its own. Candidates come from an index
keyed by country, anchor value (name, place, quantity) and month, filtered by
type (blocking), so the cost grows with the number of events times the few
stories sharing an anchor in the same weeks: about n log n (the sort), not n².
Index months older than the current event's window are dropped as the sweep
advances, and the sweep streams: events become Python items a chunk at a time
(sorted column-wise with Arrow), and a story is written to an Arrow batch as
soon as no later event can join it (its dates end before the current event's
window), so memory holds the open stories of a few weeks, not the run.

A story's id is derived from its earliest member (earliest brief reference
date, then brief id, then event id), so a later run that adds briefs to a
story keeps its id.

Modules, one concern each: `names` (folded names, acronyms, aliases), `items`
(events prepared for comparison: dates, name keys, each brief's context and
rarest words), `compare` (the pairwise decision and its reasons), `cluster`
(blocking index and the sweep), `table` (story ids and the stories table),
`explain` (the reasons in words), `runs` (the stage inside a run, and
`explain_run`).
"""

from __future__ import annotations

from .cluster import BlockIndex, Group, sweep
from .compare import MERGE_SCORE, OTHER, Verdict, compare
from .explain import StorySet
from .items import Item, Prepared, brief_words, prepare, text_similarity
from .names import NameData, NameKeys, core_words, fold, name_relation
from .runs import BRIEF_COLUMNS, MENTION_COLUMNS, attach_stories, attach_stories_parts, explain_run, read_run_table
from .table import build_stories, stories_table, story_id, with_story_ids

__all__ = [
    "BRIEF_COLUMNS", "MENTION_COLUMNS", "MERGE_SCORE", "OTHER", "BlockIndex", "Group", "Item", "NameData",
    "NameKeys", "Prepared", "StorySet", "Verdict", "attach_stories", "attach_stories_parts", "brief_words", "build_stories",
    "sweep", "compare", "core_words", "explain_run", "fold", "name_relation", "prepare", "read_run_table",
    "stories_table", "story_id", "text_similarity", "with_story_ids",
]
