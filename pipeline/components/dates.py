"""`briefs_dates`: find date expressions with the project's token grammar.

The grammar is data: `models/patterns/dates.jsonl` holds spaCy Matcher patterns, one
object a line, and the French date words (months, weekdays, modifiers…) come from
`models/lexicons/date_words.tsv`. In an IN list, `"@month"` stands for the words of a
lexicon kind (`"@month+month_abbr"` for two kinds, `"mi-@month"` for each word with a
prefix); in a REGEX, `@month` stands for the alternation of those words.

Each line may also carry:
- `trim`: indices of pattern tokens that must be there but are not part of the date
  ("en" in "visés en 2025": the span is "2025");
- `not_after`: words that must not precede the match ("Et si demain…");
- `not_before`: words, `not_before_pos`: POS tags that must not follow it
  ("cette année-là"; "en 2000 tonnes");
- `not_in_question`: the match is dropped in a question ("Demain, tous en voiture
  électrique ?" is rhetorical).

After matching, a span is extended to the left over modifier words of the lexicon
("d'ici", "fin", "à partir du"), so that `Mention.qualifier` can be read from the span
text; the longest non-overlapping spans go to `doc.spans["dates"]`, labelled by
pattern family (DATE_DMY, DATE_Y, DATE_REL…).

Speed: the Matcher's cost grows with tokens × patterns, so it only runs over the few
stretches of a Doc made of words the grammar knows (or of the digit shapes of the
lexicon's `shape` rows) that hold at least one date word (month, weekday, unit…) or
digit. A match can only lie inside such a stretch, so the result is the same as
matching the whole Doc (a test checks this on the golden corpus).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..normalize.dates import DateLexicon
from . import DATES

# Leading words dropped when a span is extended over modifiers: "en fin d'année" → "fin d'année".
_LEADING_DROP = {"en", "le", "les", "de", "du", "des"}
_MAX_MODIFIER_TOKENS = 6
_SENTENCE_END = re.compile(r"[.!?…\n]")
# Lexicon kinds whose words anchor a date expression (a stretch without one cannot match).
ANCHOR_KINDS = ("month", "month_abbr", "weekday", "relday", "unit", "daypart")
_WORD_KEYS = ("LOWER", "TEXT", "ORTH", "NORM")
_LEXICON_NAME = re.compile(r"^(.*?)@(\w+(?:\+\w+)*)$")


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


@dataclass(frozen=True)
class DatePattern:
    """One grammar line: label, Matcher pattern (lexicon names expanded) and its context rules."""

    label: str
    pattern: list[dict]
    trim: frozenset[int] = frozenset()
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    not_before_pos: frozenset[str] = frozenset()
    not_in_question: bool = False


def expand_pattern(pattern: list[dict], lexicon: DateLexicon) -> list[dict]:
    """Replace lexicon names (`"@month"`, `"mi-@month"`) in IN lists and REGEX strings by the lexicon's words.

    >>> from pipeline.normalize.dates import default_lexicon
    >>> expand_pattern([{"LOWER": {"IN": "@weekday"}}], default_lexicon())[0]["LOWER"]["IN"][:2]
    ['lundi', 'mardi']
    >>> expand_pattern([{"LOWER": {"IN": ["mi-@month"]}}], default_lexicon())[0]["LOWER"]["IN"][0]
    'mi-janvier'
    """

    def words(kinds: str) -> list[str]:
        found = []
        for kind in kinds.split("+"):
            kind_words = lexicon.words(kind)
            if not kind_words:
                raise ValueError(f"no words of kind {kind!r} in the date lexicon")
            found.extend(kind_words)
        return found

    def expand_list(items: str | list[str]) -> list[str]:
        out: list[str] = []
        for item in [items] if isinstance(items, str) else items:
            m = _LEXICON_NAME.match(item)
            out.extend(m[1] + w for w in words(m[2])) if m else out.append(item)
        return out

    def expand(value):
        if not isinstance(value, dict):
            return value
        out = {}
        for key, v in value.items():
            if key in ("IN", "NOT_IN"):
                out[key] = expand_list(v)
            elif key == "REGEX" and isinstance(v, str) and "@" in v:
                out[key] = re.sub(
                    r"@(\w+(?:\+\w+)*)", lambda m: "(?:" + "|".join(re.escape(w) for w in words(m[1])) + ")", v
                )
            else:
                out[key] = expand(v)
        return out

    return [expand(token) for token in pattern]


def read_date_patterns(path: str | Path, lexicon: DateLexicon) -> list[DatePattern]:
    """Read the grammar file (JSONL) with lexicon names expanded."""
    out = []
    for line in srsly.read_jsonl(Path(path)):
        out.append(
            DatePattern(
                label=line["label"],
                pattern=expand_pattern(line["pattern"], lexicon),
                trim=frozenset(line.get("trim", ())),
                not_after=frozenset(_fold(w) for w in line.get("not_after", ())),
                not_before=frozenset(_fold(w) for w in line.get("not_before", ())),
                not_before_pos=frozenset(line.get("not_before_pos", ())),
                not_in_question=bool(line.get("not_in_question", False)),
            )
        )
    return out


def _pattern_words(patterns: list[DatePattern]) -> set[str]:
    """Every literal word the grammar can match (exact values and IN lists), lower-cased."""
    words: set[str] = set()
    for p in patterns:
        for token in p.pattern:
            for key in _WORD_KEYS:
                spec = token.get(key)
                if isinstance(spec, str):
                    words.add(spec.lower())
                elif isinstance(spec, dict) and isinstance(spec.get("IN"), list):
                    words.update(w.lower() for w in spec["IN"])
    return words


class DateFinder:
    """Mark date expressions in `doc.spans[spans_key]` (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, patterns: str | Path, lexicon: str | Path, spans_key: str = DATES):
        self.name = name
        self.spans_key = spans_key
        self.lexicon = DateLexicon.from_tsv(lexicon)
        self.patterns = read_date_patterns(patterns, self.lexicon)
        self.matcher = Matcher(nlp.vocab, validate=True)
        self._keys: dict[int, DatePattern] = {}
        for i, p in enumerate(self.patterns):
            key = f"{p.label}#{i}"
            self.matcher.add(key, [p.pattern])
            self._keys[nlp.vocab.strings[key]] = p
        strings = nlp.vocab.strings
        words = _pattern_words(self.patterns)
        anchors = {w for kind in ANCHOR_KINDS for w in self.lexicon.words(kind)}
        anchors |= {w.replace("'", "’") for w in anchors} | {w for w in words if "-" in w and w.split("-", 1)[1] in anchors}
        self._gate_words = {strings.add(w) for w in words}
        self._anchor_words = {strings.add(w) for w in anchors & words}
        self._digit_shapes = {strings.add(s) for s in self.lexicon.words("shape")}
        self._modifier_words = set(self.lexicon.words("modifier"))
        self._extension_words = self._modifier_words | set(self.lexicon.words("filler"))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for p, start, end, alignments in self.matches(doc):
            if not self._context_ok(doc, start, end, p):
                continue
            s, e = start, end
            while s < e and alignments[s - start] in p.trim:
                s += 1
            while e > s and alignments[e - 1 - start] in p.trim:
                e -= 1
            if s < e:
                spans.append(Span(doc, self._extend_left(doc, s), e, label=p.label))
        doc.spans[self.spans_key] = filter_spans(spans)
        return doc

    def matches(self, doc: Doc, gated: bool = True) -> Iterator[tuple[DatePattern, int, int, list[int]]]:
        """Raw grammar matches (pattern, start, end, alignments), found in candidate stretches only
        (`gated`) or over the whole Doc."""
        stretches = self.candidate_stretches(doc) if gated else [(0, len(doc))]
        for a, b in stretches:
            for match_id, start, end, alignments in self.matcher(doc[a:b], with_alignments=True):
                yield self._keys[match_id], a + start, a + end, alignments

    def candidate_stretches(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges made of words the grammar knows, holding at least one date word or digit shape."""
        # One cheap pass of set lookups on hashes: far less than the Matcher over every token.
        gate, anchors, shapes = self._gate_words, self._anchor_words, self._digit_shapes
        out = []
        start, anchored = -1, False
        for i, tok in enumerate(doc):
            lower = tok.lower
            digit = tok.shape in shapes
            if digit or lower in gate:
                if start < 0:
                    start, anchored = i, False
                anchored = anchored or digit or lower in anchors
            elif start >= 0:
                if anchored:
                    out.append((start, i))
                start = -1
        if start >= 0 and anchored:
            out.append((start, len(doc)))
        return out

    @staticmethod
    def _context_ok(doc: Doc, start: int, end: int, p: DatePattern) -> bool:
        if p.not_after and start > 0 and _fold(doc[start - 1].text) in p.not_after:
            return False
        if end < len(doc):
            after = doc[end]
            if _fold(after.text) in p.not_before or after.pos_ in p.not_before_pos:
                return False
        if p.not_in_question:
            # The parser's sentences are unreliable around a question mark; the next
            # sentence-final mark after the match says whether it sits in a question.
            final = _SENTENCE_END.search(doc.text, doc[end - 1].idx)
            if final and final.group() == "?":
                return False
        return True

    def _extend_left(self, doc: Doc, start: int) -> int:
        """Start of the span after taking in the modifier words just before it, if any."""
        s = start
        has_modifier = False
        while s > 0 and start - s < _MAX_MODIFIER_TOKENS and _fold(doc[s - 1].text) in self._extension_words:
            s -= 1
            has_modifier = has_modifier or _fold(doc[s].text) in self._modifier_words
        if not has_modifier:
            return start
        while s < start and _fold(doc[s].text) in _LEADING_DROP:
            s += 1
        return s

    def to_disk(self, path, exclude=()) -> None:
        """Nothing to save: the grammar and the lexicon are read from `models/` by the config."""

    def from_disk(self, path, exclude=()) -> "DateFinder":
        """Nothing to load (see `to_disk`)."""
        return self


@Language.factory(
    "briefs_dates",
    default_config={"patterns": None, "lexicon": None, "spans_key": DATES},
    assigns=["doc.spans"],
    requires=["token.pos"],
)
def make_dates(nlp: Language, name: str, patterns: str, lexicon: str, spans_key: str) -> DateFinder:
    """The date finder configured in `models/pipeline.cfg` (grammar and lexicon paths)."""
    return DateFinder(nlp, name, patterns, lexicon, spans_key)
