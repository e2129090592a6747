"""Stories: the events of different briefs that report one real-world event, grouped.

A story is computed after every event of a run exists, as a pure function of
the run's events, briefs and mentions tables (`build_stories`): the same
tables give the same stories, whatever engine wrote them and in whatever row
order.

Two events are the same real-world event when their arguments say so
(`compare`):

- hard conditions (any failing one keeps them apart): same type (or a pair of
  types two wordings often give one event, `models/story_types.tsv`, which
  then needs `TYPE_PENALTY` more evidence; an `other` event may join any type);
  never two events of one brief; dates compatible (equal or within `DAY_SLACK`
  days for two days, nested or overlapping otherwise; an undated event stands
  for the week before its brief's reference date, and one with neither stays
  alone); actors and partners agree where both are given and of one kind
  (roles may be swapped; acronyms, aliases, surnames and a capital for its
  state count, see `name_relation`; in agreements and visits, subjects chosen
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
advances.

A story's id is derived from its earliest member (earliest brief reference
date, then brief id, then event id), so a later run that adds briefs to a
story keeps its id.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from .records import SCHEMAS, Story

DAY_SLACK = 2  # two day-precise dates this many days apart can be one event (wires, time zones, "hier")
REF_WINDOW = 7  # an undated event happened in the week up to its brief's reference date
LOOKUP_SLACK = DAY_SLACK + REF_WINDOW  # days added around an event's span when looking up candidates
WIDE_SPAN = 400  # spans longer than this (multi-year intervals) are indexed under one "wide" bucket
MERGE_SCORE = 3.0  # evidence needed to merge (e.g. same actor and same day, or actor and quantity)
QUANTITY_TOLERANCE = 0.02  # "plus de 1 600 MW" and "1 600 MW", rounding of "près de"

# Evidence weights (see `compare`).
W_ACTOR = 2.0
W_ACTOR_ALIAS = 1.5
W_PARTNER = 1.5
W_PLACE = 1.0
W_PLACE_NESTED = 0.5
W_QUANTITY = 1.5
W_QUANTITY_MEASURED = 2.0
W_QUANTITY_IN_BRIEF = 1.0
W_SAME_DAY = 1.0
W_NEAR_DATE = 0.5
W_COUNTRY = 0.3
W_SHARED_NAME = 0.5  # per name (ORG, PER) both briefs mention besides actor and partner, at most two
W_NAMED_IN_OTHER = 1.0  # an actor or partner of one event that the other brief names (its own field empty)
OTHER = "other"  # the type of an event the extractor could not classify: it may join a story of any type
TYPE_PENALTY = 1.0  # more evidence needed to merge two events of types often confused (models/story_types.tsv)
SYMMETRIC_TYPES = frozenset({"agreement", "diplomacy"})  # acts with no single subject
TEXT_SIMILAR = 0.15  # share of the rarest words from which the wording counts as evidence
TEXT_ANCHOR = 0.5  # ... and from which it anchors a merge by itself
W_TEXT = 3.0
W_TEXT_MAX = 1.0

_ARTICLE = re.compile(r"^(?:les|le|la|l')\s*")
_WORD = re.compile(r"[a-z0-9]+")
_FUNCTION_WORDS = frozenset("de du des d la le les l et a au aux en pour sur of the and for".split())


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, one space, no leading article.

    >>> fold("L’Électricité  de France")
    'electricite de france'
    """
    t = unicodedata.normalize("NFKD", text.replace("’", "'"))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return _ARTICLE.sub("", " ".join(t.split()), count=1)


# ---------------------------------------------------------------------------
# Names: canonical keys, acronyms, aliases


