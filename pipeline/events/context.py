"""What the event rules need to know about one brief, computed once per brief.

A `BriefContext` indexes the Doc against the brief's mentions (which tokens are
inside which ORG/LOC/PER, DATE, QUANTITY mention or demonym), splits the Doc
into headline and lede sentences, and counts the countries the brief talks
about. Everything else in the package reads it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import DEP, SENT_START
from spacy.tokens import Doc, Span, Token

from ..components import DEMONYMS
from ..records import Brief, Mention

NAME_KINDS = ("ORG", "LOC", "PER")
COUNTRY = "country"
# Words that open a hypothetical or rhetorical sentence: its places and cues are not facts.
HYPOTHETICAL_OPENERS = ("et si", "si ", "imaginez", "faut-il")


@dataclass(frozen=True, slots=True)
class Demonym:
    """A demonym in the text ("kazakhstanaises") with the ISO2 country it names."""

    start: int  # token index
    end: int
    country: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the brief: its span, whether it is the headline, and whether it states a fact."""

    index: int
    span: Span
    in_headline: bool
    factual: bool


@dataclass
class BriefContext:
    """Token-level indexes of a brief's mentions, sentences and countries."""

    doc: Doc
    brief: Brief
    mentions: list[Mention]
    text: str = ""  # the Doc's text, read once (`Doc.text` joins every token each time)
    sentences: list[Sentence] = field(default_factory=list)
    sentence_of: list[int] = field(default_factory=list)
    names: dict[int, list[Mention]] = field(default_factory=dict)
    dates: list[tuple[Mention, Span]] = field(default_factory=list)
    quantities: list[tuple[Mention, Span]] = field(default_factory=list)
    places: list[tuple[Mention, Span]] = field(default_factory=list)
    demonyms: list[Demonym] = field(default_factory=list)
    demonym_tokens: set[int] = field(default_factory=set)
    country_names: dict[str, str] = field(default_factory=dict)
    country_counts: Counter = field(default_factory=Counter)
    subjects: list[int] = field(default_factory=list)  # indices of `nsubj` tokens, in reading order
    claimed: dict[int, int] = field(default_factory=dict)  # sentence index → head of the event told there
    claimed_clauses: dict[int, set[int]] = field(default_factory=dict)  # event head → its clause's tokens

    @classmethod
    def build(cls, doc: Doc, brief: Brief, mentions: list[Mention]) -> "BriefContext":
        """Index one annotated brief.

        >>> ctx = BriefContext.build(doc, brief, mentions)  # doctest: +SKIP
        >>> ctx.sentences[0].in_headline  # doctest: +SKIP
        True
        """
        ctx = cls(doc=doc, brief=brief, mentions=mentions, text=brief.full_text)
        lede_offset = brief.lede_offset
        ctx.sentence_of = [0] * len(doc)
        # Sentence starts from one array read: `doc.sents` would build a Token per word, several times.
        starts = [i for i, flag in enumerate(doc.to_array(SENT_START).tolist()) if flag == 1 or i == 0]
        bounds = zip(starts, starts[1:] + [len(doc)])
        for index, sent in enumerate(doc[a:b] for a, b in bounds):
            text = ctx.text[sent.start_char:sent.end_char].strip()
            in_headline = brief.headline is not None and sent.start_char < lede_offset
            # A headline may ask what the lede answers ("pourquoi SCAT choisit…?"); a lede question does not report.
            hypothetical = text.lower().startswith(HYPOTHETICAL_OPENERS)
            factual = not hypothetical and (in_headline or not text.endswith("?"))
            ctx.sentences.append(Sentence(index, sent, in_headline, factual))
            ctx.sentence_of[sent.start:sent.end] = [index] * (sent.end - sent.start)
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if mention.kind in NAME_KINDS:
                for i in range(span.start, span.end):
                    ctx.names.setdefault(i, []).append(mention)
                if mention.kind == "LOC":
                    ctx.places.append((mention, span))
                    if mention.place_kind == COUNTRY and mention.country:
                        ctx.country_names.setdefault(mention.country, mention.normalized or mention.text)
            elif mention.kind == "DATE" and mention.normalized:
                ctx.dates.append((mention, span))
            elif mention.kind == "QUANTITY" and mention.value is not None:
                ctx.quantities.append((mention, span))
        for span in doc.spans.get(DEMONYMS, []):
            if span.id_:
                ctx.demonyms.append(Demonym(span.start, span.end, span.id_))
                ctx.demonym_tokens.update(range(span.start, span.end))
        nsubj = doc.vocab.strings.add("nsubj")
        ctx.subjects = [i for i, dep in enumerate(doc.to_array(DEP).tolist()) if dep == nsubj]
        ctx.country_counts = ctx._count_countries()
        return ctx

    def _count_countries(self) -> Counter:
        """How often each country is named (a headline mention counts twice, a city's country half)."""
        counts: Counter = Counter()
        for mention, span in self.places:
            if not mention.country:
                continue
            weight = 2.0 if self.in_headline(span[0]) else 1.0
            counts[mention.country] += weight if mention.place_kind == COUNTRY else weight / 2
        for demonym in self.demonyms:
            counts[demonym.country] += 2.0 if self.in_headline(self.doc[demonym.start]) else 1.0
        return counts

    def span_text(self, span: Span) -> str:
        """A span's text, stripped, cut from the brief's text (e.g. a sentence as evidence)."""
        return self.text[span.start_char:span.end_char].strip()

    def in_headline(self, token: Token) -> bool:
        """Whether a token is in the headline (a brief without headline has none)."""
        return self.sentences[self.sentence_of[token.i]].in_headline

    def sentence(self, token: Token) -> Sentence:
        """The sentence a token belongs to."""
        return self.sentences[self.sentence_of[token.i]]

    def main_country(self) -> str | None:
        """The country the brief talks about most (first named wins a tie), or None."""
        if not self.country_counts:
            return None
        best = max(self.country_counts.values())
        return next(c for c, n in self.country_counts.items() if n == best)

    def name_at(self, token: Token) -> Mention | None:
        """The ORG/PER/LOC mention covering `token`, ORG first (a name inside a name is the outer one)."""
        found = self.names.get(token.i)
        if not found:
            return None
        return min(found, key=lambda m: (NAME_KINDS.index(m.kind), m.start - m.end))

    def demonym_in_tokens(self, indices: set[int]) -> str | None:
        """ISO2 of the first demonym whose first token is one of `indices`, or None."""
        return next((d.country for d in self.demonyms if d.start in indices), None)
