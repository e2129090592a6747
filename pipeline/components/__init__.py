"""The project's spaCy components. Importing this package registers their factories.

Where each component leaves its work on the Doc, and the hints it leaves for the
normalisers, is the contract of `pipeline.spans`; the span-group keys are re-exported
here for the components' users.
"""

from ..spans import DATES, DEMONYMS, INNER_PLACES, QUANTITIES
from . import dates, entities, lines, quantities  # noqa: F401  (registers the factories)

__all__ = ["DATES", "DEMONYMS", "INNER_PLACES", "QUANTITIES"]
