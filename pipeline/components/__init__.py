"""The project's spaCy components. Importing this package registers their factories.

Where each component leaves its work on the Doc:
- `token.is_sent_start`: a sentence starts after each line break (before the parser);
- `doc.ents`: ORG, LOC and PER mentions (model output corrected by rules and gazetteers);
- `doc.spans[DATES]`: date expressions, labelled by pattern family;
- `doc.spans[QUANTITIES]`: quantity expressions;
- `doc.spans[DEMONYMS]`: demonyms ("kazakhstanais"), `span.id_` = ISO2 country;
- `doc.spans[INNER_PLACES]`: places named inside a public body's name ("la Banque
  centrale d'Ouzbékistan" → Ouzbékistan), LOC spans that overlap `doc.ents`.
"""

DATES = "dates"
QUANTITIES = "quantities"
DEMONYMS = "demonyms"
INNER_PLACES = "inner_places"

from . import dates, entities, lines, quantities  # noqa: E402,F401
