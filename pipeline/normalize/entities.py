"""Normalise ORG, LOC and PER spans: canonical name, country, place kind, GeoNames id, coordinates.

Reads what `briefs.entities` left on each span (`span.kb_id_`, see
`components.entities.encode_info`) and the gazetteers loaded once from `models/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Span

from ..components.entities import ARTICLES, decode_info
from ..components.gazetteer import Gazetteer, fold, load_gazetteer
from ..records import Brief, Mention

# Ministries capitalise the first word of each field: "Ministère de l’Industrie et de la Construction".
_FIELD = re.compile(r"(\b(?:de la |de l['’]|du |des |d['’]|de ))(\w)")


def strip_article(text: str) -> str:
    """Drop a leading French article.

    >>> strip_article("l’Union européenne")
    'Union européenne'
    """
    return re.sub(r"^(?:(?:le|la|les|un|une)\s+|l['’]\s*)", "", text.strip(), count=1, flags=re.IGNORECASE)


def capitalise_head(text: str) -> str:
    """Upper-case the first letter; in a ministry's name, also the first word of each field.

    >>> capitalise_head("ministère de l’irrigation et des ressources aquatiques")
    'Ministère de l’Irrigation et des Ressources aquatiques'
    """
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if fold(text).startswith("ministere "):
        text = _FIELD.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    return text


def canonical_org(span: Span, info: dict[str, str], gaz: Gazetteer) -> str:
    """Canonical name of an organisation span.

    Known acronyms and their expansions give the lexicon's name; "Expansion (ACR)"
    pairs share one name; an institution named through a demonym or alone gets its
    country ("le gouvernement kazakhstanais" → "Gouvernement du Kazakhstan"); leading
    articles and demonyms are stripped and the head is capitalised. Reads the span's
    tokens, the hints `info` that `briefs.entities` left on it, and the gazetteer.

    >>> # span "ministère kazakhstanais de l’Industrie", info {"inst": "1", "country": "KZ"}
    >>> # → "Ministère de l’Industrie"
    """
    key = info.get("key", "")
    if key.startswith("org:"):
        return gaz.orgs[key].name
    if info.get("canon"):
        return capitalise_head(strip_article(info["canon"]))
    tokens = list(span)
    while tokens and tokens[0].lower_ in ARTICLES:
        tokens = tokens[1:]
    if info.get("inst"):
        # "ministère kazakhstanais de l'Industrie": drop the demonym that qualifies the head,
        # keep one inside the complement ("Banque nationale de la République kirghize").
        tokens = tokens[:1] + [
            t for k, t in enumerate(tokens[1:4], 1) if gaz.demonyms.get(fold(t.text)) is None or any(
                p.lower_ in ("de", "du", "des", "d'", "d’") for p in tokens[:k])
        ] + tokens[4:]
    text = "".join(t.text_with_ws for t in tokens).strip() or span.text
    country = info.get("country")
    if info.get("inst") in ("1", "bare") and country and len(tokens) == 1:
        return f"{capitalise_head(text)} {gaz.with_de(country)}"
    return capitalise_head(text) if info.get("inst") else text


@dataclass
class EntityNormalizer:
    """Canonicalises entity spans with the gazetteers of a models folder."""

    gazetteer: Gazetteer
    # `decode_info` of the kb_id strings met so far (the hints repeat; nothing changes them).
    _infos: dict[str, dict[str, str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_models(cls, models: Path) -> "EntityNormalizer":
        """The normaliser of a models folder; its gazetteer is the one the component loaded."""
        return cls(load_gazetteer(Path(models)))

    def mention(self, ent: Span, brief: Brief, text: str | None = None) -> Mention:
        """One ORG/LOC/PER mention for a span of `doc.ents`, with offsets into `brief.full_text`.

        Places take the gazetteer's canonical name, country, kind, GeoNames id and
        coordinates (a city named as a region keeps only name and country);
        organisations their canonical name and the country the component found.
        For example "la région de Jambyl" gives LOC "Jambyl", kind region, country KZ.
        `text`: the span's text, if the caller has it (`ent.text` builds a Token per word).
        """
        kb_id = ent.kb_id_
        info = self._infos.get(kb_id)
        if info is None:
            if len(self._infos) >= 20_000:
                self._infos.clear()
            info = self._infos[kb_id] = decode_info(kb_id)
        text = ent.text if text is None else text
        base = dict(brief_id=brief.brief_id, kind=ent.label_, text=text, start_char=ent.start_char, end_char=ent.end_char)
        source = info.get("src", "model")
        if ent.label_ == "LOC":
            place = self.gazetteer.places.get(info.get("key", ""))
            kind = info.get("kind") or None
            if place is None:
                return Mention(**base, normalized=strip_article(text), country=info.get("country") or None,
                               place_kind=kind, source=source)
            same_kind = kind is None or kind == place.kind
            return Mention(
                **base,
                normalized=place.name,
                country=place.country,
                place_kind=kind or place.kind,
                geonames_id=place.geonames_id if same_kind else None,
                lat=place.lat if same_kind else None,
                lon=place.lon if same_kind else None,
                source=source,
            )
        if ent.label_ == "ORG":
            return Mention(
                **base,
                normalized=canonical_org(ent, info, self.gazetteer),
                country=info.get("country") or None,
                source=source,
            )
        return Mention(**base, normalized=text, source=source)
