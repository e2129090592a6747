"""What the event rules need to know about one brief, computed once per brief.

A `BriefContext` reads the Doc's parse once into plain lists (heads,
dependencies, tags, lemmas; spaCy builds a new Token object on every
`doc[i]`, `token.head` or `token.children`, and the rules walk the tree many
times), indexes it against the brief's mentions (which tokens are inside which
ORG/LOC/PER, DATE, QUANTITY mention or demonym), splits it into headline and
lede sentences, and counts the countries the brief talks about. Everything
else in the package reads it; tokens are their indices in the Doc.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, MORPH, POS, SENT_START
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from ..components import DEMONYMS
from ..records import Brief, Mention

NAME_KINDS = ("ORG", "LOC", "PER")
COUNTRY = "country"
# Words that open a hypothetical or rhetorical sentence: its places and cues are not facts.
HYPOTHETICAL_OPENERS = ("et si", "si ", "imaginez", "faut-il")
# Small-integer attributes first (read as signed: a head is an offset), then string hashes.
SMALL_ATTRS = (HEAD, POS, IDX, LENGTH, SENT_START, IS_PUNCT, IS_SPACE)
HASH_ATTRS = (DEP, LEMMA, LOWER, MORPH)
# Bound of each hash → string cache: words keep coming over a long run, labels do not.
MAX_CACHED = 100_000


class _Strings(dict):
    """Hash → string (optionally transformed), read from the StringStore on a miss.

    A dict read costs a fraction of a StringStore look-up, and a hash names the
    same string in every StringStore, so one cache serves every Doc.
    """

    def __init__(self, transform=None):
        super().__init__()
        self.store = None
        self.transform = transform

    def __missing__(self, key: int):
        value = self.store[key]
        if self.transform is not None:
            value = self.transform(value)
        self[key] = value
        return value

    def use(self, store) -> "_Strings":
        if len(self) > MAX_CACHED:
            self.clear()
        self.store = store
        return self


def _features(feats: str) -> dict[str, list[str]]:
    """"Mood=Cnd|VerbForm=Fin" → {"Mood": ["Cnd"], "VerbForm": ["Fin"]}, as `MorphAnalysis.get` reads them."""
    out: dict[str, list[str]] = {}
    for feat in feats.split("|") if feats else ():
        name, _, values = feat.partition("=")
        out[name] = values.split(",")
    return out


_DEPS, _LEMMAS, _LOWERS, _MORPHS = _Strings(), _Strings(str.lower), _Strings(), _Strings(_features)
_RAW_LEMMAS = _Strings()
NO_FEATURES: list[str] = []


@dataclass(frozen=True, slots=True)
class Extent:
    """The tokens start..end of a mention, and its root (the token `Span.root` names)."""

    start: int
    end: int
    root: int


@dataclass(frozen=True, slots=True)
class Demonym:
    """A demonym in the text ("kazakhstanaises") with the ISO2 country it names."""

    start: int  # token index
    end: int
    country: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the brief: its tokens, whether it is the headline, and whether it states a fact."""

    index: int
    start: int  # token index
    end: int
    in_headline: bool
    factual: bool


