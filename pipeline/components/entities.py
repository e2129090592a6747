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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import IDX, LOWER, ORTH, POS, SPACY
from spacy.language import Language
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span

from . import DEMONYMS
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
    return "|".join(f"{k}={v}" for k, v in sorted(info.items()) if v)


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


class _Tok:
    """One token of a `_View`, with the attributes the rules read (built on first access)."""

    __slots__ = ("doc", "i", "text", "lower_", "key", "pos_", "idx", "sent", "cap")

    def __init__(self, view: "_View", i: int):
        self.doc = view
        self.i = i
        self.text = view.texts[i]
        self.lower_ = view.lowers[i]
        self.key = view.keys[i]
        self.pos_ = view.pos[i]
        self.idx = view.idxs[i]
        self.sent = view.sents[i]
        self.cap = view.caps[i]

    @property
    def is_alpha(self) -> bool:
        return self.text.isalpha()

    @property
    def is_lower(self) -> bool:
        return self.text.islower()

    @property
    def is_punct(self) -> bool:
        return self.doc.doc[self.i].is_punct

    @property
    def like_num(self) -> bool:
        return self.doc.doc[self.i].like_num

    @property
    def lemma_(self) -> str:
        return self.doc.doc[self.i].lemma_

    @property
    def whitespace_(self) -> str:
        return self.doc.doc[self.i].whitespace_


class _Slice:
    """Tokens i..j of a `_View`, with the text they cover."""

    __slots__ = ("toks", "text")

    def __init__(self, toks: list[_Tok], text: str):
        self.toks = toks
        self.text = text

    def __len__(self) -> int:
        return len(self.toks)

    def __iter__(self):
        return iter(self.toks)

    def __getitem__(self, k: int) -> _Tok:
        return self.toks[k]


class _View:
    """A read-only view of a Doc with the same indexing, backed by plain lists.

    spaCy builds a new Token object on every `doc[i]`; the rules index tokens
    many times, so they read these lists (one pass over the Doc) and `_Tok`
    objects built on first access.
    """

    def __init__(self, doc: Doc):
        self.doc = doc
        self.ents = doc.ents
        rows = doc.to_array([ORTH, LOWER, POS, IDX, SPACY]).tolist() if len(doc) else []
        strings = doc.vocab.strings
        texts = [strings[r[0]] for r in rows]
        lowers = [strings[r[1]] for r in rows]
        self.texts, self.lowers = texts, lowers
        self.pos = [POS_NAMES[r[2]] for r in rows]
        self.idxs = [r[3] for r in rows]
        self.spaces = [r[4] for r in rows]
        self.keys = [w.replace("’", "'") if "’" in w else w for w in lowers]
        self.caps = [w[:1].isupper() for w in texts]
        sents, sent, previous = [], 0, "\n"
        for w in texts:
            if "\n" in previous or previous in SENTENCE_END:
                sent += 1
            sents.append(sent)
            previous = w
        self.sents = sents
        self._toks: list[_Tok | None] = [None] * len(texts)
        self.persons = {k for e in self.ents if e.label_ == "PER" for k in range(e.start, e.end)}

    @functools.cached_property
    def text(self) -> str:
        # `Doc.text` builds a Token per token on each access; the arrays give the same string.
        return "".join(w + " " if sp else w for w, sp in zip(self.texts, self.spaces))

    def is_person(self, start: int, end: int) -> bool:
        """Whether the model tagged any of tokens start..end as a person."""
        return any(k in self.persons for k in range(start, end))

    def __len__(self) -> int:
        return len(self.texts)

    def __iter__(self):
        return (self[i] for i in range(len(self.texts)))

    def __getitem__(self, k):
        if isinstance(k, slice):
            # Indices from `slice.indices` are already non-negative: read the cache directly
            # rather than through `self[i]` once per token.
            cache, toks = self._toks, []
            for i in range(*k.indices(len(self.texts))):
                tok = cache[i]
                if tok is None:
                    tok = cache[i] = _Tok(self, i)
                toks.append(tok)
            text = self.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)] if toks else ""
            return _Slice(toks, text)
        if k < 0:
            k += len(self.texts)
        tok = self._toks[k]
        if tok is None:
            tok = self._toks[k] = _Tok(self, k)
        return tok


