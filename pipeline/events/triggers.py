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

import dataclasses
from dataclasses import dataclass

from .context import BriefContext, Sentence
from .syntax import (
    COMP_DEPS,
    MAX_CLIMB,
    NOUN_POS,
    OBJECT_DEPS,
    SUBJECT_DEPS,
    VERB_POS,
    anchor_of,
    apposed_to_name,
    noun_after_date,
    depth_of,
    framed,
    in_relative_clause,
    inside_subject,
    manner_phrase,
    prospective,
)
from ..lexicons.events import Cue, Lexicon

FRAME_FACTOR = 0.6
# Deeper than this below its sentence's root, a cue sits in a chain of nouns: a detail, not the lead's act.
LEAD_MAX_DEPTH = 3
# A main-clause cue must be a firm cue to outrank the rest (a weak bare verb such as "décider" does not).
MAIN_CLAUSE_MIN = 0.7


@dataclass
class Candidate:
    """One cue that fired, with where it sits in the parse and its ranking score (tokens are Doc indices)."""

    cue: Cue
    head: int
    tokens: tuple[int, ...]
    anchor: int | None
    depth: int
    in_headline: bool
    prospective: bool
    factual: bool
    sentence: Sentence
    score: float = 0.0
    framed: bool = False  # inside a frame ("en marge du forum", "lors de la visite"): the act it frames ranks above it
    main_clause: bool = False  # in the main clause of the lede's first factual sentence (see `rank_key`)
    in_lead: bool = False  # in the headline or the lede's first factual sentence, which state the main event

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
    if candidate.framed:
        score *= FRAME_FACTOR
    return score


def rank_key(candidate: Candidate) -> tuple:
    """How candidates rank for the brief's main event (GUIDELINES "Which event is the brief's main one").

    1. A cue in the main clause of the lede's first factual sentence (depth ≤ 1 in
       the parse, not inside a frame, not planned) comes first: the lede's main
       clause states the main event.
    2. Then the lead's other cues (the headline's and the first sentence's, not
       planned, not in a relative clause, at most LEAD_MAX_DEPTH steps below the
       root), by their score (`cue_score`): a frame ("en marge du forum", "lors
       de la visite", "pendant le sommet", "au cours des négociations") and a
       participial background ("…, construit par X,") score lower than the act
       they frame, a headline cue lower than the same cue in the lede.
    3. Then the cues of later lede sentences and the lead's set-aside ones, by
       score: they add detail or background ("Le financement est assuré par…")
       to what the headline and the first sentence state.
    4. Ties: lede before headline, reading order, then the cue's words and type.
    The headline confirms: `select_events` carries a headline winner over to the
    lede's cue of the same type, and a headline cue of the winner's type adds to
    its confidence.
    """
    c = candidate
    tier = 0 if c.main_clause and c.score >= MAIN_CLAUSE_MIN else 1 if c.in_lead else 2
    return (tier, -round(c.score, 6), c.in_headline, c.head, -len(c.tokens), c.tokens, c.event_type)


def complements(ctx: BriefContext, head: int, quantifiers: frozenset[str] = frozenset()) -> dict[str, int]:
    """Lemmas of a head's complements (and of their prepositions) → the complement token.

    >>> # "signer un nouveau Code de l'eau" → {"code": Code, ...}; "collaborer avec X" → {"avec": X, ...}
    """
    out: dict[str, int] = {}
    dep, lower, children = ctx.dep, ctx.lower, ctx.children
    for child in _complement_heads(ctx, head, quantifiers):
        if dep[child] not in COMP_DEPS and not (dep[child] == "conj" and ctx.head[child] != head):
            continue  # (a conjunct reaches here only as an object hung on an adjunct, see `_complement_heads`)
        out.setdefault(ctx.lemma[child], child)
        out.setdefault(lower[child], child)
        # A nominal's preposition opens its phrase ("avec le constructeur"): the first token of
        # its subtree is its own `case` child (and then its first child).
        kids = children[child]
        first = kids[0] if kids else child
        if first < child and dep[first] == "case" and ctx.left_edge(child) == first:
            out.setdefault(lower[first], child)
    return out


_DATE_OWN_CASES = frozenset({"de", "d'", "d’", "du", "des"})


