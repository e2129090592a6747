"""Names with an elided capital syllable ("N’", "M’"), which the tokenizer splits off the rest."""

from __future__ import annotations


def test_person_keeps_elided_last_name(nlp):
    # The model may end the person before "N’" + "Zi"; the span goes on over the glued syllable.
    doc = nlp("Le président togolais Kodjo Eyadéma N’Zi a inauguré mercredi le port.")
    persons = [e.text for e in doc.ents if e.label_ == "PER"]
    assert persons == ["Kodjo Eyadéma N’Zi"]


def test_elided_prefix_alone_is_no_name(nlp):
    # A lower-case elision ("n’a") glued to a verb is no name part.
    doc = nlp("Le ministre Albert Koffi n’a pas commenté la décision.")
    assert [e.text for e in doc.ents if e.label_ == "PER"] == ["Albert Koffi"]
