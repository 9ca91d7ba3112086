"""General reading rules of the event coder on the real spaCy model (slow).

Every rule is tested on a hand-written parse in ``test_events_rules_handparsed.py``; these few
run the same sentences through the model, so a model that parses them differently is noticed:
a rebuttal is no accusation, generic, accidental and non-political readings code nothing, and
police clashing with a crowd is repression plus a riot.
"""

from __future__ import annotations

import pytest
from test_events_helpers import code_text, countries, only


@pytest.mark.slow
def test_condemning_a_charge_against_oneself_is_a_denial_not_an_accusation(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Iran condemned as baseless claims by the United States that it had supplied drones to Russia.")
    assert not only(events, "ACCUSE")
    other, _, _, _ = code_text(nlp, "The United States condemned claims by Russia that Ukraine was building chemical weapons.")
    (accuse,) = only(other, "ACCUSE")
    assert countries(accuse.actors) == {"USA"} and countries(accuse.targets) == {"RUS"}


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
def test_police_clashing_with_protesters_is_repression_and_a_riot(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Police clashed with protesters in Nairobi on Tuesday.")
    assert sorted((e.type, e.cameo, e.reciprocal) for e in events) == [("ASSAULT", "175", False), ("PROTEST", "145", False)]
    (repression,) = only(events, "ASSAULT")
    assert repression.actors[0].sector == "COP" and repression.targets[0].sector == "CVL"
