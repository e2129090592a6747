"""Where a cue sits in the parse: its verb, its depth, whether it is planned, framed or part of a subject.

The position words are data (`event_context.tsv`: `target`, `purpose`,
`frame_case`, `frame_noun`, `manner_case`); these functions read the parse of a
`BriefContext` only, so `triggers` scores a cue from where it sits whichever of
its cues fired.
"""

from __future__ import annotations

from .context import BriefContext

# Dependencies of a head's complements that a `comp` cue may test.
# The subject counts for intransitive cues: "les travaux ont débuté".
COMP_DEPS = frozenset({"obj", "nsubj", "nsubj:pass", "xcomp", "ccomp", "obl:arg", "obl", "obl:mod", "nmod", "iobj"})
# A cue noun attached to a verb by one of these is what the verb does.
OBJECT_DEPS = frozenset({"obj", "nsubj:pass", "xcomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN", "X"})
MAX_CLIMB = 5
# Prepositions that open a frame noun's phrase ("lors de la visite", "en marge du forum").
FRAME_PREPOSITIONS = frozenset({"en", "à", "au", "aux", "dans", "lors", "d'", "d’", "de"})


def depth_of(ctx: BriefContext, token: int) -> int:
    """Steps from a token up to its sentence root; a coordinated verb ("a signé … et a lancé") is a step 0,
    a participle that describes a noun ("le satellite, construit par Thales, a été lancé") three steps:
    it tells the background of what the sentence reports."""
    head, dep, pos = ctx.head, ctx.dep, ctx.pos
    depth, t, steps = 0, token, 0
    while head[t] != t and steps < 10:
        if dep[t] == "acl" and pos[t] == "VERB" and "Part" in ctx.morph(t, "VerbForm") and _set_off(ctx, t):
            depth += 3
        elif dep[t] == "advcl" and _bare_past_participle(ctx, t) and _set_off(ctx, t):
            depth += 3  # "…l'adoption du texte, approuvé au référendum": the same background, hung on the verb
        elif not (dep[t] == "conj" and pos[t] in VERB_POS):
            depth += 1
        t, steps = head[t], steps + 1
    return depth


def _bare_past_participle(ctx: BriefContext, token: int) -> bool:
    """A past participle without auxiliary ("approuvée au référendum"), not "ayant signé" nor "en signant"."""
    if ctx.pos[token] != "VERB" or "Part" not in ctx.morph(token, "VerbForm") or "Past" not in ctx.morph(token, "Tense"):
        return False
    return not any(ctx.dep[c].startswith("aux") for c in ctx.children[token])


def _set_off(ctx: BriefContext, participle: int) -> bool:
    """A participle set off by a comma or with a "par" agent ("…, construit par Thales,"), not a
    headline's verb the parser hung on its subject ("Le Kazakhstan lance des cartes…")."""
    if participle and ctx.lower[participle - 1] == ",":
        return True
    return any(ctx.lower[g] == "par" for c in ctx.children[participle] for g in ctx.children[c] if ctx.dep[g] == "case")


def anchor_of(ctx: BriefContext, token: int) -> int | None:
    """The verb that governs a cue: the token itself if a verb, else the first verb above it."""
    t = token
    for _ in range(MAX_CLIMB):
        if ctx.pos[t] in VERB_POS:
            return t
        if ctx.head[t] == t:
            return None
        t = ctx.head[t]
    return None


def inside_subject(ctx: BriefContext, token: int) -> bool:
    """A noun inside a subject phrase names the actor ("le ministère de la Construction"), not the event."""
    t = token
    for _ in range(MAX_CLIMB):
        if ctx.head[t] == t or ctx.pos[t] in VERB_POS:
            return False
        if t != token and ctx.dep[t] in SUBJECT_DEPS:
            return True
        t = ctx.head[t]
    return False


def prospective(ctx: BriefContext, token: int, targets: frozenset[str], purposes: frozenset[str]) -> bool:
    """Whether a cue is planned, hoped for or a purpose, or an earlier fact.

    Under "prévoir", "viser"…; a future or conditional verb; a purpose ("pour
    financer", "pour la construction d'une route"); a pluperfect ("avait été
    lancé"), which tells what came before the news.
    """
    dep, lower = ctx.dep, ctx.lower
    t = token
    for _ in range(MAX_CLIMB):
        if ctx.lemma[t] in targets:
            return True
        kids = ctx.children[t]
        for c in kids:
            if dep[c] in ("mark", "case") and lower[c] in purposes:
                return True
        if ctx.pos[t] in VERB_POS:
            if "Cnd" in ctx.morph(t, "Mood") or "Fut" in ctx.morph(t, "Tense"):
                return True
            if t == token and "Imp" in ctx.morph(t, "Tense") and "Ind" in ctx.morph(t, "Mood"):
                return True  # the imperfect tells a background state ("alors que sa dette atteignait…")
            for c in kids:
                if dep[c].startswith("aux") and "Imp" in ctx.morph(c, "Tense"):
                    return True
        if ctx.head[t] == t:
            return False
        t = ctx.head[t]
    return False


