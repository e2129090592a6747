"""Events: type each brief's events with the taxonomy of docs/taxonomy.md and fill their arguments.

A pure function of the annotated Doc, its brief and its normalised mentions.
Cues are data (`models/lexicons/event_cues.jsonl`: lemmas and lemma patterns
per type with weights; `event_types.tsv`: CAMEO/PLOVER counterparts;
`event_context.tsv`: words that mark targets, background and roles), read once.

How a brief becomes events:
1. Every cue that fires on the headline and the lede is a candidate (see
   `triggers`), scored
       cue_score = weight × position × role × prospective × rhetorical × frame
   with position 1.0 in the lede and 0.85 in the headline (the lede states the
   facts), role = max(0.6, 1 − 0.1 × (depth − 1)) where depth is the cue's
   distance to its sentence root in the parse, prospective 0.8 when the cue is
   planned, hoped for or a purpose ("prévue pour une mise en service", "pour
   financer"), or told in the pluperfect ("avait été lancé") else 1, rhetorical
   0.4 in a lede question or a hypothesis ("Et si…", "Faut-il…") else 1, frame
   0.6 inside a frame ("en marge du forum", "lors de la visite", "pendant le
   sommet", "au cours des négociations") else 1.
2. Main event by syntax (GUIDELINES "Which event is the brief's main one"), the
   one ranking of the package (`triggers.rank_key`): a firm cue (score ≥ 0.7)
   in the main clause of the lede's first factual sentence (depth ≤ 1, not in a
   frame, not planned) comes first; then the other cues of the headline and of
   that sentence by score, so a frame or a participial background ("…,
   construit par X, …", depth + 3) ranks below the act it frames; a later
   sentence's cue only wins when neither the headline nor the first sentence
   has one (later sentences add detail: "Le financement est assuré par…"). The headline confirms or breaks ties: a headline winner hands over
   to the lede's cue of its type, and a headline cue of the winner's type adds
   to its confidence. Another candidate becomes a further event when it is of
   another type, stated as a fact at the top of a lede sentence (depth ≤ 1, not
   prospective) and scores at least 0.7.
3. Its arguments come from the parse (`actors`, `partners`, `places`,
   `quantities`, `dates`, with `parties` resolving a phrase to a party): actor,
   partner, place, country, date, quantity; each empty one gets a reason in
   `missing`.
4. confidence = min(1, cue_score × (0.6 + 0.4 × completeness) + 0.1 if the
   headline has a cue of the same type), where completeness is the share of
   {actor or actor_country, event_date, country} that is filled; × 0.75 for a
   further event, × 0.8 for a main event that is neither in the lede's main
   clause nor confirmed by the headline. Bands (measured on the 75 dev briefs,
   type right among all events written): ≥ 0.8 means the type is right about
   nine times in ten (0.98 on 57 events); 0.5–0.8 less sure (0.93 on 15, 0.54 on an earlier
   build), check it; < 0.5 is a guess or
   `other`. A brief with no cue, or whose best cue scores under 0.45 (a weak
   cue deep in a sentence, or one in a rhetorical question), gets one `other`
   event with confidence 0.1.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from ..lexicons.gazetteer import Gazetteer, load_gazetteer
from ..normalize.entities import state_organ_name
from ..records import Brief, Event, Mention
from .actors import assign_actor
from .offices import body_of_board, shared_demonym_country
from .home import home_country
from .partners import assign_partner
from .country import assign_country
from .places import assign_place, event_clause
from .quantities import assign_quantity
from .context import BriefContext
from .dates import assign_date
from ..lexicons.events import Cue, Lexicon, load_lexicon
from .links import link_event
from .parties import Party
from .syntax import NOUN_POS, SUBJECT_DEPS
from .triggers import OBJECT_DEPS, Candidate, find_candidates

__all__ = ["EventExtractor", "Lexicon", "load_lexicon"]

OTHER_CONFIDENCE = 0.1
MIN_EVENT_SCORE = 0.45
HEADLINE_AGREEMENT_BONUS = 0.1
EXTRA_MIN_SCORE = 0.7
FURTHER_EVENT_FACTOR = 0.75
OFF_MAIN_CLAUSE_FACTOR = 0.8
MAX_TRIGGER_TOKENS = 25
AUX_DEPS = frozenset({"aux", "aux:tense", "aux:pass", "aux:caus"})


def event_confidence(cand: Candidate, filled: list[bool], n: int, headline_agrees: bool) -> float:
    """An event's confidence: its cue's score, scaled by how many of actor, date and country are `filled`,
    raised when the headline agrees, lowered for a further event (`n` > 0) or a cue off the lede's main clause."""
    confidence = cand.score * (0.6 + 0.4 * sum(filled) / len(filled))
    if headline_agrees:
        confidence += HEADLINE_AGREEMENT_BONUS
    if n > 0:
        confidence *= FURTHER_EVENT_FACTOR  # a further event is told beside the main one, often as background
    elif not cand.main_clause and not (headline_agrees or cand.in_headline):
        confidence *= OFF_MAIN_CLAUSE_FACTOR  # no firm cue in the lede's main clause, no headline to confirm
    return round(min(1.0, confidence), 3)


