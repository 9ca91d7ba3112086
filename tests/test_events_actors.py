"""Actor resolution: descriptions, capitals, pronouns, known organisations, nationalities."""

from __future__ import annotations

import pytest
from test_events_helpers import code_text, countries

from newsevents.events.actors import known_org
from newsevents.events.scope import place_country


def test_known_organisations_and_place_words() -> None:
    assert known_org("UN").country == "IGO"
    assert known_org("the United Nations").name == "United Nations"
    assert known_org("un") is None  # short forms only as written
    assert known_org("Hezbollah").country == "LBN"
    assert place_country("Iranian") == "IRN"
    assert place_country("Vietnamese-led") == "VNM"
    assert place_country("Norway-based") is None


@pytest.mark.slow
def test_description_with_possessive_country(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Iran's police force arrested two journalists in Tehran.")
    (event,) = events
    assert [(a.name, a.country, a.sector) for a in event.actors] == [("Iran's police force", "IRN", "COP")]


@pytest.mark.slow
def test_capital_stands_for_its_government(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Moscow condemned the attack on its embassy.")
    assert [(a.name, a.country, a.sector) for a in events[0].actors] == [("Moscow", "RUS", "GOV")]


@pytest.mark.slow
def test_leader_description_links_to_the_named_head_of_state(nlp) -> None:
    events, _, _, _ = code_text(
        nlp,
        "Russian President Vladimir Putin arrived in Ankara on Monday.",
        "The Russian leader later criticized the Turkish central bank.",
    )
    critic = [e for e in events if e.type == "ACCUSE"][0]
    assert [(a.name, a.country, a.sector) for a in critic.actors] == [("Vladimir Putin", "RUS", "GOV")]


@pytest.mark.slow
def test_pronoun_takes_the_last_person(nlp) -> None:
    events, _, _, _ = code_text(
        nlp, "Brazilian President Luiz Inacio Lula da Silva spoke in Brasilia.", "He later praised Argentina."
    )
    praise = [e for e in events if e.type == "SUPPORT"][0]
    assert countries(praise.actors) == {"BRA"} and countries(praise.targets) == {"ARG"}


@pytest.mark.slow
def test_it_in_a_reported_clause_is_the_reporter(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Syria said it would withdraw its troops from Lebanon.")
    (event,) = events
    assert (event.type, event.status) == ("CONCEDE", "planned")  # a promised retreat (PLOVER)
    assert countries(event.actors) == {"SYR"} and countries(event.targets) == {"LBN"}


@pytest.mark.slow
def test_two_nationalities_on_one_noun_are_two_actors(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Senior Chilean and Peruvian officials agreed to reopen the border.")
    agree = [e for e in events if e.type == "AGREE"][0]
    assert countries(agree.actors) == {"CHL", "PER"}
    assert all(a.sector == "GOV" for a in agree.actors)


@pytest.mark.slow
def test_rights_group_is_an_ngo_and_igo_members(nlp) -> None:
    events, _, _, _ = code_text(nlp, "A human rights group criticized the European Union.")
    (event,) = events
    assert [(a.country, a.sector) for a in event.actors] == [("NGO", "NGO")]
    assert countries(event.targets) == {"IGO"}


@pytest.mark.slow
def test_bare_police_take_the_article_country(nlp) -> None:
    events, _, _, _ = code_text(
        nlp, "Kenya's election commission met on Monday in Nairobi, Kenya.", "Police detained two opposition activists."
    )
    arrest = [e for e in events if e.type == "COERCE"][0]
    assert [(a.country, a.sector) for a in arrest.actors] == [("KEN", "COP")]


@pytest.mark.slow
def test_state_media_is_media_of_the_article_country(nlp) -> None:
    events, _, _, _ = code_text(
        nlp, "Iran's judiciary met in Tehran, Iran.", "State media accused the opposition of plotting a coup."
    )
    accuse = [e for e in events if e.type == "ACCUSE"][0]
    assert [(a.country, a.sector) for a in accuse.actors] == [("IRN", "MED")]