def framed(ctx: BriefContext, token: int, cases: frozenset[str], nouns: frozenset[str]) -> bool:
    """Whether a cue sits in a frame phrase below its verb: "lors de la visite", "pendant le sommet",
    "en marge du forum", "au cours des négociations" (the frame's words are data: `frame_case`, `frame_noun`)."""
    t = token
    for _ in range(MAX_CLIMB):
        if ctx.pos[t] in VERB_POS and t != token:
            return False
        if ctx.lower[t] in cases and t != token:
            return True  # "lors" heads its phrase in the parse
        for c in ctx.children[t]:
            if ctx.dep[c] in ("case", "fixed", "mark") and ctx.lower[c] in cases:
                return True
        if t != token and ctx.lemma[t] in nouns and any(
            ctx.dep[c] == "case" and ctx.lower[c] in FRAME_PREPOSITIONS for c in ctx.children[t]
        ):
            return True
        if ctx.head[t] == t:
            return False
        t = ctx.head[t]
    return False


def manner_phrase(ctx: BriefContext, noun: int, manners: frozenset[str]) -> bool:
    """A cue noun in a bare phrase that says how a verb's action is done ("en partenariat avec",
    "en coopération avec"): a preposition of `manners` and no determiner, hung on a verb."""
    kids = ctx.children[noun]
    if not any(ctx.dep[c] == "case" and ctx.lower[c] in manners for c in kids):
        return False
    if any(ctx.dep[c] == "det" for c in kids):
        return False
    return ctx.pos[ctx.head[noun]] in VERB_POS and ctx.head[noun] != noun


def in_relative_clause(ctx: BriefContext, token: int) -> bool:
    """Whether a token sits in a relative clause ("le consortium qui construira la centrale"): it describes a
    noun of the sentence, as a participle set off does, rather than stating the sentence's act."""
    t = token
    for _ in range(MAX_CLIMB + 2):
        if ctx.dep[t] == "acl:relcl":
            return True
        if ctx.head[t] == t:
            return _dont_root(ctx, t, token)
        t = ctx.head[t]
    return False


def _dont_root(ctx: BriefContext, root: int, token: int) -> bool:
    """A root the parser took from a relative clause opened by "dont" after a comma ("X a lancé le chantier du
    siège, dont le ministre a posé la première pierre"): its subject carries the "dont" that opens it, and
    `token` comes after that "dont" (what comes before is the sentence's real main clause)."""
    for c in ctx.children[root]:
        if ctx.dep[c] in SUBJECT_DEPS and c < root:
            opener = ctx.left_edge(c)
            if ctx.lower[opener] == "dont" and 0 < opener < token and ctx.lower[opener - 1] == ",":
                return True
    return False


def apposed_to_name(ctx: BriefContext, noun: int) -> bool:
    """A noun phrase set off by a comma right after a name, which it describes ("X (XC), la coentreprise
    dirigée par Y, a démarré…"): it restates who acts, it is no event. Only a subject or an apposition before
    its verb, not an object ("a signé, sous le regard de X, l'accord")."""
    if ctx.dep[noun] not in ("nsubj", "appos") or ctx.head[noun] < noun:
        return False  # an apposition to the subject stands before the verb
    before = token_before_comma(ctx, ctx.left_edge(noun))
    return before is not None and ctx.name_at(before) is not None


def token_before_comma(ctx: BriefContext, edge: int) -> int | None:
    """The last word of what stands before ", " + the phrase starting at `edge` (a name's last token),
    seen past a bracketed acronym ("Tengiz Oil LLP (TCO), la…" gives "LLP"); None without a comma."""
    if edge < 2 or ctx.lower[edge - 1] != ",":
        return None
    before = edge - 2
    if ctx.lower[before] == ")":
        before = next((i - 1 for i in range(before - 1, max(before - 6, 0), -1) if ctx.lower[i] == "("), before)
    return before


PARTITIVES = frozenset({"des", "du"})


def noun_after_date(ctx: BriefContext, verb: int) -> int | None:
    """The noun right after a verb and a date word ("a démarré vendredi la production"), read on the text:
    the parser often hangs such an object anywhere but on the verb."""
    t, end = verb + 1, min(verb + 7, ctx.sentence(verb).end)
    if t >= end or t not in ctx.date_tokens:
        return None
    while t < end and (t in ctx.date_tokens or ctx.pos[t] == "DET" or (ctx.pos[t] == "ADP" and ctx.lower[t] in PARTITIVES)):
        # the parser tags the indefinite plural and partitive article as a preposition ("a publié jeudi des résultats")
        t += 1
    return t if t < end and ctx.pos[t] == "NOUN" else None
