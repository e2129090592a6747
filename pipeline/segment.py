"""Segment: split raw records into briefs (optional headline line + one lede paragraph).

A `.txt` body comes in one of two layouts, told apart per file (`detect_layout`):

- `lines`: one headline line and one lede line per brief, as in `seeds/`
  (blank lines between briefs allowed). A lede with no headline stands alone
  (a file may open with one).
- `blocks`: briefs separated by blank lines; a brief is an optional headline
  line followed by a lede that may be wrapped over several lines, joined with
  spaces.

A headline is recognised by its shape: one short line without a final full stop
(it may end with `?` or `!`), without an inner sentence break, and not
continued by the next line (which would then start in lower case, or follow a
comma or a function word such as "de"). A file is read as `blocks` when blank
lines separate its briefs and some paragraph is wrapped (a line continues into
the next, or a paragraph has three lines or more). A file without blank lines
whose lines still look wrapped cannot be told apart: it is read as `lines`,
joining only a line that plainly continues the one before (the safer reading:
a fragment such as "80.000 foyers." never becomes a brief), and flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .language import LanguageGuesser, default_guesser
from .records import Brief, RawRecord, make_brief_id

MAX_HEADLINE_CHARS = 250
# A brief longer than this is rejected, not annotated: it is no news brief (a
# whole book, a dump without line breaks) and would take minutes of parsing.
# Between `annotate.CHUNK_CHARS` and this cap a brief is annotated in chunks.
MAX_BRIEF_CHARS = 1_000_000
_WORDY = re.compile(r"\w")
# A sentence break inside a line: end punctuation, space, then an upper-case letter,
# a digit or an opening quote. Headlines have none; ledes usually do.
_INNER_BREAK = re.compile(r"[.!?…]\s+[«\"“A-ZÀ-ÖØ-Þ0-9]")
# The end of a sentence: final punctuation, possibly inside closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…][\s»\"”’)\]]*$")
# A line that cannot end a headline or a paragraph: a comma, colon, dash or opening mark at its end.
_OPEN_END = re.compile(r"[,;:\-–—(«\"“‘]\s*$")
_LAST_WORD = re.compile(r"(\w+)['’]?\W*$")
LINES, BLOCKS = "lines", "blocks"


@dataclass(frozen=True, slots=True)
class Layout:
    """How a `.txt` body is laid out (`lines` or `blocks`), and why when it was not clear-cut."""

    name: str
    ambiguous: str | None = None

    def describe(self) -> str:
        return self.name + (f" (ambiguous: {self.ambiguous})" if self.ambiguous else "")


def is_headline(line: str) -> bool:
    """True when a line can be a headline: short, one sentence, no final full stop.

    >>> is_headline("Le Kazakhstan lance des cartes bancaires en cryptomonnaie")
    True
    >>> is_headline("Le Kazakhstan lance des cartes. Elles arrivent en mai.")
    False
    """
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADLINE_CHARS:
        return False
    if stripped.endswith((".", "…", ":", ";", ",")):
        return False
    return _INNER_BREAK.search(stripped) is None


def split_lines(text: str) -> list[str]:
    """Non-empty lines of a text, with inner runs of blanks kept as written."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def segment_text(text: str) -> Iterator[tuple[str | None, str]]:
    """Split a `.txt` body into (headline, lede) pairs in reading order.

    >>> list(segment_text("Titre court\\nUn lede. Deux phrases."))
    [('Titre court', 'Un lede. Deux phrases.')]
    """
    for _, headline, lede in segment_lines(text):
        yield headline, lede


def _function_words() -> frozenset[str]:
    """Function words of every language the project knows (models/lexicons/function_words.tsv)."""
    return frozenset(w for words in default_guesser().words.values() for w in words)


def ends_sentence(line: str) -> bool:
    """Whether a line ends a sentence (final punctuation, maybe inside closing quotes).

    >>> ends_sentence("Il a dit « oui. »"), ends_sentence("La capacité atteindra")
    (True, False)
    """
    return _SENTENCE_END.search(line) is not None


