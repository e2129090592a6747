"""Word-list loaders: every list under `models/` read once into typed tables.

Components (in the Doc), normalisers and the event rules (after the Doc) import
these loaders; the loaders import nothing of theirs.

- `text`: `fold` (the key of names) and `word_key` (the key of cue words);
- `gazetteer`: places, known organisations, demonyms and the entity cue lists
  (`models/gazetteers/*.tsv`, `models/lexicons/{places_fr,acronyms,demonyms,entity_cues}.tsv`);
- `dates`: date words (`models/lexicons/date_words.tsv`);
- `quantities`: units, currencies, scales, counted nouns, qualifiers and the French
  number words (`models/lexicons/{units,currencies,scales,count_nouns,quantity_context}.tsv`);
- `events`: the event cues, their CAMEO/PLOVER codes and context words
  (`models/lexicons/{event_cues.jsonl,event_types,event_context}.tsv`).
"""
