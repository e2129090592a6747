"""Who a verb's clause names: its subject, a passive's agent, the reporter of an agentless act, the
signatories of an agreement (read by `actors` and `partners`)."""

from __future__ import annotations

from ..lexicons.events import Lexicon
from ..records import Mention
from .context import NAME_KINDS, BriefContext
from .parties import Party, as_party, case_of, first_name, resolve_phrase
from .triggers import SUBJECT_DEPS, VERB_POS, Candidate

AGENT_DEPS = frozenset({"obl:agent"})
# Subject pronouns of a reported clause that refer back to the reporting verb's subject.
REPORTED_SELF = frozenset({"il", "elle", "ils", "elles"})


def is_passive(ctx: BriefContext, verb: int) -> bool:
    # Not the morphologizer's Voice=Pass: it also marks reflexives ("se sont entendus"); and a
    # "passive subject" of a verb conjugated with avoir is the parser's slip ("les électeurs ont approuvé").
    deps = [ctx.dep[c] for c in ctx.children[verb]]
    if "aux:pass" in deps:
        return True
    return "nsubj:pass" in deps and not any(
        ctx.dep[c].startswith("aux") and ctx.raw_lemma(c) == "avoir" for c in ctx.children[verb]
    )


def agent_of(ctx: BriefContext, verb: int, offices: frozenset[str] = frozenset()) -> int | None:
    """The "par" phrase of a passive verb; also when the parser hung it on the date word right after the verb
    ("a été adoptée jeudi par le Parlement": "jeudi" taken for the head of "par le Parlement"), or on the verb's
    complement, when it names someone or an office (`offices`, the `role` lemmas)."""
    for child in ctx.children[verb]:
        dep = ctx.dep[child]
        if dep in AGENT_DEPS or (dep.startswith("obl") and case_of(ctx, child) == "par"):
            return child
    for child in ctx.children[verb]:
        if child in ctx.date_tokens and child > verb:
            for grandchild in ctx.children[child]:
                dep = ctx.dep[grandchild]
                if dep in AGENT_DEPS or (dep.startswith(("obl", "nmod")) and case_of(ctx, grandchild) == "par"):
                    return grandchild
    if not is_passive(ctx, verb):
        return None
    for child in ctx.children[verb]:
        # "a été ouvert à la circulation mercredi par le ministre X": the parser hangs the "par" phrase on the
        # verb's complement; a name or an office there is the agent (a thing there is a means: "relié par un pont").
        # (or on a date word hung there: "à la circulation vendredi par le ministre X")
        if child > verb and ctx.dep[child].startswith("obl"):
            below = [g for g in ctx.children[child] if g > child]
            below += [d for g in below if g in ctx.date_tokens for d in ctx.children[g] if d > g]
            for g in below:
                if (ctx.dep[g] in AGENT_DEPS or (ctx.dep[g] == "nmod" and case_of(ctx, g) == "par")) and (
                        ctx.name_at(g) is not None or ctx.lemma[g] in offices):
                    return g
    return None


def subject_of(ctx: BriefContext, verb: int) -> int | None:
    """The verb's subject (active or passive), or None."""
    for c in ctx.children[verb]:
        if ctx.dep[c] in SUBJECT_DEPS:
            return c
    return None


def signatories(ctx: BriefContext, cand: Candidate) -> list[Party]:
    """The parties named in an "entre X et Y" phrase of the trigger or its verb, in reading order.

    >>> [p.name for p in signatories(ctx, candidate)]  # doctest: +SKIP
    ['Arménie', 'Azerbaïdjan']
    """
    tops = list(cand.tokens) + ([cand.anchor] if cand.anchor is not None else [])
    for top in tops:
        # "l'accord de paix entre X et Y": the phrase may hang on the cue's own complement.
        kids = [*ctx.children[top], *(g for c in ctx.children[top] if ctx.dep[c] == "nmod" for g in ctx.children[c])]
        for child in kids:
            if case_of(ctx, child) != "entre":
                continue
            parties = []
            for phrase in [child] + [c for c in ctx.children[child] if ctx.dep[c] == "conj"]:
                m = first_name(ctx, phrase)
                if m is not None and m.kind in NAME_KINDS:
                    parties.append(as_party(ctx, m))
            return parties
    verb = cand.anchor if cand.anchor is not None and ctx.pos[cand.anchor] in VERB_POS else None
    return _plural_body_parties(ctx, verb) if verb is not None else []


def _plural_body_parties(ctx: BriefContext, verb: int) -> list[Party]:
    """"paraphée par les gouvernements de X et de Y", "les ministères de X et de Y ont signé": a plural body noun
    that names several organisations acts for each, in reading order (the first named signs first)."""
    phrase = agent_of(ctx, verb) if is_passive(ctx, verb) else subject_of(ctx, verb)
    if phrase is None or ctx.pos[phrase] != "NOUN" or "Plur" not in ctx.morph(phrase, "Number"):
        return []
    names: list[Mention] = []
    for t in sorted(ctx.descendants(phrase) | {phrase}):
        m = ctx.name_at(t)
        if m is not None and m.kind == "ORG" and m not in names:
            names.append(m)
    return [as_party(ctx, m) for m in names] if len(names) >= 2 else []


