"""`briefs_dates`: find date expressions with the project's token grammar.

The grammar is data: `models/patterns/dates.jsonl` holds spaCy Matcher patterns, one
object a line, and the French date words (months, weekdays, modifiers…) come from
`models/lexicons/date_words.tsv`. In an IN list, `"@month"` stands for the words of a
lexicon kind (`"@month+month_abbr"` for two kinds, `"mi-@month"` for each word with a
prefix); in a REGEX, `@month` stands for the alternation of those words
(`components.date_grammar` reads it).

Each line may also carry:
- `trim`: indices of pattern tokens that must be there but are not part of the date
  ("en" in "visés en 2025": the span is "2025");
- `not_after`: words that must not precede the match ("Et si demain…"); `after`: the
  match must open the text or follow one of these words; `after_pos`: POS tags one of
  which the word before it must have ("la loi de 2015");
- `not_before`: words, `not_before_pos`: POS tags that must not follow it
  ("cette année-là"; "en 2000 tonnes"); `before_pos`: POS tags one of which must
  follow it ("2024 a été une année record"). Context outside the pattern is checked
  here, not in the pattern, because the Matcher only sees stretches of known words;
- `not_in_question`: the match is dropped in a question ("Demain, tous en voiture
  électrique ?" is rhetorical);
- `event_only`: the match is kept only where it dates an act (`DateFinder._dates_an_event`:
  "signe aujourd'hui à Tachkent" is a day, "Aujourd'hui, le pays produit…" means nowadays).

What the grammar decides (see the patterns): a year alone is a date only after a word
that makes it one ("en", "depuis", "d'ici", "l'année", "par rapport à"…) and not before
a noun; a month alone only after such a word ("en mars", "fin juin", "au mois de mai")
and in lower case, so "Mars" the planet and "Mai" the name are not dates; a month or day
without year, a bare weekday and relative words are kept and need the brief's reference
date for a value. "demain" is dropped after "si"/"de" and in questions (rhetorical),
"aujourd'hui" and a bare season ("au printemps") where they do not date an act
(`event_only`). Spans with no year get a `_FUT`/`_PAST` label suffix from `clause_tense`
(the tense of the verb they modify, read from the parse: `components.tense`), which orients their resolution;
"le lendemain", "la veille", "le mois précédent" (DATE_ANA) count from the last full date
written before them.

After matching, a span is extended to the left over modifier words of the lexicon
("d'ici", "fin", "à partir du"), so that `Mention.qualifier` can be read from the span
text; the longest non-overlapping spans go to `doc.spans["dates"]`, labelled by
pattern family (DATE_DMY, DATE_Y, DATE_REL…).

Speed: the Matcher's cost grows with tokens × patterns, so it only runs over the few
stretches of a Doc made of words the grammar knows (or of the lexicon's `shape` and
`gate_shape` token shapes) that hold at least one date word (month, weekday, unit…)
or a `shape` (a year, a numeric date). A match can only lie inside such a stretch, so
the result is the same as matching the whole Doc (a test checks this on the golden
corpus). Context outside a pattern is therefore checked in Python (options above).
The stretches repeat ("en 2025", "d'ici 2030"), so their matches are remembered
(`matching.MemoMatcher`), and the words of the lexicon are found through sets of token
texts (`matching.TextSets`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from spacy.attrs import ORTH, POS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span

from ..lexicons.dates import DateLexicon
from ..lexicons.text import word_key as _fold
from ..resources import component_setting
from ..spans import DATES
from .date_grammar import SPACES, DatePattern, pattern_words, read_date_patterns, space_tolerant
from .matching import MemoMatcher, TextSets, filter_ranges
from .tense import clause_tense

# Words a span extended over modifiers may start with besides a modifier ("à la fin de").
_MODIFIER_OPENERS = {"à", "au", "aux", "d'", "la", "l'"}
_MAX_MODIFIER_TOKENS = 6
_SENTENCE_END = re.compile(r"[.!?…\n]")
# Lexicon kinds whose words anchor a date expression (a stretch without one cannot match).
ANCHOR_KINDS = ("month", "month_abbr", "weekday", "relday", "unit", "daypart", "season", "anaphoric")


class _Columns(NamedTuple):
    """Token attribute hashes of one Doc, one list per attribute (`DateFinder._columns`)."""

    orth: list[int]
    pos: list[int]


class DateFinder:
    """Mark date expressions in `doc.spans[spans_key]` (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, patterns: str | Path, lexicon: str | Path, spans_key: str = DATES):
        self.name = name
        self.spans_key = spans_key
        self.lexicon = DateLexicon.from_tsv(lexicon)
        self.patterns = read_date_patterns(patterns, self.lexicon)
        # Two matchers: the grammar as written, and the same with optional space tokens
        # between its tokens, used only on the rare stretches that hold such a token.
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.spaced_matcher = Matcher(nlp.vocab, validate=True)
        self._keys: dict[int, DatePattern] = {}
        self._origins: dict[int, list[int]] = {}
        spaced_patterns = []
        for i, p in enumerate(self.patterns):
            key = nlp.vocab.strings.add(f"{p.label}#{i}")
            pattern, origin = space_tolerant(p.pattern)
            self.matcher.add(key, [p.pattern])
            self.spaced_matcher.add(key, [pattern])
            spaced_patterns.append(pattern)
            self._keys[key] = p
            self._origins[key] = origin
        # The stretches repeat ("en 2025", "d'ici 2030"): their matches are remembered.
        self._memo = MemoMatcher(self.matcher, [p.pattern for p in self.patterns], with_alignments=True)
        self._spaced_memo = MemoMatcher(self.spaced_matcher, spaced_patterns, with_alignments=True)
        strings = nlp.vocab.strings
        words = pattern_words(self.patterns)
        anchors = {w for kind in ANCHOR_KINDS for w in self.lexicon.words(kind)}
        anchors |= {w.replace("'", "’") for w in anchors}
        anchors |= {w for w in words if "-" in w and w.split("-", 1)[1] in anchors}  # "mi-juin"
        self._gate_words = {strings.add(w) for w in words | SPACES}
        self._space_words = {strings.add(w) for w in SPACES}
        self._anchor_words = {strings.add(w) for w in anchors & words}
        self._anchor_shapes = {strings.add(s) for s in self.lexicon.words("shape")}
        self._gate_shapes = self._anchor_shapes | {strings.add(s) for s in self.lexicon.words("gate_shape")}
        self._modifier_words = set(self.lexicon.words("modifier"))
        self._future_cues = set(self.lexicon.words("future_cue"))
        self._future_adverbs = set(self.lexicon.words("future_adverb"))
        self._extension_words = self._modifier_words | set(self.lexicon.words("filler")) | SPACES
        self._openers = self._modifier_words | _MODIFIER_OPENERS
        year_shape = strings.add("dddd")
        self._texts = TextSets({
            "gate": lambda lexeme: lexeme.lower in self._gate_words or lexeme.shape in self._gate_shapes,
            "anchor": lambda lexeme: lexeme.lower in self._anchor_words or lexeme.shape in self._anchor_shapes,
            "space": lambda lexeme: lexeme.lower in self._space_words,
            "year": lambda lexeme: lexeme.shape == year_shape,
        })
        self._folded: dict[int, str] = {}  # token text hash -> `_fold` of the text

    def __call__(self, doc: Doc) -> Doc:
        cols = self._columns(doc)
        found = []
        for p, start, end, origins in self.matches(doc, cols=cols):
            if not self._context_ok(doc, cols, start, end, p):
                continue
            s, e = start, end
            while s < e and (origins[s - start] in p.trim or origins[s - start] < 0):
                s += 1
            while e > s and (origins[e - 1 - start] in p.trim or origins[e - 1 - start] < 0):
                e -= 1
            if s < e and not (p.event_only and not self._dates_an_event(doc[s:e], p.label)):
                found.append((self._extend_left(doc, cols, s), e, p.label))
        doc.spans[self.spans_key] = [self._with_tense(doc, cols, *r) for r in filter_ranges(found)]
        return doc

    def _dates_an_event(self, span: Span, label: str) -> bool:
        """Whether a word that may also mean "nowadays" ("aujourd'hui", "en hiver") dates an act here.

        Decided by syntax (README, "Today and now"): with a past or future tense it is a day
        ("a annoncé aujourd'hui", "signera au printemps"). In the present it is a day only
        when it modifies a verb directly ("signe aujourd'hui à Tachkent"), and not when it
        heads the sentence before a comma ("Aujourd'hui, le pays produit…"), modifies a
        noun or a copula ("est aujourd'hui le premier producteur"), or answers a past
        participial clause of the same sentence ("Fondée en 1992, la société emploie
        aujourd'hui…": then and now). A season in the present is a habit ("En hiver, les
        températures descendent…"): it needs a past or future tense.
        """
        if clause_tense(span, self._future_cues, self._future_adverbs) is not None:
            return True
        doc = span.doc
        if label == "DATE_SEASON" or not doc.has_annotation("DEP"):
            return False
        head = span.root.head
        if span.root.dep_ not in ("advmod", "obl", "obl:mod") or head.pos_ != "VERB" or head.lemma_ in ("être", "avoir"):
            return False
        sent = span.sent
        if span.start == sent.start and span.end < len(doc) and doc[span.end].text == ",":
            return False
        participles = (
            t for t in sent
            if t.dep_ in ("advcl", "acl") and "Part" in t.morph.get("VerbForm") and "Past" in t.morph.get("Tense")
        )
        return next(participles, None) is None

    def _columns(self, doc: Doc) -> _Columns:
        """The token attributes the component reads, for the whole Doc in one `to_array` pass
        (no Python Token object per token)."""
        if not len(doc):
            return _Columns([], [])
        cols = _Columns(*doc.to_array([ORTH, POS]).T.tolist())
        self._texts.update(cols.orth, doc.vocab)
        return cols

    def _fold_at(self, doc: Doc, cols: _Columns, i: int) -> str:
        """`_fold` of the text of token `i`, remembered by text."""
        orth = cols.orth[i]
        folded = self._folded.get(orth)
        if folded is None:
            if len(self._folded) >= 20_000:
                self._folded.clear()
            folded = self._folded[orth] = _fold(doc.vocab.strings[orth])
        return folded

    def _with_tense(self, doc: Doc, cols: _Columns, start: int, end: int, label: str) -> Span:
        """The span, its label suffixed `_FUT` or `_PAST` when it has no year and its clause a tense.

        "Le sommet se tiendra jeudi" is next Thursday, "s'est tenu jeudi" the last one.
        """
        span = Span(doc, start, end, label=label)
        if not self._texts.sets["year"].isdisjoint(cols.orth[start:end]):
            return span
        suffix = clause_tense(span, self._future_cues, self._future_adverbs)
        return Span(doc, start, end, label=label + suffix) if suffix else span

    def matches(
        self, doc: Doc, gated: bool = True, cols: _Columns | None = None
    ) -> Iterator[tuple[DatePattern, int, int, list[int]]]:
        """Raw grammar matches: pattern, start, end, and for each matched token the index of the
        pattern token it matched (-1 for a space token between two). Found in candidate
        stretches only (`gated`) or over the whole Doc. `cols`: the Doc's `_columns`, if read."""
        if not gated:
            for match_id, start, end, alignments in self.spaced_matcher(doc, with_alignments=True):
                origin = self._origins[match_id]
                yield self._keys[match_id], start, end, [origin[k] for k in alignments]
            return
        cols = cols or self._columns(doc)
        for a, b, spaced in self.candidate_stretches(doc, cols):
            if not spaced:
                for match_id, start, end, alignments in self._memo(doc, a, b, cols.orth[a:b]):
                    yield self._keys[match_id], a + start, a + end, alignments
                continue
            for match_id, start, end, alignments in self._spaced_memo(doc, a, b, cols.orth[a:b]):
                origin = self._origins[match_id]
                yield self._keys[match_id], a + start, a + end, [origin[k] for k in alignments]

    def candidate_stretches(self, doc: Doc, cols: _Columns | None = None) -> list[tuple[int, int, bool]]:
        """Token ranges made of words the grammar knows, holding at least one date word or digit
        shape, each with whether it holds a space token."""
        cols = cols or self._columns(doc)
        orths = cols.orth
        gate, spaces = self._texts.sets["gate"], self._texts.sets["space"]
        # A stretch is the run of gate tokens around an anchor (anchors are gate tokens), so
        # only the few anchors are looked for over the whole Doc, with C-level set lookups.
        out = []
        end, n = -1, len(orths)
        for i in self._texts.positions("anchor", orths):
            if i < end:
                continue  # in the stretch of the anchor before
            start, end = i, i + 1
            while start > 0 and orths[start - 1] in gate:
                start -= 1
            while end < n and orths[end] in gate:
                end += 1
            out.append((start, end, not spaces.isdisjoint(orths[start:end])))
        return out

    def _context_ok(self, doc: Doc, cols: _Columns, start: int, end: int, p: DatePattern) -> bool:
        if start > 0 and (p.not_after or p.after):
            before = self._fold_at(doc, cols, start - 1)
            if before in p.not_after or (p.after and before not in p.after):
                return False
        if p.after_pos and (start == 0 or POS_NAMES[cols.pos[start - 1]] not in p.after_pos):
            return False
        if end < len(cols.orth):
            after_pos = POS_NAMES[cols.pos[end]]
            if self._fold_at(doc, cols, end) in p.not_before or after_pos in p.not_before_pos:
                return False
            if p.before_pos and after_pos not in p.before_pos:
                return False
        elif p.before_pos:
            return False
        if p.not_in_question:
            # The parser's sentences are unreliable around a question mark; the next
            # sentence-final mark after the match says whether it sits in a question.
            final = _SENTENCE_END.search(doc.text, doc[end - 1].idx)
            if final and final.group() == "?":
                return False
        return True

    def _extend_left(self, doc: Doc, cols: _Columns, start: int) -> int:
        """Start of the span after taking in the modifier words just before it, if any."""
        s = start
        has_modifier = False
        while s > 0 and start - s < _MAX_MODIFIER_TOKENS and self._fold_at(doc, cols, s - 1) in self._extension_words:
            s -= 1
            has_modifier = has_modifier or self._fold_at(doc, cols, s) in self._modifier_words
        if not has_modifier:
            return start
        # Start on a modifier or on a word that opens one ("à partir", "d'ici", "la fin"),
        # not on a filler of the clause before ("par an à partir de 2027").
        while s < start and self._fold_at(doc, cols, s) not in self._openers:
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
def make_dates(
    nlp: Language, name: str, patterns: str | None, lexicon: str | None, spans_key: str
) -> DateFinder:
    """The date finder configured in `models/pipeline.cfg` (grammar and lexicon paths); a file
    setting left empty takes the value `pipeline.cfg` gives it (`resources.component_setting`)."""
    patterns = patterns or component_setting("briefs_dates", "patterns")
    lexicon = lexicon or component_setting("briefs_dates", "lexicon")
    return DateFinder(nlp, name, patterns, lexicon, spans_key)