@dataclass(frozen=True)
class NameData:
    """Alias data the comparison uses: organisation aliases (folded alias → folded name), company suffixes."""

    aliases: dict[str, str] = field(default_factory=dict)
    suffixes: frozenset[str] = frozenset()
    close_types: frozenset[frozenset[str]] = frozenset()
    # Units of measure (models/lexicons/units.tsv, second column): any other unit but a currency is
    # a counted thing ("appareil", "moteur"), and two counts of different things are two acts.
    measures: frozenset[str] = frozenset({"%"})

    @classmethod
    def from_models(cls, models: Path | None) -> NameData:
        """Read the acronym lexicon (name and aliases) and the company-suffix cue words under `models/`."""
        if models is None:
            return cls()
        aliases: dict[str, str] = {}
        path = models / "lexicons" / "acronyms.tsv"
        if path.is_file():
            for row in _tsv_rows(path):
                if len(row) < 2 or row[0] == "acronym":
                    continue
                name = fold(row[1])
                for alias in [row[0], *(row[2].split("|") if len(row) > 2 and row[2] else [])]:
                    if alias.strip():
                        aliases[fold(alias)] = name
        suffixes = set()
        cues = models / "lexicons" / "entity_cues.tsv"
        if cues.is_file():
            suffixes = {fold(row[1]).rstrip(".") for row in _tsv_rows(cues) if len(row) > 1 and row[0] == "corp_suffix"}
        close = set()
        types_file = models / "story_types.tsv"
        if types_file.is_file():
            close = {frozenset(row[:2]) for row in _tsv_rows(types_file) if len(row) >= 2 and row[0] != "type"}
        measures = {"%"}
        units = models / "lexicons" / "units.tsv"
        if units.is_file():
            measures.update(row[1] for row in _tsv_rows(units) if len(row) > 1 and row[1])
        return cls(aliases, frozenset(suffixes), frozenset(close), frozenset(measures))


