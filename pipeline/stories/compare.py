"""Whether two events report one real-world event: hard conditions, evidence and the reasons of a merge."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from .items import Item, text_similarity
from .names import NameData, NameKeys, name_relation

DAY_SLACK = 2  # two day-precise dates this many days apart can be one event (wires, time zones, "hier")
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
    """Decide whether two events report one real-world event; see the package docstring.

    `idf` (from `brief_words`) enables the text evidence; `data` gives the pairs of
    types one event is often given by two wordings (a merge across them needs more evidence).
    Each step below either finds a conflict (the events stay apart) or adds its evidence.
    """
    ev = _Evidence()
    conflict = (_types(a, b, data, ev) or ("same brief" if a.brief_id == b.brief_id else None)
                or _dates_and_cheap_conflicts(a, b, ev) or _participants_step(a, b, ev)
                or _country_and_place(a, b, ev) or _quantities(a, b, data, ev))
    if conflict:
        return Verdict(conflict, ev.score, ev.anchor, ev.reasons)
    _shared_names_and_wording(a, b, idf, ev)
    return Verdict(None, round(ev.score - (ev.needed - MERGE_SCORE), 3), ev.anchor, ev.reasons)


@dataclass(slots=True)
class _Evidence:
    """What `compare` has found so far for a pair: score, whether it is anchored, the reasons."""

    score: float = 0.0
    anchor: bool = False
    needed: float = MERGE_SCORE
    reasons: list[str] = field(default_factory=list)

    def add(self, weight: float, reason: str, anchor: bool = False) -> None:
        self.score += weight
        self.anchor = self.anchor or anchor
        self.reasons.append(reason)


def _types(a: Item, b: Item, data: NameData | None, ev: _Evidence) -> str | None:
    """Same type, `other` with any type, or two types often given to one event (more evidence needed)."""
    if a.event_type != b.event_type and OTHER not in (a.event_type, b.event_type):
        if data is None or frozenset((a.event_type, b.event_type)) not in data.close_types:
            return "different types"
        ev.needed += TYPE_PENALTY
        ev.reasons.append(f"types {a.event_type} and {b.event_type}, often given to one event")
    return None


def _dates_and_cheap_conflicts(a: Item, b: Item, ev: _Evidence) -> str | None:
    """Dates, then the conflicts cheapest to see (most candidates of a block fail here)."""
    conflict, weight, why = _date_relation(a, b)
    if conflict:
        return conflict
    if a.country and b.country and a.country != b.country:
        return f"countries {a.country} and {b.country}"
    qa, qb = a.quantity, b.quantity
    if (qa and qb and qa[1] == qb[1] and not _close(qa[0], qb[0])
            and not _in(qa, b.brief_quantities) and not _in(qb, a.brief_quantities)):
        return f"quantities {_fmt(qa)} and {_fmt(qb)}"
    ev.score += weight
    if why:
        ev.reasons.append(f"date: {why}")
    return None


def _participants_step(a: Item, b: Item, ev: _Evidence) -> str | None:
    """Actor with actor and partner with partner, or the roles swapped; a participant of one named in
    the other brief; actors of one kind from different countries conflict (unless roles were waived)."""
    straight = _participants(a.actor, b.actor, a.partner, b.partner, a.actor_kind, b.actor_kind,
                             a.partner_kind, b.partner_kind, (a.actor_state, b.actor_state, a.partner_state,
                                                              b.partner_state))
    swapped = None
    if (a.actor and b.partner) or (a.partner and b.actor):
        swapped = _participants(a.actor, b.partner, a.partner, b.actor, a.actor_kind, b.partner_kind,
                                a.partner_kind, b.actor_kind, (a.actor_state, b.partner_state, a.partner_state,
                                                               b.actor_state))
    waived = bool(straight[0] and not (swapped and swapped[0] is None) and _named_across(a, b))
    if waived:
        straight = (None, 0.0, ["participants named in both briefs, in other roles"], False)
    best = max((p for p in (straight, swapped) if p is not None and p[0] is None), key=lambda p: p[1], default=None)
    if best is None:
        return straight[0] if straight else "participants differ"
    _, weight, why, actor_agrees = best
    if weight:
        # Only the actors' agreement anchors: a partner (the seller, the lender, the host) is shared by
        # many acts of one fair or one summit, so it adds evidence but never merges by itself.
        ev.score += weight
        ev.anchor = ev.anchor or actor_agrees
        ev.reasons.extend(why)
    for x, y in ((a, b), (b, a)):
        for name in (x.actor, x.partner):
            if name is None or any(k is not None and name_relation(name, k) for k in (y.actor, y.partner)):
                continue
            if _named_in(name, y.names):
                ev.add(W_NAMED_IN_OTHER, f"{name.core}: a participant of one, named in the other brief", True)
    if (a.actor and b.actor and a.actor_country and b.actor_country and a.actor_country != b.actor_country
            and best is straight and not waived and a.actor_kind == b.actor_kind):
        return f"actor countries {a.actor_country} and {b.actor_country}"
    for x, y in ((a, b), (b, a)):
        # One event's actor that the other brief, whose event has none, never names: two buyers at one
        # fair ("IndiGo commande…" and "le transporteur flynas… a signé") share place, day and seller.
        if x.actor is not None and y.actor is None and not _named_in(x.actor, y.names):
            ev.needed += W_ACTOR
            ev.reasons.append(f"{x.actor.core}: actor of one, not named in the other brief")
    return None


def _country_and_place(a: Item, b: Item, ev: _Evidence) -> str | None:
    """Countries agree; places agree or one holds the other (see `_place_relation`)."""
    if a.country and b.country:
        if a.country != b.country:
            return f"countries {a.country} and {b.country}"
        ev.add(W_COUNTRY, f"country: {a.country}")
    if a.place and b.place:
        relation = _place_relation(a, b)
        if relation == "conflict":
            return f"places {a.place} and {b.place}"
        if relation == "same" and a.place_kind != "country":
            # Not an anchor: a summit or a fair sees many acts in one city on one day.
            ev.add(W_PLACE, f"place: {a.place}")
        elif relation == "nested":
            ev.add(W_PLACE_NESTED, f"place: {a.place} / {b.place} (one inside the other)")
    return None


def _quantities(a: Item, b: Item, data: NameData | None, ev: _Evidence) -> str | None:
    """Quantities of one unit agree, or one is written in the other brief; two counts of different
    things ("470 appareils", "800 moteurs") differ."""
    qa, qb = a.quantity, b.quantity
    if not (qa and qb):
        return None
    if qa[1] == qb[1]:
        if _close(qa[0], qb[0]):
            # A measured amount (160 MW, 3 avions) rarely coincides; a percentage often does.
            ev.add(W_QUANTITY if qa[1] == "%" else W_QUANTITY_MEASURED, f"quantity: {_fmt(qa)}", True)
        elif _in(qa, b.brief_quantities) or _in(qb, a.brief_quantities):
            ev.add(W_QUANTITY_IN_BRIEF, f"quantity: {_fmt(qa)} and {_fmt(qb)}, one written in the other brief", True)
        else:
            return f"quantities {_fmt(qa)} and {_fmt(qb)}"
    elif _in(qa, b.brief_quantities) or _in(qb, a.brief_quantities):
        ev.add(W_QUANTITY_IN_BRIEF, f"quantity: {_fmt(qa)} / {_fmt(qb)} written in the other brief", True)
    elif data is not None and _counted(qa[1], data) and _counted(qb[1], data) and not _close(qa[0], qb[0]):
        # "470 appareils" and "800 moteurs": two counts of different things (synonyms give one
        # count: "500 appareils", "500 monocouloirs")
        return f"counts {_fmt(qa)} and {_fmt(qb)}"
    return None


def _shared_names_and_wording(a: Item, b: Item, idf: dict[int, float] | None, ev: _Evidence) -> None:
    """Names both briefs mention besides the participants, and the rarest words they share."""
    participants = {k.core for k in (a.actor, a.partner, b.actor, b.partner) if k}
    shared = sorted((a.names & b.names) - participants)[:2]
    if shared:
        ev.add(W_SHARED_NAME * len(shared), "both name " + ", ".join(shared))
    if idf:
        similarity = text_similarity(a, b, idf)
        if similarity >= TEXT_SIMILAR:
            ev.add(min(W_TEXT_MAX, W_TEXT * similarity), f"wording: {similarity:.2f} of their rarest words shared",
                   similarity >= TEXT_ANCHOR)


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
    """(conflict, evidence, reasons, whether the actor-like pair agrees) of actor-like pair (a1, b1) and
    partner-like pair (a2, b2).

    Names of two kinds (a minister and his country, a bank and its envoy) neither conflict nor agree.
    """
    weight, reasons, actor_agrees = 0.0, [], False
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
            return (f"{role}s {x.core} and {y.core}", 0.0, [], False)
        actor_agrees = actor_agrees or role == "actor"
        weight += w_same if relation == "same" else w_alias
        reasons.append(f"{role}: {x.core}" + ("" if relation == "same" else f" = {y.core}"))
    return (None, weight, reasons, actor_agrees)


def _counted(unit: str, data: NameData) -> bool:
    """A unit that counts things ("avion", "moteur"): neither a measure nor a currency code."""
    return bool(unit) and unit not in data.measures and not (len(unit) == 3 and unit.isupper())


def _fmt(q: tuple[float, str]) -> str:
    return f"{q[0]:g} {q[1]}".strip()


