"""Annotate: build the project's spaCy pipeline from `models/pipeline.cfg` and run it.

The base model is loaded with the components the project does not use excluded;
the project's components (factories `briefs_*`) are appended in the order and
with the settings the config gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy
import spacy
from confection import Config
from spacy.attrs import IS_SPACE, POS
from spacy.language import Language
from spacy.parts_of_speech import SPACE as SPACE_POS
from spacy.tokens import Doc
from thinc.api import use_ops

from . import components  # noqa: F401  (registers the briefs_* factories)
from .lemmas import memoise_lemmatizer
from .records import Brief
from .resources import models_dir


def load_config(models: Path) -> Config:
    """Read `pipeline.cfg` with `${paths.models}` pointing at `models`."""
    return Config().from_disk(models / "pipeline.cfg", overrides={"paths.models": str(models)})


def model_meta(models: str | Path | None = None) -> dict:
    """The configured base model's `meta` (lang, name, version), read from its package without loading it.

    Stands in for `nlp.meta` where only the manifest needs it, so a process
    that does no annotation loads no weights.
    """
    from spacy.util import get_model_meta, get_package_path

    name = load_config(models_dir(models))["base"]["model"]
    return get_model_meta(get_package_path(name))


def build_nlp(models: str | Path | None = None) -> Language:
    """Load the base model and append the project's components as configured.

    >>> nlp = build_nlp()  # doctest: +SKIP
    >>> nlp.pipe_names[-1]  # doctest: +SKIP
    'briefs_quantities'
    """
    folder = models_dir(models)
    config = load_config(folder)
    base = config["base"]
    # Layers keep the ops current when they are built: loading inside `use_ops` gives every
    # layer of the model thinc's NumpyOps with the configured matrix product.
    with use_ops("numpy", use_blis=base.get("gemm", "blis") == "blis"):
        nlp = spacy.load(base["model"], exclude=list(base.get("exclude", [])))
    nlp.batch_size = config["nlp"].get("batch_size", nlp.batch_size)
    memoise_lemmatizer(nlp)  # same lemmas, without spaCy's per-token Python work
    drop_attribute_rules(nlp, base.get("drop_attribute_rules", []))
    gate_space_rules(nlp)
    for name in config["nlp"]["pipeline"]:
        settings = dict(config["components"][name])
        factory = settings.pop("factory")
        # `before` places a component inside the base model (e.g. ahead of its parser).
        before = settings.pop("before", None)
        nlp.add_pipe(factory, name=name, config=settings, before=before)
    return nlp


def drop_attribute_rules(nlp: Language, attrs: Iterable[str]) -> int:
    """Remove the `attribute_ruler` rules that set nothing but `attrs`; return how many.

    Each rule the ruler keeps costs a Span and a Token per match, and the base
    model's POS → TAG copies match every token. Rules that also set other
    attributes are kept whole.

    >>> nlp = spacy.blank("fr")
    >>> ruler = nlp.add_pipe("attribute_ruler")
    >>> ruler.add([[{"POS": "NOUN"}]], {"TAG": "NOUN"})
    >>> ruler.add([[{"IS_SPACE": True}]], {"TAG": "SPACE", "POS": "SPACE"})
    >>> drop_attribute_rules(nlp, ["TAG"]), len(ruler.patterns)
    (1, 1)
    """
    drop = set(attrs)
    if not drop or "attribute_ruler" not in nlp.pipe_names:
        return 0
    ruler = nlp.get_pipe("attribute_ruler")
    rules = ruler.patterns
    keep = [rule for rule in rules if not set(rule["attrs"]) <= drop]
    if len(keep) < len(rules):
        ruler.clear()
        ruler.add_patterns(keep)
    return len(rules) - len(keep)


def _space_token_rule(rule: dict) -> bool:
    """Whether an attribute-ruler rule is one token that must be a space (`IS_SPACE`) or tagged `SPACE`."""
    patterns = rule["patterns"]
    return rule.get("index", 0) in (0, -1) and all(
        len(p) == 1 and (p[0].get("IS_SPACE") is True or p[0].get("POS") == "SPACE") for p in patterns
    )


def gate_space_rules(nlp: Language) -> bool:
    """Run the `attribute_ruler`'s matcher on the space tokens only, when only such rules are left.

    After `drop_attribute_rules`, the base model's ruler keeps three rules, each one token
    that is a space or tagged SPACE; its matcher still walks every token of every Doc.
    Matched on each candidate token alone (found in the `IS_SPACE` and `POS` columns),
    the rules give the same matches, sorted and applied as the ruler does. Returns
    whether the gate was set (it is not when any other rule is left).

    >>> nlp = spacy.blank("fr")
    >>> ruler = nlp.add_pipe("attribute_ruler")
    >>> ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    >>> gate_space_rules(nlp), [t.pos_ for t in nlp("Un  deux")]
    (True, ['', 'SPACE', ''])
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    rules = ruler.patterns
    if not rules or not all(_space_token_rule(rule) for rule in rules):
        return False

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        # AttributeRuler.match, token by token over the candidates (a one-token Span's matches
        # are relative to its start); sorted by rule, as the ruler sorts them.
        columns = doc.to_array([IS_SPACE, POS])
        matches = []
        for i in numpy.flatnonzero(columns[:, 0] | (columns[:, 1] == SPACE_POS)).tolist():
            for match_id, start, end in ruler.matcher(doc[i : i + 1], allow_missing=True, as_spans=False):
                matches.append((int(ruler.vocab.strings[match_id]), match_id, start + i, end + i))
        matches.sort()
        return matches

    ruler.match = match  # an instance attribute: `AttributeRuler.__call__` calls `self.match`
    return True


