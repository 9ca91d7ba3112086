"""The event coder on sentences written for these tests: types, frames, statuses, evidence, ids."""

from __future__ import annotations

import pytest
from test_events_helpers import code_text, countries, only

from newsevents.events.coder import event_id


@pytest.mark.slow
def test_reciprocal_signing_is_support_with_both_parties(nlp) -> None:
    events, _, _, article = code_text(nlp, "Russia and China signed a trade agreement on Monday.")
    (event,) = events
    assert (event.type, event.cameo, event.reciprocal) == ("SUPPORT", "057", True)
    assert countries(event.actors) == {"RUS", "CHN"} and event.targets == ()  # every party once, as an actor
    assert "economic" in event.context
    assert article.text[event.evidence_start : event.evidence_end] == "signed a trade agreement"
    assert event.quad_class == 1 and event.goldstein == 8.0


@pytest.mark.slow
def test_arrest_by_police_in_a_city(nlp) -> None:
    events, _, _, article = code_text(nlp, "Police arrested three protesters in Cairo on Tuesday.")
    (event,) = events
    assert (event.type, event.mode, event.cameo, event.status) == ("COERCE", "arrest", "173", "reported")
    assert [(a.country, a.sector) for a in event.actors] == [("EGY", "COP")]
    assert [(t.country, t.sector) for t in event.targets] == [("EGY", "CVL")]
    assert event.date_text == "on Tuesday" or event.date_text == "Tuesday"
    assert event.location is not None and event.location.name == "Cairo"
    assert event.id == event_id(article.id, event.evidence_start, event.evidence_end, "COERCE")


@pytest.mark.slow
@pytest.mark.parametrize("text", ["The army did not attack the village.", "The government never met the rebels."])
def test_negated_actions_are_not_events(nlp, text: str) -> None:
    events, _, _, _ = code_text(nlp, text)
    assert events == ()


@pytest.mark.slow
def test_future_talks_are_a_planned_agreement(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Iran will hold talks with France next week.")
    (event,) = events
    assert (event.type, event.cameo, event.status) == ("AGREE", "036", "planned")
    assert countries(event.actors) == {"IRN"} and countries(event.targets) == {"FRA"}
    together, _, _, _ = code_text(nlp, "India and Pakistan are expected to resume talks in July.")
    assert [(e.type, e.status, e.reciprocal) for e in together] == [("AGREE", "planned", True)]
    assert countries(together[0].actors) == {"IND", "PAK"}


@pytest.mark.slow
def test_frames_fold_their_complement(nlp) -> None:
    threat, _, _, _ = code_text(nlp, "The rebels threatened to attack the capital.")
    assert [(e.type, e.mode) for e in threat] == [("THREATEN", "violence")]
    refusal, _, _, _ = code_text(nlp, "The Turkish foreign minister refused to meet the Greek delegation.")
    (event,) = refusal
    assert (event.type, event.mode, event.cameo) == ("REJECT", "meet", "125")
    assert countries(event.actors) == {"TUR"} and countries(event.targets) == {"GRC"}
    appeal, _, _, _ = code_text(nlp, "The United Nations urged Ethiopia to allow aid convoys into Tigray.")
    (event,) = appeal
    assert (event.type, event.mode) == ("REQUEST", "yield")
    assert countries(event.actors) == {"IGO"} and countries(event.targets) == {"ETH"}


@pytest.mark.slow
def test_statuses(nlp) -> None:
    hypothetical, _, _, _ = code_text(nlp, "If the talks fail, the army could seize the airport.")
    assert [e.status for e in only(hypothetical, "COERCE")] == ["hypothetical"]
    denied, _, _, _ = code_text(nlp, "The Israeli army denied that its troops had shelled the town.")
    (event,) = denied
    assert (event.type, event.status) == ("ASSAULT", "denied") and countries(event.actors) == {"ISR"}
    hedged, _, _, _ = code_text(nlp, "The president allegedly ordered the arrest of the journalists.")
    assert [e.status for e in hedged] == ["alleged"]
    expected, _, _, _ = code_text(nlp, "India and Pakistan are expected to resume talks in July.")
    assert [(e.type, e.status) for e in expected] == [("AGREE", "planned")]


@pytest.mark.slow
def test_claims_of_abuse_by_activists_are_alleged_and_accuse(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Activists said soldiers tortured the detainees in Aleppo.")
    assault = only(events, "ASSAULT")[0]
    assert (assault.mode, assault.cameo, assault.status) == ("torture", "1822", "alleged")
    accuse = only(events, "ACCUSE")[0]
    assert accuse.mode == "allege" and [a.sector for a in accuse.actors] == ["CVL"]
    assert countries(accuse.targets) == {"SYR"}
    assert assault.confidence > accuse.confidence


@pytest.mark.slow
def test_sanctions_and_aid_targets(nlp) -> None:
    sanctions, _, _, _ = code_text(nlp, "The European Union imposed new sanctions on Belarus on Friday.")
    assert [(e.type, e.mode) for e in sanctions] == [("SANCTION", "discontinue")]
    assert countries(sanctions[0].targets) == {"BLR"}
    aid, _, _, _ = code_text(nlp, "Japan sent 20 tons of food aid to Haiti.")
    assert [e.type for e in aid] == ["AID"] and countries(aid[0].targets) == {"HTI"}


@pytest.mark.slow
def test_protest_is_aimed_at_the_government_of_where_it_happens(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Thousands of students protested in Santiago against tuition fees.")
    (event,) = events
    assert (event.type, event.mode) == ("PROTEST", "demo")
    assert [(a.name, a.country, a.sector) for a in event.actors] == [("students", "CHL", "EDU")]
    assert [(t.country, t.sector) for t in event.targets] == [("CHL", "GOV")]


@pytest.mark.slow
def test_ids_are_stable_and_distinct(nlp) -> None:
    first, _, _, _ = code_text(nlp, "Police arrested three protesters in Cairo. The army shelled the town.")
    second, _, _, _ = code_text(nlp, "Police arrested three protesters in Cairo. The army shelled the town.")
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == len(first) == 2


@pytest.mark.slow
def test_sentences_without_triggers_cost_nothing(nlp) -> None:
    events, _, roles, _ = code_text(nlp, "The weather was mild and the market was busy.", "Prices rose slightly.")
    assert events == () and roles == ()
