"""Normalise ORG, LOC and PER spans: canonical name, country, place kind, GeoNames id, coordinates.

Reads the `EntityHint` that `briefs_entities` left on each span (`span.kb_id_`, see
`pipeline.spans`) and the gazetteers loaded once from `models/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Span

from ..lexicons.gazetteer import Gazetteer, load_gazetteer
from ..lexicons.text import fold, straight_apostrophes, word_key
from ..records import Brief, Mention
from ..spans import EntityHint

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


def canonical_org(span: Span, hint: EntityHint, gaz: Gazetteer) -> str:
    """Canonical name of an organisation span.

    Known acronyms and their expansions give the lexicon's name; "Expansion (ACR)"
    pairs share one name; a bare institution head gets its country ("le gouvernement
    kazakhstanais" → "Gouvernement du Kazakhstan"); a body with a complement named
    through a demonym keeps its written form; leading articles are stripped and the head
    is capitalised. Reads the span's tokens, the hint `briefs_entities` left on it, and
    the gazetteer.

    >>> # span "le ministère kazakhstanais de l’Industrie", hint EntityHint(inst="1", country="KZ")
    >>> # → "Ministère kazakhstanais de l’Industrie"
    """
    if hint.key.startswith("org:"):
        return gaz.orgs[hint.key].name
    if hint.canon:
        return with_country(capitalise_head(strip_article(hint.canon)), hint.country, gaz)
    articles, de_forms = gaz.cues["article"], gaz.cues["de_form"]
    tokens = list(span)
    while tokens and word_key(tokens[0].lower_) in articles:
        tokens = tokens[1:]
    if not hint.inst:
        return "".join(t.text_with_ws for t in tokens).strip() or span.text
    shared = _shared_demonym_organ(tokens, hint.country, gaz)
    if shared:
        return shared
    # "ministère kazakhstanais de l'Industrie": drop the demonym that qualifies the head,
    # keep one inside the complement ("Banque nationale de la République kirghize").
    kept = tokens[:1] + [
        t for k, t in enumerate(tokens[1:4], 1) if gaz.demonyms.get(fold(t.text)) is None or any(
            word_key(p.lower_) in de_forms for p in tokens[:k])
    ] + tokens[4:]
    if len(kept) < len(tokens) and len(kept) > 1:
        # A body with a complement named through its country's demonym keeps the written form
        # ("Ministère ouzbek des Finances"): GUIDELINES lists it as an alias of the canonical
        # name with the country, and the seed gold has it as the alias of a name without one.
        return capitalise_head("".join(t.text_with_ws for t in tokens).strip())
    text = capitalise_head("".join(t.text_with_ws for t in kept).strip() or span.text)
    if hint.inst in ("1", "bare") and hint.country and len(kept) == 1:
        return f"{text} {gaz.with_de(hint.country)}"  # "le gouvernement kazakhstanais" → "Gouvernement du Kazakhstan"
    return with_country(text, hint.country, gaz) if hint.inst else text


def _shared_demonym_organ(tokens: list, country: str, gaz: Gazetteer) -> str | None:
    """"le ministère congolais des Mines" in a brief about the RDC: a state organ written through a
    demonym two countries share takes the name with the country the brief names (the written
    form cannot be renamed later, as `state_organ_name` does for the others)."""
    if not country or len(tokens) < 3 or word_key(tokens[0].lower_) not in gaz.cues.get("state_organ", {}):
        return None
    for k in range(1, min(4, len(tokens))):
        if word_key(tokens[k].lower_) in gaz.cues["de_form"]:
            return None
        if country in gaz.shared_demonyms.get(fold(tokens[k].text), ()):
            rest = tokens[:k] + tokens[k + 1:]
            return capitalise_head("".join(t.text_with_ws for t in rest).strip()) + " " + gaz.with_de(country)
    return None


_GENERIC: dict[int, frozenset[str]] = {}


def with_country(name: str, country: str, gaz: Gazetteer) -> str:
    """A body every state has under the same name, named with its country when it is plain.

    "la Chambre des représentants", "l'Office national de la statistique", "le gouvernement
    fédéral" (`generic_body` in entity_cues.tsv) do not say whose they are; GUIDELINES names a
    state body with its country, so "Office national de la statistique" in a brief whose
    country is Mongolia is "Office national de la statistique de Mongolie". The country is
    plain when the entity rules gave the body one: the brief's main country (most named by its
    places and demonyms), a country named inside or right after the name. A ministry or a body
    with a name of its own ("Haut-Commissariat au Plan", "Caisse nationale de prévoyance
    sociale") keeps its name: the seed and dev gold name them without their country.

    >>> gaz = load_gazetteer(Path(__file__).resolve().parents[2] / "models")
    >>> with_country("Chambre des députés", "IT", gaz), with_country("Chambre des députés", "", gaz)
    ('Chambre des députés de l’Italie', 'Chambre des députés')
    >>> with_country("Caisse nationale de prévoyance sociale", "CM", gaz)
    'Caisse nationale de prévoyance sociale'
    """
    if not country:
        return name
    generic = _GENERIC.get(id(gaz))
    if generic is None:
        generic = _GENERIC[id(gaz)] = frozenset(fold(w) for w in gaz.cues.get("generic_body", {}))
    return f"{name} {gaz.with_de(country)}" if fold(name) in generic else name


def state_organ_name(name: str, gaz: Gazetteer) -> str | None:
    """The canonical name of a state organ written through its country's demonym, else None.

    GUIDELINES names such a body with its country ("le ministère ouzbek des Finances" →
    "Ministère des Finances de l'Ouzbékistan"); the mentions table keeps the written form,
    which the annotation rules list as its alias. Heads are `state_organ` in entity_cues.tsv;
    a demonym inside the complement is part of the name and stays.

    >>> gaz = load_gazetteer(Path(__file__).resolve().parents[2] / "models")
    >>> state_organ_name("Assemblée nationale togolaise", gaz)
    'Assemblée nationale du Togo'
    >>> state_organ_name("Ministère arménien de la Défense", gaz)
    'Ministère de la Défense de l’Arménie'
    >>> state_organ_name("Agence japonaise d’exploration aérospatiale", gaz) is None
    True
    """
    words = name.split()
    if len(words) < 2 or word_key(words[0].lower()) not in gaz.cues.get("state_organ", {}):
        return None
    de_forms = gaz.cues["de_form"]
    for k in range(1, min(4, len(words))):
        if word_key(words[k].lower()) in de_forms or straight_apostrophes(words[k]).lower().startswith("d'"):
            return None  # the complement has begun: a demonym there belongs to the name
        country = gaz.demonyms.get(fold(words[k]))
        if country:
            return capitalise_head(" ".join(words[:k] + words[k + 1:])) + " " + gaz.with_de(country)
    return None


@dataclass
class EntityNormalizer:
    """Canonicalises entity spans with the gazetteers of a models folder."""

    gazetteer: Gazetteer
    # The hints of the kb_id strings met so far (they repeat; nothing changes them).
    _hints: dict[str, EntityHint] = field(default_factory=dict, init=False, repr=False, compare=False)

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
        hint = self._hints.get(kb_id)
        if hint is None:
            if len(self._hints) >= 20_000:
                self._hints.clear()
            hint = self._hints[kb_id] = EntityHint.decode(kb_id)
        text = ent.text if text is None else text
        base = dict(brief_id=brief.brief_id, kind=ent.label_, text=text, start_char=ent.start_char, end_char=ent.end_char)
        source = hint.src or "model"
        if ent.label_ == "LOC":
            place = self.gazetteer.places.get(hint.key)
            kind = hint.kind or None
            if place is None:
                return Mention(**base, normalized=strip_article(text), country=hint.country or None,
                               place_kind=kind, source=source)
            same_kind = kind is None or kind == place.kind
            # A GeoNames city without a hand-kept French name is named as the French text
            # writes it ("Marrakech", "Bangalore"), not by its GeoNames name ("Marrakesh").
            # A name whose article the text contracts ("du Bourget") carries it back in `canon`.
            name = hint.canon or strip_article(text) if place.kind == "city" and not place.strong else place.name
            if hint.canon and place.kind == "region" and not place.strong:
                name = hint.canon  # "Nouveau-Brunswick", hyphened as French writes it (`Gazetteer.respelled`)
            return Mention(
                **base,
                normalized=name,
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
                normalized=canonical_org(ent, hint, self.gazetteer),
                country=hint.country or None,
                source=source,
            )
        return Mention(**base, normalized=text, source=source)
