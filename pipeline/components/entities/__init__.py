"""`briefs_entities`: organisations and places from the model, the gazetteers and general cues.

The model's ORG/LOC/PER spans are candidates; rules add, relabel or drop them:
- gazetteer names (countries, world regions, hand-kept and GeoNames places, known
  acronyms) are matched by dict on folded token n-grams (`lookups`);
- institution heads ("ministère", "Banque", "gouvernement"…) are extended over their
  "de/du/des" complements (`institutions`); company cues ("la société X", "le constructeur
  malaisien X", "X – groupe …"), corporate suffixes ("Holdings", "LLP") and endings
  ("-telecom") make organisations (`companies`); a capitalised demonym before a name
  gives it a country;
- "Expansion (ACR)" and "ACR (Expansion)" are one organisation (`acronyms`);
- headline rubrics ("Police :"), products, systems, laws and facilities are dropped
  (`model_entities`, `context`).
Then `arbitration` chooses one candidate per token and `attributes` gives organisations
their country and places their kind. All rules read the Doc through `view.TokenView`.

Each kept span carries an `EntityHint` in `span.kb_id_` (see `pipeline.spans`); demonyms
go to `doc.spans[DEMONYMS]` with `span.id_` = ISO2, places named inside a public body's
name to `doc.spans[INNER_PLACES]`.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...lexicons.dates import DateLexicon
from ...lexicons.gazetteer import Gazetteer, load_gazetteer
from ...lexicons.quantities import QuantityLexicon
from ...resources import models_dir
from ...spans import DEMONYMS, INNER_PLACES
from .acronyms import acronym_matches, find_acronym_pairs
from .arbitration import accept_weak, bodies_of_known, propagate, resolve, short_places, short_references
from .attributes import assign_countries
from .local_bodies import places_in_bodies
from .candidates import EntityCandidate
from .companies import (
    find_companies,
    find_country_names,
    find_inner_capitals,
    find_owned_acronyms,
    find_sentence_start_appositions,
)
from .context import find_demonyms, rubric_end, street_name
from .institutions import find_institutions, find_plural_bodies, find_state_bodies
from .lookups import find_gazetteer_names
from .model_entities import find_model_entities
from .view import TokenView, WordFacts
from .words import EntityWords

__all__ = ["EntityRules", "acronym_matches", "make_entities"]


class EntityRules:
    """The `briefs_entities` component: see the module docstring."""

    def __init__(
        self,
        gaz: Gazetteer,
        keep_labels: list[str],
        max_name_tokens: int = 5,
        weekdays: frozenset[str] = frozenset(),
        currencies: frozenset[str] = frozenset(),
    ):
        self.gaz = gaz
        self.keep_labels = frozenset(keep_labels)
        self.words = EntityWords(gaz, max_name_tokens, weekdays, currencies)
        self._facts = WordFacts(self.words)

    def __call__(self, spacy_doc: Doc) -> Doc:
        """Find, relabel and annotate the Doc's organisations, places and demonyms; return the Doc."""
        words = self.words
        doc = TokenView(spacy_doc, self._facts)
        demonyms, compounds = find_demonyms(words, doc)
        rubric = rubric_end(doc)
        cands: list[EntityCandidate] = []
        weak: list[EntityCandidate] = []
        thing_spans: set[tuple[int, int]] = set()
        # The order matters: among equal candidates the first added wins.
        find_gazetteer_names(words, doc, cands, weak)
        find_institutions(words, doc, demonyms, rubric, cands)
        find_plural_bodies(words, doc, demonyms, cands)
        find_state_bodies(words, doc, rubric, cands)
        find_companies(words, doc, demonyms, rubric, cands)
        find_country_names(words, doc, demonyms, rubric, cands)
        find_inner_capitals(words, doc, demonyms, rubric, cands)
        find_owned_acronyms(words, doc, demonyms, rubric, cands)
        find_acronym_pairs(words, doc, demonyms, cands, thing_spans)
        find_model_entities(words, doc, demonyms, rubric, cands, weak, thing_spans)
        find_sentence_start_appositions(words, doc, rubric, cands)
        accept_weak(words, doc, demonyms, rubric, cands, weak)
        propagate(words, doc, cands)
        bodies_of_known(cands)
        chosen = resolve(cands)
        assign_countries(words, doc, chosen, cands, demonyms, weak)
        short_references(words, doc, chosen)
        short_places(words, doc, chosen)
        # "le Parlement" names a body only when the brief says of which country; "place de la Gare" is an address
        chosen = [
            c for c in chosen
            if (c.hint.inst != "bare" or c.hint.country) and not (c.label == "LOC" and street_name(words, doc, c.start))
        ]
        ents = [
            Span(spacy_doc, c.start, c.end, label=c.label, kb_id=c.hint.encode())
            for c in chosen  # sorted by start, without overlaps
            if c.label in self.keep_labels
        ]
        # What `spacy_doc.ents = ents` does, without first copying each Span.
        spacy_doc.set_ents(ents, default="outside")
        spacy_doc.spans[INNER_PLACES] = [
            Span(spacy_doc, p.start, p.end, label="LOC", kb_id=p.hint.encode())
            for p in places_in_bodies(words, doc, chosen, cands)
        ]
        spacy_doc.spans[DEMONYMS] = [
            Span(spacy_doc, i, i + 1, label="DEMONYM", span_id=iso) for i, iso in sorted(demonyms.items()) if iso
        ] + [
            Span(spacy_doc, i, i + 1, label="DEMONYM", span_id=iso)
            for i in sorted(compounds)
            for iso in compounds[i]
        ]
        return spacy_doc


@Language.factory(
    "briefs_entities",
    default_config={"keep_labels": ["ORG", "LOC", "PER"], "models": None},
    requires=["doc.ents", "token.pos", "token.lemma"],
    assigns=["doc.ents", "doc.spans"],
)
def make_entities(nlp: Language, name: str, keep_labels: list[str], models: str | None) -> EntityRules:
    """The entity component; `models` is the folder holding `gazetteers/` and `lexicons/`."""
    folder = Path(models_dir(models))
    weekdays = frozenset(DateLexicon.from_models(folder).words("weekday"))
    money = QuantityLexicon.from_folder(folder / "lexicons").currencies
    currencies = frozenset({s.lower() for s in money} | {code.lower() for code, _ in money.values()})
    return EntityRules(load_gazetteer(folder), keep_labels, weekdays=weekdays, currencies=currencies)
