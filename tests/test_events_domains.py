"""Sport, commerce and negation readings, and the triggers added from our corpus' train split (real spaCy model).

Sentences are written for this test (none is in eval/corpus or ../shared/eval). Each rule is
checked both ways: the non-political or negated reading codes nothing, and the political one
still codes its event.
"""

from __future__ import annotations

import pytest
from test_events_helpers import code_text, only

from newsevents.events.policy import words

pytestmark = pytest.mark.slow


def _types(nlp, text: str) -> set[str]:
    return {e.type for e in code_text(nlp, text)[0]}


@pytest.mark.parametrize("text", [
    "Namibia's bowlers launched a fierce assault on the English batsmen before lunch.",
    "Peru's football federation asked the referee committee to review the penalty decision.",
    "The Kenyan rugby sevens side conceded two late tries in Dubai.",
    "A Ghanaian cocoa trader and a Swiss chocolate maker agreed a five-year supply deal.",
    "Shareholders rejected the mining company's takeover offer at the annual meeting.",
])  # fmt: skip
def test_sport_and_commerce_in_political_words_code_nothing(nlp, text: str) -> None:
    assert _types(nlp, text) == set()


def test_sport_or_business_with_a_state_in_it_is_still_political(nlp) -> None:
    # a state word brings politics in: "the football federation" suspended after an invasion is a sanction
    assert "ASSAULT" in _types(nlp, "Police fired tear gas at football fans outside the stadium in Cairo.")
    assert "AGREE" in _types(nlp, "Egypt's government and a Chinese carmaker agreed to build a factory near Cairo.")
    assert {"ambassador", "government", "police"} <= words("state_words")


@pytest.mark.parametrize("text", [
    "Neither Chad nor Niger has recalled its ambassador over the dispute.",
    "No talks were held between the two delegations in Geneva.",
    "The planned meeting between the two presidents never took place.",
    "Ecuador and Peru have yet to resume military cooperation along the border.",
    "The government announced no new sanctions on Russian steel on Friday.",
])  # fmt: skip
def test_negated_acts_code_nothing(nlp, text: str) -> None:
    assert _types(nlp, text) == set()


@pytest.mark.parametrize("text, etype", [
    ("Botswana turned down a request from Zambia to extradite the former minister.", "REJECT"),
    ("Norway delivered 40 tonnes of medical supplies to Sudan on Monday.", "AID"),
    ("Japan scrambled fighter jets after Chinese bombers flew near Okinawa.", "MOBILIZE"),
    ("Serbia placed its army on heightened alert along the Kosovo boundary.", "MOBILIZE"),
    ("Qatar ended its mediation between the two factions on Sunday.", "SANCTION"),
    ("The Netherlands suspended aid to Burundi after the disputed vote.", "SANCTION"),
    ("Prosecutors in Lisbon opened criminal proceedings against the former defence minister.", "ACCUSE"),
    ("The president commuted the death sentence of the opposition leader.", "CONCEDE"),
    ("Armenia and Georgia began joint patrols along their shared border.", "COOPERATE"),
    ("Chile and Bolivia restored consular services and diplomatic relations last week.", "SUPPORT"),  # object's conjunct
    ("Qatar and Egypt reopened their embassies after a four-year rift.", "SUPPORT"),
    ("Germany financed three coastguard vessels for Tunisia.", "AID"),
    ("Ecuador gifted Peru two decommissioned patrol boats.", "AID"),
    ("Rebel commanders massed thousands of fighters near the airport.", "MOBILIZE"),  # through "thousands of"
    ("Belgrade deployed gendarmes along the northern border.", "MOBILIZE"),
    ("Hungary blocked Ukraine's accession bid at the summit.", "REJECT"),
])  # fmt: skip

def test_triggers_learned_from_our_train_split(nlp, text: str, etype: str) -> None:
    assert etype in _types(nlp, text), code_text(nlp, text)[0]

def test_a_funded_service_is_no_aid_event(nlp) -> None:
    assert "AID" not in _types(nlp, "The town council will fund a new library next year.")