def _tsv_rows(path: Path) -> Iterable[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def core_words(name: str, data: NameData) -> tuple[str, ...]:
    """The folded words of a name, an alias replaced by its full name, company suffixes dropped.

    >>> core_words("L'Électricité de France SA", NameData(suffixes=frozenset({"sa"})))
    ('electricite', 'de', 'france')
    """
    folded = fold(name)
    folded = data.aliases.get(folded, folded)
    words = tuple(_WORD.findall(folded))
    while len(words) > 1 and words[-1] in data.suffixes:
        words = words[:-1]
    return words


def _is_acronym(name: str) -> bool:
    """'EDF', 'BoJ', 'BNS': a short name whose letters are mostly capitals."""
    letters = [c for c in name if c.isalpha()]
    if not 2 <= len(letters) <= 8 or " " in name.strip():
        return False
    return sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


@dataclass(frozen=True, slots=True)
class NameKeys:
    """The keys under which a name matches another: its folded words and its acronym forms."""

    core: str
    words: tuple[str, ...]
    acronyms: frozenset[str]
    is_acronym: bool

    @classmethod
    def of(cls, name: str, data: NameData, extra: Iterable[str] = ()) -> NameKeys:
        """Keys of `name`, with `extra` other names of the same entity (from its brief's mentions)."""
        words = core_words(name, data)
        acronym = _is_acronym(name)
        acronyms = set()
        for form in (name, *extra):
            if _is_acronym(form):
                letters = "".join(c for c in form if c.isalpha())
                acronyms.add(letters.lower())
                acronyms.add("".join(c for c in letters if c.isupper()).lower())  # "BoJ" → "bj"
        if not acronym and len(words) >= 2:
            acronyms.add("".join(w[0] for w in words))  # Électricité de France → edf
            content = [w for w in words if w not in _FUNCTION_WORDS]
            if len(content) >= 2:
                acronyms.add("".join(w[0] for w in content))  # Banque du Japon → bj
        for form in extra:
            alias = data.aliases.get(fold(form))
            if alias:
                acronyms.add("=" + alias)
        acronyms.add("=" + " ".join(words))
        return cls(" ".join(words), words, frozenset(a for a in acronyms if len(a) >= 2), acronym)

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019  (NameKeys are few, shared and immutable)
    def index_keys(self, lookup: bool) -> tuple[str, ...]:
        """Keys for candidate lookup (`lookup`) or registration: a full name is registered under its
        canonical forms ("=...") and the acronyms it makes ("#..."); an acronym under its letters ("@...").
        A full name looks up full names and acronyms; an acronym looks up full names and acronyms, so
        two full names never meet through their initials alone."""
        full = sorted(k for k in self.acronyms if k.startswith("="))
        letters = sorted(k for k in self.acronyms if not k.startswith("="))
        if self.is_acronym:
            return tuple(full + ([f"#{k}" for k in letters] + [f"@{k}" for k in letters] if lookup else
                                 [f"@{k}" for k in letters]))
        return tuple(full + ([f"@{k}" for k in letters] if lookup else [f"#{k}" for k in letters]))


def name_relation(a: NameKeys, b: NameKeys) -> str | None:
    """'same', 'alias' (acronym, alias, surname) or None when the names do not match."""
    if a.core == b.core:
        return "same"
    if a.is_acronym or b.is_acronym:
        short, long_ = (a, b) if a.is_acronym else (b, a)
        if short.acronyms & long_.acronyms:
            return "alias"
    elif {k for k in a.acronyms if k.startswith("=")} & {k for k in b.acronyms if k.startswith("=")}:
        return "alias"
    # "Modi" and "Narendra Modi": the shorter ends the longer, after a name word (not "du Japon").
    short, long_ = (a.words, b.words) if len(a.words) < len(b.words) else (b.words, a.words)
    if short and len(short) < len(long_) and long_[-len(short):] == short:
        before = long_[-len(short) - 1]
        if before not in _FUNCTION_WORDS and all(len(w) >= 3 for w in short):
            return "alias"
    return None


# ---------------------------------------------------------------------------
# Events prepared for comparison


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
        tokens = {vocabulary.setdefault(w, len(vocabulary)) for w in _WORD.findall(fold(f"{head or ''} {text or ''}"))
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


# ---------------------------------------------------------------------------
# Comparing two events


@dataclass(slots=True)
class Verdict:
    """Whether two events can be one, how strongly, and why."""

    conflict: str | None
    score: float
    anchor: bool
    reasons: list[str]

    @property
    def same(self) -> bool:
        return self.conflict is None and self.anchor and self.score >= MERGE_SCORE


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=QUANTITY_TOLERANCE, abs_tol=1e-9)


def _in(q: tuple[float, str], pool: Sequence[tuple[float, str]]) -> bool:
    return any(u == q[1] and _close(v, q[0]) for v, u in pool)


def _place_relation(a: Item, b: Item) -> str:
    """'same', 'nested' (a country and a place in it), 'open' (cannot tell) or 'conflict'."""
    if a.place == b.place:
        return "same"
    if a.place_kind == "country" and b.country and a.country == b.country:
        return "nested"
    if b.place_kind == "country" and a.country and b.country == a.country:
        return "nested"
    if a.country and b.country and a.country != b.country:
        return "conflict"
    if a.place_kind and a.place_kind == b.place_kind and a.place_kind in ("city", "region", "country", "site"):
        return "conflict"
    return "open"


def _date_relation(a: Item, b: Item) -> tuple[str | None, float, str]:
    """(conflict, evidence, reason) of two events' dates."""
    if a.start is None or b.start is None:
        return "no date", 0.0, ""
    if a.precision == "day" and b.precision == "day":
        gap = abs(a.start - b.start)
        if gap == 0:
            return None, W_SAME_DAY, "same day"
        if gap <= DAY_SLACK:
            return None, W_NEAR_DATE, f"{gap} day(s) apart"
        return f"dates {gap} days apart", 0.0, ""
    slack_a = DAY_SLACK if a.precision == "day" else 0
    slack_b = DAY_SLACK if b.precision == "day" else 0
    if a.start - slack_a > b.end + slack_b or b.start - slack_b > a.end + slack_a:
        return "dates do not overlap", 0.0, ""
    if "ref" in (a.precision, b.precision):
        return None, 0.0, "undated, within its brief's week"
    if a.precision == b.precision and a.start == b.start and a.end == b.end:
        return None, W_NEAR_DATE, f"same {a.precision}"
    narrow = min((a, b), key=lambda x: x.end - x.start)
    if narrow.precision in ("day", "week", "month") and (a.end - a.start <= 31 or b.end - b.start <= 31):
        return None, W_NEAR_DATE / 2, "one date inside the other"
    return None, 0.0, "dates overlap"


def compare(a: Item, b: Item, idf: dict[int, float] | None = None, data: NameData | None = None) -> Verdict:
    """Decide whether two events report one real-world event; see the module docstring.

    `idf` (from `brief_words`) enables the text evidence; `data` gives the pairs of
    types one event is often given by two wordings (a merge across them needs more evidence).
    """
    reasons: list[str] = []
    score, anchor = 0.0, False
    needed = MERGE_SCORE

    def no(why: str) -> Verdict:
        return Verdict(why, score, anchor, reasons)

    if a.event_type != b.event_type and OTHER not in (a.event_type, b.event_type):
        if data is None or frozenset((a.event_type, b.event_type)) not in data.close_types:
            return no("different types")
        needed += TYPE_PENALTY
        reasons.append(f"types {a.event_type} and {b.event_type}, often given to one event")
    if a.brief_id == b.brief_id:
        return no("same brief")
    conflict, weight, why = _date_relation(a, b)
    if conflict:
        return no(conflict)
    # Cheap conflicts first: most candidates of a block fail here.
    if a.country and b.country and a.country != b.country:
        return no(f"countries {a.country} and {b.country}")
    qa, qb = a.quantity, b.quantity
    if (qa and qb and qa[1] == qb[1] and not _close(qa[0], qb[0])
            and not _in(qa, b.brief_quantities) and not _in(qb, a.brief_quantities)):
        return no(f"quantities {_fmt(qa)} and {_fmt(qb)}")
    score += weight
    if why:
        reasons.append(f"date: {why}")
    # Participants: actor with actor and partner with partner, or the roles swapped.
    straight = _participants(a.actor, b.actor, a.partner, b.partner, a.actor_kind, b.actor_kind,
                             a.partner_kind, b.partner_kind, (a.actor_state, b.actor_state, a.partner_state,
                                                              b.partner_state))
    swapped = _participants(a.actor, b.partner, a.partner, b.actor, a.actor_kind, b.partner_kind,
                            a.partner_kind, b.actor_kind, (a.actor_state, b.partner_state, a.partner_state,
                                                           b.actor_state)) if (a.actor and b.partner) or (a.partner and b.actor) else None
    if straight[0] and not (swapped and swapped[0] is None) and _named_across(a, b):
        straight = (None, 0.0, ["participants named in both briefs, in other roles"])
        waived = True
    else:
        waived = False
    best = max((p for p in (straight, swapped) if p is not None and p[0] is None), key=lambda p: p[1], default=None)
    if best is None:
        return no(straight[0] if straight else "participants differ")
    _, weight, why = best
    if weight:
        score += weight
        anchor = True
        reasons.extend(why)
    for x, y, label in ((a, b, "names"), (b, a, "names")):
        for name in (x.actor, x.partner):
            if name is None or any(k is not None and name_relation(name, k) for k in (y.actor, y.partner)):
                continue
            if _named_in(name, y.names):
                score += W_NAMED_IN_OTHER
                anchor = True
                reasons.append(f"{name.core}: a participant of one, named in the other brief")
    if (a.actor and b.actor and a.actor_country and b.actor_country and a.actor_country != b.actor_country
            and best is straight and not waived and a.actor_kind == b.actor_kind):
        return no(f"actor countries {a.actor_country} and {b.actor_country}")
    if a.country and b.country:
        if a.country != b.country:
            return no(f"countries {a.country} and {b.country}")
        score += W_COUNTRY
        reasons.append(f"country: {a.country}")
    if a.place and b.place:
        relation = _place_relation(a, b)
        if relation == "conflict":
            return no(f"places {a.place} and {b.place}")
        if relation == "same" and a.place_kind != "country":
            # Not an anchor: a summit or a fair sees many acts in one city on one day.
            score += W_PLACE
            reasons.append(f"place: {a.place}")
        elif relation == "nested":
            score += W_PLACE_NESTED
            reasons.append(f"place: {a.place} / {b.place} (one inside the other)")
    if a.quantity and b.quantity and a.quantity[1] == b.quantity[1]:
        if _close(a.quantity[0], b.quantity[0]):
            # A measured amount (160 MW, 3 avions) rarely coincides; a percentage often does.
            score += W_QUANTITY if a.quantity[1] == "%" else W_QUANTITY_MEASURED
            anchor = True
            reasons.append(f"quantity: {_fmt(a.quantity)}")
        elif _in(a.quantity, b.brief_quantities) or _in(b.quantity, a.brief_quantities):
            score += W_QUANTITY_IN_BRIEF
            anchor = True
            reasons.append(f"quantity: {_fmt(a.quantity)} and {_fmt(b.quantity)}, one written in the other brief")
        else:
            return no(f"quantities {_fmt(a.quantity)} and {_fmt(b.quantity)}")
    elif a.quantity and b.quantity:
        if _in(a.quantity, b.brief_quantities) or _in(b.quantity, a.brief_quantities):
            score += W_QUANTITY_IN_BRIEF
            anchor = True
            reasons.append(f"quantity: {_fmt(a.quantity)} / {_fmt(b.quantity)} written in the other brief")
        elif (data is not None and _counted(a.quantity[1], data) and _counted(b.quantity[1], data)
              and not _close(a.quantity[0], b.quantity[0])):
            # "470 appareils" and "800 moteurs": two counts of different things (synonyms give one
            # count: "500 appareils", "500 monocouloirs")
            return no(f"counts {_fmt(a.quantity)} and {_fmt(b.quantity)}")
    participants = {k.core for k in (a.actor, a.partner, b.actor, b.partner) if k}
    shared = sorted((a.names & b.names) - participants)[:2]
    if shared:
        score += W_SHARED_NAME * len(shared)
        reasons.append("both name " + ", ".join(shared))
    if idf:
        similarity = text_similarity(a, b, idf)
        if similarity >= TEXT_SIMILAR:
            score += min(W_TEXT_MAX, W_TEXT * similarity)
            anchor = anchor or similarity >= TEXT_ANCHOR
            reasons.append(f"wording: {similarity:.2f} of their rarest words shared")
    return Verdict(None, round(score - (needed - MERGE_SCORE), 3), anchor, reasons)


def _named_across(a: Item, b: Item) -> bool:
    """Each side's participants are named in the other brief, so two wordings that chose different
    subjects do not conflict: in symmetric acts (an agreement, a visit: "X reçoit Y", "Y s'entretient
    avec X") always; in other acts ("X commande à Y", "Y reçoit une commande de X": the seller taken
    for the actor) only when both give one quantity, so two deals of one buyer stay apart."""
    if a.event_type not in SYMMETRIC_TYPES and b.event_type not in SYMMETRIC_TYPES:
        qa, qb = a.quantity, b.quantity
        if not (qa and qb and qa[1] == qb[1] and _close(qa[0], qb[0])):
            return False
    x = [k for k in (a.actor, a.partner) if k]
    y = [k for k in (b.actor, b.partner) if k]
    return bool(x and y) and all(_named_in(k, b.names) for k in x) and all(_named_in(k, a.names) for k in y)


def _named_in(name: NameKeys, names: frozenset[str]) -> bool:
    """Whether a brief's ORG/PER names include `name`, in full, by its last words ("Diallo") or, for an
    acronym, as the first word of a longer name ("CFM" in "CFM International")."""
    if name.core in names:
        return True
    core = " " + name.core
    if name.is_acronym and any(n.startswith(name.core + " ") for n in names):
        return True
    return any(n.endswith(core) or name.core.endswith(" " + n) for n in names if len(n) >= 3)


def _participants(a1: NameKeys | None, b1: NameKeys | None, a2: NameKeys | None, b2: NameKeys | None,
                  ka1: str | None = None, kb1: str | None = None, ka2: str | None = None, kb2: str | None = None,
                  states: tuple = (None, None, None, None)):
    """(conflict, evidence, reasons) of actor-like pair (a1, b1) and partner-like pair (a2, b2).

    Names of two kinds (a minister and his country, a bank and its envoy) neither conflict nor agree.
    """
    weight, reasons = 0.0, []
    for x, y, kx, ky, sx, sy, role, w_same, w_alias in (
            (a1, b1, ka1, kb1, states[0], states[1], "actor", W_ACTOR, W_ACTOR_ALIAS),
            (a2, b2, ka2, kb2, states[2], states[3], "partner", W_PARTNER, W_PARTNER)):
        if x is None or y is None:
            continue
        relation = name_relation(x, y)
        if relation is None and sx and sx == sy:
            relation = "state"  # "Tachkent" signs for "l'Ouzbékistan"
        if relation is None and kx and ky and kx != ky:
            continue
        if relation is None:
            return (f"{role}s {x.core} and {y.core}", 0.0, [])
        weight += w_same if relation == "same" else w_alias
        reasons.append(f"{role}: {x.core}" + ("" if relation == "same" else f" = {y.core}"))
    return (None, weight, reasons)


def _counted(unit: str, data: NameData) -> bool:
    """A unit that counts things ("avion", "moteur"): neither a measure nor a currency code."""
    return bool(unit) and unit not in data.measures and not (len(unit) == 3 and unit.isupper())


def _fmt(q: tuple[float, str]) -> str:
    return f"{q[0]:g} {q[1]}".strip()


# ---------------------------------------------------------------------------
# Clustering


@dataclass(slots=True)
class _Group:
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


def cluster(items: Sequence[Item], idf: dict[int, float] | None = None, data: NameData | None = None,
            explain: bool = False) -> list[_Group]:
    """Group items into stories (see the module docstring); groups in order of their first member."""
    order = sorted(range(len(items)), key=lambda i: (
        items[i].start is None, items[i].start or 0, items[i].ref or 0, items[i].brief_id, items[i].event_id))
    groups: list[_Group] = []
    # Blocking: (type, country, anchor key, month or -1 for wide spans) → group indices; months drop
    # out behind the sweep. An event is registered under its country and under "*"; one without a
    # country under "" and "*". An event looks up its country and "" (events of no country), or "*"
    # when it has none; and its type, the types close to it and "other" (every type when it is "other").
    index: dict[tuple, dict[str, set[int]]] = {}
    near: dict[str, frozenset[str]] = {}  # type → the types it may share a story with
    any_wide = False  # whether some event was indexed under the "wide" bucket yet
    close = defaultdict(set)
    for pair in (data.close_types if data else ()):
        a, b = sorted(pair)
        close[a].add(b)
        close[b].add(a)
    by_month: dict[int, list[tuple]] = defaultdict(list)
    lowest_month = None
    for i in order:
        item = items[i]
        if item.start is None:
            groups.append(_Group([i], {item.brief_id}, []))
            continue
        lo, hi = item.start - DAY_SLACK, item.end + DAY_SLACK
        first = _month(item.start - LOOKUP_SLACK)
        if lowest_month is None:
            lowest_month = first
        while lowest_month < first:  # nothing later looks this far back
            for key in by_month.pop(lowest_month, ()):
                index.pop(key, None)
            lowest_month += 1
        keys = _anchor_keys(item, lookup=True)
        wide = item.end - item.start > WIDE_SPAN
        months = ([-1] if any_wide or wide else []) + (
            list(range(first, _month(item.end + LOOKUP_SLACK) + 1)) if not wide else [])
        types = None if item.event_type == OTHER else near.get(item.event_type) or near.setdefault(
            item.event_type, frozenset({item.event_type, OTHER, *close[item.event_type]}))
        countries = (item.country, "") if item.country else ("*",)
        candidates: set[int] = set()
        for c in countries:
            for key in keys:
                for m in months:
                    by_type = index.get((c, key, m))
                    if by_type:
                        for t, hit in by_type.items():
                            if types is None or t in types:
                                candidates.update(hit)
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
                verdicts.append(None)  # type: ignore[arg-type]  (marks a complete pass)
            if not verdicts or verdicts[-1] is not None:
                continue
            verdicts.pop()
            v, m = max(verdicts, key=lambda vm: (vm[0].same, vm[0].score))
            if v.same and (best is None or v.score > best[0].score):
                best = (v, m, g)
        if best is None:
            g = len(groups)
            groups.append(_Group([i], {item.brief_id}, [], lo=lo, hi=hi))
        else:
            v, m, g = best
            group = groups[g]
            group.members.append(i)
            group.briefs.add(item.brief_id)
            group.weakest = min(group.weakest, v.score)
            group.lo, group.hi = min(group.lo, lo), max(group.hi, hi)
            if explain:
                group.merges.append((i, m, v.score, v.reasons))
        register = [-1] if wide else list(range(_month(item.start), _month(item.end) + 1))
        any_wide = any_wide or wide
        own_keys = _anchor_keys(item, lookup=False)
        for c in ((item.country, "*") if item.country else ("", "*")):
            for key in own_keys:
                for m in register:
                    full = (c, key, m)
                    by_type = index.get(full)
                    if by_type is None:
                        by_type = index[full] = {}
                        if m >= 0:
                            by_month[m].append(full)
                    by_type.setdefault(item.event_type, set()).add(g)
    return groups


# ---------------------------------------------------------------------------
# The stories table


def story_id(first_event_id: str) -> str:
    """Stable id of a story, from the event id of its earliest member.

    >>> story_id("0123456789abcdef")
    '5b75e6c83de9f6c8'
    """
    return hashlib.sha256(f"story:{first_event_id}".encode()).hexdigest()[:16]


@dataclass
class StorySet:
    """The stories of a run: one story id per event row, the stories table rows, and the merge reasons."""

    event_story: list[str]
    stories: list[Story]
    groups: list[_Group]
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


def _story(sid: str, members: list[int], items: Sequence[Item], cols: dict, group: _Group) -> Story:
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
    from .emit import to_table

    return to_table(list(stories), SCHEMAS["stories"])


# ---------------------------------------------------------------------------
# In a run: after every event exists, inside the staged commit

_BRIEF_COLUMNS = ["brief_id", "reference_date", "source", "headline", "text"]
_MENTION_COLUMNS = ["brief_id", "kind", "text", "normalized", "value", "unit", "country", "place_kind"]


def attach_stories(tables, models: Path | None) -> int:
    """Compute the stories of a local run from its staged tables; rewrite events with `story_id`, write stories.

    `tables` is the run's `emit.TableSet`, every brief already written. Returns the number of stories.
    """
    import pyarrow.parquet as pq

    briefs = pq.read_table(tables.finished("briefs"), columns=_BRIEF_COLUMNS)
    mentions = pq.read_table(tables.finished("mentions"), columns=_MENTION_COLUMNS)
    old_events = tables.reread("events")
    events = pq.read_table(old_events)
    result = build_stories(events, briefs, mentions, NameData.from_models(models))
    writer = tables.writers["events"]
    for offset in range(0, events.num_rows, 5000):
        chunk = events.slice(offset, 5000)
        writer.write_table(with_story_ids(chunk, result.event_story[offset:offset + chunk.num_rows]))
    old_events.unlink(missing_ok=True)
    tables.writers["stories"].write_table(stories_table(result.stories))
    return len(result.stories)


def attach_stories_parts(stage: Path, models: Path | None) -> int:
    """The same for a Dask run: tables are folders of `part-*.parquet` under `stage`; stories go to one part."""
    import pyarrow.parquet as pq

    from .emit import TableWriter

    def read(name: str, columns=None) -> tuple[list[Path], pa.Table]:
        parts = sorted((stage / name).glob("part-*.parquet"))
        tables_ = [pq.read_table(p, columns=columns) for p in parts]
        schema = SCHEMAS[name] if columns is None else pa.schema([SCHEMAS[name].field(c) for c in columns])
        return parts, pa.concat_tables(tables_) if tables_ else schema.empty_table()

    _, briefs = read("briefs", _BRIEF_COLUMNS)
    _, mentions = read("mentions", _MENTION_COLUMNS)
    parts, events = read("events")
    result = build_stories(events, briefs, mentions, NameData.from_models(models))
    offset = 0
    for part in parts:
        rows = pq.read_metadata(part).num_rows
        table = with_story_ids(events.slice(offset, rows), result.event_story[offset:offset + rows])
        offset += rows
        writer = TableWriter(part.parent, part.stem, SCHEMAS["events"], formats=("parquet",))
        try:
            writer.write_table(table)
            writer.commit()
        except BaseException:
            writer.abort()
            raise
    (stage / "stories").mkdir(exist_ok=True)
    writer = TableWriter(stage / "stories", "part-00000", SCHEMAS["stories"], formats=("parquet",))
    try:
        writer.write_table(stories_table(result.stories))
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return len(result.stories)


def read_run_table(out_dir: Path, name: str, columns=None) -> pa.Table:
    """One table of a finished run: `<name>.parquet` (local run) or `<name>/part-*.parquet` (Dask run)."""
    import pyarrow.parquet as pq

    single = out_dir / f"{name}.parquet"
    if single.is_file():
        return pq.read_table(single, columns=columns)
    parts = sorted((out_dir / name).glob("part-*.parquet"))
    if not parts:
        raise FileNotFoundError(f"{out_dir}: no {name} table")
    return pa.concat_tables([pq.read_table(p, columns=columns) for p in parts])


def explain_run(out_dir: Path, wanted: str, models: Path | None = None) -> str:
    """Why the events of story `wanted` of the run in `out_dir` were grouped (recomputed from its tables)."""
    events = read_run_table(out_dir, "events")
    briefs = read_run_table(out_dir, "briefs", _BRIEF_COLUMNS)
    mentions = read_run_table(out_dir, "mentions", _MENTION_COLUMNS)
    result = build_stories(events, briefs, mentions, NameData.from_models(models), explain=True)
    return result.explain(wanted, events)