def continues(line: str, following: str, function_words: frozenset[str] = frozenset()) -> bool:
    """Whether `following` plainly continues `line` (a wrapped paragraph, not a new brief or lede).

    It does when `line` ends no sentence and either `following` starts in lower
    case or `line` ends with a comma, colon, dash, opening mark or function word.

    >>> continues("Le projet, estimé à", "80.000 foyers.", frozenset({"à"}))
    True
    >>> continues("Le Kazakhstan lance un satellite", "Le lancement est prévu en mai.")
    False
    """
    if ends_sentence(line):
        return False
    if following[:1].islower():
        return True
    if _OPEN_END.search(line):
        return True
    last = _LAST_WORD.search(line)
    return last is not None and last.group(1) in function_words  # as written: "MAS" is a name, "mas" a word


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Paragraphs of a text: runs of non-blank lines, with their 1-based line numbers."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if line:
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _wrapped(block: list[tuple[int, str]], function_words: frozenset[str]) -> bool:
    """Whether some line of a paragraph plainly continues into the next one."""
    return any(continues(a, b, function_words) for (_, a), (_, b) in zip(block, block[1:]))


def detect_layout(text: str) -> Layout:
    """The layout of a `.txt` body (see the module docstring).

    >>> detect_layout("Titre\\nUn lede.\\nTitre 2\\nUn autre lede.").name
    'lines'
    >>> detect_layout("Titre\\nUn lede écrit\\nsur deux lignes.\\n\\nTitre 2\\nUn autre lede.").name
    'blocks'
    """
    words = _function_words()
    blocks = _blocks(text)
    if len(blocks) >= 2 and any(len(b) >= 3 or _wrapped(b, words) for b in blocks):
        return Layout(BLOCKS)
    _, joined = _segment_lines([(n, line) for block in blocks for n, line in block], words)
    if joined:
        return Layout(LINES, f"{joined} lines continued the lede before them and were joined to it; "
                             "no blank line separates briefs")
    return Layout(LINES)


def segment_lines(text: str, layout: Layout | None = None) -> Iterator[tuple[int, str | None, str]]:
    """Like `segment_text`, with the 1-based line number where each brief starts.

    The layout is detected when not given (`detect_layout`).

    >>> list(segment_lines("Lede seul.\\n\\nTitre\\nLe lede."))
    [(1, None, 'Lede seul.'), (3, 'Titre', 'Le lede.')]
    >>> list(segment_lines("Titre\\nUn lede écrit\\nsur deux lignes.\\n\\nUn lede seul, lui aussi\\nsur deux lignes."))
    [(1, 'Titre', 'Un lede écrit sur deux lignes.'), (5, None, 'Un lede seul, lui aussi sur deux lignes.')]
    """
    layout = layout or detect_layout(text)
    words = _function_words()
    if layout.name == BLOCKS:
        yield from _segment_blocks(_blocks(text), words)
        return
    briefs, _ = _segment_lines([(n, line) for block in _blocks(text) for n, line in block], words)
    yield from briefs


def _segment_lines(
    lines: list[tuple[int, str]], words: frozenset[str]
) -> tuple[list[tuple[int, str | None, str]], int]:
    """Briefs of a `lines` body, and how many lines were joined to the lede before them.

    A lede line that ends no sentence takes the next line when that one plainly
    continues it (`continues`) or is no headline: a lede is one paragraph, and a
    fragment ("80.000 foyers.") is never a brief of its own.
    """
    out: list[tuple[int, str | None, str]] = []
    joined = i = 0
    while i < len(lines):
        number, line = lines[i]
        if i + 1 < len(lines) and is_headline(line) and not is_headline_only_pair(line, lines[i + 1][1]) \
                and not continues(line, lines[i + 1][1], words):
            headline, lede = line, lines[i + 1][1]
            i += 2
        else:
            headline, lede = None, line
            i += 1
        while i < len(lines) and not ends_sentence(lede) and (
            continues(lede, lines[i][1], words) or not is_headline(lines[i][1])
        ):
            lede = f"{lede} {lines[i][1]}"
            joined += 1
            i += 1
        out.append((number, headline, lede))
    return out, joined


