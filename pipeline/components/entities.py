"""`briefs.entities`: organisations and places from the model, the gazetteers and general cues.

The model's ORG/LOC/PER spans are candidates; rules add, relabel or drop them:
- gazetteer names (countries, world regions, hand-kept and GeoNames places, known
  acronyms) are matched by dict on folded token n-grams;
- institution heads ("ministère", "Banque", "gouvernement"…) are extended over their
  "de/du/des" complements; company cues ("la société X", "le constructeur malaisien X",
  "X – groupe …"), corporate suffixes ("Holdings", "LLP") and endings ("-telecom")
  make organisations; a capitalised demonym before a name gives it a country;
- "Expansion (ACR)" and "ACR (Expansion)" are one organisation;
- headline rubrics ("Police :"), products, systems, laws and facilities are dropped.

Each kept span carries what normalisation needs in `span.kb_id_` (see `encode_info`);
demonyms go to `doc.spans["demonyms"]` with `span.id_` = ISO2.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import add, mul
from pathlib import Path

from spacy.attrs import IDX, ORTH, POS, SPACY
from spacy.language import Language
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span

from . import DEMONYMS, INNER_PLACES
from .gazetteer import Gazetteer, fold, load_gazetteer

DE_FORMS = frozenset({"de", "du", "des", "d'", "d’"})
ARTICLES = frozenset({"le", "la", "les", "l'", "l’", "un", "une"})
LOWER_STARTERS = frozenset({"îles", "île", "mer", "golfe", "lac", "vallée"})
BASED_WORDS = frozenset(
    {"basé", "basée", "basés", "basées", "implanté", "implantée", "implantés", "implantées", "installé",
     "installée", "installés", "installées", "établi", "établie", "situé", "située", "domicilié",
     "domiciliée", "enregistré", "enregistrée", "siégeant"}
)
# Words that end an institution's complement even when tagged as nouns.
COMPLEMENT_STOPS = frozenset({"pays", "année", "ans", "mois", "jour", "semaine", "fin", "début", "cadre", "an"})
APPOSITION_MARKS = frozenset({"–", "—", ",", "-"})
SKIP_BEFORE_CUE = frozenset({",", "–", "—", "«", "»", '"', "“", "”"})

_EMPTY: dict[str, str] = {}
PRIORITY_KNOWN = -1  # names from the lexicons and "Expansion (ACR)" pairs
PRIORITY_RULE, PRIORITY_STRONG, PRIORITY_MODEL, PRIORITY_WEAK = 0, 1, 2, 3


def encode_info(info: dict[str, str]) -> str:
    """Pack a span's normalisation hints into one `kb_id_` string.

    >>> encode_info({"src": "gazetteer", "key": "city:1526384"})
    'key=city:1526384|src=gazetteer'
    """
    return "|".join([f"{k}={v}" for k, v in sorted(info.items()) if v])


def decode_info(text: str) -> dict[str, str]:
    """Inverse of `encode_info`.

    >>> decode_info("key=city:1526384|src=gazetteer")["key"]
    'city:1526384'
    """
    return dict(part.split("=", 1) for part in text.split("|") if "=" in part) if text else {}


def acronym_matches(acronym: str, words: list[str]) -> bool:
    """Whether `acronym` can be read from the initials of `words` (first letters, in order).

    >>> acronym_matches("UICN", "Union internationale pour la conservation de la nature".split())
    True
    >>> acronym_matches("ATR", ["Proton", "Holdings"])
    False
    >>> acronym_matches("KMG", ["KazMunayGas"])
    True
    """
    letters = [c.lower() for c in acronym if c.isalpha()]
    # "KazMunayGas" reads as Kaz Munay Gas
    parts = [p for w in words for p in re.findall(r"[A-ZÀ-Þ]?[a-zß-ÿ]+|[A-ZÀ-Þ]+(?![a-z])", w) or [w]]
    initials = [w[0].lower() for w in parts if w and w[0].isalpha()]
    if not letters or not initials or letters[0] != initials[0]:
        return False
    capitals = sum(1 for w in parts if w[:1].isupper())
    if capitals > len(letters):
        return False
    it = iter(initials)
    return all(any(c == i for i in it) for c in letters)


@dataclass
class Candidate:
    start: int
    end: int
    label: str
    priority: int
    info: dict[str, str] = field(default_factory=dict)


SENTENCE_END = frozenset({".", "!", "?", "…", ":", ";"})
# The tagger calls some demonyms verbs ("la police kazakhstanaise"): only function words are skipped.
_FUNCTION_POS = frozenset({"DET", "ADP", "PRON", "AUX", "CCONJ", "SCONJ", "PUNCT", "NUM", "SPACE", "SYM"})
_INNER_PUNCT = frozenset({"-", "‑", "'", "’", "."})


class _Lexicon(dict):
    """ORTH hash → the string facts the rules read about a word, worked out on its first sight.

    Briefs share most of their words, so the per-token string work (folding, case tests,
    demonym and cue look-ups) is done once per distinct word rather than once per token.
    Filled by `__missing__`, so `map(lexicon.__getitem__, orths)` stays in C for known words.
    """

    # Fields of an entry, in order; `_View` transposes the entries of a Doc into these columns.
    FIELDS = ("texts", "lowers", "keys", "caps", "ends", "folds", "starters", "stops", "demos", "insts", "firms")

    def __init__(self, rules: "EntityRules"):
        super().__init__()
        self.rules = rules
        self.vocab = None  # the Doc's vocab, set before each look-up pass

    def __missing__(self, orth: int) -> tuple:
        if len(self) > 50_000:  # a few hundred bytes an entry: bounded for long runs
            self.clear()
        lexeme = self.vocab[orth]
        text, lower = lexeme.orth_, lexeme.lower_
        rules = self.rules
        key = lower.replace("’", "'") if "’" in lower else lower
        folded = rules._fold(text)
        entry = self[orth] = (
            text,
            lower,
            key,
            text[:1].isupper(),
            "\n" in text or text in SENTENCE_END,  # the next token starts a sentence
            folded,
            rules._starter(text, lower, folded),
            # a gazetteer name cannot go on over this token
            "\n" in text or (text not in _INNER_PUNCT and not text[0].isalnum()),
            rules._demonym_of(text),
            key in rules._institution_cues,
            rules._company_word(text, key, folded),
        )
        return entry


class _View:
    """A read-only view of a Doc with the same token indices, backed by plain sequences.

    spaCy builds a new Token object on every `doc[i]` (and one per token on `span.text`);
    the rules index tokens many times, so they read these columns instead, filled from one
    `doc.to_array` and the component's `_Lexicon`.
    """

    def __init__(self, doc: Doc, lexicon: _Lexicon):
        self.doc = doc
        n = len(doc)
        if n:
            orths, pos, self.idxs, self.spaces = doc.to_array([ORTH, POS, IDX, SPACY]).T.tolist()
            lexicon.vocab = doc.vocab
            columns = zip(*map(lexicon.__getitem__, orths))
        else:
            pos, self.idxs, self.spaces = [], [], []
            columns = [()] * len(_Lexicon.FIELDS)
        (self.texts, self.lowers, self.keys, self.caps, ends, self.folds, self.starters, self.stops, self.demos,
         self.insts, self.firms) = columns
        self.pos = list(map(POS_NAMES.__getitem__, pos))
        # Sentence number of each token: one more after each token that ends a sentence.
        self.sents = list(accumulate(ends[:-1], initial=1)) if n else []
        # (start, end, label) of the model's entities; `Doc.ents` builds its Spans in C, cheaper
        # than reading them from the ENT_IOB and ENT_TYPE columns in Python.
        self.ents = [(e.start, e.end, e.label_) for e in doc.ents]
        self.persons = {k for start, end, label in self.ents if label == "PER" for k in range(start, end)}

    @functools.cached_property
    def text(self) -> str:
        # `Doc.text` builds a Token per token on each access; the columns give the same string.
        return "".join(map(add, self.texts, map(mul, repeat(" "), self.spaces)))

    def span_text(self, start: int, end: int) -> str:
        """Text of tokens start..end, as `doc[start:end].text`."""
        if end - start == 1:
            return self.texts[start]
        if end <= start:
            return ""
        return self.text[self.idxs[start] : self.idxs[end - 1] + len(self.texts[end - 1])]

    def starts_sentence(self, i: int) -> bool:
        """Sentence start by punctuation and line breaks (the parser also splits inside names)."""
        return i == 0 or self.sents[i - 1] != self.sents[i]

    def is_person(self, start: int, end: int) -> bool:
        """Whether the model tagged any of tokens start..end as a person."""
        return any(k in self.persons for k in range(start, end))

    def __len__(self) -> int:
        return len(self.texts)


def _drop_lookups(cands: list["Candidate"], spans: set[tuple[int, int]]) -> None:
    """Remove gazetteer look-ups of exactly these spans: the text's own "Expansion (ACR)" pairing wins."""
    cands[:] = [c for c in cands if not ((c.start, c.end) in spans and c.info.get("key"))]


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 8 and text[0].isupper() and sum(c.isupper() for c in text) >= 2 and text.isalnum()


