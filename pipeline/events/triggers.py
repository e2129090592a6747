"""Find event triggers: cue lemmas and cue patterns on the dependency parse.

A cue fires on a token whose lemma is a cue head (or which starts a cue phrase
of lemmas). A cue with complements (`comp`) fires only when the head has a
complement with one of those lemmas (its object, passive subject, infinitive,
`avec` phrase, or a noun's `de` complement), and then outranks the bare cues of
the same head: "signer" + "loi" is legislation, "inaugurer" + "projet" a launch.
When a verb's bare cue has an object that is itself a cue noun, the noun says
what happens ("lancer la construction" is construction): the verb cue is
dropped and the noun keeps the verb as its anchor.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Span, Token

from .context import BriefContext
from .lexicon import Cue, Lexicon

# Dependencies of a head's complements that a `comp` cue may test.
# The subject counts for intransitive cues: "les travaux ont débuté".
COMP_DEPS = frozenset({"obj", "nsubj", "nsubj:pass", "xcomp", "ccomp", "obl:arg", "obl", "obl:mod", "nmod", "iobj"})
# A cue noun attached to a verb by one of these is what the verb does.
OBJECT_DEPS = frozenset({"obj", "nsubj:pass", "xcomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN", "X"})
MAX_CLIMB = 5


@dataclass
class Candidate:
    """One cue that fired, with where it sits in the parse and its ranking score."""

    cue: Cue
    head: Token
    tokens: tuple[Token, ...]
    anchor: Token | None
    depth: int
    in_headline: bool
    prospective: bool
    factual: bool
    sentence: Span
    score: float = 0.0

    @property
    def event_type(self) -> str:
        """The type the cue states ("construction", "agreement"…)."""
        return self.cue.event_type


def position_factor(in_headline: bool) -> float:
    """Weight of where a cue is: the lede states the facts; the headline restates them with a hook.

    >>> position_factor(True), position_factor(False)
    (0.85, 1.0)
    """
    return 0.85 if in_headline else 1.0


def role_factor(depth: int) -> float:
    """Weight of a cue's depth in the parse: at the top of its sentence (root, its object or infinitive) it counts fully.

    >>> role_factor(0), role_factor(1), role_factor(3), role_factor(9)
    (1.0, 1.0, 0.8, 0.6)
    """
    return max(0.6, 1.0 - 0.1 * max(0, depth - 1))


def cue_score(candidate: Candidate) -> float:
    """A candidate's ranking score: weight × position × role × 0.8 if prospective × 0.4 if rhetorical.

    >>> # "ont annoncé la construction" in the lede: 1.0 × 1.0 × 1.0 → 1.0
    """
    score = candidate.cue.weight * position_factor(candidate.in_headline) * role_factor(candidate.depth)
    if candidate.prospective:
        score *= 0.8
    if not candidate.factual:
        score *= 0.4
    return score


def complements(head: Token) -> dict[str, Token]:
    """Lemmas of a head's complements (and of their prepositions) → the complement token.

    >>> # "signer un nouveau Code de l'eau" → {"code": Code, ...}; "collaborer avec X" → {"avec": X, ...}
    """
    out: dict[str, Token] = {}
    for child in head.children:
        if child.dep_ not in COMP_DEPS:
            continue
        out.setdefault(child.lemma_.lower(), child)
        out.setdefault(child.lower_, child)
        first = child.left_edge  # a nominal's preposition opens its phrase ("avec le constructeur")
        if first.dep_ == "case" and first.head.i == child.i:
            out.setdefault(first.lower_, child)
    return out


def _depth(token: Token) -> int:
    """Steps from a token up to its sentence root; a coordinated verb ("a signé … et a lancé") is a step 0."""
    depth, t, steps = 0, token, 0
    while t.head.i != t.i and steps < 10:
        if not (t.dep_ == "conj" and t.pos_ in VERB_POS):
            depth += 1
        t, steps = t.head, steps + 1
    return depth


def _anchor(token: Token) -> Token | None:
    """The verb that governs a cue: the token itself if a verb, else the first verb above it."""
    t = token
    for _ in range(MAX_CLIMB):
        if t.pos_ in VERB_POS:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _inside_subject(token: Token) -> bool:
    """A noun inside a subject phrase names the actor ("le ministère de la Construction"), not the event."""
    t = token
    for _ in range(MAX_CLIMB):
        if t.head.i == t.i or t.pos_ in VERB_POS:
            return False
        if t is not token and t.dep_ in SUBJECT_DEPS:
            return True
        t = t.head
    return False


def _prospective(token: Token, targets: frozenset[str], purposes: frozenset[str]) -> bool:
    """Whether a cue is planned, hoped for or a purpose, or an earlier fact.

    Under "prévoir", "viser"…; a future or conditional verb; a purpose ("pour
    financer", "pour la construction d'une route"); a pluperfect ("avait été
    lancé"), which tells what came before the news.
    """
    t = token
    for _ in range(MAX_CLIMB):
        if t.lemma_.lower() in targets:
            return True
        if any(c.dep_ in ("mark", "case") and c.lower_ in purposes for c in t.children):
            return True
        if t.pos_ in VERB_POS:
            mood, tense = t.morph.get("Mood"), t.morph.get("Tense")
            if "Cnd" in mood or "Fut" in tense:
                return True
            if any(c.dep_.startswith("aux") and "Imp" in c.morph.get("Tense") for c in t.children):
                return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _phrase_match(token: Token, cue: Cue) -> tuple[Token, ...] | None:
    doc = token.doc
    end = token.i + len(cue.phrase)
    if end > len(doc):
        return None
    tokens = tuple(doc[token.i:end])
    for t, lemma in zip(tokens, cue.phrase):
        if t.lemma_.lower() != lemma and t.lower_ != lemma:
            return None
    return tokens


def _matches(token: Token, lexicon: Lexicon) -> list[tuple[Cue, tuple[Token, ...]]]:
    """Cues that fire on `token`: specific (`comp`) cues if any matched, else bare ones."""
    lemma, lower = token.lemma_.lower(), token.lower_
    found: list[tuple[Cue, tuple[Token, ...]]] = []
    for cue in lexicon.by_phrase_start.get(lemma, ()) or lexicon.by_phrase_start.get(lower, ()):
        tokens = _phrase_match(token, cue)
        if tokens:
            found.append((cue, tokens))
    cues = lexicon.by_lemma.get(lemma) or lexicon.by_lemma.get(lower) or ()
    if not cues and lower in lexicon.by_form and _acts_as_verb(token):
        cues = lexicon.by_form[lower]
    specific, bare = [], []
    comps = None
    for cue in cues:
        if cue.pos and not _pos_ok(token, cue.pos):
            continue
        if cue.comp:
            comps = complements(token) if comps is None else comps
            # Several complements may match: an object before a subject, then the first in the text,
            # never whichever the set happens to yield first (that varies between runs).
            hits = [comps[w] for w in cue.comp if w in comps]
            hit = min(hits, key=lambda t: (t.dep_ not in OBJECT_DEPS, t.dep_ in SUBJECT_DEPS, t.i)) if hits else None
            if hit is not None:
                specific.append((cue, (token, hit)))
        else:
            bare.append((cue, (token,)))
    found += specific or bare
    return found


def _acts_as_verb(token: Token) -> bool:
    """A participle the lemmatizer missed ("avoir produit" tagged as the noun "produit")."""
    return any(c.dep_.startswith("aux") or c.dep_ == "obj" for c in token.children)


def _pos_ok(token: Token, pos: str) -> bool:
    if pos == "VERB":
        return token.pos_ in VERB_POS
    if pos == "NOUN":
        return token.pos_ in NOUN_POS
    return token.pos_ == pos


def find_candidates(ctx: BriefContext, lexicon: Lexicon) -> list[Candidate]:
    """Every cue that fires in the brief, scored, best first (ties: lede before headline, then reading order).

    >>> [c.event_type for c in find_candidates(ctx, lexicon)][:1]  # doctest: +SKIP
    ['construction']
    """
    targets, purposes = lexicon.words("target"), lexicon.words("purpose")
    candidates: list[Candidate] = []
    keys = lexicon.keys
    hits = [i for i, (lemma, lower) in enumerate(ctx.doc.to_array([LEMMA, LOWER]).tolist()) if lemma in keys or lower in keys]
    for i in hits:
        token = ctx.doc[i]
        if token.is_punct or token.is_space or token.i in ctx.names:
            continue
        for cue, tokens in _matches(token, lexicon):
            if token.pos_ in NOUN_POS and _inside_subject(token):
                continue
            sentence = ctx.sentence(token)
            candidates.append(
                Candidate(
                    cue=cue,
                    head=token,
                    tokens=tokens,
                    anchor=_anchor(token),
                    depth=_depth(token),
                    in_headline=sentence.in_headline,
                    prospective=_prospective(token, targets, purposes),
                    factual=sentence.factual,
                    sentence=sentence.span,
                )
            )
    candidates = _prefer_objects(candidates)
    for candidate in candidates:
        candidate.score = cue_score(candidate)
    # Ties are broken on the cue's words and type so that the order never depends on
    # how sets and dicts iterate (which varies with PYTHONHASHSEED between runs).
    candidates.sort(
        key=lambda c: (
            -round(c.score, 6), c.in_headline, c.head.i, -len(c.tokens), tuple(t.i for t in c.tokens), c.event_type
        )
    )
    return candidates


def _prefer_objects(candidates: list[Candidate]) -> list[Candidate]:
    """Resolve cues that overlap: a pattern keeps its complement, an object noun beats a bare verb.

    "lancer la construction" → construction; "rencontrer son homologue" → one diplomacy cue.
    """
    nouns = {c.head.i: c for c in candidates if c.head.pos_ in NOUN_POS}
    dropped: set[int] = set()
    for c in candidates:
        if c.cue.comp and len(c.tokens) == 2 and c.tokens[1].i in nouns:
            # The pattern already read its complement ("ratifier un accord" is legislation, not a second event).
            dropped.add(id(nouns[c.tokens[1].i]))
    for c in candidates:
        is_bare_verb = c.head.pos_ in VERB_POS and len(c.tokens) == 1 and not c.cue.comp
        if not is_bare_verb:
            continue
        for child in c.head.children:
            noun = nouns.get(child.i) if child.dep_ in OBJECT_DEPS else None
            if noun is None:
                continue
            if noun.event_type == c.event_type:
                # Same event told twice ("rencontrer son homologue"): the verb carries it.
                dropped.add(id(noun))
            else:
                noun.anchor = c.head
                dropped.add(id(c))
    return [c for c in candidates if id(c) not in dropped]
