"""The word lists and gazetteer facts the entity rules read, loaded once per component.

Everything here is keyed the way the rules look words up: cue lists by `word_key`
(lower case, straight apostrophe), names by `fold`.
"""

from __future__ import annotations

from ...lexicons.gazetteer import Gazetteer, Toponym
from ...lexicons.text import fold

_EMPTY: dict[str, str] = {}


class EntityWords:
    """The gazetteer and the cue lists of `models/lexicons/entity_cues.tsv`, by category."""

    def __init__(
        self,
        gaz: Gazetteer,
        max_name_tokens: int = 5,
        weekdays: frozenset[str] = frozenset(),
        currencies: frozenset[str] = frozenset(),
    ):
        self.gaz = gaz
        # Day names start sentences with a capital ("Mercredi, la Chambre a voté"): never a name.
        self.weekdays = weekdays
        # Currency words and ISO 4217 codes, lower-cased ("drams (AMD)", "francs CFA"): never a name.
        self.currencies = currencies
        self.max_name_tokens = max_name_tokens
        self._fold_cache: dict[str, str] = {}
        cues = gaz.cues
        self.not_places = frozenset(fold(w) for w in cues.get("not_place", _EMPTY))
        self.endings = tuple(sorted({fold(e) for e in cues.get("word_ending", _EMPTY)}))
        # The cue lists the rules read per token, looked up once here rather than by name each time.
        self.articles = cues.get("article", _EMPTY)
        self.de_forms = cues.get("de_form", _EMPTY)
        self.contracted = cues.get("contracted_article", _EMPTY)
        self.status_adjs = cues.get("status_adj", _EMPTY)
        self.lower_starters = cues.get("lower_starter", _EMPTY)
        self.based_words = cues.get("based_word", _EMPTY)
        self.complement_stops = cues.get("complement_stop", _EMPTY)
        self.institution_cues = cues.get("institution", _EMPTY)
        self.company_cues = cues.get("company_cue", _EMPTY)
        self.leading_prepositions = cues.get("leading_preposition", _EMPTY)
        self.state_words = cues.get("state_owned", _EMPTY)
        self.portfolio_roles = cues.get("portfolio_role", _EMPTY)
        self.person_titles = cues.get("person_title", _EMPTY)
        self.owned_nouns = cues.get("owned_noun", _EMPTY)
        self.foreign_heads = cues.get("foreign_company_head", _EMPTY)
        self.foreign_de = cues.get("foreign_de", _EMPTY)
        self.generic_bodies = frozenset(fold(w) for w in cues.get("generic_body", _EMPTY))
        self.office_heads = cues.get("office_head", _EMPTY)
        self.head_titles = cues.get("head_title", _EMPTY)
        self.feature_names = cues.get("feature_name", _EMPTY)
        # "conseil d'administration" → its words' keys, matched from an institution head
        self.corporate_organs = tuple(tuple(w.replace("'", "' ").split()) for w in cues.get("corporate_organ", _EMPTY))
        self.thing_cues = cues.get("thing_cue", _EMPTY)
        self.place_preps = cues.get("place_prep", _EMPTY)
        self.place_nouns = cues.get("place_noun", _EMPTY)
        self.venue_nouns = cues.get("venue_noun", _EMPTY)
        self.heads = (cues.get("law_head", _EMPTY), cues.get("thing_head", _EMPTY))
        self.not_org = cues.get("not_org", _EMPTY)
        self.corp_suffixes = cues.get("corp_suffix", _EMPTY)
        self.legal_forms = cues.get("legal_form", _EMPTY)
        self.corp_prefixes = cues.get("corp_prefix", _EMPTY)
        self.supranational = cues.get("supranational_adj", _EMPTY)
        self.business_verbs = cues.get("business_verb", _EMPTY)

    def fold(self, text: str) -> str:
        """`fold` of `text`, remembered (the same words come back in every brief)."""
        value = self._fold_cache.get(text)
        if value is None:
            if len(self._fold_cache) > 200_000:
                self._fold_cache.clear()
            value = self._fold_cache[text] = fold(text)
        return value

    def place(self, text: str) -> Toponym | None:
        """`Gazetteer.place` through the fold cache."""
        key = self.gaz.place_names.get(self.fold(text))
        return self.gaz.places[key] if key else None

    def starter(self, text: str, lower: str, folded: str) -> int:
        """Whether a gazetteer name can start at this word: 0 no, 1 only if glued to the next
        token ("Sud" "-" "Kazakhstan"), 2 yes (an acronym, a name, the start of a name)."""
        if not (text[:1].isupper() or lower in self.lower_starters):
            return 0
        gaz = self.gaz
        if (
            text in gaz.acronyms
            or folded in gaz.org_names
            or folded in gaz.place_names
            or folded in gaz.prefixes
            or folded in gaz.companies
        ):
            return 2
        return 1

    def company_word(self, text: str, key: str, folded: str) -> bool:
        """Whether the company rules can start at this word (besides demonyms): a company cue
        ("société"), or a capitalised corporate suffix ("Holdings") or legal form ("SA"), "Air" or company ending."""
        if key in self.company_cues:
            return True
        return text[:1].isupper() and (
            key in self.foreign_heads
            or key in self.corp_suffixes
            or key in self.legal_forms
            or key == "air"
            or (len(text) > 5 and folded.endswith(self.endings))
        )

    def demonym_of(self, text: str) -> tuple[str, tuple[str, ...] | None] | None:
        """(ISO2, None) for a demonym, ("", countries) for a compound ("franco-italien"), else None."""
        if not text.isalpha() and "-" not in text:
            return None
        key = self.fold(text)
        iso = self.gaz.demonyms.get(key)
        if iso:
            return iso, None
        if "-" in key:
            parts = key.split("-")
            last = self.gaz.demonyms.get(parts[-1])
            firsts = [self.gaz.demonym_prefixes.get(p) for p in parts[:-1]]
            if last and all(firsts):
                return "", (*firsts, last)
        return None