class EntityRules:
    """The `briefs_entities` component: see the module docstring."""

    def __init__(self, gaz: Gazetteer, keep_labels: list[str], max_name_tokens: int = 5):
        self.gaz = gaz
        self.keep_labels = frozenset(keep_labels)
        self.max_name_tokens = max_name_tokens
        self._fold_cache: dict[str, str] = {}
        cues = gaz.cues
        self._cue_words = frozenset(w for words in cues.values() for w in words)
        self._not_places = frozenset(fold(w) for w in cues.get("not_place", _EMPTY))
        self._endings = tuple(sorted({fold(e) for e in cues.get("word_ending", _EMPTY)}))
        # The cue lists the rules read per token, looked up once here rather than by name each time.
        self._institution_cues = cues.get("institution", _EMPTY)
        self._company_cues = cues.get("company_cue", _EMPTY)
        self._leading_prepositions = cues.get("leading_preposition", _EMPTY)
        self._state_words = cues.get("state_owned", _EMPTY)
        self._portfolio_roles = cues.get("portfolio_role", _EMPTY)
        self._thing_cues = cues.get("thing_cue", _EMPTY)
        self._place_preps = cues.get("place_prep", _EMPTY)
        self._place_nouns = cues.get("place_noun", _EMPTY)
        self._heads = (cues.get("law_head", _EMPTY), cues.get("thing_head", _EMPTY))
        self._not_org = cues.get("not_org", _EMPTY)
        self._corp_suffixes = cues.get("corp_suffix", _EMPTY)
        self._lexicon = _Lexicon(self)

    # --- small helpers -------------------------------------------------------------

    def _fold(self, text: str) -> str:
        value = self._fold_cache.get(text)
        if value is None:
            if len(self._fold_cache) > 200_000:
                self._fold_cache.clear()
            value = self._fold_cache[text] = fold(text)
        return value

    def _cue(self, category: str, key: str) -> str | None:
        """Value of a token's `key` in a cue list, None when not listed."""
        return self.gaz.cues.get(category, _EMPTY).get(key)

    def _place(self, text: str):
        """`Gazetteer.place` through the fold cache."""
        key = self.gaz.place_names.get(self._fold(text))
        return self.gaz.places[key] if key else None

    def _starter(self, text: str, lower: str, folded: str) -> int:
        """Whether a gazetteer name can start at this word: 0 no, 1 only if glued to the next
        token ("Sud" "-" "Kazakhstan"), 2 yes (an acronym, a name, the start of a name)."""
        if not (text[:1].isupper() or lower in LOWER_STARTERS):
            return 0
        gaz = self.gaz
        if text in gaz.acronyms or folded in gaz.org_names or folded in gaz.place_names or folded in gaz.prefixes:
            return 2
        return 1

    def _company_word(self, text: str, key: str, folded: str) -> bool:
        """Whether `_companies` can start a rule at this word (besides demonyms): a company cue
        ("société"), or a capitalised corporate suffix ("Holdings"), "Air" or company ending."""
        if key in self._company_cues:
            return True
        return text[:1].isupper() and (
            key in self._corp_suffixes or key == "air" or (len(text) > 5 and folded.endswith(self._endings))
        )

    def _demonym_of(self, text: str) -> tuple[str, tuple[str, ...] | None] | None:
        """(ISO2, None) for a demonym, ("", countries) for a compound ("franco-italien"), else None."""
        if not text.isalpha() and "-" not in text:
            return None
        key = self._fold(text)
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

    def _name_run(self, doc: _View, i: int, stop: int | None = None) -> int:
        """End of the capitalised name starting at token i (i itself when there is none)."""
        stop = len(doc) if stop is None else stop
        texts, lowers, caps, sents = doc.texts, doc.lowers, doc.caps, doc.sents
        j = i
        while j < stop and j - i < self.max_name_tokens:
            text = texts[j]
            if "\n" in text or (j > i and sents[j] != sents[i]):
                break
            if lowers[j] in ARTICLES or lowers[j] in DE_FORMS:
                break
            if doc.keys[j] in self._leading_prepositions and doc.pos[j] == "ADP":
                break  # "Selon Reuters": a capital at a sentence start, not a name
            if caps[j] or (j > i and text == "&"):
                j += 1
            elif j > i and text in {"-", "‑"} and j + 1 < stop and caps[j + 1]:
                j += 1
            else:
                break
        while j > i and texts[j - 1] in {"&", "-", "‑"}:
            j -= 1
        return j

    def _cue_before(self, doc: _View, start: int, demonyms: dict[int, str]) -> str | None:
        """'org' or 'thing' from the nearest cue noun before a name ("la société X", "baptisé X")."""
        things = self._thing_cues
        companies = self._company_cues
        k = start - 1
        steps = 0
        while k >= 0 and steps < 6:
            text, key, pos = doc.texts[k], doc.keys[k], doc.pos[k]
            if "\n" in text:
                return None
            if key in things:
                return "thing"
            if key in companies and pos in ("NOUN", "PROPN", "ADJ"):
                return "org"
            if text in SKIP_BEFORE_CUE or pos == "DET" or k in demonyms or (pos == "ADJ" and text.islower()):
                k -= 1
                steps += 1
                continue
            return None
        return None

    def _place_context(self, doc: _View, start: int, demonyms: dict[int, str]) -> str | None:
        """'prep' after a place preposition, the kind a place noun gives ("région de X"), else None."""
        if start == 0:
            return None
        preps = self._place_preps
        nouns = self._place_nouns
        keys = doc.keys
        prev = keys[start - 1]
        if prev in preps:
            return "prep"
        if prev in ARTICLES and start >= 2 and keys[start - 2] in preps:
            return "prep"
        if nouns.get(prev):
            return nouns[prev]  # "le fleuve Vakhch", "le lac Balkhach"
        if prev not in DE_FORMS:
            return None
        if start >= 2 and keys[start - 2] in preps:
            return "prep"  # "près de Moscou"
        k = start - 2
        hops = 0
        while k >= 0 and hops < 4:
            key = keys[k]
            if nouns.get(key):
                return nouns[key]
            text = doc.texts[k]
            if k in demonyms or key in DE_FORMS or (
                text.islower() and text.isalpha() and doc.pos[k] not in ("VERB", "AUX", "ADP", "PRON")
            ):
                k -= 1
                hops += 1
                continue
            break
        return None

    # --- the component -----------------------------------------------------------

    def __call__(self, spacy_doc: Doc) -> Doc:
        """Find, relabel and annotate the Doc's organisations, places and demonyms; return the Doc."""
        doc = _View(spacy_doc, self._lexicon)
        demonyms, compounds = self._demonyms(doc)
        rubric_end = self._rubric_end(doc)
        cands: list[Candidate] = []
        weak: list[Candidate] = []
        self._gazetteer_matches(doc, cands, weak)
        self._institutions(doc, demonyms, rubric_end, cands)
        self._companies(doc, demonyms, rubric_end, cands)
        thing_spans: set[tuple[int, int]] = set()
        self._parentheses(doc, demonyms, cands, thing_spans)
        self._model_entities(doc, demonyms, rubric_end, cands, weak, thing_spans)
        self._accept_weak(doc, demonyms, rubric_end, cands, weak)
        self._propagate(doc, cands)
        chosen = self._resolve(cands)
        self._assign_countries(doc, chosen, cands, demonyms)
        # "le Parlement" names a body only when the brief says of which country
        chosen = [c for c in chosen if c.info.get("inst") != "bare" or c.info.get("country")]
        ents = [
            Span(spacy_doc, c.start, c.end, label=c.label, kb_id=encode_info(c.info))
            for c in chosen  # sorted by start, without overlaps
            if c.label in self.keep_labels
        ]
        # What `spacy_doc.ents = ents` does, without first copying each Span.
        spacy_doc.set_ents(ents, default="outside")
        spacy_doc.spans[INNER_PLACES] = [
            Span(spacy_doc, p.start, p.end, label="LOC", kb_id=encode_info(p.info))
            for p in self._places_in_bodies(doc, chosen, cands)
        ]
        spacy_doc.spans[DEMONYMS] = [
            Span(spacy_doc, i, i + 1, label="DEMONYM", span_id=iso) for i, iso in sorted(demonyms.items()) if iso
        ] + [
            Span(spacy_doc, i, i + 1, label="DEMONYM", span_id=iso)
            for i in sorted(compounds)
            for iso in compounds[i]
        ]
        return spacy_doc

    def _places_in_bodies(self, doc: _View, chosen: list[Candidate], cands: list[Candidate]) -> list[Candidate]:
        """Known places named as the complement of a public body's name, in text order.

        "la Banque centrale d'Ouzbékistan", "la mairie de Bichkek" name Ouzbékistan and
        Bichkek as well as the body; a company's or a known international body's name
        does not ("Air Astana", "l'Organisation de coopération de Shanghai").
        """
        keys, lowers = doc.keys, doc.lowers
        bodies = []
        for c in chosen:
            if c.label != "ORG" or c.info.get("key"):
                continue
            start = c.start + (lowers[c.start] in ARTICLES)
            if start < c.end and keys[start] in self._institution_cues:
                bodies.append(c)
        if not bodies:
            return []
        found: dict[tuple[int, int], Candidate] = {}
        for p in cands:
            if p.label != "LOC" or not p.info.get("key") or (p.start, p.end) in found:
                continue
            place = self.gaz.places.get(p.info["key"])
            if place is None or place.kind not in ("country", "region", "city"):
                continue
            before = p.start - 1
            if before >= 0 and lowers[before] in ("la", "l'", "l’"):
                before -= 1
            if before < 0 or lowers[before] not in DE_FORMS:
                continue
            if any(b.start < p.start and p.end <= b.end and b.end - b.start > p.end - p.start for b in bodies):
                found[(p.start, p.end)] = p
        return [found[k] for k in sorted(found)]

    def _demonyms(self, doc: _View) -> tuple[dict[int, str], dict[int, list[str]]]:
        """Token index → ISO2 for demonyms ('' for compounds such as "franco-italien"), and the
        countries of each compound."""
        out: dict[int, str] = {}
        compounds: dict[int, list[str]] = {}
        pos = doc.pos
        demos = doc.demos
        for i in compress(range(len(doc)), demos):  # words that are demonyms (or compounds of them)
            if pos[i] not in _FUNCTION_POS:
                iso, countries = demos[i]
                out[i] = iso
                if countries:
                    compounds[i] = list(countries)
        # The tokenizer sometimes splits the compound: "germano" "-" "kazakh".
        texts, n = doc.texts, len(doc)
        for m in [m for m in out if 2 <= m < n]:  # m: the demonym after the hyphen, in text order
            i = m - 1
            if texts[i] in {"-", "‑"} and doc.idxs[i] + 1 == doc.idxs[m]:
                first = self.gaz.demonym_prefixes.get(doc.folds[i - 1])
                if first and out[m]:
                    compounds[m] = [first, out[m]]
                    out[i - 1] = out[i] = out[m] = ""
        return out, compounds

    def _rubric_end(self, doc: _View) -> int:
        """Token index of the ':' ending a headline rubric ("Police :"), else 0."""
        for i, text in enumerate(doc.texts[:9]):
            if "\n" in text:
                return 0
            if text == ":" and i > 0:
                return i
        return 0

    def _gazetteer_matches(self, doc: _View, cands: list[Candidate], weak: list[Candidate]) -> None:
        """Longest gazetteer name (place or known organisation) starting at each capitalised token."""
        gaz = self.gaz
        n = len(doc)
        texts, folds, caps, spaces, stops = doc.texts, doc.folds, doc.caps, doc.spaces, doc.stops
        acronyms, org_names, place_names, prefixes = gaz.acronyms, gaz.org_names, gaz.place_names, gaz.prefixes
        starters = doc.starters
        for i in compress(range(n), starters):  # capitalised, or "îles", "golfe"…
            if starters[i] == 1 and (i + 1 == n or spaces[i] or stops[i + 1]):
                continue  # the word alone names nothing and starts no name of several words
            text = texts[i]
            if text in acronyms:
                org = gaz.orgs[acronyms[text]]
                cands.append(Candidate(i, i + 1, "ORG", PRIORITY_KNOWN, {"src": "gazetteer", "key": org.key}))
                continue
            if "\n" in text:
                continue
            cap = caps[i]
            key = folds[i]
            keys: list[tuple[int, str, bool]] = [(i + 1, key, cap)]
            for j in range(i + 1, min(n, i + gaz.max_words)):
                if stops[j]:
                    break
                if spaces[j - 1]:  # a space between the tokens
                    if key not in prefixes:
                        break
                    key += " "
                key += folds[j]
                cap = cap or caps[j]
                keys.append((j + 1, key, cap))
            for j, key, has_cap in reversed(keys):
                if not has_cap:
                    continue
                org_key = org_names.get(key)
                if org_key:
                    cands.append(Candidate(i, j, "ORG", PRIORITY_KNOWN, {"src": "gazetteer", "key": org_key}))
                    break
                place_key = place_names.get(key)
                if place_key:
                    place = gaz.places[place_key]
                    if key in self._not_places:
                        break  # "le Nord du pays" is not the Burkinabè region Nord
                    c = Candidate(i, j, "LOC", PRIORITY_STRONG, {"src": "gazetteer", "key": place_key})
                    (cands if place.strong else weak).append(c)
                    break

    def _institutions(self, doc: _View, demonyms: dict[int, str], rubric_end: int, cands: list[Candidate]) -> None:
        """Institution heads extended over adjectives, demonyms and de/du/des complements.

        "le ministère kazakhstanais de l'Industrie et de la Construction", "la Banque nationale
        du Kirghizstan", and bare national bodies ("le gouvernement") of the brief's country.
        """
        n = len(doc)
        institutions = self._institution_cues
        texts, lowers, keys, pos, caps, sents = doc.texts, doc.lowers, doc.keys, doc.pos, doc.caps, doc.sents
        for i in compress(range(n), doc.insts):
            value = institutions[keys[i]]
            if i < rubric_end or (pos[i] not in ("NOUN", "PROPN") and not caps[i]):
                continue
            j = i + 1
            country = None
            has_adj = False
            while j < n and j - i <= 3:
                if j in demonyms:
                    country = demonyms[j] or country
                    j += 1
                    continue
                if pos[j] == "ADJ" and texts[j].islower() and texts[j].isalpha():
                    has_adj = True
                    j += 1
                    continue
                break
            head_cap = caps[i] and not doc.starts_sentence(i)
            if head_cap and j == i + 1:
                run = self._name_run(doc, j)
                if run > j and self._place(doc.span_text(j, run)) is None:
                    cands.append(Candidate(i, run, "ORG", PRIORITY_RULE, {"src": "rule", "inst": "1"}))
                    continue
            if j > i + 1 and country is None and j < n and caps[j] and sents[j] == sents[i]:
                run = self._name_run(doc, j)
                if run > j and self._place(doc.span_text(j, run)) is None:
                    continue  # "l'Agence spatiale nationale Kazcosmos": the name is Kazcosmos
            end, n_comp, comp_cap, comp_article = j, 0, False, False
            while end < n and n_comp < 3:
                k = end
                if lowers[k] == "et" and n_comp and k + 1 < n and lowers[k + 1] in DE_FORMS:
                    k += 1
                if lowers[k] not in DE_FORMS:
                    break
                article = lowers[k] in ("du", "des")
                k += 1
                if k < n and lowers[k] in ("la", "l'", "l’") and lowers[k - 1] == "de":
                    k += 1
                    article = True
                m = k
                while m < n and m - k < 5:
                    low = lowers[m]
                    if low == "en" and m > k and m + 1 < n and pos[m + 1] == "NOUN" and texts[m + 1].islower():
                        m += 2  # "Ressources en eau"
                        continue
                    if not (
                        (pos[m] in ("NOUN", "PROPN", "ADJ") or caps[m] or m in demonyms)
                        and texts[m].isalpha()
                        and low not in COMPLEMENT_STOPS
                        and not (m > k and low in DE_FORMS)
                    ):
                        break
                    m += 1
                if m == k:
                    break
                # "la chambre basse du Parlement" describes a body, "la police du Kazakhstan" names one
                comp_cap = comp_cap or any(caps[t] and keys[t] not in institutions for t in range(k, m))
                comp_article = comp_article or article
                end = m
                n_comp += 1
            if value.startswith("national") and not n_comp and not has_adj:
                prev = lowers[i - 1] if i else ""
                if country or head_cap or prev in ("le", "du", "au", "l'", "l’"):
                    # "national:KZ": a body of one country by its very name (le Mäjilis)
                    own = value.partition(":")[2]
                    inst = "own" if own else "bare"  # "le Mäjilis" needs no "du Kazakhstan"
                    info = {"src": "rule", "inst": inst, "country": country or own}
                    cands.append(Candidate(i, end, "ORG", PRIORITY_RULE, info))
                continue
            if i > 0 and lowers[i - 1] in ("un", "une"):
                continue  # "un comité de pilotage", "une banque turque": no name
            named = (
                # "la police kazakhstanaise", not "la banque turque Hepsipay"
                (country is not None and (value in ("named", "state") or head_cap or n_comp > 0))
                or comp_cap
                # "le ministère de l'Énergie" names a body, "le comité d'organisation" does not
                or (value == "named" and comp_article)
                or (head_cap and (n_comp or has_adj))
            )
            place_key = self.gaz.place_names.get(self._fold(doc.span_text(i, end))) if named else None
            if place_key and self.gaz.places[place_key].strong:
                continue  # "la Fédération de Russie" is the country
            if named and (n_comp or has_adj or country is not None):
                info = {"src": "rule", "inst": "1", "country": country or ""}
                cands.append(Candidate(i, end, "ORG", PRIORITY_RULE, info))

    def _companies(self, doc: _View, demonyms: dict[int, str], rubric_end: int, cands: list[Candidate]) -> None:
        """Company names from cues: "la société X", "le Malaisien X", "X Holdings", "Air X", "Kazakhtelecom"."""
        gaz = self.gaz
        n = len(doc)
        keys, caps, texts, pos = doc.keys, doc.caps, doc.texts, doc.pos
        company_cues = self._company_cues
        suffixes = self._corp_suffixes
        # Only the words `_company_word` lets through and demonyms can start a rule below.
        scan = compress(range(rubric_end, n), doc.firms[rubric_end:])
        if demonyms:
            scan = sorted({*scan, *(i for i in demonyms if i >= rubric_end)})
        for i in scan:
            key = keys[i]
            cue = company_cues.get(key)
            if not (caps[i] or cue is not None or i in demonyms):
                continue  # most tokens: no cue, no capital
            # "la société X", "le constructeur malaisien X"
            if cue is not None and pos[i] in ("NOUN", "PROPN", "ADJ"):
                j, country = i + 1, None
                while j < n and j - i <= 4 and (j in demonyms or (pos[j] == "ADJ" and texts[j].islower())):
                    country = demonyms.get(j) or country
                    j += 1
                end = self._name_run(doc, j)
                weak_cue = cue != "strong"
                if end > j and self._plausible_name(doc, j, end) and not (weak_cue and doc.is_person(j, end)):
                    cands.append(Candidate(j, end, "ORG", PRIORITY_RULE, {"src": "rule", "country": country or ""}))
            # "Le Malaisien Proton Holdings", "le chinois CNPC"
            if demonyms.get(i) and i > 0 and keys[i - 1] in ARTICLES:
                end = self._name_run(doc, i + 1)
                if end > i + 1 and self._plausible_name(doc, i + 1, end) and not doc.is_person(i + 1, end):
                    cands.append(Candidate(i + 1, end, "ORG", PRIORITY_RULE, {"src": "rule", "country": demonyms[i]}))
            if not caps[i]:
                continue
            # "Proton Holdings", "Uzbekistan Airways", "Kazakh Invest LLP"
            continues = i + 1 < n and caps[i + 1] and texts[i + 1].isalpha()
            if key in suffixes and i > 0 and not continues:
                k = i
                while k > 0 and i - k < 4 and caps[k - 1] and keys[k - 1] not in ARTICLES:
                    if (k - 1) in demonyms and k >= 2 and keys[k - 2] in ARTICLES:
                        break  # "le Malaisien Proton Holdings": the demonym is not part of the name
                    k -= 1
                    if k == 0 or doc.sents[k - 1] != doc.sents[k]:
                        break
                if k < i:
                    cands.append(Candidate(k, i + 1, "ORG", PRIORITY_RULE, {"src": "rule"}))
            # "Air Astana"
            if key == "air" and key in gaz.cues.get("corp_prefix", _EMPTY):
                end = self._name_run(doc, i + 1)
                if end > i + 1:
                    cands.append(Candidate(i, end, "ORG", PRIORITY_RULE, {"src": "rule"}))
            # "Kazakhtelecom", "Gazprom"
            if len(texts[i]) > 5:
                folded = doc.folds[i]
                if folded.endswith(self._endings) and texts[i].isalpha() and gaz.place_names.get(folded) is None:
                    if any(folded.endswith(e) and len(folded) >= len(e) + 3 for e in self._endings):
                        cands.append(Candidate(i, i + 1, "ORG", PRIORITY_RULE, {"src": "rule"}))

    def _plausible_name(self, doc: _View, start: int, end: int) -> bool:
        """A capitalised run that can name a company: not a place, a demonym, a date or a not-org word."""
        place_key = self.gaz.place_names.get(self._fold(doc.span_text(start, end)))
        if place_key is not None and self.gaz.places[place_key].strong:
            return False
        if doc.keys[start] in self._not_org or doc.doc[start].like_num:
            return False
        return doc.folds[start] not in self.gaz.demonyms

    def _parentheses(
        self, doc: _View, demonyms: dict[int, str], cands: list[Candidate], thing_spans: set[tuple[int, int]]
    ) -> None:
        """Pairs "Expansion (ACR)" and "ACR (Expansion)": one organisation, unless they name a law or product."""
        n = len(doc)
        texts, caps = doc.texts, doc.caps
        if "(" not in texts:
            return
        for a in [a for a, text in enumerate(texts) if text == "("]:
            close = next((k for k in range(a + 1, min(n, a + 10)) if texts[k] == ")"), None)
            if close is None or close == a + 1 or a == 0:
                continue
            if close == a + 2 and _is_acronym(texts[a + 1]):
                acr = texts[a + 1]
                start = None
                for s in range(a - 1, max(-1, a - 12), -1):
                    if "\n" in texts[s] or texts[s] in {".", ";", ":", "("}:
                        break
                    words = [w for w in texts[s:a] if w.isalpha()]
                    if caps[s] and acronym_matches(acr, words):
                        start = s
                        break
                if start is None:
                    continue
                if self._is_thing(doc, start, a, demonyms):
                    thing_spans.add((a + 1, close))
                    thing_spans.add((start, a))
                    continue
                # The text's own expansion decides: "BAD" is the Asian bank when the text says so.
                expansion = doc.span_text(start, a)
                known = self.gaz.org(expansion)
                canon = known.name if known else expansion
                info = {"src": "rule", "canon": canon, "alias": acr}
                _drop_lookups(cands, {(start, a), (a + 1, close)})
                cands.append(Candidate(start, a, "ORG", PRIORITY_KNOWN, dict(info)))
                cands.append(Candidate(a + 1, close, "ORG", PRIORITY_KNOWN, dict(info)))
            elif _is_acronym(texts[a - 1]) and close - a > 2 and caps[a + 1]:
                acr = texts[a - 1]
                words = [w for w in texts[a + 1 : close] if w.isalpha()]
                if not acronym_matches(acr, words) or self._is_thing(doc, a - 1, a, demonyms):
                    continue
                expansion = doc.span_text(a + 1, close)
                known = self.gaz.org(expansion)
                canon = known.name if known else acr
                info = {"src": "rule", "canon": canon, "alias": expansion}
                _drop_lookups(cands, {(a - 1, a), (a + 1, close)})
                cands.append(Candidate(a - 1, a, "ORG", PRIORITY_KNOWN, dict(info)))
                cands.append(Candidate(a + 1, close, "ORG", PRIORITY_KNOWN, dict(info)))

    def _is_thing(self, doc: _View, start: int, end: int, demonyms: dict[int, str]) -> bool:
        """A product, system, law or facility name ("Code de l'eau", "baptisé TJ-IX", "… Act")."""
        keys = doc.keys
        first, last = keys[start], keys[end - 1]
        after = keys[end] if end < len(doc) and doc.caps[end] else None  # "Astana International | Forum"
        for heads in self._heads:  # law heads, then thing heads
            if first in heads or last in heads or (after is not None and after in heads):
                return True
        if self._cue_before(doc, start, demonyms) == "thing":
            return True
        return any(keys[k] in self._not_org for k in range(start, end))

    @staticmethod
    def _product_shape(text: str) -> bool:
        """Names shaped like models and systems: "FVFV-II", "TJ-IX", "e.MAS", "A320"."""
        text = text.replace("‑", "-")
        if any(c.isdigit() for c in text):
            return True
        if "-" in text and text.rsplit("-", 1)[1].strip("I").strip("V").strip("X") == "":
            return True
        words = text.split()
        if not words:  # a span of white space only ("\n" as a model entity)
            return False
        first = words[0]
        return text[0].islower() and ("." in first or any(c.isupper() for c in first))

    def _model_entities(
        self,
        doc: _View,
        demonyms: dict[int, str],
        rubric_end: int,
        cands: list[Candidate],
        weak: list[Candidate],
        thing_spans: set[tuple[int, int]],
    ) -> None:
        """The model's spans, kept, relabelled or dropped by the cues around them (see the module docstring)."""
        weak_by_span = {(c.start, c.end): c for c in weak}
        texts, lowers, keys, caps, pos = doc.texts, doc.lowers, doc.keys, doc.caps, doc.pos
        n = len(doc)
        for start, end, label in doc.ents:
            if lowers[start] in ARTICLES or lowers[start] in DE_FORMS:
                start += 1
            elif start < end - 1 and pos[start] == "ADP" and keys[start] in self._leading_prepositions:
                start += 1  # "Selon Reuters" at a sentence start: the preposition is no part of the name
            while start < end - 1 and start in demonyms:
                start += 1  # "Le Turc Çalık Enerji": the demonym gives the country, not the name
            if start >= end:
                continue
            if label == "ORG" and end - start == 1 and self._portfolio(doc, start):
                continue  # "le ministre kazakhstanais de l'Énergie": a minister's portfolio
            noun_kind = self._place_nouns.get(keys[start]) if texts[start].islower() else None
            if noun_kind and end - start > 2 and lowers[start + 1] in DE_FORMS:
                start += 2  # "désert de Gobi" → Gobi, as "la région de Jambyl" → Jambyl
            if start >= end:
                continue
            if (start, end) in thing_spans or end <= rubric_end:
                continue
            context = self._place_context(doc, start, demonyms)
            if label == "PER" and end - start == 1 and context == "prep":
                label = "LOC"  # "à Rogoun": a one-word "person" after a place preposition is a place
            elif label in ("ORG", "PER", "MISC") and context not in (None, "prep"):
                label = "LOC"  # "la mine d'Oyu Tolgoi", "la région de X": named by a place noun
            if label == "PER":
                if not caps[start]:
                    continue  # "kirghiz des Affaires étrangères"
                # "Noursoultan Nazarbaïev": a full name beats the place name inside it
                full_name = end - start > 1 and all(caps[k] or not texts[k].isalpha() for k in range(start, end))
                priority = PRIORITY_STRONG if full_name else PRIORITY_MODEL
                cands.append(Candidate(start, end, "PER", priority, {"src": "model"}))
                continue
            if all(i in demonyms for i in range(start, end)):
                continue
            if label == "ORG":
                if self._is_thing(doc, start, end, demonyms) or self._product_shape(doc.span_text(start, end)):
                    continue
                if not any(caps[k] for k in range(start, end)):
                    continue  # "compagnie pétrolière nationale": no name
                cands.append(Candidate(start, end, "ORG", PRIORITY_STRONG, {"src": "model"}))
                continue
            if label != "LOC":
                continue
            w = weak_by_span.get((start, end))
            if w is not None:
                w.priority = PRIORITY_STRONG
                cands.append(w)
                continue
            text = doc.span_text(start, end)
            if self._place(text) is not None:
                continue  # a strong gazetteer candidate already covers it
            if context and not self._is_thing(doc, start, end, demonyms) and not self._product_shape(text):
                kind = context if context != "prep" else ""
                cands.append(Candidate(start, end, "LOC", PRIORITY_WEAK, {"src": "model", "kind": kind}))
                continue
            if any(k in demonyms for k in range(start, end)) or self._is_thing(doc, start, end, demonyms):
                continue  # "l'État kazakhstanais détient…": a description, not a name
            if end < n and pos[end] in ("AUX", "VERB") and (
                self._cue("business_verb", keys[end]) is not None
                or self.gaz.cue("business_verb", doc.doc[end].lemma_) is not None
            ):
                cands.append(Candidate(start, end, "ORG", PRIORITY_MODEL, {"src": "rule"}))
                continue
            if self._apposition_cue(doc, end):
                cands.append(Candidate(start, end, "ORG", PRIORITY_MODEL, {"src": "rule"}))
        # "Qarmet – groupe industriel …" also for names the model missed at a sentence start
        # (only in briefs with a company cue word at all)
        if not any(keys[k] in self._company_cues for k in compress(range(n), doc.firms)):
            return
        sents = doc.sents
        for i in compress(range(rubric_end, n), caps[rubric_end:]):
            if i == 0 or sents[i] != sents[i - 1]:
                end = self._name_run(doc, i)
                if end > i and self._apposition_cue(doc, end) and self._plausible_name(doc, i, end):
                    cands.append(Candidate(i, end, "ORG", PRIORITY_RULE, {"src": "rule"}))

    def _apposition_cue(self, doc: _View, end: int) -> bool:
        """Whether a name is followed by an apposition with a company cue ("X – groupe industriel")."""
        n = len(doc)
        if end >= n or doc.texts[end] not in APPOSITION_MARKS:
            return False
        pos, lowers = doc.pos, doc.lowers
        k = end + 1
        while k < n and k - end <= 3 and (pos[k] in ("DET", "ADJ") or lowers[k] in ARTICLES):
            k += 1
        return k < n and doc.keys[k] in self._company_cues


    def _accept_weak(
        self, doc: _View, demonyms: dict[int, str], rubric_end: int, cands: list[Candidate], weak: list[Candidate]
    ) -> None:
        """GeoNames cities and ISO subdivisions the model missed count only after a place cue ("à Police")."""
        for c in weak:
            if c.priority == PRIORITY_STRONG or c.end <= rubric_end:
                continue
            if self._place_context(doc, c.start, demonyms):
                c.priority = PRIORITY_WEAK
                cands.append(c)

    def _propagate(self, doc: _View, cands: list[Candidate]) -> None:
        """Other mentions of a name found to be an organisation (or a place by its place noun) are too."""
        names: dict = {}
        for c in cands:
            by_noun = c.label == "LOC" and "key" not in c.info and c.info.get("kind")
            if (c.label == "ORG" and c.priority <= PRIORITY_STRONG) or by_noun:
                key = self._fold(doc.span_text(c.start, c.end))
                place = self._place(key)
                if (place is None or not place.strong) and len(key) > 1:
                    # evidence: a rule's organisation > a place by its noun > the model's organisation
                    rank = 0 if c.label == "ORG" and c.priority <= PRIORITY_RULE else 1 if by_noun else 2
                    old = names.get(key)
                    if old is None or rank < old[0]:
                        names[key] = (rank, c)
        names = {k: c for k, (_, c) in names.items()}
        if not names:
            return
        longest = max(c.end - c.start for c in names.values())
        firsts = {doc.folds[c.start] for c in names.values()}
        covered = {(c.start, c.end) for c in cands if c.label == "ORG" and c.priority <= PRIORITY_RULE}
        n, folds, caps, lowers = len(doc), doc.folds, doc.caps, doc.lowers
        for i in compress(range(n), caps):
            if folds[i] not in firsts:
                continue
            for j in range(min(n, i + longest), i, -1):
                src = names.get(self._fold(doc.span_text(i, j)))
                if src is not None and (i, j) != (src.start, src.end) and (i, j) not in covered:
                    if j < n and caps[j] and lowers[j] not in ARTICLES:
                        break  # part of a longer name
                    info = {k: v for k, v in src.info.items() if k in ("canon", "country", "key", "kind")}
                    info["src"] = "rule"
                    cands.append(Candidate(i, j, src.label, PRIORITY_RULE, info))
                    break

    @staticmethod
    def _resolve(cands: list[Candidate]) -> list[Candidate]:
        """Greedy choice without overlaps: lower priority first, then longer, then earlier."""
        taken: set[int] = set()
        chosen = []
        order = {"LOC": 0, "ORG": 1, "PER": 2}
        for c in sorted(cands, key=lambda c: (c.priority, -(c.end - c.start), order[c.label], c.start)):
            if not taken.isdisjoint(range(c.start, c.end)):
                continue
            taken.update(range(c.start, c.end))
            chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    def _assign_countries(
        self, doc: _View, chosen: list[Candidate], cands: list[Candidate], demonyms: dict[int, str]
    ) -> None:
        """Country of each organisation from cues in the text; kind of places from place nouns."""
        gaz = self.gaz
        votes: dict[str, int] = {}
        for c in chosen:
            if c.label == "LOC":
                place = gaz.places.get(c.info.get("key", ""))
                if place is not None and place.country:
                    votes[place.country] = votes.get(place.country, 0) + (2 if place.kind == "country" else 1)
                    c.info.setdefault("country", place.country)
        for iso in demonyms.values():
            if iso:
                votes[iso] = votes.get(iso, 0) + 1
        # the first country counted wins a tie (as `Counter.most_common(1)` would give)
        main_country = max(votes, key=votes.__getitem__) if votes else ""
        places_at = {c.start: c for c in chosen if c.label == "LOC"}
        for c in chosen:
            if c.label == "LOC":
                kind = self._place_context(doc, c.start, demonyms)
                place = gaz.places.get(c.info.get("key", ""))
                known = place is not None
                # "la région d'Almaty" is the region; "le port de Poti" is still the city,
                # "la République d'Ouzbékistan" still the country
                if kind and kind != "prep" and (not known or (kind == "region" and place.kind in ("city", "region"))):
                    c.info["kind"] = kind
                if not known and not c.info.get("country") and c.info.get("kind"):
                    c.info["country"] = main_country  # "le gisement de Sarytogan" in a brief about Kazakhstan
                continue
            if c.label != "ORG" or c.info.get("country"):
                continue
            if c.info.get("key", "").startswith("org:"):
                c.info["country"] = gaz.orgs[c.info["key"]].country or ""
                continue
            known = gaz.org(c.info.get("canon") or doc.span_text(c.start, c.end))
            if known is not None:
                # "l'Organisation de coopération de Shanghai (OCS)" found by a rule is still the
                # known body, of no country when the lexicon gives none
                c.info["country"] = known.country or ""
                continue
            country = (
                self._country_inside(c, cands, demonyms)
                or self._country_after(doc, c.end, places_at, demonyms)
                or (main_country if self._national_body(doc, c) or self._state_company(doc, c) else "")
            )
            c.info["country"] = country
        by_name: dict[str, str] = {}
        for c in chosen:
            if c.label == "ORG" and c.info.get("country"):
                by_name.setdefault(self._fold(c.info.get("canon") or doc.span_text(c.start, c.end)), c.info["country"])
        for c in chosen:
            if c.label == "ORG" and not c.info.get("country") and not c.info.get("key", "").startswith("org:"):
                name = c.info.get("canon") or doc.span_text(c.start, c.end)
                if gaz.org(name) is None:  # a known body keeps the lexicon's country, even none
                    c.info["country"] = by_name.get(self._fold(name), "")

    def _country_inside(self, org: Candidate, cands: list[Candidate], demonyms: dict[int, str]) -> str:
        """Country named inside an organisation's name ("Banque centrale d'Ouzbékistan", "République kirghize")."""
        for k in range(org.start, org.end):
            if demonyms.get(k):
                return demonyms[k]
        best = ""
        for p in cands:
            if p.label == "LOC" and org.start <= p.start and p.end <= org.end and p.end - p.start < org.end - org.start:
                place = self.gaz.places.get(p.info.get("key", ""))
                if place is not None and place.country:
                    if place.kind == "country":
                        return place.country
                    best = best or place.country
        return best

    def _national_body(self, doc: _View, org: Candidate) -> bool:
        """An institution of a state ("le ministère de l'Irrigation"), not of a union of states."""
        keys = doc.keys
        start = org.start + (doc.lowers[org.start] in ARTICLES)
        if start >= org.end or keys[start] not in self._institution_cues:
            return False
        supranational = self.gaz.cues.get("supranational_adj", _EMPTY)
        return not any(keys[k] in supranational for k in range(org.start, org.end))

    def _portfolio(self, doc: _View, start: int) -> bool:
        """Whether the word at `start` follows "ministre [adjective] de (l')": a portfolio."""
        lowers = doc.lowers
        k = start - 1
        if k >= 0 and lowers[k] in ("l'", "l’", "la", "le"):
            k -= 1
        if k < 0 or lowers[k] not in DE_FORMS:
            return False
        return any(doc.keys[j] in self._portfolio_roles for j in range(max(0, k - 3), k))

    def _state_company(self, doc: _View, org: Candidate) -> bool:
        """A company the text calls the state's ("la compagnie nationale KazMunayGas", "la société
        d'État Turkmengaz"): a company cue, then a state word, right before the name or in an
        apposition right after it ("KEGOC, l'opérateur national du réseau")."""
        keys, state = doc.keys, self._state_words
        # "KEGOC, l'opérateur national du réseau": the same words in an apposition after the name
        k = org.end + 1 + (org.end + 1 < len(keys) and doc.lowers[org.end + 1] in ARTICLES)
        if org.end < len(keys) and keys[org.end] == "," and k < len(keys) and keys[k] in self._company_cues:
            if any(keys[j] in state for j in range(k + 1, min(len(keys), k + 4))):
                return True
        seen_state = False
        for k in range(org.start - 1, max(-1, org.start - 5), -1):
            if keys[k] in state:
                seen_state = True
            elif keys[k] in self._company_cues:
                return seen_state
            elif keys[k] not in DE_FORMS and not (doc.pos[k] == "ADJ" and doc.texts[k].islower()):
                return False
        return False

    def _country_after(self, doc: _View, end: int, places_at: dict[int, Candidate], demonyms: dict[int, str]) -> str:
        """Country from "basée à Chymkent" or "d'origine russe" right after an organisation."""
        sents, n = doc.sents, len(doc)
        sent = sents[end - 1] if end else 0
        sent_end = next((k for k in range(end, n) if sents[k] != sent), n)
        for k in range(end, min(sent_end, end + 10)):
            low = doc.lowers[k]
            if low in BASED_WORDS:
                for m in range(k + 1, min(sent_end, k + 4)):
                    if m in places_at:
                        place = self.gaz.places.get(places_at[m].info.get("key", ""))
                        return place.country or "" if place else places_at[m].info.get("country", "")
            if low == "origine" and k + 1 in demonyms:
                return demonyms[k + 1]
        return ""


@Language.factory(
    "briefs_entities",
    default_config={"keep_labels": ["ORG", "LOC", "PER"], "models": None},
    requires=["doc.ents", "token.pos", "token.lemma"],
    assigns=["doc.ents", "doc.spans"],
)
def make_entities(nlp: Language, name: str, keep_labels: list[str], models: str | None) -> EntityRules:
    """The entity component; `models` is the folder holding `gazetteers/` and `lexicons/`."""
    from ..resources import models_dir

    return EntityRules(load_gazetteer(Path(models_dir(models))), keep_labels)
