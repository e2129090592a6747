"""Gazetteer lookups and the pure helpers of entity normalisation."""

from __future__ import annotations

import pytest

from pipeline.components.entities import acronym_matches
from pipeline.lexicons.gazetteer import inflect_demonym, load_gazetteer
from pipeline.lexicons.text import fold, word_key
from pipeline.spans import EntityHint, QuantityHint
from pipeline.normalize.entities import capitalise_head, strip_article
from pipeline.resources import models_dir


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(models_dir())


@pytest.mark.parametrize(
    "surface, name, kind, country",
    [
        ("Tashkent", "Tachkent", "city", "UZ"),
        ("Shymkent", "Chymkent", "city", "KZ"),
        ("Djamboul", "Jambyl", "region", "KZ"),
        ("Qaraghandy", "Karaganda", "city", "KZ"),
        ("Dushanbe", "Douchanbé", "city", "TJ"),
        ("Bishkek", "Bichkek", "city", "KG"),
        ("Mangystau", "Manguistaou", "region", "KZ"),
        ("Kyrgyzstan", "Kirghizstan", "country", "KG"),
        ("îles Vierges britanniques", "Îles Vierges britanniques", "country", "VG"),
        ("Asie centrale", "Asie centrale", "supranational", None),
        ("Europe", "Europe", "supranational", None),
        ("Poti", "Poti", "city", "GE"),
        ("Venice", "Venise", "city", "IT"),
        ("Köln", "Cologne", "city", "DE"),
        ("Koweït", "Koweït", "country", "KW"),
        ("Caucase du Sud", "Caucase du Sud", "supranational", None),
    ],
)
def test_place_lookup(gaz, surface, name, kind, country):
    place = gaz.place(surface)
    assert (place.name, place.kind, place.country) == (name, kind, country)


def test_cities_carry_geonames_ids_and_coordinates(gaz):
    almaty = gaz.place("Almaty")
    assert almaty.geonames_id == 1526384
    assert 43 < almaty.lat < 44 and 76 < almaty.lon < 77


def test_common_words_are_weak_places(gaz):
    assert not gaz.place("Police").strong
    assert gaz.place("Kazakhstan").strong


@pytest.mark.parametrize(
    "surface, canonical",
    [("UE", "Union européenne"), ("Union européenne", "Union européenne"), ("IUCN", "Union internationale pour la conservation de la nature"),
     ("OTAN", "Organisation du traité de l’Atlantique nord"), ("BAsD", "Banque asiatique de développement")],
)
def test_known_organisations(gaz, surface, canonical):
    assert gaz.org(surface).name == canonical


def test_acronyms_are_case_sensitive(gaz):
    assert gaz.org("bad") is None and gaz.org("BAD") is not None


@pytest.mark.parametrize(
    "word, iso2",
    [("kazakhstanais", "KZ"), ("kazakhstanaises", "KZ"), ("kazakh", "KZ"), ("Malaisien", "MY"), ("ouzbèke", "UZ"),
     ("géorgienne", "GE"), ("turque", "TR"), ("russes", "RU"), ("américaines", "US"), ("congolais", None)],
)
def test_demonyms(gaz, word, iso2):
    assert gaz.demonym(word) == iso2


def test_every_country_has_a_demonym(gaz):
    countries = {iso for iso in gaz.demonyms.values()}
    for iso2 in ("KZ", "KG", "TJ", "UZ", "TM", "AZ", "GE", "AM", "RU", "CN", "US", "FR", "DE", "MY"):
        assert iso2 in countries


@pytest.mark.parametrize(
    "iso2, expected",
    [("KZ", "du Kazakhstan"), ("UZ", "de l’Ouzbékistan"), ("FR", "de France"), ("GE", "de Géorgie"), ("CD", "de la République démocratique du Congo"), ("US", "des États-Unis"),
     ("KG", "du Kirghizstan"), ("SG", "de Singapour"), ("MX", "du Mexique")],
)
def test_country_after_de(gaz, iso2, expected):
    assert gaz.with_de(iso2) == expected


def test_inflection():
    assert inflect_demonym("ouzbékistanais") == ["ouzbékistanais", "ouzbékistanaise", "ouzbékistanais", "ouzbékistanaises"]
    assert inflect_demonym("russe") == ["russe", "russe", "russes", "russes"]
    assert inflect_demonym("géorgien")[3] == "géorgiennes"


def test_fold():
    assert fold("  Côte d’Ivoire ") == "cote d'ivoire"


def test_word_key_keeps_accents():
    assert word_key("D’Été") == "d'été"


def test_entity_hint_round_trip():
    hint = EntityHint(src="rule", country="KZ", canon="Union européenne")
    assert EntityHint.decode(hint.encode()) == hint
    assert EntityHint.decode("") == EntityHint()


def test_quantity_hint_round_trip():
    assert QuantityHint.decode(QuantityHint("millions de tonnes").encode()).shared == "millions de tonnes"
    assert QuantityHint.decode("") == QuantityHint()


@pytest.mark.parametrize(
    "acronym, words, ok",
    [("BERD", "Banque européenne pour la reconstruction et le développement", True),
     ("ATR", "Aerei da Trasporto Regionale", True), ("CRMA", "Critical Raw Materials Act", True),
     ("FMI", "Banque mondiale", False), ("UE", "Union internationale pour la conservation", False)],
)
def test_acronym_matches(acronym, words, ok):
    assert acronym_matches(acronym, words.split()) is ok


def test_name_helpers():
    assert strip_article("la Banque nationale du Kirghizstan") == "Banque nationale du Kirghizstan"
    assert capitalise_head("police judiciaire du Kazakhstan") == "Police judiciaire du Kazakhstan"
    assert capitalise_head("ministère de l’industrie et de la construction") == "Ministère de l’Industrie et de la Construction"
