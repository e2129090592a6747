"""The actor of an event: the subject of the trigger's verb, the agent of a passive, or a fallback."""

from __future__ import annotations

from ..lexicons.events import Lexicon
from ..records import Mention
from .context import COUNTRY, NAME_KINDS, BriefContext
from .home import PASSIVE_NO_AGENT
from .linear import after_dateline, name_before, name_before_apposition
from .offices import office_demonym, role_demonym
from .parties import (
    PERSON_COUNTRY_GUESS, Party, as_party, case_of, first_conjunct, first_name, is_country, phrase_tokens, resolve_phrase,
)
from .triggers import MAX_CLIMB, SUBJECT_DEPS, VERB_POS, Candidate
from .syntax import token_before_comma
from .verbs import (
    REPORTED_SELF, agent_of, is_passive, later_agent, listed_signatories, pair_before_verb, reporter_of, signatories, subject_of,
)

# "selon le ministère": who says it, not whose figure it is.
SOURCE_CASES = frozenset({"selon", "d'après", "d’après", "pour", "avec", "par"})
PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "ant")
# Figures belong to whom they measure: "Au Kazakhstan, le PIB…", "la production du Kazakhstan".
OWNED_TYPES = frozenset({"economic_indicator", "production"})
# Types whose parties may be listed as "entre X et Y".
SIGNATORY_TYPES = frozenset({"agreement", "investment"})
# Words right before a name that let it stand in apposition to a generic subject after it: a cleft
# ("C'est lors de … que X, le groupe belge, a…") or a frame closed by a comma ("En marge du forum, X, le…").
APPOSITION_OPENERS = frozenset({"que", "qu'", "qu’", ","})
ACTED_ON = f"{PASSIVE_NO_AGENT}; country of what it acts on"


def _apposed_name(ctx: BriefContext, subject: int, verb: int) -> Mention | None:
    """The name a generic subject stands in apposition to, which the parser did not make the subject.

    "KEGOC, l'opérateur national du réseau, investira…": a name opening the sentence,
    then a comma, then the subject phrase; or "Le Jogorkou Kenech, le Parlement du
    Kirghizstan, a adopté…": a second subject of the same verb that is a name.
    """
    for other in ctx.children[verb]:
        if other != subject and ctx.dep[other] in SUBJECT_DEPS:
            m = first_name(ctx, other)
            if m is not None and m.kind in NAME_KINDS:
                return m
    edge = ctx.left_edge(subject)
    last = token_before_comma(ctx, edge)  # "Tengiz Oil LLP (TCO), la coentreprise…": past the acronym
    if last is None:
        return None
    m = ctx.name_at(last)
    if m is None or m.kind not in NAME_KINDS:
        return None
    start = last
    while start > 0 and ctx.name_at(start - 1) is m:
        start -= 1
    sentence_start = ctx.sentence(edge).start
    # The name opens the sentence (after an article at most): "Selon X, le groupe…" is no apposition.
    if start == sentence_start or (start == sentence_start + 1 and ctx.dep[sentence_start] == "det"):
        return m
    if start > sentence_start and ctx.lower[start - 1] in APPOSITION_OPENERS:
        return m
    return None