# Texts longer than this are annotated in chunks: the parser's and NER's memory
# grow with the length of a Doc, and spaCy refuses texts above `nlp.max_length`.
CHUNK_CHARS = 100_000
# spaCy batches by count; a batch of 256 long texts would hold millions of
# tokens' activations at once, so batches are also capped in characters.
BATCH_CHARS = 200_000
# Where a chunk may end, best first: a paragraph, a sentence, a space.
_BREAKS = (re.compile(r"\n+"), re.compile(r"[.!?…»]\s+"), re.compile(r"\s+"))


def annotate(
    nlp: Language, briefs: Iterable[Brief], batch_size: int | None = None, max_chars: int | None = None
) -> Iterator[tuple[Doc, Brief]]:
    """Run the pipeline over briefs in batches; yield each Doc with its brief, in order.

    The Doc's text is always the brief's `full_text`, so every offset indexes
    it. A brief longer than `max_chars` (default `CHUNK_CHARS`, never more than
    `nlp.max_length`) is cut at paragraph, sentence or space boundaries into
    chunks annotated separately, then joined back with `Doc.from_docs`
    (entities, span groups and sentence starts shifted to the joined text).
    Batches hold at most `batch_size` texts and `BATCH_CHARS` characters, so
    memory stays bounded whatever the length of the briefs.

    >>> [doc.text for doc, _ in annotate(nlp, briefs)]  # doctest: +SKIP
    ['Titre\\nLe lede.']
    """
    limit = max(1, min(max_chars or CHUNK_CHARS, nlp.max_length - 1))
    size = batch_size or nlp.batch_size
    pending: list[Doc] = []
    for batch in _batches(briefs, limit, size):
        for doc, (brief, parts) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            if parts == 1:
                yield doc, brief
                continue
            pending.append(doc)
            if len(pending) == parts:
                joined = Doc.from_docs(pending, ensure_whitespace=False)
                pending = []
                yield joined, brief


def _batches(
    briefs: Iterable[Brief], limit: int, size: int
) -> Iterator[list[tuple[str, tuple[Brief, int]]]]:
    """Consecutive (text, (brief, number of chunks)) pieces, at most `size` texts and
    `BATCH_CHARS` characters per batch (a single longer piece is a batch alone)."""
    batch: list[tuple[str, tuple[Brief, int]]] = []
    chars = 0
    for brief in briefs:
        text = brief.full_text
        pieces = [text] if len(text) <= limit else split_text(text, limit)
        for piece in pieces:
            if batch and (len(batch) >= size or chars + len(piece) > BATCH_CHARS):
                yield batch
                batch, chars = [], 0
            batch.append((piece, (brief, len(pieces))))
            chars += len(piece)
    if batch:
        yield batch


def split_text(text: str, limit: int) -> list[str]:
    """Cut `text` into consecutive chunks of at most `limit` characters that join back to it.

    Each cut is at the last paragraph break in the window, else the last
    sentence end, else the last space (the break stays with the chunk before);
    a window without any space is cut at the limit.

    >>> split_text("Une phrase. Une autre phrase.", 15)
    ['Une phrase. ', 'Une autre ', 'phrase.']
    """
    chunks: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = limit
        for pattern in _BREAKS:
            last = None
            for last in pattern.finditer(window):
                pass
            if last is not None:
                cut = last.end()
                break
        chunks.append(text[start : start + cut])
        start += cut
    chunks.append(text[start:])
    return chunks