@dataclass
class EventExtractor:
    """Finds the events of annotated briefs with the lexicon under `models/lexicons`."""

    lexicon: Lexicon
    # Names a state organ written through a demonym with its country (`name_state_organs`).
    gazetteer: Gazetteer | None = None

    @classmethod
    def from_models(cls, models: Path) -> "EventExtractor":
        """Load the lexicon once from `models/lexicons`, and the gazetteer the components share.

        >>> EventExtractor.from_models(Path("models")).lexicon.cameo["diplomacy"]  # doctest: +SKIP
        '040'
        """
        return cls(lexicon=load_lexicon(models / "lexicons"), gazetteer=load_gazetteer(Path(models)))

    def events(self, doc: Doc, brief: Brief, mentions: list[Mention]) -> list[Event]:
        """The events of one brief: its main event first, then any further distinct events.

        Each is linked to the mentions that fill its arguments (`links.link_event`).

        >>> extractor.events(doc, brief, mentions)[0].event_type  # doctest: +SKIP
        'construction'
        """
        return [
            self.state_countries(self.name_state_organs(link_event(e, brief, mentions)))
            for e in self._events(doc, brief, mentions)
        ]

    def state_countries(self, event: Event) -> Event:
        """Actor country and event country written as the state's ISO2: a territory with a code of its
        own (La Réunion RE, Guam GU) gives its state's (FR, US), as the gold reads "the country where
        it happens"; the place keeps its own name and the mentions table its own code."""
        sovereign = self.lexicon.sovereign
        if event.actor_country not in sovereign and event.country not in sovereign:
            return event
        return dataclasses.replace(
            event,
            actor_country=sovereign.get(event.actor_country, event.actor_country),
            country=sovereign.get(event.country, event.country),
        )

    def name_state_organs(self, event: Event) -> Event:
        """Actor and partner that are state organs written through a demonym take the name with
        their country ("Ministère arménien de la Défense" → "Ministère de la Défense de l'Arménie",
        GUIDELINES); the mention they come from keeps the written form (its `*_mention_id` stays)."""
        if self.gazetteer is None:
            return event
        renamed = {
            role: name for role in ("actor", "partner")
            if (value := getattr(event, role)) and (name := state_organ_name(value, self.gazetteer))
        }
        return dataclasses.replace(event, **renamed) if renamed else event

    def _events(self, doc: Doc, brief: Brief, mentions: list[Mention]) -> list[Event]:
        ctx = BriefContext.build(doc, brief, mentions)
        candidates = find_candidates(ctx, self.lexicon)
        if not candidates or candidates[0].score < MIN_EVENT_SCORE:
            return [self._other(ctx)]
        chosen = select_events(ctx, candidates)
        # A sentence that tells one of several events lends its place and figures to that event only.
        if len(chosen) > 1:
            ctx.claimed = {ctx.sentence(c.head).index: c.head for c in chosen}
            ctx.claimed_clauses = {c.head: event_clause(ctx, c) for c in chosen}
        headline_types = {c.event_type for c in candidates if c.in_headline}
        return [self._event(ctx, c, n, c.event_type in headline_types and not c.in_headline) for n, c in enumerate(chosen)]

    def _event(self, ctx: BriefContext, cand: Candidate, n: int, headline_agrees: bool) -> Event:
        lex = self.lexicon
        missing: list[str] = []
        actor = body_of_board(assign_actor(ctx, cand, lex), lex)
        partner = assign_partner(ctx, cand, actor, lex)
        place = assign_place(ctx, cand, lex)
        actor = home_country(ctx, cand, actor, place.country if place else None, lex)
        if self.gazetteer is not None:
            actor = shared_demonym_country(ctx, actor, self.gazetteer.shared_demonyms)
        if cand.event_type == "other" and ctx.pos[cand.head] in NOUN_POS and ctx.dep[cand.head] in SUBJECT_DEPS:
            # A disaster or an accident told as its clause's subject ("un incendie a ravagé le dépôt"): nobody acts.
            actor = Party(None, None, reason="actor: none, the event itself is the subject (a disaster or an accident)")
        if actor.name is None:
            missing.append(actor.reason or "actor: not found")
        if actor.country is None:
            missing.append("actor_country: not known for the actor" if actor.name else "actor_country: no actor")
        if partner.name is None:
            missing.append(partner.reason or "partner: no counterpart")
        if place is None:
            missing.append("place: no site, city or region named for the event")
        country, why = assign_country(ctx, cand, place, actor)
        if why:
            missing.append(why)
        date = assign_date(ctx, cand, lex)
        if date.reason:
            missing.append(date.reason)
        quantity = assign_quantity(ctx, cand, lex, main=n == 0)
        if quantity is None:
            missing.append("quantity: none measures the event")
        filled = [actor.name is not None or actor.country is not None, date.mention is not None, country is not None]
        start, end = trigger_span(ctx, cand)
        sentence = ctx.sentence(cand.head)
        d = date.mention
        return Event(
            event_id=event_id(ctx.brief, n, cand.event_type),
            brief_id=ctx.brief.brief_id,
            event_type=cand.event_type,
            trigger=ctx.text_of(start, end),
            trigger_start=ctx.idx[start],
            trigger_end=ctx.end_char(end - 1),
            event_date=d.normalized if d else None,
            event_date_start=d.date_start if d else None,
            event_date_end=d.date_end if d else None,
            actor=actor.name,
            actor_country=actor.country,
            partner=partner.name,
            place=place.name if place else None,
            country=country,
            quantity_value=quantity.value if quantity else None,
            quantity_unit=quantity.unit if quantity else None,
            evidence=ctx.span_text(sentence.start, sentence.end),
            confidence=event_confidence(cand, filled, n, headline_agrees),
            cameo=lex.cameo.get(cand.event_type),
            plover=lex.plover.get(cand.event_type),
            missing=tuple(missing),
        )

    def _other(self, ctx: BriefContext) -> Event:
        """A brief without an event cue: one `other` event, its arguments read from the lede's first statement.

        The root of the first factual lede sentence (the headline's when there is no
        lede) stands in for a trigger, so the row still carries the brief's date,
        actor, place and country.
        """
        sentences = [s for s in ctx.sentences if s.factual and not s.in_headline] or ctx.sentences
        if not sentences:
            return Event(event_id(ctx.brief, 0, "other"), ctx.brief.brief_id, "other", None, None, None,
                         confidence=OTHER_CONFIDENCE, missing=("type: empty brief",))
        root = ctx.span_root(sentences[0].start, sentences[0].end)
        stand_in = Candidate(
            cue=Cue("other", OTHER_CONFIDENCE, ctx.raw_lemma(root)),
            head=root,
            tokens=(root,),
            anchor=root if ctx.pos[root] in ("VERB", "AUX") else None,
            depth=0,
            in_headline=sentences[0].in_headline,
            prospective=False,
            factual=True,
            sentence=sentences[0],
            score=OTHER_CONFIDENCE,
        )
        # Without a trigger, only the stand-in's own sentence says where and how much.
        ctx.claimed = {s.index: -1 for s in ctx.sentences if s is not sentences[0]}
        event = self._event(ctx, stand_in, 0, False)
        ctx.claimed = {}
        missing = ("type: no event cue in headline or lede", *event.missing)
        return dataclasses.replace(
            event, trigger=None, trigger_start=None, trigger_end=None, partner=None,
            confidence=OTHER_CONFIDENCE, missing=missing,
        )