def _starts_sentence(tok: "_Tok") -> bool:
    """Sentence start by punctuation and line breaks (the parser also splits inside names)."""
    return tok.i == 0 or tok.doc.sents[tok.i - 1] != tok.sent


def _drop_lookups(cands: list["Candidate"], spans: set[tuple[int, int]]) -> None:
    """Remove gazetteer look-ups of exactly these spans: the text's own "Expansion (ACR)" pairing wins."""
    cands[:] = [c for c in cands if not ((c.start, c.end) in spans and c.info.get("key"))]


def _is_acronym(tok: "_Tok") -> bool:
    t = tok.text
    return 2 <= len(t) <= 8 and t[0].isupper() and sum(c.isupper() for c in t) >= 2 and t.isalnum()


class EntityRules:
    """The `briefs_entities` component: see the module docstring."""

    def __init__(self, gaz: Gazetteer, keep_labels: list[str], max_name_tokens: int = 5):
        self.gaz = gaz
        self.keep_labels = frozenset(keep_labels)
        self.max_name_tokens = max_name_tokens
        self._fold_cache: dict[str, str] = {}
        self._cue_words = frozenset(w for words in gaz.cues.values() for w in words)
        self._not_places = frozenset(fold(w) for w in gaz.cues.get("not_place", _EMPTY))
        self._endings = tuple(sorted({fold(e) for e in gaz.cues.get("word_ending", _EMPTY)}))

    # --- small helpers -------------------------------------------------------------

    def _fold(self, text: str) -> str:
        value = self._fold_cache.get(text)
        if value is None:
            if len(self._fold_cache) > 200_000:
                self._fold_cache.clear()
            value = self._fold_cache[text] = fold(text)
        return value

    def _cue(self, category: str, tok: _Tok) -> str | None:
        return self.gaz.cues.get(category, _EMPTY).get(tok.key)

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
        things = self.gaz.cues.get("thing_cue", _EMPTY)
        companies = self.gaz.cues.get("company_cue", _EMPTY)
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
        preps = self.gaz.cues.get("place_prep", _EMPTY)
        nouns = self.gaz.cues.get("place_noun", _EMPTY)
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
        doc = _View(spacy_doc)
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
        ents = []
        for c in chosen:
            if c.label not in self.keep_labels:
                continue
            ents.append(Span(spacy_doc, c.start, c.end, label=c.label, kb_id=encode_info(c.info)))
        spacy_doc.ents = sorted(ents, key=lambda s: s.start)
        spacy_doc.spans[DEMONYMS] = [
            Span(spacy_doc, i, i + 1, label="DEMONYM", span_id=iso) for i, iso in sorted(demonyms.items()) if iso
        ] + [
            Span(spacy_doc, i, i + 1, label="DEMONYM", span_id=iso)
            for i in sorted(compounds)
            for iso in compounds[i]
        ]
        return spacy_doc

    def _demonyms(self, doc: _View) -> tuple[dict[int, str], dict[int, list[str]]]:
        """Token index → ISO2 for demonyms ('' for compounds such as "franco-italien"), and the
        countries of each compound."""
        out: dict[int, str] = {}
        compounds: dict[int, list[str]] = {}
        texts, pos = doc.texts, doc.pos
        for i, text in enumerate(texts):
            if pos[i] in _FUNCTION_POS or (not text.isalpha() and "-" not in text):
                continue
            key = self._fold(text)
            iso = self.gaz.demonyms.get(key)
            if iso:
                out[i] = iso
                continue
            if "-" in key:
                parts = key.split("-")
                last = self.gaz.demonyms.get(parts[-1])
                firsts = [self.gaz.demonym_prefixes.get(p) for p in parts[:-1]]
                if last and all(firsts):
                    out[i] = ""
                    compounds[i] = [*firsts, last]
        # The tokenizer sometimes splits the compound: "germano" "-" "kazakh".
        for i in range(1, len(texts) - 1):
            if texts[i] in {"-", "‑"} and i + 1 in out and doc.idxs[i] + 1 == doc.idxs[i + 1]:
                first = self.gaz.demonym_prefixes.get(self._fold(texts[i - 1]))
                if first and out[i + 1]:
                    compounds[i + 1] = [first, out[i + 1]]
                    out[i - 1] = out[i] = out[i + 1] = ""
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
        texts, caps, idxs = doc.texts, doc.caps, doc.idxs
        for i, text in enumerate(texts):
            cap = caps[i]
            if not (cap or doc.lowers[i] in LOWER_STARTERS):
                continue
            if text in gaz.acronyms:
                org = gaz.orgs[gaz.acronyms[text]]
                cands.append(Candidate(i, i + 1, "ORG", PRIORITY_KNOWN, {"src": "gazetteer", "key": org.key}))
                continue
            keys: list[tuple[int, str, bool]] = []
            key = ""
            for j in range(i, min(n, i + gaz.max_words)):
                t = texts[j]
                if "\n" in t or (j > i and t not in _INNER_PUNCT and not t[0].isalnum()):
                    break
                if j > i and idxs[j - 1] + len(texts[j - 1]) < idxs[j]:
                    if key not in gaz.prefixes:
                        break
                    key += " "
                key += self._fold(t)
                cap = cap or caps[j]
                keys.append((j + 1, key, cap))
            for j, key, has_cap in reversed(keys):
                if not has_cap:
                    continue
                org_key = gaz.org_names.get(key)
                if org_key:
                    cands.append(Candidate(i, j, "ORG", PRIORITY_KNOWN, {"src": "gazetteer", "key": org_key}))
                    break
                place_key = gaz.place_names.get(key)
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
        institutions = self.gaz.cues.get("institution", _EMPTY)
        for i, key in enumerate(doc.keys):
            value = institutions.get(key)
            if value is None or i < rubric_end or (doc.pos[i] not in ("NOUN", "PROPN") and not doc.caps[i]):
                continue
            tok = doc[i]
            j = i + 1
            country = None
            has_adj = False
            while j < n and j - i <= 3:
                t = doc[j]
                if j in demonyms:
                    country = demonyms[j] or country
                    j += 1
                    continue
                if t.pos_ == "ADJ" and t.is_lower and t.is_alpha:
                    has_adj = True
                    j += 1
                    continue
                break
            head_cap = tok.cap and not _starts_sentence(tok)
            if head_cap and j == i + 1:
                run = self._name_run(doc, j)
                if run > j and self.gaz.place(doc[j:run].text) is None:
                    cands.append(Candidate(i, run, "ORG", PRIORITY_RULE, {"src": "rule", "inst": "1"}))
                    continue
            if j > i + 1 and country is None and j < n and doc.caps[j] and doc.sents[j] == doc.sents[i]:
                run = self._name_run(doc, j)
                if run > j and self.gaz.place(doc[j:run].text) is None:
                    continue  # "l'Agence spatiale nationale Kazcosmos": the name is Kazcosmos
            end, n_comp, comp_cap, comp_article = j, 0, False, False
            while end < n and n_comp < 3:
                k = end
                if doc[k].lower_ == "et" and n_comp and k + 1 < n and doc[k + 1].lower_ in DE_FORMS:
                    k += 1
                if doc[k].lower_ not in DE_FORMS:
                    break
                article = doc[k].lower_ in ("du", "des")
                k += 1
                if k < n and doc[k].lower_ in ("la", "l'", "l’") and doc[k - 1].lower_ == "de":
                    k += 1
                    article = True
                m = k
                while m < n and m - k < 5:
                    t = doc[m]
                    if t.lower_ == "en" and m > k and m + 1 < n and doc[m + 1].pos_ == "NOUN" and doc[m + 1].is_lower:
                        m += 2  # "Ressources en eau"
                        continue
                    if not (
                        (t.pos_ in ("NOUN", "PROPN", "ADJ") or t.cap or m in demonyms)
                        and t.is_alpha
                        and t.lower_ not in COMPLEMENT_STOPS
                        and not (m > k and t.lower_ in DE_FORMS)
                    ):
                        break
                    m += 1
                if m == k:
                    break
                # "la chambre basse du Parlement" describes a body, "la police du Kazakhstan" names one
                comp_cap = comp_cap or any(t.cap and institutions.get(t.key) is None for t in doc[k:m])
                comp_article = comp_article or article
                end = m
                n_comp += 1
            if value.startswith("national") and not n_comp and not has_adj:
                prev = doc[i - 1].lower_ if i else ""
                if country or head_cap or prev in ("le", "du", "au", "l'", "l’"):
                    # "national:KZ": a body of one country by its very name (le Mäjilis)
                    own = value.partition(":")[2]
                    inst = "own" if own else "bare"  # "le Mäjilis" needs no "du Kazakhstan"
                    info = {"src": "rule", "inst": inst, "country": country or own}
                    cands.append(Candidate(i, end, "ORG", PRIORITY_RULE, info))
                continue
            if i > 0 and doc[i - 1].lower_ in ("un", "une"):
                continue  # "un comité de pilotage", "une banque turque": no name
            named = (
                # "la police kazakhstanaise", not "la banque turque Hepsipay"
                (country is not None and (value in ("named", "state") or head_cap or n_comp > 0))
                or comp_cap
                # "le ministère de l'Énergie" names a body, "le comité d'organisation" does not
                or (value == "named" and comp_article)
                or (head_cap and (n_comp or has_adj))
            )
            place_key = self.gaz.place_names.get(self._fold(doc[i:end].text)) if named else None
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
        company_cues = gaz.cues.get("company_cue", _EMPTY)
        suffixes = gaz.cues.get("corp_suffix", _EMPTY)
        for i in range(rubric_end, n):
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
                folded = self._fold(texts[i])
                if folded.endswith(self._endings) and texts[i].isalpha() and gaz.place_names.get(folded) is None:
                    if any(folded.endswith(e) and len(folded) >= len(e) + 3 for e in self._endings):
                        cands.append(Candidate(i, i + 1, "ORG", PRIORITY_RULE, {"src": "rule"}))

    def _plausible_name(self, doc: _View, start: int, end: int) -> bool:
        """A capitalised run that can name a company: not a place, a demonym, a date or a not-org word."""
        place_key = self.gaz.place_names.get(self._fold(doc[start:end].text))
        if place_key is not None and self.gaz.places[place_key].strong:
            return False
        first = doc[start]
        if self._cue("not_org", first) is not None or first.like_num:
            return False
        return self._fold(first.text) not in self.gaz.demonyms

    def _parentheses(
        self, doc: _View, demonyms: dict[int, str], cands: list[Candidate], thing_spans: set[tuple[int, int]]
    ) -> None:
        """Pairs "Expansion (ACR)" and "ACR (Expansion)": one organisation, unless they name a law or product."""
        n = len(doc)
        for a, text in enumerate(doc.texts):
            if text != "(":
                continue
            close = next((k for k in range(a + 1, min(n, a + 10)) if doc[k].text == ")"), None)
            if close is None or close == a + 1 or a == 0:
                continue
            inner = doc[a + 1 : close]
            if len(inner) == 1 and _is_acronym(inner[0]):
                acr = inner[0].text
                start = None
                for s in range(a - 1, max(-1, a - 12), -1):
                    if "\n" in doc[s].text or doc[s].text in {".", ";", ":", "("}:
                        break
                    words = [t.text for t in doc[s:a] if t.is_alpha]
                    if doc[s].cap and acronym_matches(acr, words):
                        start = s
                        break
                if start is None:
                    continue
                if self._is_thing(doc, start, a, demonyms):
                    thing_spans.add((a + 1, close))
                    thing_spans.add((start, a))
                    continue
                # The text's own expansion decides: "BAD" is the Asian bank when the text says so.
                known = self.gaz.org(doc[start:a].text)
                canon = known.name if known else doc[start:a].text
                info = {"src": "rule", "canon": canon, "alias": acr}
                _drop_lookups(cands, {(start, a), (a + 1, close)})
                cands.append(Candidate(start, a, "ORG", PRIORITY_KNOWN, dict(info)))
                cands.append(Candidate(a + 1, close, "ORG", PRIORITY_KNOWN, dict(info)))
            elif _is_acronym(doc[a - 1]) and len(inner) >= 2 and inner[0].cap:
                acr = doc[a - 1].text
                words = [t.text for t in inner if t.is_alpha]
                if not acronym_matches(acr, words) or self._is_thing(doc, a - 1, a, demonyms):
                    continue
                known = self.gaz.org(inner.text)
                canon = known.name if known else acr
                info = {"src": "rule", "canon": canon, "alias": inner.text}
                _drop_lookups(cands, {(a - 1, a), (a + 1, close)})
                cands.append(Candidate(a - 1, a, "ORG", PRIORITY_KNOWN, dict(info)))
                cands.append(Candidate(a + 1, close, "ORG", PRIORITY_KNOWN, dict(info)))

    def _is_thing(self, doc: _View, start: int, end: int, demonyms: dict[int, str]) -> bool:
        """A product, system, law or facility name ("Code de l'eau", "baptisé TJ-IX", "… Act")."""
        first, last = doc[start], doc[end - 1]
        after = doc[end] if end < len(doc) and doc[end].cap else None  # "Astana International | Forum"
        for category in ("law_head", "thing_head"):
            if self._cue(category, first) is not None or self._cue(category, last) is not None:
                return True
            if after is not None and self._cue(category, after) is not None:
                return True
        if self._cue_before(doc, start, demonyms) == "thing":
            return True
        return any(self._cue("not_org", t) is not None for t in doc[start:end])

    @staticmethod
    def _product_shape(span: _Slice) -> bool:
        """Names shaped like models and systems: "FVFV-II", "TJ-IX", "e.MAS", "A320"."""
        text = span.text.replace("‑", "-")
        if any(c.isdigit() for c in text):
            return True
        if "-" in text and text.rsplit("-", 1)[1].strip("I").strip("V").strip("X") == "":
            return True
        first = text.split()[0]
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
        for ent in doc.ents:
            start, end = ent.start, ent.end
            if doc[start].lower_ in ARTICLES or doc[start].lower_ in DE_FORMS:
                start += 1
            while start < end - 1 and start in demonyms:
                start += 1  # "Le Turc Çalık Enerji": the demonym gives the country, not the name
            if start >= end:
                continue
            noun_kind = self._cue("place_noun", doc[start]) if doc[start].is_lower else None
            if noun_kind and end - start > 2 and doc[start + 1].lower_ in DE_FORMS:
                start += 2  # "désert de Gobi" → Gobi, as "la région de Jambyl" → Jambyl
            if start >= end:
                continue
            span = doc[start:end]
            if (start, end) in thing_spans or end <= rubric_end:
                continue
            label = ent.label_
            context = self._place_context(doc, start, demonyms)
            if label == "PER" and end - start == 1 and context == "prep":
                label = "LOC"  # "à Rogoun": a one-word "person" after a place preposition is a place
            elif label in ("ORG", "PER", "MISC") and context not in (None, "prep"):
                label = "LOC"  # "la mine d'Oyu Tolgoi", "la région de X": named by a place noun
            if label == "PER":
                if not doc.caps[start]:
                    continue  # "kirghiz des Affaires étrangères"
                # "Noursoultan Nazarbaïev": a full name beats the place name inside it
                full_name = end - start > 1 and all(doc.caps[k] or not doc[k].is_alpha for k in range(start, end))
                priority = PRIORITY_STRONG if full_name else PRIORITY_MODEL
                cands.append(Candidate(start, end, "PER", priority, {"src": "model"}))
                continue
            if all(i in demonyms for i in range(start, end)):
                continue
            if label == "ORG":
                if self._is_thing(doc, start, end, demonyms) or self._product_shape(span):
                    continue
                if not any(doc.caps[k] for k in range(start, end)):
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
            if self.gaz.place(span.text) is not None:
                continue  # a strong gazetteer candidate already covers it
            if context and not self._is_thing(doc, start, end, demonyms) and not self._product_shape(span):
                kind = context if context != "prep" else ""
                cands.append(Candidate(start, end, "LOC", PRIORITY_WEAK, {"src": "model", "kind": kind}))
                continue
            if any(k in demonyms for k in range(start, end)) or self._is_thing(doc, start, end, demonyms):
                continue  # "l'État kazakhstanais détient…": a description, not a name
            nxt = doc[end] if end < len(doc) else None
            if nxt is not None and nxt.pos_ in ("AUX", "VERB") and (
                self._cue("business_verb", nxt) is not None
                or self.gaz.cue("business_verb", nxt.lemma_) is not None
            ):
                cands.append(Candidate(start, end, "ORG", PRIORITY_MODEL, {"src": "rule"}))
                continue
            if self._apposition_cue(doc, end):
                cands.append(Candidate(start, end, "ORG", PRIORITY_MODEL, {"src": "rule"}))
        # "Qarmet – groupe industriel …" also for names the model missed at a sentence start
        caps, sents = doc.caps, doc.sents
        for i in range(rubric_end, len(doc)):
            if caps[i] and (i == 0 or sents[i] != sents[i - 1]):
                end = self._name_run(doc, i)
                if end > i and self._apposition_cue(doc, end) and self._plausible_name(doc, i, end):
                    cands.append(Candidate(i, end, "ORG", PRIORITY_RULE, {"src": "rule"}))

    def _apposition_cue(self, doc: _View, end: int) -> bool:
        """Whether a name is followed by an apposition with a company cue ("X – groupe industriel")."""
        if end >= len(doc) or doc[end].text not in APPOSITION_MARKS:
            return False
        k = end + 1
        while k < len(doc) and k - end <= 3 and (doc[k].pos_ in ("DET", "ADJ") or doc[k].lower_ in ARTICLES):
            k += 1
        return k < len(doc) and self._cue("company_cue", doc[k]) is not None

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
                key = self._fold(doc[c.start : c.end].text)
                place = self.gaz.place(key)
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
        firsts = {self._fold(doc[c.start].text) for c in names.values()}
        covered = {(c.start, c.end) for c in cands if c.label == "ORG" and c.priority <= PRIORITY_RULE}
        for i, text in enumerate(doc.texts):
            if not doc.caps[i] or self._fold(text) not in firsts:
                continue
            for j in range(min(len(doc), i + longest), i, -1):
                src = names.get(self._fold(doc[i:j].text))
                if src is not None and (i, j) != (src.start, src.end) and (i, j) not in covered:
                    if j < len(doc) and doc[j].cap and doc[j].lower_ not in ARTICLES:
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
            if any(i in taken for i in range(c.start, c.end)):
                continue
            taken.update(range(c.start, c.end))
            chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    def _assign_countries(
        self, doc: _View, chosen: list[Candidate], cands: list[Candidate], demonyms: dict[int, str]
    ) -> None:
        """Country of each organisation from cues in the text; kind of places from place nouns."""
        gaz = self.gaz
        votes: Counter[str] = Counter()
        for c in chosen:
            if c.label == "LOC":
                place = gaz.places.get(c.info.get("key", ""))
                if place is not None and place.country:
                    votes[place.country] += 2 if place.kind == "country" else 1
                    c.info.setdefault("country", place.country)
        for iso in demonyms.values():
            if iso:
                votes[iso] += 1
        main_country = votes.most_common(1)[0][0] if votes else ""
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
            country = (
                self._country_inside(c, cands, demonyms)
                or self._country_after(doc, c.end, places_at, demonyms)
                or (main_country if self._national_body(doc, c) else "")
            )
            c.info["country"] = country
        by_name: dict[str, str] = {}
        for c in chosen:
            if c.label == "ORG" and c.info.get("country"):
                by_name.setdefault(self._fold(c.info.get("canon") or doc[c.start : c.end].text), c.info["country"])
        for c in chosen:
            if c.label == "ORG" and not c.info.get("country"):
                c.info["country"] = by_name.get(self._fold(c.info.get("canon") or doc[c.start : c.end].text), "")

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
        start = org.start + (doc[org.start].lower_ in ARTICLES)
        if start >= org.end or self._cue("institution", doc[start]) is None:
            return False
        return not any(self._cue("supranational_adj", t) is not None for t in doc[org.start : org.end])

    def _country_after(self, doc: _View, end: int, places_at: dict[int, Candidate], demonyms: dict[int, str]) -> str:
        """Country from "basée à Chymkent" or "d'origine russe" right after an organisation."""
        sent = doc[end - 1].sent if end else 0
        sent_end = next((k for k in range(end, len(doc)) if doc.sents[k] != sent), len(doc))
        for k in range(end, min(sent_end, end + 10)):
            low = doc[k].lower_
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
