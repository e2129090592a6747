"""Repairs of a decoded text: HTML markup and entities, mojibake, with notes for the run report."""

from __future__ import annotations

import html
import re
import unicodedata
from html.entities import html5 as _HTML5_ENTITIES
from html.parser import HTMLParser

from .decoding import clean_text, text_notes

_HTML_TAG = re.compile(
    r"<(?:!--|!doctype\b|/?(?:html|head|body|title|meta|link|script|style|p|br|hr|div|span|a|b|i|u|em|"
    r"strong|small|sup|sub|font|center|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|img|"
    r"section|article|header|footer|nav|aside|main|figure|figcaption|blockquote|pre|code|noscript)\b[^<>]*>)",
    re.IGNORECASE,
)
# UTF-8 text that went through a cp1252 decoder upstream ("Ã©" for "é", "â€™" for "’"):
# a UTF-8 lead byte followed by a continuation byte, both as cp1252 shows them.
_MOJIBAKE = re.compile(
    "[{}][{}]".format(
        re.escape(bytes(range(0xC2, 0xF0)).decode("cp1252")),
        re.escape(bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")),
    )
)
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


class _TextExtractor(HTMLParser):
    """Text of an HTML fragment: block elements become line breaks, scripts are dropped."""

    BLOCKS = frozenset(
        "p br hr div h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody tr td th section article header "
        "footer nav aside main figure figcaption blockquote pre body html title".split()
    )
    HIDDEN = frozenset({"script", "style", "noscript", "template", "title", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        # A <head> that is never closed would hide the whole page; only the
        # elements that never hold visible text are hidden up to their end tag.
        if tag in self.HIDDEN and tag != "head":
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and tag != "head":
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            # In HTML a line break inside a paragraph is a space; only blocks break lines.
            self.parts.append(re.sub(r"[ \t\n\r\f]+", " ", data))

    def text(self) -> str:
        lines = (line.strip(" \t") for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def repair_mojibake(text: str) -> tuple[str, list[str]]:
    """Undo UTF-8 text having been decoded as cp1252 before it reached us ("Ã©tÃ©" → "été").

    Repaired only when the whole text round-trips (encodes to cp1252 and that
    decodes as strict UTF-8), which plain French text never does (a lone "é" is
    not valid UTF-8). Returns the text and what was done, for the run report.

    >>> repair_mojibake("Lâ€™Ã©tÃ© sera chaud")
    ('L’été sera chaud', ['mojibake repaired (UTF-8 text that had been read as cp1252)'])
    >>> repair_mojibake("L’été sera chaud")
    ('L’été sera chaud', [])
    """
    if _MOJIBAKE.search(text) is None:
        return text, []
    try:
        repaired = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text, []
    return unicodedata.normalize("NFC", repaired), ["mojibake repaired (UTF-8 text that had been read as cp1252)"]


def repair_text(raw: str) -> tuple[str, list[str]]:
    """Every repair of a text in order: `clean_text`, `repair_mojibake`, `strip_markup`; plus notes.

    >>> repair_text("<p>Caf&eacute;\\r\\nCrÃ¨me</p>")
    ('Café Crème', ['mojibake repaired (UTF-8 text that had been read as cp1252)', 'html markup stripped'])
    """
    notes = text_notes(raw)
    text, repaired = repair_mojibake(clean_text(raw))
    text, stripped = strip_markup(text)
    return text, notes + repaired + stripped


def strip_markup(text: str) -> tuple[str, list[str]]:
    """Strip HTML tags (block elements become line breaks) and decode HTML entities.

    Plain text is returned unchanged: only known HTML tags or well-formed
    entities (`&amp;`, `&#233;`, `&eacute;`) trigger the stdlib HTML parser or
    unescaping, so `AT&T` or `taux < 5 %` stay as written. Returns the text and
    what was done, for the run report.

    >>> strip_markup("<p>Total &amp; Eni</p><p>Accord&nbsp;sign&eacute;</p>")
    ('Total & Eni\\nAccord\\xa0signé', ['html markup stripped'])
    >>> strip_markup("AT&T rachète Time Warner")
    ('AT&T rachète Time Warner', [])
    """
    if _HTML_TAG.search(text):
        parser = _TextExtractor()
        parser.feed(text)
        parser.close()
        return parser.text(), ["html markup stripped"]
    if _HTML_ENTITY.search(text):
        unescaped = _HTML_ENTITY.sub(_unescape_entity, text)
        if unescaped != text:
            return unescaped, ["html entities decoded"]
    return text, []


def _unescape_entity(match: re.Match) -> str:
    entity = match.group(0)
    if entity[1] != "#" and entity[1:] not in _HTML5_ENTITIES:
        return entity  # `&nomdelasociete;` is not an entity: keep the text as written
    return html.unescape(entity)


# Settings under which dateparser reads a feed's date only when the text gives a full day:
# it never fills a missing day, month or year (REQUIRE_PARTS), never reads the clock

def html_text(markup: str | None) -> str | None:
    """The text of an HTML fragment, always parsed as HTML (a feed's description is HTML by
    definition, whatever tags it uses); block elements become line breaks.

    >>> html_text("<figure><picture>x</picture></figure><p>Un &eacute;t&eacute; <em>chaud</em></p>")
    'x\\nUn été chaud'
    """
    if markup is None or ("<" not in markup and "&" not in markup):
        return markup
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return parser.text()

