"""Which way a date without year points: the tense of its clause, read from the parse.

The one place where the direction of a date is read from its sentence; the
normaliser applies it (`normalize.dates.periods.choose`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicons.text import word_key as _fold
from ..spans import FUTURE, PAST

_PERIPHRASTIC_FUTURE = {"aller", "devoir"}  # "va signer", "doit/devra signer": a future act


def _periphrasis_tense(aux_verb: Token) -> str:
    """The way "aller"/"devoir" + infinitive points: future in the present or future ("doit
    signer", "va signer", "devra signer"), past when the periphrasis itself is past ("devait
    signer lundi", "allait signer", "a dû signer"): a plan told after its day."""
    tense = aux_verb.morph.get("Tense")
    if "Imp" in tense or "Past" in tense:
        return PAST
    if any(c.dep_.startswith("aux") and "Fut" not in c.morph.get("Tense") for c in aux_verb.children):
        return PAST
    return FUTURE


def _verb_group_tense(verb: Token) -> str | None:
    """`FUTURE`, `PAST` or None from a verb and its auxiliaries, as the parser tagged them.

    Simple tenses read the verb's `Tense` (Fut; Past for passé simple and imparfait, which
    the French model tags Past or Imp). Compound tenses read the auxiliary: "a signé",
    "est arrivée", "avait conclu" are past, "aura signé" and "sera inauguré" future; a
    passive in the present ("est signé") says nothing. An infinitive takes its governor's
    reading, except after "aller" or "devoir", which announce a future act ("va signer",
    "doit avoir lieu"). A participle without auxiliary ("ouvertes le 19 mai") is past.
    """
    for _ in range(3):
        auxes = [c for c in verb.children if c.dep_.startswith("aux")]
        aux_tenses = {t for a in auxes for t in a.morph.get("Tense") if "Fin" in a.morph.get("VerbForm")}
        if "Fut" in aux_tenses:
            return FUTURE
        forms = verb.morph.get("VerbForm")
        if "Part" in forms:
            passive = "Pass" in verb.morph.get("Voice")
            if aux_tenses & {"Past", "Imp"}:
                return PAST
            if auxes and not passive:
                return PAST  # passé composé: "a signé", "est arrivée"
            if not auxes and "Past" in verb.morph.get("Tense") and verb.dep_ not in ("ROOT", "xcomp"):
                return PAST  # "ouvertes le 19 mai"
            if verb.dep_ != "xcomp" or verb.head.pos_ not in ("VERB", "AUX"):
                return None
            if verb.head.lemma_ in _PERIPHRASTIC_FUTURE:
                return _periphrasis_tense(verb.head)  # "doit être signé jeudi"
            verb = verb.head
            continue
        if "Inf" in forms:
            head = verb.head
            if head is verb or head.pos_ not in ("VERB", "AUX"):
                return None
            if head.lemma_ in _PERIPHRASTIC_FUTURE:
                return _periphrasis_tense(head)
            verb = head
            continue
        tense = verb.morph.get("Tense")
        if verb.lemma_ in _PERIPHRASTIC_FUTURE and any(
            c.dep_ == "xcomp" and "Inf" in c.morph.get("VerbForm") for c in verb.children
        ):
            return _periphrasis_tense(verb)  # the date hangs on "doivent" in "doivent se rendre à X, mercredi"
        if "Fut" in tense:
            return FUTURE
        if "Past" in tense or "Imp" in tense:
            return PAST
        return None
    return None


def _governing_verb(span: Span) -> Token | None:
    """The verb the span modifies: the first verb among its root's heads (a few steps up)."""
    tok = span.root
    for _ in range(4):
        if tok.head is tok:
            return tok if tok.pos_ in ("VERB", "AUX") and tok not in span else None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _nearest_finite_verb(span: Span) -> Token | None:
    doc = span.doc
    sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
    best, best_distance = None, len(doc) + 1
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm"):
            distance = abs(tok.i - span.start)
            if distance < best_distance:
                best, best_distance = tok, distance
    return best


def clause_tense(span: Span, future_cues: set[str], future_adverbs: set[str] = frozenset()) -> str | None:
    """`FUTURE`, `PAST` or None: which way a date without year in `span` points.

    The one place where the direction of a date is read from its sentence (the
    normaliser applies it, `normalize.dates`). In this order:
    1. a planning word just before the span ("prévue jeudi", "attendu en octobre") → future;
    2. the tense of the verb the span modifies, found in the parse (`_governing_verb`), or
       failing a parse link, of the finite verb nearest it (`_verb_group_tense`);
    3. a present tense with a future adverb in the sentence ("se rend demain à Paris puis
       jeudi à Berlin") → future.
    Cue words inside the span ("prochain", "dernier", "d'ici", "jusqu'au", "à partir du")
    are read by the normaliser from the span text.
    """
    doc = span.doc
    if any(_fold(tok.text) in future_cues for tok in doc[max(0, span.start - 3) : span.start]):
        return FUTURE
    verb = _governing_verb(span) if doc.has_annotation("DEP") else None
    if verb is None:
        verb = _nearest_finite_verb(span)
    if verb is None:
        return None
    tense = _verb_group_tense(verb)
    if tense is None and future_adverbs:
        sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
        if any(_fold(tok.text) in future_adverbs for tok in sent if not (span.start <= tok.i < span.end)):
            return FUTURE
    return tense