def _complement_heads(ctx: BriefContext, head: int, quantifiers: frozenset[str]) -> list[int]:
    """A head's children, seen through three parser habits: an object hung on the date or the short adjunct
    after the verb ("a réduit jeudi son taux", "a transféré par décret la capitale"), and a quantifier noun
    before the real object ("l'ensemble de ses ministères")."""
    out = []
    for child in ctx.children[head]:
        out.append(child)
        if (ctx.dep[child].startswith("obl") or ctx.dep[child] == "xcomp") and child in ctx.date_tokens:
            out.extend(c for c in ctx.children[child] if ctx.dep[c] == "obj")
            # "a publié lundi 10 novembre son rapport", "s'est rendu jeudi à Lomé": the verb's complement
            # hangs as an nmod on a word of the date (one with "de" is the date's own: "du mois de mai").
            words = [child, *(c for c in ctx.children[child] if c in ctx.date_tokens)]
            # A prepositional one only where the parser made the date the verb's xcomp ("rendu jeudi à Lomé").
            own = _DATE_OWN_CASES if ctx.dep[child] == "xcomp" else None
            out.extend(c for w in words for c in ctx.children[w] if c not in ctx.date_tokens and ctx.dep[c] == "nmod"
                       and not any(ctx.dep[k] == "case" and (own is None or ctx.lower[k] in own) for k in ctx.children[c]))
        elif ctx.lemma[child] in quantifiers:
            out.extend(c for c in ctx.children[child] if ctx.dep[c] == "nmod")
        elif ctx.dep[child].startswith("obl") and not any(ctx.dep[c] == "obj" for c in ctx.children[head]):
            # "a transféré par décret la capitale": an object after a short adjunct is hung on the adjunct;
            # a nominal there with no preposition of its own is the verb's object.
            out.extend(c for c in ctx.children[child] if ctx.dep[c] == "nmod" and c > child
                       and not any(ctx.dep[k] == "case" for k in ctx.children[c]))
            # "ont approuvé, par 58 % des voix, l'initiative": after an adjunct set off by commas the object
            # is hung on the adjunct as a conjunct; one with a determiner and no preposition is the object.
            out.extend(c for c in ctx.children[child] if ctx.dep[c] == "conj" and c > child
                       and "," in (ctx.lower[ctx.left_edge(c)], ctx.lower[ctx.left_edge(c) - 1])
                       and any(ctx.dep[k] == "det" for k in ctx.children[c])
                       and not any(ctx.dep[k] == "case" for k in ctx.children[c]))
    if ctx.pos[head] in VERB_POS:
        nxt = noun_after_date(ctx, head)
        if nxt is not None and nxt not in out:
            out.append(nxt)
    return out


def _financing(ctx: BriefContext, candidate: Candidate, financing: frozenset[str]) -> bool:
    """Whether an agreement noun is followed by "de/d'" + one of `financing`: a financing pledge
    ("un accord de financement", "l'accord-cadre de financement", "un accord d'investissement") is
    investment even when signed as a memorandum (GUIDELINES); a purchase contract ("un contrat
    d'achat", "d'acquisition") is procurement."""
    nouns = [t for t in candidate.tokens if ctx.pos[t] in NOUN_POS] or [candidate.head]
    end = ctx.sentence(candidate.head).end
    for noun in nouns:
        for t in range(noun + 1, min(noun + 5, end)):
            if ctx.lemma[t] in financing and ctx.lower[t - 1] in ("de", "d'", "d’"):
                return True
            if ctx.is_punct(t) and ctx.lower[t] != "-":
                break
    return False


def _phrase_match(ctx: BriefContext, token: int, cue: Cue) -> tuple[int, ...] | None:
    end = token + len(cue.phrase)
    if end > len(ctx.head):
        return None
    for t, lemma in zip(range(token, end), cue.phrase):
        if ctx.lemma[t] != lemma and ctx.lower[t] != lemma:
            return None
    return tuple(range(token, end))


def _matches(ctx: BriefContext, token: int, lexicon: Lexicon) -> list[tuple[Cue, tuple[int, ...]]]:
    """Cues that fire on `token`: specific (`comp`) cues if any matched, else bare ones."""
    lemma, lower = ctx.lemma[token], ctx.lower[token]
    found: list[tuple[Cue, tuple[int, ...]]] = []
    for cue in lexicon.by_phrase_start.get(lemma, ()) or lexicon.by_phrase_start.get(lower, ()):
        tokens = _phrase_match(ctx, token, cue)
        if tokens:
            found.append((cue, tokens))
    cues = lexicon.by_lemma.get(lemma) or lexicon.by_lemma.get(lower) or ()
    if not cues and lower in lexicon.by_form and _acts_as_verb(ctx, token):
        cues = lexicon.by_form[lower]
    specific, bare = [], []
    comps = None
    dep = ctx.dep
    for cue in cues:
        if cue.pos and not _pos_ok(ctx.pos[token], cue.pos):
            continue
        if cue.comp:
            comps = complements(ctx, token, lexicon.words("quantifier_noun")) if comps is None else comps
            # Several complements may match: an object before a subject, then the first in the text,
            # never whichever the set happens to yield first (that varies between runs).
            hits = [comps[w] for w in cue.comp if w in comps]
            hit = min(hits, key=lambda t: (dep[t] not in OBJECT_DEPS, dep[t] in SUBJECT_DEPS, t)) if hits else None
            if hit is not None and lemma in lexicon.words("travel_verb") and not _travel(ctx, token, hit, lexicon.words("role")):
                hit = None
            if hit is not None and (not cue.mod or _qualified(ctx, (token, hit), cue.mod)):
                specific.append((cue, (token, hit)))
        elif (not cue.mod or _qualified(ctx, (token,), cue.mod)) and (not cue.near or _near(ctx, token, cue.near)):
            bare.append((cue, (token,)))
    found += specific or bare
    return found


