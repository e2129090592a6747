"""The contract between the spaCy components and the normalisers: span groups and hints.

Components (in the Doc) and normalisers (after the Doc) import this module and
never each other. A component leaves its work on the Doc:

- `doc.ents`: ORG, LOC and PER mentions (`briefs_entities`), each with an
  `EntityHint` in `span.kb_id_`;
- `doc.spans[DATES]`: date expressions (`briefs_dates`), labelled by pattern family,
  with a `FUTURE`/`PAST` suffix when the date has no year and its clause a tense;
- `doc.spans[QUANTITIES]`: quantity expressions (`briefs_quantities`), each with a
  `QuantityHint` in `span.kb_id_`;
- `doc.spans[DEMONYMS]`: demonyms ("kazakhstanais"), `span.id_` = ISO2 country;
- `doc.spans[INNER_PLACES]`: cities and regions named inside a public body's name
  ("la mairie de Bichkek" → Bichkek), LOC spans that overlap `doc.ents`, with an
  `EntityHint` like theirs; a country so named ("la Banque centrale d'Ouzbékistan") is
  no place mention (GUIDELINES), the body's country says it.

A hint travels in `span.kb_id_` (a string spaCy keeps and serialises with the Doc)
in one encoding: `name=value` fields joined by `|`, sorted by name, empty fields left
out. Values never hold `|`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

DATES = "dates"
QUANTITIES = "quantities"
DEMONYMS = "demonyms"
INNER_PLACES = "inner_places"

# Date label suffixes: the tense of the clause holding a date without year.
FUTURE, PAST = "_FUT", "_PAST"


def encode_fields(fields: dict[str, str]) -> str:
    """Pack string fields into one `kb_id_` string (the one encoding of this module).

    >>> encode_fields({"src": "gazetteer", "key": "city:1526384", "kind": ""})
    'key=city:1526384|src=gazetteer'
    """
    return "|".join([f"{k}={v}" for k, v in sorted(fields.items()) if v])


def decode_fields(text: str) -> dict[str, str]:
    """Inverse of `encode_fields`.

    >>> decode_fields("key=city:1526384|src=gazetteer")["key"]
    'city:1526384'
    """
    return dict(part.split("=", 1) for part in text.split("|") if "=" in part) if text else {}


@dataclass(slots=True)
class EntityHint:
    """What `briefs_entities` tells the entity normaliser about one span.

    Mutable while the component works on its candidates; `encode` writes it out.
    """

    src: str = ""  # "gazetteer", "rule" or "model": the `source` column
    key: str = ""  # gazetteer key ("city:1526384", "country:KZ", "org:OCS")
    kind: str = ""  # place kind a place noun gives ("region", "site"…)
    country: str = ""  # ISO2 country the component found
    inst: str = ""  # institution: "1" named by its head, "bare" a bare national head, "own" one country's body
    canon: str = ""  # canonical name the text itself gives ("Expansion (ACR)" pairs)

    def encode(self) -> str:
        """This hint as a `kb_id_` string.

        >>> EntityHint(src="gazetteer", key="city:1526384").encode()
        'key=city:1526384|src=gazetteer'
        """
        # `encode_fields` over the fields, without `dataclasses.asdict` (a deep copy per call).
        return "|".join([f"{k}={v}" for k in _ENTITY_HINT_FIELDS if (v := getattr(self, k))])

    @classmethod
    def decode(cls, text: str) -> "EntityHint":
        """The hint a `kb_id_` string holds (unknown fields are ignored).

        >>> EntityHint.decode("country=KZ|inst=1|src=rule").inst
        '1'
        """
        fields = decode_fields(text)
        return cls(**{f.name: fields[f.name] for f in dataclasses.fields(cls) if f.name in fields})

    def copy(self, **changes: str) -> "EntityHint":
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)


_ENTITY_HINT_FIELDS = tuple(sorted(f.name for f in dataclasses.fields(EntityHint)))  # the order `encode_fields` writes


@dataclass(frozen=True, slots=True)
class QuantityHint:
    """What `briefs_quantities` tells the quantity normaliser about one span.

    `shared`: for a range's first figure, the words it shares with the figure after
    it (scale and unit: "%", "millions de tonnes"), else "".
    """

    shared: str = ""

    def encode(self) -> str:
        """This hint as a `kb_id_` string.

        >>> QuantityHint("millions de tonnes").encode()
        'shared=millions de tonnes'
        """
        return encode_fields({"shared": self.shared})

    @classmethod
    def decode(cls, text: str) -> "QuantityHint":
        """The hint a `kb_id_` string holds.

        >>> QuantityHint.decode("shared=%").shared
        '%'
        """
        return cls(decode_fields(text).get("shared", ""))
