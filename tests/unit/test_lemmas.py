"""MemoLemmatizer sets exactly the lemmas of spaCy's French rule lemmatizer."""

import pytest
from spacy.lang.fr.lemmatizer import FrenchLemmatizer

from pipeline.annotate import build_nlp
from pipeline.lemmas import MemoLemmatizer

SENTENCES = [
    "Le gouvernement kényan a signé mardi un accord avec la société Safaricom pour 120 millions d’euros.",
    "Les ministres se sont réunis à Ouagadougou ; ils avaient annoncé la veille des mesures d'urgence.",
    "Hier, l'entreprise norvégienne Equinor a été rachetée. Elle produisait 3,5 barils par jour.",
    "Santiago du Chili — Les manifestants marchaient vers le palais présidentiel, scandant des slogans.",
    "Le 1er mars 2024, Mme Ngozi Okonjo-Iweala a inauguré les nouveaux bureaux de l'OMC à Genève !",
]


@pytest.fixture(scope="module")
def pipelines():
    memo = build_nlp()
    plain = build_nlp()
    spacy_pipe = plain.get_pipe("lemmatizer")
    spacy_pipe.__class__ = FrenchLemmatizer
    spacy_pipe.lemmatize = spacy_pipe.rule_lemmatize
    assert spacy_pipe.lemmatize.__func__ is FrenchLemmatizer.rule_lemmatize
    return memo, plain


def test_build_nlp_memoises_the_rule_lemmatizer(pipelines):
    pipe = pipelines[0].get_pipe("lemmatizer")
    assert type(pipe) is MemoLemmatizer
    assert pipe.lemmatize.__func__ is MemoLemmatizer.rule_lemmatize


@pytest.mark.parametrize("text", SENTENCES, ids=[f"s{i}" for i in range(len(SENTENCES))])
def test_same_lemmas_as_spacy(pipelines, text):
    memo, plain = pipelines
    # twice through the memo pipeline: the second pass reads the memo
    for doc in memo.pipe([text, text]):
        assert [t.lemma_ for t in doc] == [t.lemma_ for t in plain(text)]
