"""Events prepared for comparison: dates as ordinals, names as keys, each brief's context and rarest words."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pyarrow as pa

from .names import WORD, NameData, NameKeys, core_words, fold

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


def prepare(events: pa.Table, briefs: pa.Table, mentions: pa.Table | None,
            data: NameData) -> tuple[list[Item], dict[int, float]]:
    """Turn the events table (with the briefs and mentions of the run) into comparable items, in row order."""
    brief_cols = briefs.select(["brief_id", "reference_date", "source"]).to_pydict()
    words_of, idf = brief_words(briefs)
    ref_of = {b: _ordinal(r) for b, r in zip(brief_cols["brief_id"], brief_cols["reference_date"])}
    source_of = dict(zip(brief_cols["brief_id"], brief_cols["source"]))
    per_brief = _brief_context(mentions, data) if mentions is not None and mentions.num_rows else {}
    cols = events.select([
        "event_id", "brief_id", "event_type", "event_date", "event_date_start", "event_date_end", "actor",
        "actor_country", "partner", "place", "country", "quantity_value", "quantity_unit", "confidence",
    ]).to_pydict()
    keys_cache: dict[tuple[str, tuple[str, ...]], NameKeys] = {}

    def keys(name: str | None, context: _BriefContext | None) -> NameKeys | None:
        if not name:
            return None
        extra = context.other_names.get(fold(name), ()) if context else ()
        k = (name, extra)
        if k not in keys_cache:
            keys_cache[k] = NameKeys.of(name, data, extra)
        return keys_cache[k]

    items = []
    empty = _BriefContext()
    for i in range(events.num_rows):
        brief_id = cols["brief_id"][i]
        ctx = per_brief.get(brief_id, empty)
        start, end = _ordinal(cols["event_date_start"][i]), _ordinal(cols["event_date_end"][i])
        precision = _precision(cols["event_date"][i])
        ref = ref_of.get(brief_id)
        if start is None or end is None:
            if ref is not None:
                start, end, precision = ref - REF_WINDOW, ref, "ref"
            else:
                start = end = None
                precision = "none"
        place = cols["place"][i]
        folded_place = fold(place) if place else None
        kind, place_country = ctx.places.get(folded_place, (None, None)) if folded_place else (None, None)
        value, unit = cols["quantity_value"][i], cols["quantity_unit"][i]
        quantity = (float(value), unit or "") if value is not None and not math.isnan(value) else None
        items.append(Item(
            row=i, event_id=cols["event_id"][i], brief_id=brief_id, source=source_of.get(brief_id),
            event_type=cols["event_type"][i], start=start, end=end, precision=precision, ref=ref,
            actor=keys(cols["actor"][i], ctx), partner=keys(cols["partner"][i], ctx),
            actor_country=cols["actor_country"][i], place=folded_place, place_kind=kind,
            country=cols["country"][i] or place_country, quantity=quantity,
            brief_quantities=ctx.quantities, names=ctx.names, confidence=cols["confidence"][i] or 0.0,
            actor_kind=ctx.kinds.get(fold(cols["actor"][i])) if cols["actor"][i] else None,
            partner_kind=ctx.kinds.get(fold(cols["partner"][i])) if cols["partner"][i] else None,
            actor_state=_state(ctx, cols["actor"][i]), partner_state=_state(ctx, cols["partner"][i]),
            words=words_of.get(brief_id, ((), 0.0))[0], weight=words_of.get(brief_id, ((), 0.0))[1],
        ))
    return items, idf


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
        tokens = {vocabulary.setdefault(w, len(vocabulary)) for w in WORD.findall(fold(f"{head or ''} {text or ''}"))
                  if len(w) >= _MIN_WORD or any(c.isdigit() for c in w)}
        docs.append(tokens)
        df.update(tokens)
    n = len(docs)
    idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
    out = {}
    for brief_id, tokens in zip(ids, docs):
        # A word of one brief only can match nothing: the rarest words shared with some other brief.
        top = sorted((t for t in tokens if df[t] > 1), key=lambda t: (-idf[t], t))[:TOP_WORDS]
        out[brief_id] = (tuple(sorted(top)), sum(idf[t] for t in top))
    return out, idf


def text_similarity(a: Item, b: Item, idf: dict[int, float]) -> float:
    """Cosine of the two briefs' rarest words (binary vectors weighted by idf), 0 to 1."""
    if not a.words or not b.words or not a.weight or not b.weight:
        return 0.0
    shared = set(a.words).intersection(b.words)
    return sum(idf[t] for t in shared) / math.sqrt(a.weight * b.weight)


