"""`briefs.quantities`: find quantity expressions with the project's token grammar.

The grammar is `models/patterns/quantities.jsonl`: `define` lines name token
sequences that other lines reuse (NUMBER, SCALED…), pattern lines give a label
(MONEY, PERCENT, MEASURE, COUNT) and a token pattern. `"@name"` inside a pattern
stands for a word list of the lexicons (units, currencies, scales…) or, inside a
REGEX, for the number-word regex, so each word is written once, in the lexicons.
After matching, a few context checks over the matches (never over all tokens)
drop numbers that are references, parts of names or years.

Speed: the Matcher only runs over short windows around the numbers, found through sets
of token texts (`matching.TextSets`), and the matches of a window are remembered by what
the grammar can see of its tokens (`matching.MemoMatcher`).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import srsly
from spacy.attrs import ORTH, POS
from spacy.language import Language
from spacy.lexeme import Lexeme
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicons.quantities import (
    NUMBER_WORD_PART_REGEX,
    NUMBER_WORD_REGEX,
    QuantityLexicon,
    hyphenated_number_words,
)
from ..resources import component_setting
from ..spans import DATES, QUANTITIES, QuantityHint
from .matching import MemoMatcher, TextSets

# The regexes a grammar REGEX may name as "@name".
GRAMMAR_REGEXES = {"number_word": NUMBER_WORD_REGEX, "number_word_part": NUMBER_WORD_PART_REGEX}
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_FIGURE = re.compile(r"^\d+(?:[.,]\d+)*$")
_NBSP = ("\u00a0", "\u202f")
_GROUP = re.compile(r"^\d{3}(?:,\d+)?$")
_GROUP_HEAD = re.compile(r"^\d{1,3}$")
# Labels that win a tie between two matches of the same tokens: a unit beats a counted noun.
_PRIORITY = {"MONEY": 0, "PERCENT": 1, "MEASURE": 2, "COUNT": 3}
# A match starts at most this many tokens before a number ("US$ 5") and ends at most this many after it.
_BEFORE, _AFTER = 2, 7
# Units that "un"/"une" counts (the grammar's `un an` line): durations.
_UN_UNITS = ("an", "mois", "semaine", "jour", "heure")
# Words before a figure of which the quantity before it gives the unit (ELLIPSIS: "84 voix contre 20").
_ELLIPSIS_AFTER = ("contre", "sur")


_NUMBER_WORD = re.compile(NUMBER_WORD_REGEX)


def _is_figure(token) -> bool:
    """A figure ("18", "1,5") or a number in words ("quatre" in "de quatre à six mois")."""
    return bool(_FIGURE.match(token.text) or _NUMBER_WORD.match(token.lower_))


def _is_age(span: Span, before) -> bool:
    """Whether "N ans" gives a person's age, no duration: an apposition between commas
    ("Le président Tokaïev, 72 ans, a…") or after "âgé de" ("âgée de 45 ans")."""
    doc = span.doc
    if before is not None and before.text == "," and span.end < len(doc) and doc[span.end].text in (",", ")", "."):
        return True
    return before is not None and before.lower_ == "de" and before.i > 0 and doc[before.i - 1].lower_.startswith("âgé")


def _substitute(value, words: dict[str, list[str]], regexes: dict[str, str]):
    """Replace `"@name"` placeholders inside one token spec."""
    if isinstance(value, dict):
        return {
            key: (regexes[v[1:]] if key == "REGEX" and isinstance(v, str) and v.startswith("@")
                  else _substitute(v, words, regexes))
            for key, v in value.items()
        }
    if isinstance(value, str) and value.startswith("@"):
        return list(words[value[1:]])
    if isinstance(value, list):
        out: list = []
        for item in value:
            out.extend(words[item[1:]] if isinstance(item, str) and item.startswith("@") else [item])
        return out
    return value


def expand_patterns(lines: list[dict], words: dict[str, list[str]], regexes: dict[str, str]) -> list[dict]:
    """Turn grammar lines (with `define` macros and `@` placeholders) into plain Matcher patterns.

    Each macro name in a pattern is replaced by each of its alternatives in turn,
    so one line can give several patterns.

    >>> lines = [{"define": "N", "alternatives": [[{"LIKE_NUM": True}]]},
    ...          {"label": "X", "pattern": ["N", {"LOWER": {"IN": "@units"}}]}]
    >>> expand_patterns(lines, {"units": ["t"]}, {})
    [{'label': 'X', 'pattern': [{'LIKE_NUM': True}, {'LOWER': {'IN': ['t']}}]}]
    """
    macros: dict[str, list[list[dict]]] = {}

    def variants(sequence: list) -> list[list[dict]]:
        options = [macros[item] if isinstance(item, str) else [[_substitute(item, words, regexes)]]
                   for item in sequence]
        return [[tok for part in combo for tok in part] for combo in itertools.product(*options)]

    patterns = []
    for line in lines:
        if "define" in line:
            macros[line["define"]] = [v for alt in line["alternatives"] for v in variants(alt)]
        else:
            patterns += [{"label": line["label"], "pattern": p} for p in variants(line["pattern"])]
    return patterns


class QuantityFinder:
    """Matches the quantity grammar and keeps the longest matches that pass the context checks."""

    def __init__(self, nlp: Language, patterns: list[dict], lexicon: QuantityLexicon, spans_key: str):
        self.spans_key = spans_key
        self.lexicon = lexicon
        self.matcher = Matcher(nlp.vocab, validate=True)
        by_label: dict[str, list] = {}
        for p in patterns:
            by_label.setdefault(p["label"], []).append(p["pattern"])
        for label, pats in by_label.items():
            self.matcher.add(label, pats)
        # The windows repeat ("120 000 tonnes de", "5 % de"): their matches are remembered.
        # They are split at words no pattern can use (`__call__` sorts the matches).
        self._memo = MemoMatcher(self.matcher, [p["pattern"] for p in patterns], with_pos=True, split=True)
        # Tokens that open a window besides spaCy's `like_num`, and `like_num` tokens that do not:
        # "un"/"une" are mostly articles (a scale word after them opens the window).
        # Duration words open one too: "un an" counts although "un" alone opens nothing.
        opening = [*hyphenated_number_words(), *lexicon.word_sets()["scales"], *_UN_UNITS]
        closed = ["un", "une"]
        self.glued_units = frozenset(
            s.split()[0] for table in (lexicon.units, lexicon.currencies, lexicon.scales) for s in table
        )
        self.opening = frozenset(nlp.vocab.strings.add(w) for w in opening)
        self.closed = frozenset(nlp.vocab.strings.add(w) for w in closed)
        # A number followed by one of these ("22 juin", "10 ans", "trois fois") or a year after a
        # year cue ("en 2025") opens no window: no pattern can use it.
        self.dead_after = frozenset(nlp.vocab.strings.add(w) for w in lexicon.word_sets()["dead_ends"])
        self.year_cues = frozenset(nlp.vocab.strings.add(w) for w in lexicon.year_cues)
        # First characters that open a window although spaCy's like_num says no: "−3,5" (U+2212
        # minus) and figures glued to a scale and a currency ("5M€").
        self.figure_starts = frozenset(nlp.vocab.strings.add(ch) for ch in "−0123456789")
        self._texts = TextSets({
            "opens": self._opens,
            "dead_after": lambda lexeme: lexeme.lower in self.dead_after,
            "year_cue": lambda lexeme: lexeme.lower in self.year_cues,
        })

    def windows(self, doc: Doc, orths: list[int] | None = None) -> list[tuple[int, int]]:
        """Token ranges around the figures, number words and currency signs of `doc`, merged.

        Only these ranges go through the Matcher: a brief has few numbers, and
        matching every token against every pattern would cost more than the
        rest of the component together. `orths`: the Doc's ORTH column, if read.
        """
        if orths is None:
            orths = doc.to_array(ORTH).tolist() if len(doc) else []
        # Whether a token opens a window, is a dead end or a year cue depends on its text
        # only: each text is tested once, and a Doc is scanned with C-level set lookups.
        self._texts.update(orths, doc.vocab)
        dead_after, year_cues = self._texts.sets["dead_after"], self._texts.sets["year_cue"]
        out: list[tuple[int, int]] = []
        last = len(orths) - 1
        for i in self._texts.positions("opens", orths):
            if i < last and orths[i + 1] in dead_after:
                continue
            if i and orths[i - 1] in year_cues and _YEAR.match(doc[i].text):
                continue
            start, end = max(0, i - _BEFORE), min(len(doc), i + _AFTER)
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], end)
            else:
                out.append((start, end))
        return out

    def _opens(self, lexeme: Lexeme) -> bool:
        """Whether a token of this text opens a window (see `windows`)."""
        return bool(
            (lexeme.like_num and lexeme.lower not in self.closed)
            or lexeme.is_currency
            or lexeme.lower in self.opening
            or lexeme.prefix in self.figure_starts
        )

    def __call__(self, doc: Doc) -> Doc:
        orths, poses = doc.to_array([ORTH, POS]).T.tolist() if len(doc) else ([], [])
        matches = [
            Span(doc, start + s, start + e, label=key)
            for start, end in self.windows(doc, orths)
            for key, s, e in self._memo(doc, start, end, list(zip(orths[start:end], poses[start:end])))
        ]
        # A number inside a date is no quantity ("il y a deux ans", "d'ici cinq ans").
        in_dates = {i for d in doc.spans.get(DATES, []) for i in range(d.start, d.end)}
        matches = [s for s in matches if self.is_quantity(s) and in_dates.isdisjoint(range(s.start, s.end))]
        matches.sort(key=lambda s: (s.start, -len(s), _PRIORITY.get(s.label_, 9)))
        spans = self.join_groups(filter_spans(matches))
        firsts = self.range_firsts(doc, spans) if spans else []
        doc.spans[self.spans_key] = sorted(spans + firsts, key=lambda s: s.start) if firsts else spans
        return doc

    def join_groups(self, spans: list[Span]) -> list[Span]:
        """Join the groups of one amount written in scales: "quatre milliards" directly followed by
        "six cents millions de dollars" is one quantity (the normaliser adds the groups, largest
        scale first). The first group is a number and its scale word with nothing after it."""
        out: list[Span] = []
        for span in spans:
            last = out[-1] if out else None
            if (last is not None and last.end == span.start and last.label_ == "ELLIPSIS"
                    and (last[-1].lower_ in self.lexicon.scales or last[-1].text in self.lexicon.scales)
                    and _is_figure(span[0])):
                out[-1] = Span(span.doc, last.start, span.end, label=span.label_, kb_id=span.kb_id)
            else:
                out.append(span)
        return out

    def range_firsts(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """The first figure of each range ("de 5 à 7 %", "entre 300 et 350 MW", "de 18 à 19 millions
        de tonnes"): a span over the bare figure, with the label of the quantity after it and,
        in `kb_id`, the words it shares with it (scale and unit: "%", "millions de tonnes")."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        taken.update(i for s in doc.spans.get(DATES, []) for i in range(s.start, s.end))
        out = []
        for span in spans:
            i = span.start
            if i < 2 or not _is_figure(span[0]) or doc[i - 1].lower_ not in ("à", "et"):
                continue
            connector, end = doc[i - 1].lower_, i - 1
            start = end - 1
            # "1 050 000": groups of three (split by spaces or no-break spaces) after a 1-3 digit head
            while (start > 0 and start - 1 not in taken and (_GROUP.match(doc[start].text) or doc[start].text in _NBSP)
                   and (_FIGURE.match(doc[start - 1].text) or doc[start - 1].text in _NBSP)):
                start -= 1
            if start in taken or not _is_figure(doc[start]) or _YEAR.match(doc[start].text):
                continue
            opener = doc[start - 1].lower_ if start else ""
            # "de 18 à 19 millions", "entre 300 et 350 MW", and a range opening a clause
            # ("tandis que 45 à 50 milliards iront…", "soit 45 à 50 milliards").
            opens_clause = start > 0 and doc[start - 1].pos_ in ("SCONJ", "CCONJ", "PUNCT")
            if (connector == "et") != (opener == "entre") or (
                connector == "à" and opener not in ("de", "d'", "d’", "") and not opens_clause
            ):
                continue
            if not self.is_quantity(doc[start:end]):
                continue
            tail = next((k for k in range(i, span.end) if not (_is_figure(doc[k]) or _GROUP.match(doc[k].text)
                                                             or doc[k].is_space)), None)
            if tail is None:
                continue
            shared = span.text[doc[tail].idx - span.start_char :]
            out.append(Span(doc, start, end, label=span.label_, kb_id=QuantityHint(shared).encode()))
        return out

    def is_quantity(self, span: Span) -> bool:
        """Context checks on one match: not a name part, not a reference number, not a year.

        Rejects "C5+1", "787-9" (the number is glued to the word before it),
        "article 5 alinéas" (a blocker word before it), "5G" (a figure glued to
        letters that are no unit symbol), "en 2025 …" (a bare 19xx/20xx number
        after a year cue), figures that are no French thousands grouping ("2025 000"),
        a grouped figure split by more than one space, "neuf" the adjective, and a
        counted "adjective" that the parse does not make the head of the number.
        """
        doc, first = span.doc, span[0]
        before = doc[first.i - 1] if first.i > 0 else None
        if before is not None:
            glued = not before.whitespace_ and not before.is_space
            if glued and not before.is_punct and not before.text.endswith(("'", "’")):
                return False
            if not before.whitespace_ and before.text in "+-–/":
                return False
            if before.lower_ in self.lexicon.blockers or before.text in self.lexicon.blockers:
                return False
            if _YEAR.match(first.text) and before.lower_ in self.lexicon.year_cues:
                return False
        if span.label_ == "ELLIPSIS" and not any(t.lower_ in self.lexicon.scales or t.text in self.lexicon.scales
                                                    for t in span):
            if before is None or before.lower_ not in _ELLIPSIS_AFTER:
                return False
        last_word = span[-1].lower_
        if self.lexicon.units.get(last_word, ("",))[0] == "h" and before is not None and before.lower_ in self.lexicon.clock_cues:
            return False  # "à 10 heures" is a time of day
        if self.lexicon.units.get(last_word, ("",))[0] == "an" and _is_age(span, before):
            return False
        if first.lower_ == "neuf" and first.pos_ == "ADJ" and not (
            first.i + 1 < len(doc) and "Plur" in doc[first.i + 1].morph.get("Number")
        ):  # "un bâtiment neuf": new, not nine; "neuf avions" is nine
            return False
        if not _grouping_ok(span) or not _counts_its_noun(span):
            return False
        for tok in span[:-1]:
            if tok.is_space and len(tok.text) != 1:
                return False
            if tok.text == "-" and tok.i > span.start and (tok.whitespace_ or doc[tok.i - 1].whitespace_):
                return False  # "long-courriers" split by the tokenizer is one word; "long - courriers" is not
            after = doc[tok.i + 1]
            # A figure glued to letters is a unit symbol ("10km") or a name ("5G", "4K"): the symbol must be known.
            if tok.like_num and not tok.whitespace_ and after.is_alpha and after.text not in self.glued_units:
                return False
        return True


@Language.factory(
    "briefs_quantities",
    default_config={"patterns": None, "lexicons": None, "spans_key": QUANTITIES},
    assigns=["doc.spans"],
)
def make_quantities(
    nlp: Language, name: str, patterns: str | None, lexicons: str | None, spans_key: str
) -> QuantityFinder:
    """Build the quantity finder from the grammar file and the lexicon folder named in pipeline.cfg
    (a setting left empty takes the value `pipeline.cfg` gives it: `resources.component_setting`)."""
    patterns = patterns or component_setting("briefs_quantities", "patterns")
    lexicons = lexicons or component_setting("briefs_quantities", "lexicons")
    lexicon = QuantityLexicon.from_folder(Path(lexicons))
    lines = list(srsly.read_jsonl(Path(patterns)))
    expanded = expand_patterns(lines, lexicon.word_sets(), GRAMMAR_REGEXES)
    return QuantityFinder(nlp, expanded, lexicon, spans_key)


def _grouping_ok(span: Span) -> bool:
    """Figures grouped as French writes thousands: "120 000", never "2025 000", "1,5 000" or a lone "000"."""
    figures = [t for t in span if not t.is_space and t.text[-1:].isdigit()]
    if figures and figures[0].text[:1] == "0" and figures[0].text[1:2].isdigit():
        return False  # "000 touristes" is the tail of a grouped figure, never a number of its own
    for previous, tok in zip(figures, figures[1:]):
        # Only a 1-3 digit figure takes groups of three: "120 000", never "2025 000" or "1,5 000".
        if _GROUP.match(tok.text) and not (_GROUP_HEAD.match(previous.text) or _GROUP.match(previous.text)):
            return False
        if _GROUP.match(tok.text) and "," in previous.text:
            return False
    return True


def _counts_its_noun(span: Span) -> bool:
    """A COUNT's number counts its noun (or adjective) by the parse, not a word next to it by chance."""
    first = span[0]
    last = span[-1]
    if span.label_ == "COUNT" and last.pos_ == "NOUN" and first.like_num:
        # The number must count the noun: in "magnitude 5,8 frappe la région" it belongs to
        # "séisme" and "frappe" is the headline's verb the tagger took for a noun.
        number = next((t for t in reversed(span[:-1]) if not t.is_space and t.pos_ != "ADJ"), None)
        if number is not None and number.head.i != last.i and last.head.i != number.i and last.dep_ in ("punct", "ROOT"):
            return False
    if span.label_ == "COUNT" and last.pos_ == "ADJ":
        # An adjective counts as the noun only where the parse says so: "trois centrales solaires"
        # (head of the number, object of the verb), not "quatre nouvelles" before a mis-tagged noun.
        number = next(t for t in reversed(span[:-1]) if not t.is_space)
        if number.head != last or last.dep_ == "amod":
            return False
    return True