def _segment_blocks(blocks: list[list[tuple[int, str]]], words: frozenset[str]) -> Iterator[tuple[int, str | None, str]]:
    """Briefs of a `blocks` body: one per paragraph; a paragraph that is a lone headline takes the next as its lede."""
    i = 0
    while i < len(blocks):
        block = blocks[i]
        number, first = block[0]
        if len(block) == 1:
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if following and is_headline(first) and not _has_headline(following, words):
                yield number, first, " ".join(line for _, line in following)
                i += 2
                continue
            yield number, None, first
        elif _has_headline(block, words):
            yield number, first, " ".join(line for _, line in block[1:])
        else:
            yield number, None, " ".join(line for _, line in block)
        i += 1


def _has_headline(block: list[tuple[int, str]], words: frozenset[str]) -> bool:
    """Whether a paragraph of two lines or more opens with a headline line (by shape, not continued)."""
    if len(block) < 2:
        return False
    first, second = block[0][1], block[1][1]
    if not is_headline(first) or continues(first, second, words) or is_headline_only_pair(first, second):
        return False
    # A first line as long as the full lines of a wrapped lede is its first line, not a headline:
    # reading it as the lede's start loses a headline at worst, never splits a lede.
    full_lines = [len(line) for _, line in block[1:-1] if not ends_sentence(line)]
    return not full_lines or len(first) < min(full_lines)


def is_headline_only_pair(line: str, following: str) -> bool:
    """True when `line` and the next one are both headlines (so `line` has no lede).

    A headline followed by another headline-like line that is itself followed by
    nothing would otherwise swallow it; a lede is expected to be longer than
    its headline.
    """
    return is_headline(following) and len(following) <= len(line)


def segment(records: Iterable[RawRecord], languages: LanguageGuesser | None = None) -> Iterator[Brief]:
    """Turn raw records into briefs, numbering them 1.. within each source file.

    Each brief's `language` is guessed from its words (see `pipeline.language`).
    """
    for _, brief in segment_records(records, languages):
        yield brief


def segment_records(
    records: Iterable[RawRecord], languages: LanguageGuesser | None = None, guess_languages: bool = True
) -> Iterator[tuple[int, Brief]]:
    """Like `segment`, with where each brief starts in its file: the line of a `.txt`
    brief, the line (JSONL) or row (CSV) of a record, for messages.

    With `guess_languages=False` every `language` is None (a cheap pass, see `duplicates`).
    """
    guesser = (languages or default_guesser()) if guess_languages else None
    counters: dict[str, int] = {}
    for record in records:
        if record.layout == "fields":
            parts: Iterable[tuple[int, str | None, str]] = [
                (record.record, record.headline, " ".join(split_lines(record.text)))
            ]
        else:
            parts = segment_lines(record.text, Layout(record.layout) if record.layout in (LINES, BLOCKS) else None)
        for line, headline, lede in parts:
            index = counters.get(record.source, 0) + 1
            counters[record.source] = index
            yield line, Brief(
                brief_id=make_brief_id(headline, lede, record.reference_date),
                source=record.source,
                source_id=record.source_id,
                index=index,
                headline=headline,
                text=lede,
                reference_date=record.reference_date,
                language=guesser.guess(f"{headline}\n{lede}" if headline else lede) if guesser else None,
            )


def brief_problem(brief: Brief) -> str | None:
    """Why a brief cannot be annotated (too long, no words), or None when it can.

    >>> brief_problem(Brief("id", "f.txt", None, 1, None, "« … »", None))
    'no words in brief'
    """
    length = len(brief.full_text)
    if length > MAX_BRIEF_CHARS:
        return f"brief too long: {length} characters (limit {MAX_BRIEF_CHARS})"
    if _WORDY.search(brief.full_text) is None:
        return "no words in brief"
    return None