@dataclass
class BriefContext:
    """The parse as lists, and token-level indexes of a brief's mentions, sentences and countries."""

    doc: Doc
    brief: Brief
    mentions: list[Mention]
    text: str = ""  # the Doc's text, read once (`Doc.text` joins every token each time)
    # The parse, one entry per token: absolute head index, dependency, coarse tag, lower-cased
    # lemma, lower form, first character, length, punctuation/space flags, children in order.
    head: list[int] = field(default_factory=list)
    dep: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    lemma: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)
    idx: list[int] = field(default_factory=list)
    length: list[int] = field(default_factory=list)
    is_punct: list[int] = field(default_factory=list)
    is_space: list[int] = field(default_factory=list)
    lemma_keys: list[int] = field(default_factory=list)  # string hashes of the lemmas and lower forms, as spaCy stores them
    lower_keys: list[int] = field(default_factory=list)
    morph_keys: list[int] = field(default_factory=list)
    children: list[list[int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    sentence_of: list[int] = field(default_factory=list)
    names: dict[int, list[Mention]] = field(default_factory=dict)
    dates: list[tuple[Mention, Extent]] = field(default_factory=list)
    quantities: list[tuple[Mention, Extent]] = field(default_factory=list)
    places: list[tuple[Mention, Extent]] = field(default_factory=list)
    demonyms: list[Demonym] = field(default_factory=list)
    demonym_tokens: set[int] = field(default_factory=set)
    country_names: dict[str, str] = field(default_factory=dict)
    country_counts: Counter = field(default_factory=Counter)
    subjects: list[int] = field(default_factory=list)  # indices of `nsubj` tokens, in reading order
    claimed: dict[int, int] = field(default_factory=dict)  # sentence index → head of the event told there
    claimed_clauses: dict[int, set[int]] = field(default_factory=dict)  # event head → its clause's tokens
    _edges: dict[int, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, brief: Brief, mentions: list[Mention]) -> "BriefContext":
        """Index one annotated brief.

        >>> ctx = BriefContext.build(doc, brief, mentions)  # doctest: +SKIP
        >>> ctx.sentences[0].in_headline  # doctest: +SKIP
        True
        """
        ctx = cls(doc=doc, brief=brief, mentions=mentions, text=brief.full_text)
        n = len(doc)
        sent_starts = ctx._read_parse(doc) if n else []
        lede_offset = brief.lede_offset
        ctx.sentence_of = [0] * n
        starts = [i for i, flag in enumerate(sent_starts) if flag == 1 or i == 0]
        for index, (a, b) in enumerate(zip(starts, starts[1:] + [n])):
            start_char = ctx.idx[a]
            text = ctx.text[start_char:ctx.end_char(b - 1)].strip()
            in_headline = brief.headline is not None and start_char < lede_offset
            # A headline may ask what the lede answers ("pourquoi SCAT choisit…?"); a lede question does not report.
            hypothetical = text.lower().startswith(HYPOTHETICAL_OPENERS)
            factual = not hypothetical and (in_headline or not text.endswith("?"))
            ctx.sentences.append(Sentence(index, a, b, in_headline, factual))
            ctx.sentence_of[a:b] = [index] * (b - a)
        for mention in mentions:
            tokens = ctx.char_tokens(mention.start, mention.end)
            if tokens is None:
                continue
            start, end = tokens
            if mention.kind in NAME_KINDS:
                for i in range(start, end):
                    ctx.names.setdefault(i, []).append(mention)
                if mention.kind == "LOC":
                    ctx.places.append((mention, ctx.extent(start, end)))
                    if mention.place_kind == COUNTRY and mention.country:
                        ctx.country_names.setdefault(mention.country, mention.normalized or mention.text)
            elif mention.kind == "DATE" and mention.normalized:
                ctx.dates.append((mention, ctx.extent(start, end)))
            elif mention.kind == "QUANTITY" and mention.value is not None:
                ctx.quantities.append((mention, ctx.extent(start, end)))
        for span in doc.spans.get(DEMONYMS, []):
            if span.id_:
                ctx.demonyms.append(Demonym(span.start, span.end, span.id_))
                ctx.demonym_tokens.update(range(span.start, span.end))
        ctx.subjects = [i for i, dep in enumerate(ctx.dep) if dep == "nsubj"]
        ctx.country_counts = ctx._count_countries()
        return ctx

    def _read_parse(self, doc: Doc) -> list[int]:
        """Read the parse in two array reads (signed offsets and flags; string hashes); return SENT_START per token."""
        heads, pos, self.idx, self.length, sent_starts, self.is_punct, self.is_space = (
            doc.to_array(SMALL_ATTRS).astype("int64").T.tolist()
        )
        deps, self.lemma_keys, self.lower_keys, self.morph_keys = doc.to_array(HASH_ATTRS).T.tolist()
        strings = doc.vocab.strings
        names, words, lemma_of = _DEPS.use(strings), _LOWERS.use(strings), _LEMMAS.use(strings)
        _MORPHS.use(strings)
        _RAW_LEMMAS.use(strings)
        self.head = [i + offset for i, offset in enumerate(heads)]
        self.dep = [names[h] for h in deps]
        self.pos = [POS_NAMES[p] for p in pos]
        self.lemma = [lemma_of[h] for h in self.lemma_keys]
        self.lower = [words[h] for h in self.lower_keys]
        children: list[list[int]] = [[] for _ in heads]
        for i, h in enumerate(self.head):
            if h != i:
                children[h].append(i)
        self.children = children
        return sent_starts

    # Token-level reads, as spaCy's Token gives them.

    def end_char(self, i: int) -> int:
        """The character offset just after token i."""
        return self.idx[i] + self.length[i]

    def token_text(self, i: int) -> str:
        return self.text[self.idx[i]:self.idx[i] + self.length[i]]

    def text_of(self, start: int, end: int) -> str:
        """The text of tokens start..end, as `doc[start:end].text`."""
        return self.text[self.idx[start]:self.end_char(end - 1)] if end > start else ""

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens start..end, stripped, cut from the brief's text (e.g. a sentence as evidence)."""
        return self.text_of(start, end).strip()

    def raw_lemma(self, i: int) -> str:
        """Token i's lemma as the lemmatizer wrote it (`token.lemma_`)."""
        return _RAW_LEMMAS[self.lemma_keys[i]]

    def morph(self, i: int, feature: str) -> list[str]:
        """The values of one morphological feature of token i, as `token.morph.get(feature)`."""
        return _MORPHS[self.morph_keys[i]].get(feature, NO_FEATURES)

    def _edge(self, i: int) -> tuple[int, int]:
        """First and last token of i's subtree (`left_edge`, `right_edge`), found once per token."""
        edges, children = self._edges, self.children
        found = edges.get(i)
        if found is not None:
            return found
        stack = [i]  # a loop, not recursion: a long chain in a malformed parse must not overflow
        while stack:
            t = stack[-1]
            pending = [c for c in children[t] if c not in edges]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            left = right = t
            for c in children[t]:
                a, b = edges[c]
                if a < left:
                    left = a
                if b > right:
                    right = b
            edges[t] = (left, right)
        return edges[i]

    def left_edge(self, i: int) -> int:
        return self._edge(i)[0]

    def right_edge(self, i: int) -> int:
        return self._edge(i)[1]

    def subtree(self, i: int) -> list[int]:
        """Token i and its descendants, in the order of `token.subtree` (left children's subtrees, i, right ones)."""
        children = self.children
        if not children[i]:
            return [i]
        out: list[int] = []
        stack: list[tuple[int, bool]] = [(i, False)]
        while stack:
            t, ready = stack.pop()
            if ready:
                out.append(t)
                continue
            kids = children[t]
            for c in reversed(kids):
                if c < t:
                    break
                stack.append((c, False))
            stack.append((t, True))
            for c in reversed(kids):
                if c < t:
                    stack.append((c, False))
        return out

    def descendants(self, i: int, without: list[int] = ()) -> set[int]:
        """Token i and its descendants, leaving out the subtrees of `without` (its children), as a set."""
        children = self.children
        out = [i]
        for t in out:  # grows while read: a breadth-first walk without recursion
            kids = children[t]
            if kids:
                out.extend(kids if t != i or not without else [c for c in kids if c not in without])
        return set(out)

    def is_ancestor(self, ancestor: int, i: int) -> bool:
        """Whether `ancestor` is above token i in the tree (`Token.is_ancestor`)."""
        head = self.head
        for _ in range(len(head)):
            if head[i] == i:
                return False
            i = head[i]
            if i == ancestor:
                return True
        return False

    def span_root(self, start: int, end: int) -> int:
        """The token of start..end nearest the sentence root (`Span.root`)."""
        head = self.head
        for i in range(start, end):
            if head[i] == i:
                return i
        best, root = len(head), -1
        for i in range(start, end):
            if start <= head[i] < end:
                continue
            if (self.is_space[i] or self.is_punct[i]) and not self.children[i]:
                steps = len(head) - 1  # spaCy's rule: a bare space or punctuation is a root of last resort
            else:
                steps, t = 0, i
                while head[t] != t:
                    t, steps = head[t], steps + 1
            if steps < best:
                best, root = steps, i
        return start if root == -1 else root

    def extent(self, start: int, end: int) -> Extent:
        return Extent(start, end, self.span_root(start, end))

    def char_tokens(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """The tokens a character range touches, as `doc.char_span(…, alignment_mode="expand")`; None if none."""
        start = self._token_at(start_char)
        if start < 0:
            return None
        end = self._token_at(end_char - 1)
        if end < 0:
            return None
        if start_char == self.end_char(start):
            start += 1  # the range starts in the whitespace after a token
        end += 1
        if not 0 <= start <= end:
            raise IndexError(f"[E035] Error creating span with start {start} and end {end}")
        return (start, end) if end > start else None

    def _token_at(self, char: int) -> int:
        """The token whose text or trailing whitespace holds character `char`, or -1."""
        i = bisect_right(self.idx, char) - 1
        if i < 0:
            return -1
        following = self.idx[i + 1] if i + 1 < len(self.idx) else len(self.text)
        return i if char < following else -1

    # Brief-level reads.

    def _count_countries(self) -> Counter:
        """How often each country is named (a headline mention counts twice, a city's country half)."""
        counts: Counter = Counter()
        for mention, extent in self.places:
            if not mention.country:
                continue
            weight = 2.0 if self.in_headline(extent.start) else 1.0
            counts[mention.country] += weight if mention.place_kind == COUNTRY else weight / 2
        for demonym in self.demonyms:
            counts[demonym.country] += 2.0 if self.in_headline(demonym.start) else 1.0
        return counts

    def in_headline(self, i: int) -> bool:
        """Whether token i is in the headline (a brief without headline has none)."""
        return self.sentences[self.sentence_of[i]].in_headline

    def sentence(self, i: int) -> Sentence:
        """The sentence token i belongs to."""
        return self.sentences[self.sentence_of[i]]

    def main_country(self) -> str | None:
        """The country the brief talks about most (first named wins a tie), or None."""
        if not self.country_counts:
            return None
        best = max(self.country_counts.values())
        return next(c for c, n in self.country_counts.items() if n == best)

    def name_at(self, i: int) -> Mention | None:
        """The ORG/PER/LOC mention covering token i, ORG first (a name inside a name is the outer one)."""
        found = self.names.get(i)
        if not found:
            return None
        return min(found, key=lambda m: (NAME_KINDS.index(m.kind), m.start - m.end))

    def demonym_in_tokens(self, indices: set[int]) -> str | None:
        """ISO2 of the first demonym whose first token is one of `indices`, or None."""
        return next((d.country for d in self.demonyms if d.start in indices), None)
