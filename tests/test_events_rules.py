"""General reading rules of the event coder, on sentences written for these tests.

Each test names the rule it guards: what is no political event at all (rebuttals, one person's
crime, generic or hypothetical actors, accidents, refused acts), who acts (datelines, documents,
"wants X to"), who receives (owners of proposals, the other party of a relation) and how a clash
of police with a crowd is read.
"""

from __future__ import annotations

import pytest
from test_events_helpers import code_text, countries, only


def _types(events) -> list[str]:
    return [e.type for e in events]


@pytest.mark.slow
def test_condemning_a_charge_against_oneself_is_a_denial_not_an_accusation(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Iran condemned as baseless claims by the United States that it had supplied drones to Russia.")
    assert not only(events, "ACCUSE")
    other, _, _, _ = code_text(nlp, "The United States condemned claims by Russia that Ukraine was building chemical weapons.")
    (accuse,) = only(other, "ACCUSE")
    assert countries(accuse.actors) == {"USA"} and countries(accuse.targets) == {"RUS"}


@pytest.mark.slow
def test_one_person_damaging_property_is_no_political_event(nlp) -> None:
    assert code_text(nlp, "A man set fire to a shop.")[0] == ()
    crowd, _, _, _ = code_text(nlp, "Protesters set fire to government buildings in Dhaka.")
    assert [(e.type, e.mode) for e in crowd] == [("PROTEST", "vandalize")]


@pytest.mark.slow
def test_a_dateline_is_no_actor(nlp) -> None:
    events, _, _, _ = code_text(nlp, "CAIRO — Egypt and Jordan signed a water agreement on Monday.")
    (event,) = events
    assert event.type == "SUPPORT" and countries(event.actors) == {"EGY", "JOR"}
    assert all(a.name != "CAIRO" for a in event.actors)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The pact commits both countries not to help any state that attacks the other.",
    "Two ministers were killed when their helicopter crashed in the mountains.",
    "The minister was flown by helicopter to a hospital.",
    "The envoy warned the council of a looming famine.",
    "The strikes hit more than 60 targets, the air force said.",
])  # fmt: skip
def test_generic_accidental_and_non_political_readings_code_nothing(nlp, text: str) -> None:
    assert code_text(nlp, text)[0] == ()


@pytest.mark.slow
def test_strikes_by_a_state_are_attacks_not_walkouts(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Israeli strikes on Gaza killed 20 people.")
    assert not only(events, "PROTEST")
    assert any(countries(e.actors) == {"ISR"} for e in only(events, "ASSAULT"))


@pytest.mark.slow
def test_police_clashing_with_protesters_is_repression_and_a_riot(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Police clashed with protesters in Nairobi on Tuesday.")
    assert sorted((e.type, e.cameo, e.reciprocal) for e in events) == [("ASSAULT", "175", False), ("PROTEST", "145", False)]
    (repression,) = only(events, "ASSAULT")
    assert repression.actors[0].sector == "COP" and repression.targets[0].sector == "CVL"


@pytest.mark.slow
def test_what_was_refused_did_not_happen(nlp) -> None:
    events, _, _, _ = code_text(nlp, "The rebels refused to allow aid convoys to enter and deliver food to the town.")
    assert _types(events) == ["REJECT"]


@pytest.mark.slow
def test_cutting_ties_is_done_to_the_other_party(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Saudi Arabia cut ties with Qatar on Monday.")
    (event,) = events
    assert event.type == "SANCTION" and not event.reciprocal
    assert countries(event.actors) == {"SAU"} and countries(event.targets) == {"QAT"}


@pytest.mark.slow
def test_rejecting_a_proposal_targets_its_author(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Iran rejected a proposal from France to resume talks.")
    (event,) = events
    assert event.type == "REJECT" and countries(event.targets) == {"FRA"}


@pytest.mark.slow
def test_withdrawing_peacekeepers_in_future_is_a_threat(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Nigeria said it will withdraw its peacekeepers from Liberia.")
    (event,) = events
    assert (event.type, event.status) == ("THREATEN", "planned")
    assert countries(event.targets) == {"LBR"}


@pytest.mark.slow
def test_a_report_speaks_for_where_it_was_released(nlp) -> None:
    events, _, _, _ = code_text(nlp, "A report released in Kigali accused France of training militias.")
    (event,) = only(events, "ACCUSE")
    assert countries(event.actors) == {"RWA"} and countries(event.targets) == {"FRA"}


@pytest.mark.slow
def test_wanting_someone_to_act_is_a_request_to_them(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Washington wants Seoul to impose sanctions on Pyongyang.")
    (event,) = events
    assert event.type == "REQUEST" and countries(event.actors) == {"USA"} and countries(event.targets) == {"KOR"}


@pytest.mark.slow
def test_a_vetoed_resolution_demands_for_its_authors_not_the_vetoer(nlp) -> None:
    events, _, _, _ = code_text(nlp, "The United States vetoed a Security Council resolution demanding a ceasefire in Gaza.")
    (veto,) = only(events, "REJECT")
    assert countries(veto.actors) == {"USA"}
    assert all("USA" not in countries(e.actors) for e in only(events, "REQUEST"))
