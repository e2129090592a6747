"""`briefs.quantities`: find quantity expressions with the project's token grammar.

The grammar is `models/patterns/quantities.jsonl`: `define` lines name token
sequences that other lines reuse (NUMBER, SCALED…), pattern lines give a label
(MONEY, PERCENT, MEASURE, COUNT) and a token pattern. `"@name"` inside a pattern
stands for a word list of the lexicons (units, currencies, scales…) or, inside a
REGEX, for the number-word regex, so each word is written once, in the lexicons.
After matching, a few context checks over the matches (never over all tokens)
drop numbers that are references, parts of names or years.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..normalize.quantities import NUMBER_WORD_REGEX, QuantityLexicon
from . import QUANTITIES

_YEAR = re.compile(r"^(?:19|20)\d\d$")
# Labels that win a tie between two matches of the same tokens: a unit beats a counted noun.
_PRIORITY = {"MONEY": 0, "PERCENT": 1, "MEASURE": 2, "COUNT": 3}


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

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher(doc, as_spans=True)
        matches.sort(key=lambda s: (s.start, -len(s), _PRIORITY.get(s.label_, 9)))
        kept = [s for s in filter_spans(matches) if self.is_quantity(s)]
        doc.spans[self.spans_key] = kept
        return doc

    def is_quantity(self, span: Span) -> bool:
        """Context checks on one match: not a name part, not a reference number, not a year.

        Rejects "C5+1", "787-9" (the number is glued to the word before it),
        "article 5 alinéas" (a blocker word before it), and "en 2025 …" (a bare
        19xx/20xx number after a year cue); also a grouped figure whose groups are
        split by more than one no-break space.
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
        return not any(tok.is_space and len(tok.text) != 1 for tok in span)


@Language.factory(
    "briefs_quantities",
    default_config={"patterns": None, "lexicons": None, "spans_key": QUANTITIES},
    assigns=["doc.spans"],
)
def make_quantities(nlp: Language, name: str, patterns: str, lexicons: str, spans_key: str) -> QuantityFinder:
    """Build the quantity finder from the grammar file and the lexicon folder named in pipeline.cfg."""
    lexicon = QuantityLexicon.from_folder(Path(lexicons))
    lines = list(srsly.read_jsonl(Path(patterns)))
    expanded = expand_patterns(lines, lexicon.word_sets(), {"number_word": NUMBER_WORD_REGEX})
    return QuantityFinder(nlp, expanded, lexicon, spans_key)
