"""Recipients (targets) of the rule coder, on sentences written for these tests (issue #7)."""

from __future__ import annotations

import pytest
from test_events_helpers import code_text, countries, only


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, visitor, host",
    [
        ("On a trip to Lima on Monday, Japan's trade minister met Peru's president.", "JPN", "PER"),
        ("Norway's foreign minister held talks with Kenya's president in Nairobi on Friday.", "NOR", "KEN"),
    ],
)
def test_a_meeting_in_one_sides_country_is_a_visit_to_the_host(nlp, text: str, visitor: str, host: str) -> None:
    events, _, _, _ = code_text(nlp, text)
    (event,) = only(events, "CONSULT")
    assert not event.reciprocal
    assert countries(event.actors) == {visitor} and countries(event.targets) == {host}


@pytest.mark.slow
def test_a_meeting_on_neutral_ground_stays_joint(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Japan's trade minister met Peru's president in Geneva on Monday.")
    (event,) = only(events, "CONSULT")
    assert event.reciprocal and countries(event.actors) == {"JPN", "PER"} and event.targets == ()


@pytest.mark.slow
def test_the_seat_of_a_reporter_is_no_venue(nlp) -> None:
    text = "Chile's president telephoned Peru's president on Monday, the presidency in Lima said."
    events, _, _, _ = code_text(nlp, text)
    (event,) = only(events, "CONSULT")
    assert event.reciprocal and countries(event.actors) == {"CHL", "PER"}


@pytest.mark.slow
def test_a_state_banning_a_party_of_no_named_country_bans_its_own(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Bolivia's electoral court banned the Green Dawn Party on Tuesday.")
    (event,) = only(events, "COERCE")
    assert countries(event.actors) == {"BOL"} and countries(event.targets) == {"BOL"}


@pytest.mark.slow
def test_a_target_with_its_own_country_keeps_it(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Chilean police arrested two Peruvian smugglers on Tuesday.")
    (event,) = only(events, "COERCE")
    assert countries(event.targets) == {"PER"}


@pytest.mark.slow
def test_the_one_told_to_act_is_the_recipient(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Paris told Rome to halt the new checks at the border.")
    (event,) = only(events, "REQUEST")
    assert countries(event.actors) == {"FRA"} and countries(event.targets) == {"ITA"}


@pytest.mark.slow
def test_a_threat_in_a_that_clause_is_aimed_at_the_other_party_of_what_it_stops(nlp) -> None:
    text = "Peru's president warned that he would \"pause\" relations with the Chilean embassy over the remarks."
    events, _, _, _ = code_text(nlp, text)
    (event,) = only(events, "THREATEN")
    assert countries(event.actors) == {"PER"} and countries(event.targets) == {"CHL"}


@pytest.mark.slow
def test_a_threat_against_what_serves_someone_targets_them(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Chile threatened to suspend visa-free entry for Bolivian citizens.")
    (event,) = only(events, "THREATEN")
    assert countries(event.targets) == {"BOL"}
