"""Events prepared for comparison: dates as ordinals, names as keys, each brief's context and rarest words."""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .names import WORD, NameData, NameKeys, core_words, fold, fold_text

REF_WINDOW = 7  # an undated event happened in the week up to its brief's reference date


@dataclass(slots=True)
class Item:
    """One event with what the comparison needs (dates as ordinals, names as keys)."""

    row: int
    event_id: str
    brief_id: str
    source: str | None
    event_type: str
    start: int | None  # proleptic ordinal of the first day the event may be on
    end: int | None
    precision: str  # day, month, year, week, quarter, interval, ref (brief date), none
    ref: int | None  # the brief's reference date (ordinal)
    actor: NameKeys | None
    partner: NameKeys | None
    actor_country: str | None
    place: str | None  # folded
    place_kind: str | None
    country: str | None
    quantity: tuple[float, str] | None
    brief_quantities: tuple[tuple[float, str], ...]
    names: frozenset[str]  # folded ORG and PER names of the brief
    confidence: float
    actor_kind: str | None = None  # ORG, PER or LOC: names of two kinds are never in conflict
    partner_kind: str | None = None
    actor_state: str | None = None  # the country a place named as actor stands for ("Tachkent": UZ)
    partner_state: str | None = None
    words: tuple[int, ...] = ()  # the brief's rarest words (ids), for `text_similarity`
    weight: float = 0.0  # sum of their idf
    raw: tuple = ()  # the event's row as written (`_EVENT_COLUMNS`): the stories table takes its values from it


def _precision(value: str | None) -> str:
    if not value:
        return "none"
    if "/" in value:
        return "interval"
    if "W" in value:
        return "week"
    if "Q" in value or "H" in value:
        return "quarter"
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "interval")


