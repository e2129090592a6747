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

from array import array
from bisect import bisect_right
from dataclasses import dataclass
from operator import add

from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from ..normalize.quantities import is_duration
from ..spans import DEMONYMS
from ..records import Brief, Mention
from .parse import DEPS, LEMMAS, LOWERS, MORPHS, NO_FEATURES, PARSE_ATTRS, RAW_LEMMAS, LazyColumn, positions

NAME_KINDS = ("ORG", "LOC", "PER")
COUNTRY = "country"
# Words that open a hypothetical or rhetorical sentence: its places and cues are not facts.
HYPOTHETICAL_OPENERS = ("et si", "si ", "imaginez", "faut-il")


@dataclass(slots=True)
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


@dataclass(slots=True)
class Sentence:
    """One sentence of the brief: its tokens, whether it is the headline, and whether it states a fact."""

    index: int
    start: int  # token index
    end: int
    in_headline: bool
    factual: bool




class BriefContext:
    """The parse as lists, and token-level indexes of a brief's mentions, sentences and countries.

    The parse, one entry per token (index i of the Doc): `head` (absolute index),
    `dep`, `pos`, `idx` (first character), `children` (in order), and, read on
    first use, `lemma` (lower-cased) and `lower`; `lemma_keys` and `lower_keys`
    are their signed string hashes.
    """

    __slots__ = (
        "doc", "brief", "mentions", "text", "head", "dep", "pos", "idx", "lemma", "lower", "lemma_keys",
        "lower_keys", "morph_keys", "children", "sentences", "sentence_of", "names", "dates", "unresolved_dates", "quantities",
        "places", "demonyms", "demonym_tokens", "country_names", "country_counts", "subjects", "claimed",
        "claimed_clauses", "date_tokens",
    )

    def __init__(self, doc: Doc, brief: Brief, mentions: list[Mention]):
        self.doc, self.brief, self.mentions = doc, brief, mentions
        self.text = brief.full_text  # the Doc's text, read once (`Doc.text` joins every token each time)
        self.names: dict[int, list[Mention]] = {}
        self.dates: list[tuple[Mention, Extent]] = []
        self.unresolved_dates: list[Extent] = []  # "mardi" with no reference date: said, but no value
        self.quantities: list[tuple[Mention, Extent]] = []
        self.places: list[tuple[Mention, Extent]] = []
        self.demonyms: list[Demonym] = []
        self.demonym_tokens: set[int] = set()
        self.date_tokens: set[int] = set()
        self.country_names: dict[str, str] = {}
        self.claimed: dict[int, int] = {}  # sentence index → head of the event told there
        self.claimed_clauses: dict[int, set[int]] = {}  # event head → its clause's tokens

    @classmethod
    def build(cls, doc: Doc, brief: Brief, mentions: list[Mention]) -> "BriefContext":
        """Index one annotated brief.

        >>> ctx = BriefContext.build(doc, brief, mentions)  # doctest: +SKIP
        >>> ctx.sentences[0].in_headline  # doctest: +SKIP
        True
        """
        ctx = cls(doc, brief, mentions)
        sent_starts = ctx._read_parse(doc)
        ctx._index_sentences(sent_starts)
        ctx._index_mentions(mentions)
        ctx._index_demonyms(doc)
        ctx.subjects = positions(ctx.dep, "nsubj")  # `nsubj` tokens, in reading order
        ctx.country_counts = ctx._count_countries()
        return ctx

    def _index_sentences(self, sent_starts: array) -> None:
        """The brief's sentences, whether each is in the headline and states facts, and each token's sentence."""
        n = len(self.doc)
        text, idx, brief = self.text, self.idx, self.brief
        in_brief = brief.headline is not None
        lede_offset = brief.lede_offset
        self.sentences = sentences = []
        self.sentence_of = sentence_of = [0] * n
        starts = positions(sent_starts, 1)
        if n and (not starts or starts[0] != 0):
            starts.insert(0, 0)
        for index, (a, b) in enumerate(zip(starts, starts[1:] + [n])):
            start_char = idx[a]
            # Up to the next sentence: the stripped text is the same without reading the last token's length.
            said = text[start_char:idx[b] if b < n else len(text)].strip()
            in_headline = in_brief and start_char < lede_offset
            # A headline may ask what the lede answers ("pourquoi SCAT choisit…?"); a lede question does not report.
            hypothetical = said.lower().startswith(HYPOTHETICAL_OPENERS)
            factual = not hypothetical and (in_headline or not said.endswith("?"))
            sentences.append(Sentence(index, a, b, in_headline, factual))
            if index:
                sentence_of[a:b] = [index] * (b - a)

    def _index_mentions(self, mentions: list[Mention]) -> None:
        """Names by token; places, dates and quantities with their token extents."""
        names = self.names
        for mention in mentions:
            tokens = self.char_tokens(mention.start_char, mention.end_char)
            if tokens is None:
                continue
            start, end = tokens
            kind = mention.kind
            if kind in NAME_KINDS:
                for i in range(start, end):
                    if i in names:
                        names[i].append(mention)
                    else:
                        names[i] = [mention]
                if kind == "LOC":
                    self.places.append((mention, self.extent(start, end)))
                    if mention.place_kind == COUNTRY and mention.country:
                        self.country_names.setdefault(mention.country, mention.normalized or mention.text)
            elif kind == "DATE" and mention.normalized:
                self.dates.append((mention, self.extent(start, end)))
                self.date_tokens.update(range(start, end))
            elif kind == "DATE":
                self.unresolved_dates.append(self.extent(start, end))
            elif kind == "QUANTITY" and mention.value is not None and not is_duration(mention.unit):
                # A duration ("signé pour 25 ans") is a quantity but never sizes the event (GUIDELINES).
                self.quantities.append((mention, self.extent(start, end)))

    def _index_demonyms(self, doc: Doc) -> None:
        """Demonyms the entity rules marked, with the country they name."""
        group = doc.spans.get(DEMONYMS)
        if group:
            for span in group:
                if span.id_:
                    self.demonyms.append(Demonym(span.start, span.end, span.id_))
                    self.demonym_tokens.update(range(span.start, span.end))

    def _read_parse(self, doc: Doc) -> array:
        """Read the parse in one array read instead of a Token per word; return SENT_START per token."""
        strings = doc.vocab.strings
        # The array's bytes as signed 64-bit values, one column per attribute: an `array` makes
        # a Python int only for the values read (most hashes never are), where `tolist` makes all.
        values = array("q", doc.to_array(PARSE_ATTRS).tobytes()) if len(doc) else array("q")
        width = len(PARSE_ATTRS)
        heads, sent_starts, pos, idx, deps, lemmas, lowers, morphs = (values[k::width] for k in range(width))
        self.idx = idx.tolist()
        self.lemma_keys, self.lower_keys, self.morph_keys = lemmas, lowers, morphs
        self.head = head = list(map(add, range(len(heads)), heads))
        self.dep = DEPS.column(deps, strings)
        self.pos = list(map(POS_NAMES.__getitem__, pos))
        self.lemma = LazyColumn(lemmas, LEMMAS, strings)
        self.lower = LazyColumn(lowers, LOWERS, strings)
        children: list = [()] * len(head)  # a leaf shares the empty tuple
        for i, h in enumerate(head):
            if h != i:
                kids = children[h]
                if kids:
                    kids.append(i)
                else:
                    children[h] = [i]
        self.children = children
        return sent_starts

    # Token-level reads, as spaCy's Token gives them.

    def end_char(self, i: int) -> int:
        """The character offset just after token i."""
        return self.idx[i] + len(self.doc[i])

    def token_text(self, i: int) -> str:
        return self.text[self.idx[i]:self.end_char(i)]

    def is_punct(self, i: int) -> bool:
        return self.doc[i].is_punct

    def is_punct_or_space(self, i: int) -> bool:
        token = self.doc[i]
        return token.is_punct or token.is_space

    def text_of(self, start: int, end: int) -> str:
        """The text of tokens start..end, as `doc[start:end].text`."""
        return self.text[self.idx[start]:self.end_char(end - 1)] if end > start else ""

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens start..end, stripped, cut from the brief's text (e.g. a sentence as evidence)."""
        return self.text_of(start, end).strip()

    def raw_lemma(self, i: int) -> str:
        """Token i's lemma as the lemmatizer wrote it (`token.lemma_`)."""
        key = self.lemma_keys[i]
        found = RAW_LEMMAS.get(key)
        return RAW_LEMMAS.read(key, self.doc.vocab.strings) if found is None else found

    def morph(self, i: int, feature: str) -> tuple[str, ...]:
        """The values of one morphological feature of token i, as `token.morph.get(feature)`."""
        key = self.morph_keys[i]
        features = MORPHS.get(key)
        if features is None:
            features = MORPHS.read(key, self.doc.vocab.strings)
        return features.get(feature, NO_FEATURES)

    def left_edge(self, i: int) -> int:
        """The first token of i's subtree (`token.left_edge`)."""
        return min(self._below(i))

    def right_edge(self, i: int) -> int:
        """The last token of i's subtree (`token.right_edge`)."""
        return max(self._below(i))

    def _below(self, i: int) -> list[int]:
        """Token i and its descendants, breadth first."""
        children = self.children
        out = [i]
        for t in out:  # grows while read: a walk without recursion
            kids = children[t]
            if kids:
                out.extend(kids)
        return out

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
        """Token i and its descendants, leaving out the subtrees of `without` (some of its children), as a set."""
        if not without:
            return set(self._below(i))
        children = self.children
        out = [i]
        for t in out:  # grows while read
            kids = children[t]
            if kids:
                out.extend(kids if t != i else [c for c in kids if c not in without])
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
            if not self.children[i] and self.is_punct_or_space(i):
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
        if start_char != self.idx[start] and start_char == self.end_char(start):
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

    def _count_countries(self) -> dict[str, float]:
        """How often each country is named (a headline mention counts twice, a city's country half)."""
        counts: dict[str, float] = {}
        for mention, extent in self.places:
            if not mention.country:
                continue
            weight = 2.0 if self.in_headline(extent.start) else 1.0
            counts[mention.country] = counts.get(mention.country, 0) + (weight if mention.place_kind == COUNTRY else weight / 2)
        for demonym in self.demonyms:
            counts[demonym.country] = counts.get(demonym.country, 0) + (2.0 if self.in_headline(demonym.start) else 1.0)
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
        if len(found) == 1:
            return found[0]
        return min(found, key=lambda m: (NAME_KINDS.index(m.kind), m.start_char - m.end_char))

    def demonym_in_tokens(self, indices: set[int]) -> str | None:
        """ISO2 of the first demonym whose first token is one of `indices`, or None."""
        return next((d.country for d in self.demonyms if d.start in indices), None)
