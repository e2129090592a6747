"""Cheap grammar matching for the date and quantity components.

- `MemoMatcher`: Matcher calls on short windows, remembered by what the grammar can see
  of their tokens;
- `TextSets`: the token texts that have a lexical property (a date word, a figure…),
  filled as texts are met, so that a Doc's candidates are found with C-level set lookups
  over its ORTH column instead of a Python loop per token;
- `filter_ranges`: spaCy's `filter_spans` on plain (start, end, …) tuples, so that only
  the spans kept are built (a Span costs three Token objects).

The date and quantity components run a spaCy Matcher over a few short windows of each
Doc ("d'ici 2030", "120 000 tonnes de blé"), and the Matcher costs tens of microseconds
per token. Yet what the Matcher sees of a token is only which token specs of the grammar
it passes (`{"LOWER": {"IN": [...]}}`, `{"TEXT": {"REGEX": ...}}`, `{"POS": "NOUN"}`…):
two windows whose tokens pass the same specs, position by position, get the same matches,
in the same order, with the same alignments ("en 2025" and "en 2031" are one case). So a
`MemoMatcher` sorts each token into the class of tokens passing the same specs (tested
once per distinct token text and POS) and calls the real Matcher only for a sequence of
classes it has not met before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from itertools import compress, count
from operator import attrgetter
from typing import TypeVar

from spacy.lexeme import Lexeme
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

R = TypeVar("R", bound=Sequence)
# Pattern keys a spec may use, and the Token attribute each reads: all but POS are lexical
# (functions of the token's text), POS is part of a token's key `with_pos`.
_STRING_KEYS = {"ORTH": "text", "TEXT": "text", "LOWER": "lower_", "SHAPE": "shape_", "POS": "pos_"}
_FLAG_KEYS = {
    name: name.lower()
    for name in ("IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_SPACE", "IS_DIGIT", "IS_ALPHA", "IS_PUNCT", "LIKE_NUM")
}
# Past this many remembered windows (or token keys) the memory starts afresh: it stays small.
_MAX_ENTRIES = 50_000


def _condition(key: str, value) -> list[tuple[str, Callable[[object], bool]]]:
    """(Token attribute, test) pairs for one key of a token spec, as the Matcher understands
    it: a value to equal, or a dict of IN / NOT_IN / REGEX (re.search) predicates, all to hold."""
    if key in _FLAG_KEYS and isinstance(value, bool):
        return [(_FLAG_KEYS[key], lambda v, want=value: bool(v) == want)]
    if key not in _STRING_KEYS:
        raise ValueError(f"MemoMatcher cannot test pattern key {key!r} = {value!r}")
    read = _STRING_KEYS[key]
    if isinstance(value, str):
        return [(read, lambda v, want=value: v == want)]
    tests = []
    for op, arg in value.items() if isinstance(value, dict) else [(None, value)]:
        if op == "IN" and isinstance(arg, list):
            tests.append((read, frozenset(arg).__contains__))
        elif op == "NOT_IN" and isinstance(arg, list):
            tests.append((read, lambda v, words=frozenset(arg): v not in words))
        elif op == "REGEX" and isinstance(arg, str) and key != "POS":
            tests.append((read, lambda v, regex=re.compile(arg): regex.search(v) is not None))
        else:
            raise ValueError(f"MemoMatcher cannot test pattern key {key!r} = {value!r}")
    return tests


class MemoMatcher:
    """`matcher` over `doc[start:end]`, remembered by the token classes of the window.

    `patterns` are the token patterns added to `matcher`; their specs (without `OP`)
    define the classes. A token's key is its ORTH hash, or (ORTH, POS) `with_pos`: the
    specs read nothing else of a token (its lexical attributes follow from its text).
    A spec the class test cannot read (a key or predicate outside `_STRING_KEYS`,
    `_FLAG_KEYS`, IN, NOT_IN, REGEX) is an error, never a wrong guess.

    Like the Language it serves, a MemoMatcher is used by one thread at a time.

    With `split`, a window is matched as its runs of tokens that pass at least one spec:
    no match can hold another token, so the matches are the same, but the runs are
    shorter and repeat more. The order of the matches then differs from one Matcher call
    over the window (run by run), so `split` is only for callers that sort them.
    """

    def __init__(
        self,
        matcher: Matcher,
        patterns: Iterable[list[dict]],
        with_pos: bool = False,
        with_alignments: bool = False,
        split: bool = False,
    ):
        if split and with_alignments:
            raise ValueError("MemoMatcher: split gives no alignments")
        self.matcher = matcher
        self.with_alignments = with_alignments
        self.split = split
        specs: dict[str, dict] = {}
        for pattern in patterns:
            for token in pattern:
                spec = {key: value for key, value in token.items() if key != "OP"}
                if not spec:
                    raise ValueError("MemoMatcher: a pattern token without a spec matches any token")
                specs.setdefault(json.dumps(spec, sort_keys=True, ensure_ascii=False), spec)
        self.specs = list(specs.values())
        conditions = [[c for key, value in spec.items() for c in _condition(key, value)] for spec in self.specs]
        # `passed` reads each attribute the specs test once per token, in one attrgetter call.
        attributes = sorted({attribute for spec in conditions for attribute, _ in spec})
        self._read = attrgetter(*attributes, "text")  # "text" again: the result is always a tuple
        self._tests = [[(attributes.index(attribute), test) for attribute, test in spec] for spec in conditions]
        if not with_pos and any("POS" in spec for spec in self.specs):
            raise ValueError("MemoMatcher: the grammar reads POS, the token keys must hold it")
        self._class_of: dict[Hashable, int] = {}  # token key -> class id
        self._class_ids: dict[frozenset, int] = {frozenset(): 0}  # specs a token passes -> class id
        self._windows: dict[tuple[int, ...], list] = {}  # class sequence -> Matcher output

    def passed(self, token: Token) -> frozenset[int]:
        """Indices (in `specs`) of the specs `token` passes."""
        values = self._read(token)
        return frozenset(i for i, tests in enumerate(self._tests) if all(test(values[k]) for k, test in tests))

    def __call__(self, doc: Doc, start: int, end: int, keys: Sequence[Hashable]) -> list:
        """`matcher(doc[start:end], with_alignments=...)`: (match_id, start, end[, alignments])
        tuples, offsets relative to `start`. `keys`: the key of each token of the window.
        The returned list may be shared: do not change it."""
        class_of = self._class_of
        classes = tuple(map(class_of.get, keys))
        if None in classes:
            if len(class_of) >= _MAX_ENTRIES:
                class_of.clear()
            found = []
            for i, (key, known) in enumerate(zip(keys, classes), start):
                if known is None:
                    known = class_of[key] = self._class_ids.setdefault(self.passed(doc[i]), len(self._class_ids))
                found.append(known)
            classes = tuple(found)
        if not self.split:
            return self._match(doc, classes, start)
        out = []
        i, n = 0, len(classes)
        while i < n:
            if not classes[i]:
                i += 1
                continue
            j = i + 1
            while j < n and classes[j]:
                j += 1
            out += [(key, i + s, i + e) for key, s, e in self._match(doc, classes[i:j], start + i)]
            i = j
        return out

    def _match(self, doc: Doc, classes: tuple[int, ...], start: int) -> list:
        memo = self._windows.get(classes)
        if memo is None:
            if len(self._windows) >= _MAX_ENTRIES:
                self._windows.clear()
            memo = self.matcher(doc[start : start + len(classes)], with_alignments=self.with_alignments)
            self._windows[classes] = memo
        return memo


class TextSets:
    """For each named lexical test, the set of token texts (ORTH hashes) met so far that pass it.

    A token's lexical attributes (lower case, shape, prefix, like_num…) are those of its
    text, so each distinct text is tested once (`update`), and `positions` is a C-level
    scan of a Doc's ORTH column.
    """

    def __init__(self, tests: dict[str, Callable[[Lexeme], bool]]):
        self.tests = tests
        self.sets: dict[str, set[int]] = {name: set() for name in tests}
        self._seen: set[int] = set()

    def update(self, orths: list[int], vocab: Vocab) -> None:
        """Test the texts of `orths` not met before."""
        if self._seen.issuperset(orths):
            return
        new = set(orths).difference(self._seen)
        if len(self._seen) >= _MAX_ENTRIES:
            self._seen.clear()
            for found in self.sets.values():
                found.clear()
            new = set(orths)
        for orth in new:
            lexeme = vocab[orth]
            for name, test in self.tests.items():
                if test(lexeme):
                    self.sets[name].add(orth)
        self._seen |= new

    def positions(self, name: str, orths: list[int]) -> Iterator[int]:
        """Indices, ascending, of the `orths` (already `update`d) that pass test `name`."""
        return compress(count(), map(self.sets[name].__contains__, orths))


def filter_ranges(ranges: Iterable[R]) -> list[R]:
    """`spacy.util.filter_spans` on tuples whose first two items are a token start and end:
    the longest (then first) of overlapping ranges, sorted by start.

    >>> filter_ranges([(0, 2, "A"), (1, 4, "B"), (4, 5, "C"), (1, 4, "D")])
    [(1, 4, 'B'), (4, 5, 'C')]
    """
    ordered = sorted(ranges, key=lambda r: (r[1] - r[0], -r[0]), reverse=True)
    result = []
    seen: set[int] = set()
    for r in ordered:
        if r[0] not in seen and r[1] - 1 not in seen:
            result.append(r)
            seen.update(range(r[0], r[1]))
    return sorted(result, key=lambda r: r[0])
