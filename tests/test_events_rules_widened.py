"""Readings the coder gained from our own corpus' train split (issue #7), on the real spaCy model (slow).

Each sentence here is written for this test, not taken from eval/corpus: warnings whose that-clause
says what will be done are threats, a forecast is not; headlines list parties with a comma; a name
our actor dictionary lists keeps its state whatever the article is about; money, imagery and
equipment handed over are aid; a deployment announced for later stays a deployment; development
banks are no commerce; sport bodies and landslides make no political event.
"""

from __future__ import annotations

import pytest
from test_events_helpers import code_text, countries, only


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The Kenyan government warned striking doctors that their contracts would be terminated.",
    "Ankara warned it would close the border if the attacks continued.",
])  # fmt: skip
def test_a_warning_of_what_will_be_done_is_a_threat(nlp, text: str) -> None:
    events = code_text(nlp, text)[0]
    assert [e.type for e in events] == ["THREATEN"], events


@pytest.mark.slow
def test_a_forecast_is_no_threat(nlp) -> None:
    assert not only(code_text(nlp, "The central bank warned that inflation would rise again next year.")[0], "THREATEN")


@pytest.mark.slow
def test_a_headline_joins_parties_listed_with_a_comma(nlp) -> None:
    (event,) = code_text(nlp, "Kenya, Uganda sign pipeline security pact")[0]
    assert countries(event.actors) == {"KEN", "UGA"}


@pytest.mark.slow
def test_a_listed_leader_keeps_his_state_in_an_article_about_another(nlp) -> None:
    events = code_text(nlp, "Egypt's foreign minister said Erdogan had agreed to visit Cairo in the spring.")[0]
    (agree,) = only(events, "AGREE")
    assert countries(agree.actors) == {"TUR"}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "giver", "receiver"), [
    ("Qatar grants Sudan $200m for wheat imports", "QAT", "SDN"),
    ("Estonia passed drone footage of the smugglers to Finland's border guard.", "EST", "FIN"),
    ("Spain delivered 20 armoured vehicles to Mauritania's army last month.", "ESP", "MRT"),
])  # fmt: skip
def test_money_imagery_and_equipment_handed_over_are_aid(nlp, text: str, giver: str, receiver: str) -> None:
    (aid,) = only(code_text(nlp, text)[0], "AID")
    assert countries(aid.actors) == {giver} and receiver in countries(aid.targets)


@pytest.mark.slow
def test_a_deployment_announced_for_later_stays_a_deployment(nlp) -> None:
    (event,) = code_text(nlp, "Romania will deploy 2,000 soldiers to its border with Moldova next month, the defence minister said.")[0]
    assert (event.type, event.status) == ("MOBILIZE", "planned")


@pytest.mark.slow
def test_a_development_bank_is_no_business(nlp) -> None:
    events = code_text(nlp, "The African Development Bank froze new loans to Gabon after the coup.")[0]
    assert [e.type for e in events] == ["SANCTION"]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Kenya's rugby federation asked the league to postpone Saturday's match in Nairobi.",
    "A mudslide blocked the railway between Cusco and Aguas Calientes for two days.",
])  # fmt: skip
def test_sport_bodies_and_landslides_make_no_political_event(nlp, text: str) -> None:
    assert code_text(nlp, text)[0] == ()


@pytest.mark.slow
def test_telling_someone_to_act_is_a_request_telling_reporters_is_not(nlp) -> None:
    events = code_text(nlp, "Rabat told Madrid to return the seized fishing boats within a week.")[0]
    assert [e.type for e in events] == ["REQUEST"] and countries(events[0].actors) == {"MAR"}
    assert code_text(nlp, "The minister told reporters that the border would stay open.")[0] == ()
