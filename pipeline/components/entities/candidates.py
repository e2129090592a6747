"""Entity candidates: spans the generators propose and the arbitration chooses among."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...spans import EntityHint

# Lower wins: names from the lexicons and "Expansion (ACR)" pairs, then rules, then strong
# model or gazetteer spans, then the model's other spans, then weak places.
PRIORITY_KNOWN = -1
PRIORITY_RULE, PRIORITY_STRONG, PRIORITY_MODEL, PRIORITY_WEAK = 0, 1, 2, 3


@dataclass
class EntityCandidate:
    """Tokens start..end proposed as an ORG, LOC or PER, with its priority and normalisation hint."""

    start: int
    end: int
    label: str
    priority: int
    hint: EntityHint = field(default_factory=EntityHint)