def assign_actor(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> Party:
    """The party that acts (GUIDELINES "Actors").

    An agreement "entre X et Y" is acted by X, the first-named signatory; an
    economic indicator by the body that publishes it ("selon X", "a annoncé X",
    "publiées par X"); any other event by its syntactic actor
    (`syntactic_actor`). A city stands for its country (`as_party`).

    >>> assign_actor(ctx, candidate, lexicon).name  # doctest: +SKIP
    'Inde'
    """
    if cand.event_type in SIGNATORY_TYPES:
        pair = signatories(ctx, cand)
        if len(pair) < 2 and cand.event_type == "agreement":
            pair = listed_signatories(ctx, cand, lexicon)
        if len(pair) >= 2:
            return pair[0]
    if cand.event_type == "economic_indicator":
        publisher = _publisher(ctx, cand, lexicon)
        if publisher is not None:
            return as_party(ctx, publisher)
    party = syntactic_actor(ctx, cand, lexicon)
    if cand.event_type == "agreement" and party.name is not None and (pair_names := pair_before_verb(ctx, cand)):
        # "Le président A et son homologue B ont signé", B alone parsed as the subject: A signs first (GUIDELINES).
        # Only two persons: a body or a country may be a complement of the other's phrase ("les chemins de fer du X").
        first, second = (as_party(ctx, m) for m in pair_names)
        if first.kind == second.kind == "PER" and second.name == party.name and first.name is not None and first.name != party.name:
            party = first
    if cand.event_type == "diplomacy" and party.name is None and party.country:
        guest = _received_guest(ctx, cand, lexicon)
        if guest is not None:
            return Party(guest.normalized or guest.text, party.country, "PER")
    if party.kind == "PER" and party.name and (party.country is None or party.reason == PERSON_COUNTRY_GUESS):
        # "Le président brésilien X" in another sentence than the one that acts ("il a rencontré…").
        told = role_demonym(ctx, party.name, lexicon)
        if told:
            return Party(party.name, told, "PER")
    if party.kind == "PER" and (party.country is None or party.reason == PERSON_COUNTRY_GUESS):
        # The event's phrase may say whose office acts ("la première visite d'un chef d'État français").
        told = office_demonym(ctx, cand, lexicon)
        if told:
            return Party(party.name, told, "PER")
    if party.kind == "PER" and party.country is None:
        # A person's country, when the text does not say it, is the one the brief is about.
        return Party(party.name, ctx.main_country(), "PER", PERSON_COUNTRY_GUESS)
    if cand.in_headline and party.kind == "LOC" and is_country(ctx, party):
        # The headline names a country for the body the lede names ("Le Kazakhstan commande…" / "La
        # compagnie nationale X a signé…"): the lede's subject of that country is the actor.
        named = _lede_subject_of(ctx, party.country, lexicon)
        if named is not None:
            return named
    return party


def _lede_subject_of(ctx: BriefContext, country: str | None, lexicon: Lexicon) -> Party | None:
    """The named organisation that is the main-clause subject of the lede's first factual sentence, when it
    belongs to `country`."""
    first = next((s for s in ctx.sentences if not s.in_headline and s.factual), None)
    if first is None or country is None:
        return None
    root = ctx.span_root(first.start, first.end)
    subject = subject_of(ctx, root)
    if subject is None:
        return None
    party = resolve_phrase(ctx, subject, lexicon)
    if party.name is not None and party.kind == "ORG" and party.country == country:
        return party
    return None


SOURCE_WORDS = frozenset({"selon", "d'après", "d’après"})
ELIDED_DE = frozenset({"d'", "d’"})


def _received_guest(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> Mention | None:
    """The visitor a nameless phrase announced, named as the one received: "un ministre saoudien s'est rendu au
    Liban : le prince X a été reçu par…" → X. The passive subject, a person's name, of a receiving verb
    (`host_verb`) after the trigger in its sentence or in the next one."""
    own = ctx.sentence(cand.head)
    nxt = next((s for s in ctx.sentences if s.index == own.index + 1 and not s.in_headline), None)
    end = nxt.end if nxt is not None and nxt.factual else own.end
    hosts = lexicon.words("host_verb")
    for verb in range(cand.head + 1, end):
        if ctx.lemma[verb] not in hosts or not any(ctx.dep[c] == "aux:pass" for c in ctx.children[verb]):
            continue
        for c in ctx.children[verb]:
            if ctx.dep[c] == "nsubj:pass":
                m = first_name(ctx, c)
                if m is not None and m.kind == "PER":
                    return m
        # The parser may hang the name elsewhere ("…au Liban : le prince X a été reçu" with X an object of the
        # trip): the name right before the verb's auxiliaries.
        first = min((c for c in ctx.children[verb] if ctx.dep[c].startswith("aux") and c < verb), default=verb)
        m = ctx.name_at(first - 1) if first > 0 else None
        if m is not None and m.kind == "PER":
            return m
    return None


def _publisher(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> Mention | None:
    """The organisation that publishes a figure, in the trigger's sentence: "selon X", "d'après X",
    the subject or inverted subject of a reporting verb ("a annoncé X", "X indique que"), "publiées par X"."""
    sentence = ctx.sentence(cand.head)
    reporting = lexicon.words("reporting")
    # A headline's figure ("l'inflation reflue à 21 %") is published by the body the lede's first sentence names.
    lede = next((s for s in ctx.sentences if not s.in_headline), None) if sentence.in_headline else None
    tokens = range(sentence.start, sentence.end) if lede is None else (*range(sentence.start, sentence.end), *range(lede.start, lede.end))
    for t in tokens:
        phrases: list[int] = []
        if ctx.lower[t] in SOURCE_WORDS and ctx.dep[t] == "case":
            phrases.append(ctx.head[t])
        elif ctx.lower[t] in ELIDED_DE and t + 1 < len(ctx.lower) and ctx.lower[t + 1] == "après":
            # "d'après X" split in two: the parser marks "d'" as X's case, or hangs X on it as an adverb's object
            phrases.extend([ctx.head[t]] if ctx.dep[t] == "case" else [c for c in ctx.children[t] if c > t + 1])
        elif ctx.pos[t] in VERB_POS and ctx.lemma[t] in reporting:
            phrases.extend(c for c in ctx.children[t] if ctx.dep[c] in ("nsubj", "obj", "obl:agent") or (
                ctx.dep[c].startswith("obl") and case_of(ctx, c) == "par"))
        for phrase in phrases:
            for token in ctx.subtree(phrase):
                m = ctx.name_at(token)
                if m is not None and m.kind == "ORG":
                    return m
    return None


def syntactic_actor(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> Party:
    """The party that acts: the subject of the trigger's verb, or the agent of a passive.

    Climbs from the trigger through infinitives and nouns ("vient d'inaugurer",
    "a officialisé son intention de collaborer") to the first verb with a
    subject. A passive without agent gives only a country, from a demonym on its
    subject ("un terminal kazakhstanais a été inauguré"). With no subject in the
    sentence, the actor is the subject of the headline or of another lede
    sentence ("Le Kazakhstan bâtit…" / "…a été lancée").

    >>> assign_actor(ctx, candidate, lexicon).name  # doctest: +SKIP
    'Dodo Pizza'
    """
    head, dep = ctx.head, ctx.dep
    framed = _after_opening_frame(ctx, cand, lexicon)
    if framed is not None:
        return as_party(ctx, framed)
    t = cand.head
    for _ in range(MAX_CLIMB + 2):
        subject = subject_of(ctx, t)
        if ctx.pos[t] in VERB_POS or subject is not None:
            bare_participle = "Part" in ctx.morph(t, "VerbForm") and not any(dep[c].startswith("aux") for c in ctx.children[t])
            if bare_participle and (agent := agent_of(ctx, t)) is not None:
                return resolve_phrase(ctx, agent, lexicon)  # "un monorail inauguré par le président X"
            if is_passive(ctx, t):
                return _passive_actor(ctx, cand, t, subject, lexicon)
            if subject is not None:
                return _subject_actor(ctx, cand, t, subject, lexicon)
            if dep[t] == "acl" and _finite(ctx, t) and ctx.pos[head[t]] in ("NOUN", "PROPN") and head[t] < t:
                # A finite verb parsed as a noun's modifier is a misparsed headline
                # ("Le Kazakhstan lance des cartes…"): the noun is its subject.
                return resolve_phrase(ctx, head[t], lexicon)
        if head[t] == t or dep[t] in ("parataxis",):
            break
        t = head[t]
    verb = cand.anchor
    if verb is not None and subject_of(ctx, verb) is None and not is_passive(ctx, verb):
        # The parser hung the subject elsewhere ("Selon l'agence Reuters, le groupe chinois CNPC a acquis…"):
        # French puts it right before the verb group.
        start = ctx.sentence(verb).start
        before = name_before(ctx, verb) or _opening_name(ctx, start, verb) or after_dateline(ctx, start, verb)
        if before is not None:
            # (or the first name of the sentence's first segment: "Vendredi, X, détenue par Y, a injecté…")
            return as_party(ctx, before)
    if cand.event_type in OWNED_TYPES:
        return _indicator_owner(ctx, cand, cand.head, lexicon)
    return _fallback_actor(ctx, cand, lexicon, "actor: no subject")


def _passive_actor(ctx: BriefContext, cand: Candidate, verb: int, subject: int | None, lexicon: Lexicon) -> Party:
    """The actor of a passive verb: its agent; else a demonym on its subject, the reporter, or a fallback."""
    agent = agent_of(ctx, verb, lexicon.words("role"))
    if agent is not None:
        if cand.event_type == "diplomacy" and subject is not None:
            # "X a été reçu par son homologue Y": the visit is X's; Y is the host and partner.
            guest = resolve_phrase(ctx, subject, lexicon)
            if guest.name is not None:
                return guest
        return resolve_phrase(ctx, agent, lexicon)
    if subject is not None and subject != cand.head:
        demonym = ctx.demonym_in_tokens(ctx.descendants(subject))
        if demonym:
            return Party(None, demonym, None, f"{PASSIVE_NO_AGENT}; country from a demonym")
    reporter = reporter_of(ctx, verb, lexicon)
    if reporter is not None:
        return as_party(ctx, reporter)
    later = later_agent(ctx, cand, lexicon)
    if later is not None:
        return later
    party = _fallback_actor(ctx, cand, lexicon, PASSIVE_NO_AGENT)
    if subject is not None and party.name is not None and _names_in(ctx, subject, party.name):
        # The thing acted on ("le tronçon du métro X a été mis en service") does not act.
        return Party(None, party.country or ctx.main_country(), None, ACTED_ON)
    if subject is not None and party.name is None and party.country is None and ctx.main_country():
        # Nobody named anywhere ("La deuxième phase du train régional a été mise en service hier à Dakar"):
        # what is acted on belongs to the country the brief is about.
        return Party(None, ctx.main_country(), None, ACTED_ON)
    return party


def _names_in(ctx: BriefContext, head: int, name: str) -> bool:
    """Whether a phrase names `name` (the canonical name of one of its mentions)."""
    return any((m := ctx.name_at(t)) is not None and as_party(ctx, m).name == name for t in phrase_tokens(ctx, head))


def _subject_actor(ctx: BriefContext, cand: Candidate, verb: int, subject: int, lexicon: Lexicon) -> Party:
    """The actor named by an active verb's subject (its first conjunct, the name it stands in apposition to)."""
    if case_of(ctx, subject) is not None and ctx.pos[subject] == "NOUN":
        # A "subject" with a preposition is an opening phrase the parser misread ("Réuni pour sa revue, le
        # comité de X a décidé"): the subject is the phrase coordinated to it.
        subject = next((c for c in ctx.children[subject] if ctx.dep[c] == "conj" and ctx.pos[c] in ("NOUN", "PROPN")), subject)
    if subject == cand.head or (subject in cand.tokens and cand.event_type in OWNED_TYPES):
        # "le PIB grimpe", "l'économie marocaine a progressé": whose figure it is.
        return _indicator_owner(ctx, cand, verb, lexicon)
    if subject in cand.tokens:
        if subject != cand.head and ctx.pos[cand.head] in VERB_POS and ctx.dep[subject] == "nsubj":
            # "L'aéroport de X a rouvert lundi": the facility that opens is acted on, as the subject of a passive
            # is; a name the headline makes the subject may still act, a name in another lede sentence does not.
            party = _fallback_actor(ctx, cand, lexicon, ACTED_ON, headline_only=True)
            return party if party.name else Party(None, ctx.main_country(), None, ACTED_ON)
        # "les travaux ont commencé": the subject is what the cue is about, not who acts.
        return _fallback_actor(ctx, cand, lexicon, "actor: the event noun is the subject")
    if ctx.pos[subject] == "PRON":
        if ctx.lower[subject] in ("qui", "lequel", "laquelle") and ctx.dep[verb] == "acl:relcl":
            return resolve_phrase(ctx, ctx.head[verb], lexicon)
        governor = ctx.head[verb]
        if ctx.lower[subject] in REPORTED_SELF and ctx.dep[verb] == "ccomp" and governor != verb:
            # "X a annoncé qu'il investira…": the pronoun of the reported clause is the reporter.
            reporter = subject_of(ctx, governor)
            if reporter is not None and reporter != subject:
                return _subject_actor(ctx, cand, governor, reporter, lexicon)
            named = name_before(ctx, governor) or name_before_apposition(ctx, governor)
            if reporter is None and named is not None:
                return as_party(ctx, named)
        return _fallback_actor(ctx, cand, lexicon, "actor: pronoun subject")
    if subject in ctx.date_tokens and (named := after_dateline(ctx, ctx.left_edge(subject), verb)) is not None:
        return as_party(ctx, named)
    if ctx.pos[subject] == "NOUN" and ctx.name_at(subject) is None and (apposed := _apposed_name(ctx, subject, verb)):
        # "SimCo, la coentreprise qui réunit A et B, a annoncé…": the name the noun restates acts, not a
        # name inside the noun's relative clause.
        return as_party(ctx, apposed)
    first = first_conjunct(ctx, subject)
    if first is not None:
        return as_party(ctx, first)
    party = resolve_phrase(ctx, subject, lexicon)
    # A common noun in apposition describes the name before it ("L'Althing, le Parlement islandais, a adopté…"):
    # the name is the actor, even when the description names a body too.
    edge = ctx.left_edge(subject)
    described = ctx.pos[subject] == "NOUN" and edge > 0 and ctx.lower[edge - 1] == ","
    if (party.name is None or described) and (apposed := _apposed_name(ctx, subject, verb)) is not None:
        return as_party(ctx, apposed)
    if party.name is None and (before := name_before(ctx, verb)) is not None and before.kind in ("ORG", "PER") \
            and _closes_phrase(ctx, subject, _token_of(ctx, before, verb)):
        # "la compagnie indienne à bas coûts X a passé…": the name closes the subject phrase, past its modifiers.
        return as_party(ctx, before)
    return party


def _closes_phrase(ctx: BriefContext, subject: int, token: int) -> bool:
    """Whether a name token belongs to the subject phrase, or the parser cut it off right after the phrase
    ("Le fabricant taïwanais de batteries X va investir": X hung on the verb)."""
    if ctx.is_ancestor(subject, token):
        return True
    below = ctx.descendants(subject)
    return token not in below and ctx.left_edge(token) == max(below) + 1


def _opening_name(ctx: BriefContext, start: int, verb: int) -> Mention | None:
    """The organisation or person that opens a sentence whose verb the parser left without subject
    ("X, filiale de l'espagnol Y, a achevé…": X, not the name inside the apposition)."""
    first = start + 1 if ctx.pos[start] == "DET" else start
    m = ctx.name_at(first) if first < verb else None
    return m if m is not None and m.kind in ("ORG", "PER") else None


def _token_of(ctx: BriefContext, mention: Mention, verb: int) -> int:
    """The last token before `verb` that belongs to `mention`."""
    t = verb - 1
    while t > 0 and ctx.name_at(t) is not mention:
        t -= 1
    return t


def _after_opening_frame(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> Mention | None:
    """A sentence opening with a frame ("Lors d'une visite du Premier ministre X en Chine, Astana et Pékin ont
    signé…") names its actor in the first segment after the frame, whatever the parser made of the frame's
    names (it often takes one of them for the subject). Not for a passive, nor for a cue inside the frame."""
    verb = cand.anchor if cand.anchor is not None else cand.head
    sentence = ctx.sentence(verb)
    if cand.framed or ctx.pos[verb] not in VERB_POS or is_passive(ctx, verb):
        return None
    if ctx.lower[sentence.start] not in lexicon.words("frame_case"):
        return None
    return after_dateline(ctx, sentence.start, verb)


def _finite(ctx: BriefContext, verb: int) -> bool:
    """A finite verb, also when the tagger took a headline's present ("lance") for a participle."""
    form = ctx.morph(verb, "VerbForm")
    if "Fin" in form:
        return True
    return "Part" in form and not ctx.lower[verb].endswith(PARTICIPLE_ENDINGS)


def _indicator_owner(ctx: BriefContext, cand: Candidate, verb: int, lexicon: Lexicon) -> Party:
    """When the cue is the subject ("le PIB grimpe"), the actor is whose it is: "du Kazakhstan", "Au Kazakhstan,"."""
    for t in (*(c for k in cand.tokens for c in ctx.children[k]), *ctx.children[verb]):
        if ctx.dep[t].startswith(("nmod", "obl")) and case_of(ctx, t) not in SOURCE_CASES:
            m = ctx.name_at(t)
            if m is not None and (m.kind == "ORG" or m.place_kind == COUNTRY):
                return as_party(ctx, m)
    return _fallback_actor(ctx, cand, lexicon, "actor: the event noun is the subject")


def _fallback_actor(ctx: BriefContext, cand: Candidate, lexicon: Lexicon, reason: str, headline_only: bool = False) -> Party:
    """A named subject elsewhere in the brief: the headline's first, then (unless `headline_only`) the lede's, in order."""
    own = ctx.sentence(cand.head)
    others = [s for s in ctx.sentences if s.in_headline]
    if not headline_only:
        others += [s for s in ctx.sentences if not s.in_headline]
    for sentence in [own] + [s for s in others if s is not own]:
        if not sentence.factual:
            continue
        # In the trigger's own sentence, a subject the parser hung elsewhere ("La banque X Bank a lancé").
        end = sentence.end if sentence is not own else cand.head
        subjects = [i for i in ctx.subjects if sentence.start <= i < end]
        if sentence.in_headline and not subjects:
            # "L'Azerbaïdjan mise sur le vent" parsed as a name with a participle: the name is the subject.
            root = ctx.span_root(sentence.start, sentence.end)
            if root in ctx.names and any(ctx.pos[c] in VERB_POS for c in ctx.children[root]):
                subjects = [root]
        for i in subjects:
            if ctx.pos[i] == "PRON":
                continue
            party = resolve_phrase(ctx, i, lexicon)
            if party.name and party.kind in ("ORG", "PER") or (party.kind == "LOC" and is_country(ctx, party)):
                return party
    return Party(None, None, None, reason)

