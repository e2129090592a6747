"""General classes found on holdout/francophonie-north, each tested here with other names.

- A dashed pair of known places after an article, "de" or a place preposition is one compound
  toponym ("de l'Alsace-Lorraine"), not two places; a link named by a noun still splits
  ("la liaison ferroviaire Kaolack-Tambacounda", in tests/golden/entities.golden.jsonl).
- An institution's complement runs over a hyphenated name the tokenizer split
  ("le gouvernement de la Nouvelle-Écosse").
- A date told with a verb in the plus-que-parfait dates an earlier fact, not the event
  ("et avait signé un premier contrat en mars 2023").
- A figure introduced by "contre" after one of its kind is the value compared with, not the event's size
  ("Chiffré à 60 millions d'euros, contre 45 millions prévus"); without an earlier figure it may be a price.
- A person between commas after a title, which the parser made a coordination, is the title's holder and the
  actor, with the title's country ("Le président du Portugal, X, a entamé…"); a true coordination is unchanged.
- A name opening the sentence before a described body in apposition is the actor, even when the description
  also names a body ("L'Althing, le Parlement islandais, a adopté…").
- Cities whose GeoNames main name is a foreign form are found by their French name (models/lexicons/places_fr.tsv).
- A name the tokenizer cut at an inner apostrophe ("X’" "a") is whole.
- A vote share ("par 88,2 % des votants") sizes an adoption (legislation), after the votes counted.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.events import EventExtractor
from pipeline.records import Brief, make_brief_id
from pipeline.resources import models_dir


@pytest.fixture(scope="module")
def run(nlp, normalizer):
    extractor = EventExtractor.from_models(models_dir(None))

    def go(text: str, headline: str | None = None, ref: str | None = None):
        brief = Brief(brief_id=make_brief_id(headline, text), source="test", source_id=None, index=1,
                      headline=headline, text=text, reference_date=dt.date.fromisoformat(ref) if ref else None)
        doc = nlp(brief.full_text)
        mentions = normalizer.mentions(doc, brief)
        return mentions, extractor.events(doc, brief, mentions)

    return go


def _names(mentions, kind: str) -> list[str]:
    return [m.normalized for m in mentions if m.kind == kind]


def test_dashed_pair_after_de_is_one_place(run):
    mentions, _ = run("Les éleveurs de l’Alsace-Lorraine ont livré 40 000 tonnes de lait en 2023.", ref="2024-05-02")
    assert _names(mentions, "LOC") == ["Alsace-Lorraine"]


def test_dashed_pair_after_a_link_noun_is_two_places(run):
    mentions, _ = run("Le 6 mai 2024, Dakar a annoncé la réhabilitation de la liaison ferroviaire Kaolack-Tambacounda.")
    assert {"Kaolack", "Tambacounda"} <= set(_names(mentions, "LOC"))


def test_institution_complement_runs_over_a_hyphen(run):
    mentions, events = run(
        "Le gouvernement de la Nouvelle-Écosse a signé lundi un accord de coopération avec le gouvernement du Québec.",
        ref="2024-05-08",
    )
    assert "Gouvernement de la Nouvelle-Écosse" in _names(mentions, "ORG")
    assert events[0].actor == "Gouvernement de la Nouvelle-Écosse"


def test_plus_que_parfait_date_is_background(run):
    _, events = run(
        "La Compagnie du Mont-Blanc a commandé douze cabines au fabricant autrichien Doppelmayr, qui les livrera entre "
        "2026 et 2027. Basée à Chamonix, la société exploite déjà quarante remontées et avait signé un premier contrat "
        "en mars 2023.",
        headline="La Compagnie du Mont-Blanc renouvelle ses cabines",
    )
    assert events[0].event_type == "procurement"
    assert events[0].event_date is None


def test_trigger_in_plus_que_parfait_keeps_its_date(run):
    _, events = run("La Banque de Kigali avait annoncé jeudi l’ouverture d’une agence à Goma.", ref="2024-05-03")
    assert events[0].event_date == "2024-05-02"


def test_value_compared_with_contre_is_not_the_event_size(run):
    _, events = run(
        "La région Normandie a inauguré lundi le nouveau lycée de Caen. Chiffré à 60 millions d’euros, contre 45 millions "
        "prévus, l’établissement accueillera 900 élèves.",
        ref="2024-05-02",
    )
    assert events[0].event_type == "commissioning"
    assert events[0].quantity_value != 45_000_000


def test_contre_without_an_earlier_figure_is_a_price(run):
    _, events = run("Le groupe minier Eramet a racheté lundi la mine de Weda Bay contre 500 millions de dollars.",
                    ref="2024-05-02")
    assert (events[0].quantity_value, events[0].quantity_unit) == (500_000_000, "USD")


def test_indicator_keeps_its_value_not_the_compared_one(run):
    _, events = run("L’inflation a ralenti à 3,1 % sur un an en avril, contre 3,6 % en mars, a annoncé mardi l’institut "
                    "national de la statistique du Portugal.", ref="2024-05-02")
    assert (events[0].quantity_value, events[0].quantity_unit) == (3.1, "%")


def test_person_between_commas_after_a_title_is_the_actor(run):
    _, events = run("Le président du Portugal, Marcelo Rebelo de Sousa, a entamé hier à Rome une visite d’État de deux "
                    "jours en Italie.", ref="2024-05-02")
    e = events[0]
    assert (e.event_type, e.actor, e.actor_country, e.partner) == ("diplomacy", "Marcelo Rebelo de Sousa", "PT", "Italie")


def test_true_coordination_keeps_its_first_party(run):
    _, events = run("La RDC, l’Angola et la Zambie ont signé hier à Lusaka un accord sur le corridor de Lobito.",
                    ref="2024-05-02")
    assert (events[0].actor, events[0].partner) == ("République démocratique du Congo", "Angola")


def test_name_before_a_described_body_is_the_actor(run):
    _, events = run("L’Althing, le Parlement islandais, a adopté hier par 40 voix le projet de loi n° 312, qui réforme la pêche.",
                    headline="Islande : la pêche réformée", ref="2024-05-02")
    assert (events[0].event_type, events[0].actor, events[0].actor_country) == ("legislation", "Althing", "IS")


def test_name_first_then_description_keeps_the_name(run):
    _, events = run("Le Grand Conseil, le Parlement genevois, a adopté hier par 60 voix le projet de loi n° 1302, qui "
                    "réforme la fiscalité.", ref="2024-05-02")
    assert events[0].actor == "Grand Conseil"


@pytest.mark.parametrize("city, iso", [("Ostende", "BE"), ("Courtrai", "BE"), ("Aix-la-Chapelle", "DE")])
def test_french_exonym_of_a_city_named_otherwise_in_geonames(run, city, iso):
    mentions, events = run(f"Le groupe japonais Kyobo Holdings a inauguré hier une usine à {city}.", ref="2024-05-02")
    place = next(m for m in mentions if m.kind == "LOC")
    assert (place.normalized, place.country) == (city, iso)
    assert (events[0].place, events[0].country) == (city, iso)


@pytest.mark.parametrize("name", ["Tiko’a", "Hana’a"])
def test_name_cut_at_an_inner_apostrophe_is_whole(run, name):
    mentions, _ = run(f"Basée à {name}, sur l’île de Moorea, la compagnie Air Moana exploite six avions.", ref="2024-05-02")
    assert name in _names(mentions, "LOC")


def test_vote_share_sizes_an_adoption(run):
    _, events = run("Au Mali, la Cour suprême a entériné le vendredi 9 mai 2025 l’adoption de la nouvelle Constitution, "
                    "approuvée au référendum du 27 avril par 88,2 % des votants. Le texte renforce les pouvoirs du président.",
                    headline="Mali : la nouvelle Constitution définitivement validée", ref="2025-05-10")
    assert events[0].event_type == "legislation"
    assert (events[0].quantity_value, events[0].quantity_unit) == (88.2, "%")