def _qualified(ctx: BriefContext, tokens: tuple[int, ...], mods: frozenset[str]) -> bool:
    """Whether one of `tokens` carries an adjective of `mods` ("sa toute première cargaison")."""
    return any(ctx.dep[c] == "amod" and ctx.lemma[c] in mods for t in tokens for c in ctx.children[t])


def _near(ctx: BriefContext, token: int, words: frozenset[str]) -> bool:
    """Whether a lemma of `words` stands in the phrase `token` heads (its parse subtree)."""
    return any(ctx.lemma[t] in words for t in range(ctx.left_edge(token), ctx.right_edge(token) + 1))


def _travel(ctx: BriefContext, verb: int, complement: int, roles: frozenset[str]) -> bool:
    """A verb of travel used pronominally towards a named place ("s'est rendu au Mexique", "se rendra à Lima"):
    the reflexive clitic and a place name in the complement, so "rendre hommage aux victimes" or "se rendre
    compte" never fire."""
    reflexive = any(ctx.dep[c].startswith("expl") or ctx.lower[c] in ("se", "s'", "s’") for c in ctx.children[verb])
    place = ctx.name_at(complement)
    if not (reflexive and place is not None and place.kind == "LOC"):
        return False
    # (Only a noun right after the verb: one past the place belongs to what follows, "s'est rendu au Liban : le prince…".)
    if any(ctx.dep[c] == "obj" or (ctx.pos[c] in NOUN_POS and not any(ctx.dep[k] == "case" for k in ctx.children[c]))
           for c in ctx.children[verb]
           if verb < c < complement and ctx.dep[c] not in SUBJECT_DEPS and c not in ctx.date_tokens):
        return False  # a bare noun after the verb ("s'est rendu compte", "rendre hommage"): not a trip
    # Who travels is an office holder or a state ("le président X", "Le Premier ministre", "X"), not fans or voters.
    subject = next((c for c in ctx.children[verb] if ctx.dep[c] in SUBJECT_DEPS), None)
    if subject is None or ctx.pos[subject] == "PRON":
        return subject is not None
    name = ctx.name_at(subject)
    return (name is not None and name.kind in ("PER", "LOC")) or ctx.lemma[subject] in roles


def _acts_as_verb(ctx: BriefContext, token: int) -> bool:
    """A participle the lemmatizer missed ("avoir produit" tagged as the noun "produit")."""
    return any(ctx.dep[c].startswith("aux") or ctx.dep[c] == "obj" for c in ctx.children[token])


def _pos_ok(tag: str, pos: str) -> bool:
    if pos == "VERB":
        return tag in VERB_POS
    if pos == "NOUN":
        return tag in NOUN_POS
    return tag == pos


def find_candidates(ctx: BriefContext, lexicon: Lexicon) -> list[Candidate]:
    """Every cue that fires in the brief, scored, best first (ties: lede before headline, then reading order).

    >>> [c.event_type for c in find_candidates(ctx, lexicon)][:1]  # doctest: +SKIP
    ['construction']
    """
    keys = lexicon.keys
    hits = [i for i, key in enumerate(ctx.lemma_keys) if key in keys]
    by_form = [i for i, key in enumerate(ctx.lower_keys) if key in keys]
    if by_form != hits:
        hits = sorted(set(hits).union(by_form))
    candidates: list[Candidate] = []
    for token in hits:
        if token not in ctx.names and not ctx.is_punct_or_space(token):
            candidates += _candidates_at(ctx, token, lexicon)
    candidates = _prefer_objects(ctx, candidates)
    _retype_and_score(ctx, candidates, lexicon)
    # Ties are broken on the cue's words and type so that the order never depends on
    # how sets and dicts iterate (which varies with PYTHONHASHSEED between runs).
    candidates.sort(key=rank_key)
    return candidates


