"""Blocking and grouping: candidate stories from an index keyed by country, anchor and month, and the
sweep in date order that joins each event to its best compatible story (complete linkage)."""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from .compare import DAY_SLACK, OTHER, Verdict, compare
from .items import CHUNK, REF_WINDOW, Item, Prepared
from .names import NameData

LOOKUP_SLACK = DAY_SLACK + REF_WINDOW  # days added around an event's span when looking up candidates
WIDE_SPAN = 400  # spans longer than this (multi-year intervals) are indexed under one "wide" bucket


@dataclass(slots=True)
class Group:
    """A story being formed: its creation number, members, briefs, merges and date bounds."""

    seq: int  # groups are numbered in the order of their first member in the sweep
    members: list[Item]
    briefs: set[str]
    merges: list[tuple[Item, Item, float, list[str]]]  # (joining event, matched event, score, reasons)
    weakest: float = math.inf
    lo: int = 0  # the members' earliest start and latest end (ordinals): a cheap date filter
    hi: int = 0
    story_id: str = ""  # set when the story is written


@functools.lru_cache(maxsize=1 << 16)
def _month(ordinal: int) -> int:
    """Month number (year * 12 + month - 1) of a proleptic ordinal: the time bucket of the blocking."""
    d = dt.date.fromordinal(ordinal)
    return d.year * 12 + d.month - 1


def _anchor_keys(item: Item) -> tuple[set[tuple], set[tuple]]:
    """Index keys of an event, to look up and to register: its participants' name keys and the names of
    its brief, a place finer than a country, its quantity and its brief's quantities (every anchor of
    `compare` shares one). Only the participants' keys differ between the two (`NameKeys.index_keys`)."""
    shared: set[tuple] = {("n", "=" + name) for name in item.names}
    if item.place and item.place_kind != "country":
        shared.add(("p", item.place))
    for v, u in ((item.quantity,) if item.quantity else ()) + item.brief_quantities:
        if u:
            shared.add(("q", u, float(f"{v:.2g}")))
    lookup, own = set(shared), shared
    for name in (item.actor, item.partner):
        if name is not None:
            lookup.update(("n", k) for k in name.index_keys(True))
            own.update(("n", k) for k in name.index_keys(False))
    return lookup, own


class BlockIndex:
    """(country, anchor key, month or -1 for wide spans) → event type → group indices.

    An event is registered under its country and under "*"; one without a country under "" and
    "*". An event looks up its country and "" (events of no country), or "*" when it has none;
    and its type, the types close to it and "other" (every type when it is "other"). Months
    drop out behind the sweep, so the index holds a few weeks of events.
    """

    def __init__(self, data: NameData | None):
        self.index: dict[tuple, dict[str, set[int]]] = {}
        self.by_month: dict[int, list[tuple]] = defaultdict(list)
        self.lowest_month: int | None = None
        self.any_wide = False  # whether some event was indexed under the "wide" bucket yet
        self.near: dict[str, frozenset[str]] = {}  # type → the types it may share a story with
        self.close: dict[str, set[str]] = defaultdict(set)
        for pair in (data.close_types if data else ()):
            a, b = sorted(pair)
            self.close[a].add(b)
            self.close[b].add(a)

    def advance(self, first_month: int) -> None:
        """Drop the months before `first_month`: nothing later looks this far back."""
        if self.lowest_month is None:
            self.lowest_month = first_month
        while self.lowest_month < first_month:
            for key in self.by_month.pop(self.lowest_month, ()):
                self.index.pop(key, None)
            self.lowest_month += 1

    def candidates(self, item: Item, keys: set[tuple]) -> set[int]:
        """Indices of the groups sharing a block with `item` (`keys`: its lookup keys)."""
        wide = item.end - item.start > WIDE_SPAN
        first = _month(item.start - LOOKUP_SLACK)
        months = ([-1] if self.any_wide or wide else []) + (
            list(range(first, _month(item.end + LOOKUP_SLACK) + 1)) if not wide else [])
        types = None if item.event_type == OTHER else self.near.get(item.event_type) or self.near.setdefault(
            item.event_type, frozenset({item.event_type, OTHER, *self.close[item.event_type]}))
        found: set[int] = set()
        index = self.index
        for c in ((item.country, "") if item.country else ("*",)):
            for key in keys:
                for m in months:
                    by_type = index.get((c, key, m))
                    if by_type:
                        for t, hit in by_type.items():
                            if types is None or t in types:
                                found.update(hit)
        return found

    def register(self, item: Item, g: int, own_keys: set[tuple]) -> None:
        """Index group `g` under the keys (`own_keys`), country and months of its new member `item`."""
        wide = item.end - item.start > WIDE_SPAN
        months = [-1] if wide else list(range(_month(item.start), _month(item.end) + 1))
        self.any_wide = self.any_wide or wide
        for c in ((item.country, "*") if item.country else ("", "*")):
            for key in own_keys:
                for m in months:
                    full = (c, key, m)
                    by_type = self.index.get(full)
                    if by_type is None:
                        by_type = self.index[full] = {}
                        if m >= 0:
                            self.by_month[m].append(full)
                    by_type.setdefault(item.event_type, set()).add(g)


