"""Blocking and grouping: candidate stories from an index keyed by country, anchor and month, and the
sweep in date order that joins each event to its best compatible story (complete linkage)."""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .compare import DAY_SLACK, OTHER, Verdict, compare
from .items import REF_WINDOW, Item
from .names import NameData

LOOKUP_SLACK = DAY_SLACK + REF_WINDOW  # days added around an event's span when looking up candidates
WIDE_SPAN = 400  # spans longer than this (multi-year intervals) are indexed under one "wide" bucket


@dataclass(slots=True)
class Group:
    """A story being formed: its members (item indices), briefs, merges and date bounds."""

    members: list[int]
    briefs: set[str]
    merges: list[tuple[int, int, float, list[str]]]  # (joining row, matched row, score, reasons)
    weakest: float = math.inf
    lo: int = 0  # the members' earliest start and latest end (ordinals): a cheap date filter
    hi: int = 0


@functools.lru_cache(maxsize=1 << 16)
def _month(ordinal: int) -> int:
    """Month number (year * 12 + month - 1) of a proleptic ordinal: the time bucket of the blocking."""
    d = dt.date.fromordinal(ordinal)
    return d.year * 12 + d.month - 1


def _anchor_keys(item: Item, lookup: bool) -> list[tuple]:
    """Index keys of an event: its participants' name keys and the names of its brief, a place finer
    than a country, its quantity and its brief's quantities (every anchor of `compare` shares one)."""
    keys: set[tuple] = set()
    for name in (item.actor, item.partner):
        if name is not None:
            keys.update(("n", k) for k in name.index_keys(lookup))
    keys.update(("n", "=" + name) for name in item.names)
    if item.place and item.place_kind != "country":
        keys.add(("p", item.place))
    for v, u in ((item.quantity,) if item.quantity else ()) + item.brief_quantities:
        if u:
            keys.add(("q", u, float(f"{v:.2g}")))
    return sorted(keys)


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

    def candidates(self, item: Item) -> set[int]:
        """Indices of the groups sharing a block with `item`."""
        wide = item.end - item.start > WIDE_SPAN
        first = _month(item.start - LOOKUP_SLACK)
        months = ([-1] if self.any_wide or wide else []) + (
            list(range(first, _month(item.end + LOOKUP_SLACK) + 1)) if not wide else [])
        types = None if item.event_type == OTHER else self.near.get(item.event_type) or self.near.setdefault(
            item.event_type, frozenset({item.event_type, OTHER, *self.close[item.event_type]}))
        found: set[int] = set()
        index = self.index
        for c in ((item.country, "") if item.country else ("*",)):
            for key in _anchor_keys(item, lookup=True):
                for m in months:
                    by_type = index.get((c, key, m))
                    if by_type:
                        for t, hit in by_type.items():
                            if types is None or t in types:
                                found.update(hit)
        return found

    def register(self, item: Item, g: int) -> None:
        """Index group `g` under the keys, country and months of its new member `item`."""
        wide = item.end - item.start > WIDE_SPAN
        months = [-1] if wide else list(range(_month(item.start), _month(item.end) + 1))
        self.any_wide = self.any_wide or wide
        own_keys = _anchor_keys(item, lookup=False)
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


def _best_group(item: Item, candidates: set[int], groups: list[Group], items: Sequence[Item],
                idf: dict[int, float] | None, data: NameData | None) -> tuple[Verdict, int, int] | None:
    """(verdict, matched member, group) of the best-scoring candidate group all of whose members
    `item` is compatible with (complete linkage), or None."""
    lo, hi = item.start - DAY_SLACK, item.end + DAY_SLACK
    best = None
    for g in sorted(candidates):
        group = groups[g]
        if group.lo > hi or group.hi < lo or item.brief_id in group.briefs:
            continue
        verdicts = []
        for m in group.members:
            verdict = compare(items[m], item, idf, data)
            if verdict.conflict:
                break
            verdicts.append((verdict, m))
        else:
            v, m = max(verdicts, key=lambda vm: (vm[0].same, vm[0].score))
            if v.same and (best is None or v.score > best[0].score):
                best = (v, m, g)
    return best


def cluster(items: Sequence[Item], idf: dict[int, float] | None = None, data: NameData | None = None,
            explain: bool = False) -> list[Group]:
    """Group items into stories (see the package docstring); groups in order of their first member."""
    order = sorted(range(len(items)), key=lambda i: (
        items[i].start is None, items[i].start or 0, items[i].ref or 0, items[i].brief_id, items[i].event_id))
    groups: list[Group] = []
    index = BlockIndex(data)
    for i in order:
        item = items[i]
        if item.start is None:
            groups.append(Group([i], {item.brief_id}, []))
            continue
        lo, hi = item.start - DAY_SLACK, item.end + DAY_SLACK
        index.advance(_month(item.start - LOOKUP_SLACK))
        best = _best_group(item, index.candidates(item), groups, items, idf, data)
        if best is None:
            g = len(groups)
            groups.append(Group([i], {item.brief_id}, [], lo=lo, hi=hi))
        else:
            v, m, g = best
            group = groups[g]
            group.members.append(i)
            group.briefs.add(item.brief_id)
            group.weakest = min(group.weakest, v.score)
            group.lo, group.hi = min(group.lo, lo), max(group.hi, hi)
            if explain:
                group.merges.append((i, m, v.score, v.reasons))
        index.register(item, g)
    return groups