def _candidates_at(ctx: BriefContext, token: int, lexicon: Lexicon) -> list[Candidate]:
    """The cues that fire on one token, placed in the parse (not yet scored)."""
    matches = _matches(ctx, token, lexicon)
    # A noun inside a subject names the actor ("le ministère de la Construction"), except a figure:
    # "le taux de chômage a reculé" reports the indicator.
    indicator = all(cue.event_type == "economic_indicator" for cue, _ in matches)
    if not matches or (ctx.pos[token] in NOUN_POS and not indicator and inside_subject(ctx, token)):
        return []
    if ctx.pos[token] in NOUN_POS and manner_phrase(ctx, token, lexicon.words("manner_case")):
        return []  # "organisé en partenariat avec l'OMT": how something else was done
    if ctx.pos[token] in NOUN_POS and apposed_to_name(ctx, token):
        return []  # "X, la coentreprise de A et B, a…": who acts, not what happens
    # Where the cue sits depends on its word only, not on which of its cues fired.
    sentence = ctx.sentence(token)
    anchor, depth = anchor_of(ctx, token), depth_of(ctx, token)
    planned = prospective(ctx, token, lexicon.words("target"), lexicon.words("purpose"))
    in_frame = framed(ctx, token, lexicon.words("frame_case"), lexicon.words("frame_noun"))
    out = []
    for cue, tokens in matches:
        # A phrase ("première pierre") sits where its noun sits, not its first word.
        cue_depth = min(depth, *(depth_of(ctx, t) for t in tokens[1:])) if cue.phrase else depth
        out.append(
            Candidate(
                cue=cue,
                head=token,
                tokens=tokens,
                anchor=anchor,
                depth=cue_depth,
                in_headline=sentence.in_headline,
                prospective=planned,
                factual=sentence.factual,
                sentence=sentence,
                framed=in_frame,
            )
        )
    return out


def _retype_and_score(ctx: BriefContext, candidates: list[Candidate], lexicon: Lexicon) -> None:
    """An agreement of financing is investment, one of purchase procurement, a bill of decree a decision; then each candidate's
    place in the lede's main clause or the lead, and its score (`rank_key`, `cue_score`)."""
    financing, purchase, decree = lexicon.words("financing"), lexicon.words("purchase"), lexicon.words("decree")
    for candidate in candidates:
        if candidate.event_type == "legislation" and _financing(ctx, candidate, decree):
            candidate.cue = dataclasses.replace(candidate.cue, event_type="government_decision")  # "un projet de décret"
        if candidate.event_type == "agreement" and _financing(ctx, candidate, financing):
            candidate.cue = dataclasses.replace(candidate.cue, event_type="investment")
        elif candidate.event_type == "agreement" and _financing(ctx, candidate, purchase):
            candidate.cue = dataclasses.replace(candidate.cue, event_type="procurement")  # "un contrat d'achat"
    first_lede = next((s for s in ctx.sentences if not s.in_headline and s.factual), None)
    for candidate in candidates:
        relative = in_relative_clause(ctx, candidate.head)
        candidate.main_clause = (
            candidate.sentence is first_lede and candidate.depth <= 1 and not candidate.framed
            and not candidate.prospective and not relative
        )
        # The lead states the main event: a cue of the headline or of the first sentence, unless planned,
        # told in a relative clause ("le consortium qui construira la centrale") or buried in a chain of
        # nouns ("un bond de 18 % de l'investissement").
        candidate.in_lead = (
            (candidate.in_headline or candidate.sentence is first_lede)
            and not candidate.prospective
            and candidate.depth <= LEAD_MAX_DEPTH
            and not relative
        )
        candidate.score = cue_score(candidate)


def _prefer_objects(ctx: BriefContext, candidates: list[Candidate]) -> list[Candidate]:
    """Resolve cues that overlap: a pattern keeps its complement, an object noun beats a bare verb.

    "lancer la construction" → construction; "rencontrer son homologue" → one diplomacy cue.
    """
    nouns = {c.head: c for c in candidates if ctx.pos[c.head] in NOUN_POS}
    dropped: set[int] = set()
    for c in candidates:
        if c.cue.comp and len(c.tokens) == 2 and c.tokens[1] in nouns:
            # The pattern already read its complement ("ratifier un accord" is legislation, not a second event).
            dropped.add(id(nouns[c.tokens[1]]))
    for c in candidates:
        is_bare_verb = ctx.pos[c.head] in VERB_POS and len(c.tokens) == 1 and not c.cue.comp
        if not is_bare_verb:
            continue
        for child in ctx.children[c.head]:
            noun = nouns.get(child) if ctx.dep[child] in OBJECT_DEPS else None
            if noun is None:
                continue
            if noun.event_type == c.event_type:
                # Same event told twice ("rencontrer son homologue"): the verb carries it.
                dropped.add(id(noun))
            else:
                noun.anchor = c.head
                dropped.add(id(c))
    return [c for c in candidates if id(c) not in dropped]