def reporter_of(ctx: BriefContext, verb: int, lexicon: Lexicon) -> Mention | None:
    """Who reports an agentless passive ("le réacteur a été couplé au réseau, a annoncé EDF"): the named
    subject of the reporting verb above or beside the clause; it is the one that did it."""
    reporting = lexicon.words("reporting")
    around = [ctx.head[verb]] + [c for c in ctx.children[verb] if ctx.dep[c] in ("parataxis", "conj")]
    for r in around:
        if r == verb or ctx.pos[r] not in VERB_POS or ctx.lemma[r] not in reporting:
            continue
        for c in ctx.children[r]:
            if ctx.dep[c] in ("nsubj", "obj") and c != verb:
                # "a annoncé le groupe Enel": the name may follow a generic noun
                m = first_name(ctx, c)
                if m is not None and m.kind in ("ORG", "PER"):
                    return m
    return None


def later_agent(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> Party | None:
    """The named agent of a passive in the next lede sentence whose subject refers back to what the agentless
    passive was about ("La ligne a été mise en service hier. Cette antenne a été construite par X." → X):
    who built or runs the thing the act is told of."""
    own = ctx.sentence(cand.head)
    nxt = next((s for s in ctx.sentences if s.index == own.index + 1 and not s.in_headline and s.factual), None)
    if nxt is None:
        return None
    for t in range(nxt.start, nxt.end):
        if ctx.dep[t] not in AGENT_DEPS or ctx.pos[ctx.head[t]] not in VERB_POS:
            continue
        # Any of the verb's subjects: a fronted adjective may be taken for one ("Longue de 16 km, cette antenne…").
        if not any(ctx.dep[c] in SUBJECT_DEPS and _refers_back(ctx, c) for c in ctx.children[ctx.head[t]]):
            continue
        party = resolve_phrase(ctx, t, lexicon)
        if party.name is not None and party.kind in ("ORG", "PER"):
            return party
    return None


def _refers_back(ctx: BriefContext, subject: int) -> bool:
    """A subject that refers back to something already told: a pronoun or a noun with a demonstrative."""
    if ctx.pos[subject] == "PRON":
        return ctx.lower[subject] in REPORTED_SELF
    return any(ctx.dep[c] == "det" and ctx.lemma[c] in ("ce", "cet", "cette") for c in ctx.children[subject])


# Words that separate the items of a list of parties before their verb ("X, Y, Z et W ont signé").
_LIST_MARKS = frozenset({",", "et"})


def listed_signatories(ctx: BriefContext, cand: Candidate, lexicon: Lexicon) -> list[Party]:
    """The named parties of a list of three or more subjects before the verb, in reading order: "L'État, la
    région, les élus et l'armateur X ont signé" (GUIDELINES: the first-named signatory acts, the first-named
    counterparty is the partner). The parser seldom coordinates such a list, so it is read off the words: from
    the sentence's start to the verb, items split at commas and "et" outside brackets, each a noun phrase (a
    determiner or a name first); a list with any other item (a frame "Lundi, à Paris, …") is not read."""
    verb = cand.anchor if cand.anchor is not None else cand.head
    if ctx.pos[verb] not in VERB_POS:
        return []
    sentence = ctx.sentence(verb)
    end = verb
    while end > sentence.start and (ctx.dep[end - 1].startswith("aux") or ctx.dep[end - 1].startswith("expl")):
        end -= 1
    items: list[list[int]] = [[]]
    depth, joined = 0, False
    for t in range(sentence.start, end):
        word = ctx.lower[t]
        depth += word == "("
        depth -= word == ")"
        if depth == 0 and word in _LIST_MARKS:
            joined = joined or word == "et"
            if items[-1]:
                items.append([])
            continue
        if not ctx.is_punct_or_space(t) or word in ("(", ")"):
            items[-1].append(t)
    items = [i for i in items if i]
    if len(items) < 3 or not joined or any(
            ctx.pos[i[0]] not in ("DET", "PROPN") or any(t in ctx.date_tokens for t in i) for i in items):
        return []  # (a dated frame, "Le mardi 4 novembre à Yaoundé, …", is no party)
    parties = []
    for item in items:
        head = next((t for t in item if ctx.pos[t] in ("NOUN", "PROPN")), None)
        party = resolve_phrase(ctx, head, lexicon) if head is not None else None
        if party is not None and party.name and all(p.name != party.name for p in parties):
            parties.append(party)
    return parties


def pair_before_verb(ctx: BriefContext, cand: Candidate) -> list[Mention]:
    """"X et Y ont signé" where the parser did not coordinate the two (a title or a frame confused it: "Le
    président A et son homologue B ont signé" parsed with B alone as subject): the two names of the segment
    between the last comma (or the sentence's start) and the verb, joined by "et", in reading order."""
    verb = cand.anchor if cand.anchor is not None else cand.head
    start = ctx.sentence(verb).start
    t = verb - 1
    while t > start and ctx.lower[t] != ",":
        t -= 1
    names: list[Mention] = []
    joined = False
    for i in range(t + 1, verb):
        joined = joined or (bool(names) and ctx.lower[i] == "et")
        m = ctx.name_at(i)
        if m is not None and all(m is not n for n in names):
            names.append(m)
    return names if len(names) == 2 and joined else []