def _best_group(item: Item, candidates: set[int], groups: dict[int, Group], idf: dict[int, float] | None,
                data: NameData | None) -> tuple[Verdict, Item, Group] | None:
    """(verdict, matched member, group) of the best-scoring open candidate group all of whose members
    `item` is compatible with (complete linkage), or None."""
    lo, hi = item.start - DAY_SLACK, item.end + DAY_SLACK
    best = None
    for g in sorted(candidates):
        group = groups.get(g)
        if group is None or group.lo > hi or group.hi < lo or item.brief_id in group.briefs:
            continue  # closed, out of dates, or of the same brief
        verdicts = []
        for member in group.members:
            verdict = compare(member, item, idf, data)
            if verdict.conflict:
                break
            verdicts.append((verdict, member))
        else:
            v, m = max(verdicts, key=lambda vm: (vm[0].same, vm[0].score))
            if v.same and (best is None or v.score > best[0].score):
                best = (v, m, group)
    return best


def sweep(prepared: Prepared, data: NameData | None = None, explain: bool = False) -> Iterator[Group]:
    """Group the run's events into stories (see the package docstring), yielding each group as soon as no
    later event can join it: events are taken in date order, so a group whose dates end before the
    current event's window is closed. Only the open groups and their events are held in memory."""
    order = prepared.order()
    groups: dict[int, Group] = {}  # the open groups by number
    closing: list[tuple[int, int]] = []  # heap of (a group's latest day, its number)
    index = BlockIndex(data)
    seq = 0
    for k in range(0, len(order), CHUNK):
        for item in prepared.items(order[k:k + CHUNK]):
            if item.start is None:  # neither a date nor a reference date: a story of its own
                yield Group(seq, [item], {item.brief_id}, [])
                seq += 1
                continue
            lo, hi = item.start - DAY_SLACK, item.end + DAY_SLACK
            while closing and closing[0][0] < lo:
                last_day, g = heapq.heappop(closing)
                group = groups.get(g)
                if group is not None and group.hi == last_day:
                    yield groups.pop(g)
            index.advance(_month(item.start - LOOKUP_SLACK))
            lookup, own = _anchor_keys(item)
            best = _best_group(item, index.candidates(item, lookup), groups, prepared.idf, data)
            if best is None:
                group = groups[seq] = Group(seq, [item], {item.brief_id}, [], lo=lo, hi=hi)
                heapq.heappush(closing, (hi, seq))
                seq += 1
            else:
                v, matched, group = best
                group.members.append(item)
                group.briefs.add(item.brief_id)
                group.weakest = min(group.weakest, v.score)
                if hi > group.hi:
                    heapq.heappush(closing, (hi, group.seq))
                group.lo, group.hi = min(group.lo, lo), max(group.hi, hi)
                if explain:
                    group.merges.append((item, matched, v.score, v.reasons))
            index.register(item, group.seq, own)
    yield from groups.values()