def _ordinal(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.toordinal()
    return None


_EVENT_COLUMNS = ["event_id", "brief_id", "event_type", "event_date", "event_date_start", "event_date_end", "actor",
                  "actor_country", "partner", "place", "country", "quantity_value", "quantity_unit", "confidence"]
# Positions in an item's `raw` row (a tuple of the values of `_EVENT_COLUMNS`).
(EVENT_ID, BRIEF_ID, EVENT_TYPE, EVENT_DATE, DATE_START, DATE_END, ACTOR, ACTOR_COUNTRY, PARTNER, PLACE, COUNTRY,
 QUANTITY_VALUE, QUANTITY_UNIT, CONFIDENCE) = range(len(_EVENT_COLUMNS))
_NO_REF = -(1 << 40)  # sorts before every real date, as a missing reference date did in the first version
CHUNK = 16_384  # events turned into items at a time: only the events near the sweep are Python objects


class Prepared:
    """A run's tables, ready to give comparable items in the sweep's order, a chunk at a time.

    The brief context (places, quantities, names of each brief), the rarest words and the
    name keys are computed once; an event's reference date and source are looked up in the
    briefs table column-wise, so no per-brief Python dictionary of the whole run is built.
    """

    def __init__(self, events: pa.Table, briefs: pa.Table, mentions: pa.Table | None, data: NameData):
        self.events = events.select(_EVENT_COLUMNS)
        self.data = data
        self.words_of, self.idf = brief_words(briefs)
        self.per_brief = _brief_context(mentions, data) if mentions is not None and mentions.num_rows else {}
        position = pc.index_in(self.events.column("brief_id"), value_set=briefs.column("brief_id").combine_chunks())
        self.ref = briefs.column("reference_date").take(position).cast(pa.date32())
        self.source = briefs.column("source").take(position)
        self.keys_cache: dict[tuple[str, tuple[str, ...]], NameKeys] = {}

    def order(self) -> np.ndarray:
        """Row numbers in the sweep's order: dated first, by start, reference date, brief id, event id."""
        ev = self.events
        start = ev.column("event_date_start").cast(pa.int32()).cast(pa.int64())
        ref = self.ref.cast(pa.int32()).cast(pa.int64())
        dated = pc.and_(pc.is_valid(start), pc.is_valid(ev.column("event_date_end")))
        sweep_start = pc.if_else(dated, start, pc.subtract(ref, REF_WINDOW))
        keys = pa.table({"undated": pc.is_null(sweep_start), "start": sweep_start.fill_null(0),
                         "ref": ref.fill_null(_NO_REF), "brief": ev.column("brief_id"), "event": ev.column("event_id")})
        return pc.sort_indices(keys, sort_keys=[(c, "ascending") for c in keys.column_names]).to_numpy()

    def items(self, rows: np.ndarray) -> list[Item]:
        """Items of the events at `rows` (row numbers of the events table), in that order."""
        taken = pa.array(rows)
        cols = self.events.take(taken).to_pydict()
        refs, sources = self.ref.take(taken).to_pylist(), self.source.take(taken).to_pylist()
        return [self._item(row, r, _ordinal(ref), source)
                for row, r, ref, source in zip(rows.tolist(), zip(*cols.values()), refs, sources)]

    def _keys(self, name: str | None, context: _BriefContext | None) -> NameKeys | None:
        if not name:
            return None
        extra = context.other_names.get(fold(name), ()) if context else ()
        k = (name, extra)
        found = self.keys_cache.get(k)
        if found is None:
            found = self.keys_cache[k] = NameKeys.of(name, self.data, extra)
        return found

    def _item(self, row: int, r: tuple, ref: int | None, source: str | None) -> Item:
        brief_id = r[BRIEF_ID]
        ctx = self.per_brief.get(brief_id, _EMPTY)
        start, end = _ordinal(r[DATE_START]), _ordinal(r[DATE_END])
        precision = _precision(r[EVENT_DATE])
        if start is None or end is None:
            if ref is not None:
                start, end, precision = ref - REF_WINDOW, ref, "ref"
            else:
                start = end = None
                precision = "none"
        place, actor, partner = r[PLACE], r[ACTOR], r[PARTNER]
        folded_place = fold(place) if place else None
        kind, place_country = ctx.places.get(folded_place, (None, None)) if folded_place else (None, None)
        value, unit = r[QUANTITY_VALUE], r[QUANTITY_UNIT]
        quantity = (float(value), unit or "") if value is not None and not math.isnan(value) else None
        words, weight = self.words_of.get(brief_id, ((), 0.0))
        return Item(
            row=row, event_id=r[EVENT_ID], brief_id=brief_id, source=source, event_type=r[EVENT_TYPE],
            start=start, end=end, precision=precision, ref=ref, actor=self._keys(actor, ctx),
            partner=self._keys(partner, ctx), actor_country=r[ACTOR_COUNTRY], place=folded_place,
            place_kind=kind, country=r[COUNTRY] or place_country, quantity=quantity,
            brief_quantities=ctx.quantities, names=ctx.names, confidence=r[CONFIDENCE] or 0.0,
            actor_kind=ctx.kinds.get(fold(actor)) if actor else None,
            partner_kind=ctx.kinds.get(fold(partner)) if partner else None,
            actor_state=_state(ctx, actor), partner_state=_state(ctx, partner), words=words, weight=weight,
            raw=r,
        )


def prepare(events: pa.Table, briefs: pa.Table, mentions: pa.Table | None,
            data: NameData) -> tuple[list[Item], dict[int, float]]:
    """Every event of the run as a comparable item, in row order, and the words' idf (small runs, tests)."""
    prepared = Prepared(events, briefs, mentions, data)
    return prepared.items(np.arange(events.num_rows)), prepared.idf


def _state(ctx: _BriefContext, name: str | None) -> str | None:
    """The country a place named as a participant stands for: a country or a city (a capital as subject)."""
    if not name:
        return None
    kind, country = ctx.places.get(fold(name), (None, None))
    return country if kind in ("country", "city") else None


@dataclass
class _BriefContext:
    places: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # folded → (kind, country)
    quantities: tuple[tuple[float, str], ...] = ()
    names: frozenset[str] = frozenset()
    other_names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # folded canonical → texts written
    kinds: dict[str, str] = field(default_factory=dict)  # folded name → ORG, PER, LOC


_EMPTY = _BriefContext()


def _brief_context(mentions: pa.Table, data: NameData) -> dict[str, _BriefContext]:
    """Per brief: its places (kind, country), quantities, ORG/PER names and the other wordings of each name."""
    cols = mentions.select(["brief_id", "kind", "text", "normalized", "value", "unit", "country", "place_kind"])
    cols = cols.to_pydict()
    out: dict[str, _BriefContext] = {}
    texts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    quantities: dict[str, list] = defaultdict(list)
    names: dict[str, set[str]] = defaultdict(set)
    for brief_id, kind, text, normalized, value, unit, country, place_kind in zip(*cols.values()):
        ctx = out.setdefault(brief_id, _BriefContext())
        if kind in ("ORG", "PER", "LOC") and normalized:
            ctx.kinds.setdefault(fold(normalized), kind)
        if kind == "LOC" and normalized:
            ctx.places.setdefault(fold(normalized), (place_kind, country))
        elif kind == "QUANTITY" and value is not None:
            quantities[brief_id].append((float(value), unit or ""))
        elif kind in ("ORG", "PER") and normalized:
            names[brief_id].add(" ".join(core_words(normalized, data)))  # as a participant's `NameKeys.core`
            if text and text != normalized:
                texts[brief_id][fold(normalized)].add(text)
    for brief_id, ctx in out.items():
        ctx.quantities = tuple(quantities.get(brief_id, ()))
        ctx.names = frozenset(names.get(brief_id, ()))
        ctx.other_names = {k: tuple(sorted(v)) for k, v in texts.get(brief_id, {}).items()}
    return out


TOP_WORDS = 15  # a brief is represented by its rarest words, so memory stays flat per brief
_MIN_WORD = 4


def brief_words(briefs: pa.Table) -> tuple[dict[str, tuple[tuple[int, ...], float]], dict[int, float]]:
    """(brief_id → (ids of its rarest words, sum of their idf), word id → idf over the run's briefs).

    Empty when the table has no text (the synthetic benchmark). Words are folded
    tokens of the headline and lede of four letters or more, or containing a digit.
    """
    if "text" not in briefs.column_names:
        return {}, {}
    ids = briefs.column("brief_id").to_pylist()
    heads = briefs.column("headline").to_pylist() if "headline" in briefs.column_names else [None] * len(ids)
    texts = briefs.column("text").to_pylist()
    vocabulary: dict[str, int] = {}
    docs: list[set[int]] = []
    df: Counter = Counter()
    for head, text in zip(heads, texts):
        # Each distinct word once, in reading order (word ids follow first sight, as ties are broken by id).
        words = dict.fromkeys(WORD.findall(fold_text(f"{head or ''} {text or ''}")))
        tokens = {vocabulary.setdefault(w, len(vocabulary)) for w in words
                  if len(w) >= _MIN_WORD or not w.isalpha()}  # [a-z0-9] only: not alphabetic = has a digit
        docs.append(tokens)
        df.update(tokens)
    n = len(docs)
    idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
    out = {}
    for brief_id, tokens in zip(ids, docs):
        # A word of one brief only can match nothing: the rarest words shared with some other brief.
        top = heapq.nsmallest(TOP_WORDS, (t for t in tokens if df[t] > 1), key=lambda t: (-idf[t], t))
        out[brief_id] = (tuple(sorted(top)), sum(idf[t] for t in top))
    return out, idf


def text_similarity(a: Item, b: Item, idf: dict[int, float]) -> float:
    """Cosine of the two briefs' rarest words (binary vectors weighted by idf), 0 to 1."""
    if not a.words or not b.words or not a.weight or not b.weight:
        return 0.0
    shared = set(a.words).intersection(b.words)
    return sum(idf[t] for t in shared) / math.sqrt(a.weight * b.weight)


