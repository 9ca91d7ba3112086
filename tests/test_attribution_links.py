"""link_events: claim sources, statuses from the cue, and cue events' actors (plain records, no spaCy)."""

from __future__ import annotations

from newsevents.events.attribution_links import innermost, link_events
from newsevents.records import ActorRef, Attribution, Event, TextSpan

TEXT = "State media said police accused the army of shelling Ostrel. He denied sending troops."


def _span(words: str, start: int = 0) -> TextSpan:
    at = TEXT.index(words, start)
    return TextSpan(at, at + len(words), words)


def _event(trigger: str, type_: str, actors: tuple[ActorRef, ...] = (), status: str = "reported") -> Event:
    at = TEXT.index(trigger)
    return Event(
        id=f"ev-{trigger}", type=type_, mode=None, context=(), cameo=None, quad_class=None, goldstein=None,
        actors=actors, targets=(), date=None, date_text=None, location=None, status=status, sentence=TEXT,
        sentence_start=0, evidence_start=at, evidence_end=at + len(trigger), confidence=0.9,
    )  # fmt: skip


OUTER = Attribution("a1", "indirect", _span("police accused the army of shelling Ostrel"), _span("State media"),
                    _span("said"), speaker="state media")  # fmt: skip
INNER = Attribution("a2", "indirect", _span("the army of shelling Ostrel"), _span("police"), _span("accused"),
                    speaker="police", parent="a1")  # fmt: skip
DENIAL = Attribution("a3", "indirect", _span("sending troops"), _span("He"), _span("denied"),
                     speaker="Defence Minister Ana Ruiz", speaker_entity="e4")  # fmt: skip
ATTRIBUTIONS = (OUTER, INNER, DENIAL)


def test_innermost_attribution_holds_the_evidence() -> None:
    shelling = _span("shelling")
    assert innermost(shelling.start, shelling.end, ATTRIBUTIONS) == INNER
    assert innermost(0, 5, ATTRIBUTIONS) is None


def test_event_in_an_accusation_is_alleged_with_its_claim_source() -> None:
    (event,) = link_events([_event("shelling", "ASSAULT", (ActorRef("army"),))], ATTRIBUTIONS)
    assert (event.claim_source, event.status) == ("a2", "alleged")


def test_neutral_cue_keeps_reported_and_other_statuses_stay() -> None:
    outer_only = (OUTER,)
    (event,) = link_events([_event("shelling", "ASSAULT")], outer_only)
    assert (event.claim_source, event.status) == ("a1", "reported")
    (planned,) = link_events([_event("shelling", "ASSAULT", status="planned")], ATTRIBUTIONS)
    assert planned.status == "planned"


def test_denied_content_is_denied() -> None:
    (event,) = link_events([_event("sending", "MOBILIZE")], ATTRIBUTIONS)
    assert (event.claim_source, event.status) == ("a3", "denied")


def test_cue_event_takes_the_speaker_when_the_actor_is_a_pronoun_or_missing() -> None:
    accuse = _event("accused", "ACCUSE", (ActorRef("he"),))
    (linked,) = link_events([accuse], ATTRIBUTIONS)
    assert [a.name for a in linked.actors] == ["police"]
    assert linked.actors[0].start == TEXT.index("police")
    assert linked.claim_source == "a1" and linked.status == "reported"
    named = _event("accused", "ACCUSE", (ActorRef("the interior ministry"),))
    assert link_events([named], ATTRIBUTIONS)[0].actors == named.actors  # the coder's own actor stays
    other_type = _event("accused", "COERCE")
    assert link_events([other_type], ATTRIBUTIONS)[0].actors == ()  # the cue signals ACCUSE, not COERCE


def test_events_outside_any_content_are_unchanged() -> None:
    event = _event("State", "CONSULT")
    assert link_events([event], ATTRIBUTIONS) == (event,)