def select_events(ctx: BriefContext, candidates: list[Candidate]) -> list[Candidate]:
    """The main event (best candidate) and the further distinct events (see the module docstring).

    >>> [c.event_type for c in select_events(ctx, candidates)]  # doctest: +SKIP
    ['agreement', 'commissioning']
    """
    main = candidates[0]
    if main.in_headline:
        # The lede states the facts the headline hooks on: its cue of the same type carries the arguments.
        main = next((c for c in candidates if not c.in_headline and c.event_type == main.event_type and c.score >= MIN_EVENT_SCORE), main)
    chosen = [main]
    types = {main.event_type}
    # Two cues on the same verb ("a signé un accord de financement") tell one event.
    anchors = {main.anchor} if main.anchor is not None else set()
    for c in candidates[1:]:
        if c.event_type in types or c.in_headline or not c.factual or c.prospective:
            continue
        if c.depth > 1 or c.score < EXTRA_MIN_SCORE:
            continue
        if c.anchor is not None and c.anchor in anchors:
            continue
        chosen.append(c)
        types.add(c.event_type)
        if c.anchor is not None:
            anchors.add(c.anchor)
    return chosen


def trigger_span(ctx: BriefContext, cand: Candidate) -> tuple[int, int]:
    """The words that state the event (start, end token indices): the cue, with its verb and auxiliaries when the cue is its object.

    >>> ctx.text_of(*trigger_span(ctx, candidate))  # doctest: +SKIP
    'vient d’inaugurer un projet'
    """
    head, dep = ctx.head, ctx.dep
    indices = set(cand.tokens)
    verb = cand.head if ctx.pos[cand.head] in ("VERB", "AUX") else None
    anchor = cand.anchor
    if verb is None and anchor is not None and dep[cand.head] in OBJECT_DEPS and head[cand.head] == anchor:
        verb = anchor
    if verb is not None:
        indices.add(verb)
        indices.update(c for c in ctx.children[verb] if dep[c] in AUX_DEPS)
        if dep[verb] == "xcomp":
            indices.add(head[verb])
            indices.update(c for c in ctx.children[head[verb]] if dep[c] in AUX_DEPS)
    sent = cand.sentence
    start, end = max(min(indices), sent.start), min(max(indices) + 1, sent.end)
    if end - start > MAX_TRIGGER_TOKENS:
        start, end = min(cand.tokens), max(cand.tokens) + 1
    return start, end


def event_id(brief: Brief, n: int, event_type: str) -> str:
    """Stable id of the n-th event of a brief: the same brief gives the same ids on every run.

    >>> len(event_id(Brief("b1", "s", None, 1, None, "x", None), 0, "launch"))
    16
    """
    return hashlib.sha256(f"{brief.brief_id}:{n}:{event_type}".encode()).hexdigest()[:16]
