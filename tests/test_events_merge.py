"""One happening, one event (``events/merge.py``): reciprocal parties, one trigger coded once, mentions merged.

Events are built by hand over a small article, so each test fails for the merge rule's reason.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsevents.events.merge import merge_events, one_sided, same_happening
from newsevents.records import ActorRef, Article, Event, Location, TextSpan

ARTICLE = Article(id="m" * 16, title="t", published="2024-07-27", paragraphs=(
    "Police arrested two journalists in Tehran on Monday.",
    "The journalists were arrested by police at their office, their families said.",
    "Iran and Saudi Arabia met in Beijing.",
    "Police also arrested a lawyer on Friday.",
))
TEXT = ARTICLE.text
POLICE = ActorRef("police", None, "IRN", "COP")
JOURNALISTS = ActorRef("journalists", None, "IRN", "MED")
LAWYER = ActorRef("lawyer", None, "IRN", "JUD")
IRAN, SAUDI = ActorRef("Iran", "e1", "IRN", None), ActorRef("Saudi Arabia", "e2", "SAU", None)


def event(word: str, nth: int = 0, **kw) -> Event:
    """An event whose trigger is the ``nth`` occurrence of ``word`` in the article."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    sent_start = TEXT.rfind("\n", 0, start) + 1
    sent_end = TEXT.find("\n", start)
    sentence = TEXT[sent_start : sent_end if sent_end != -1 else len(TEXT)]
    fields = dict(
        id=f"{word}{nth}{kw.get('type', 'COERCE')}", type="COERCE", mode="arrest", context=(), cameo="173", quad_class=4,
        goldstein=-5.0, actors=(POLICE,), targets=(JOURNALISTS,), date=None, date_text=None, location=None, status="reported",
        sentence=sentence, sentence_start=sent_start, evidence_start=start, evidence_end=start + len(word), confidence=0.7,
    )
    fields.update(kw)
    return Event(**fields)  # type: ignore[arg-type]


def spans(ev: Event) -> list[str]:
    """The article text of every evidence span, checked against the offsets."""
    for s in ev.evidence:
        assert TEXT[s.start : s.end] == s.text
    return [s.text for s in ev.evidence]


def test_a_reciprocal_event_lists_each_party_once_as_an_actor() -> None:
    met = event("met", type="CONSULT", actors=(IRAN, SAUDI), targets=(IRAN, SAUDI), reciprocal=True)
    (out,) = merge_events([met])
    assert out.actors == (IRAN, SAUDI) and out.targets == () and out.reciprocal
    assert one_sided(event("arrested")) == event("arrested")  # a one-way event keeps its sides


def test_a_later_mention_of_the_same_happening_merges_into_the_first() -> None:
    first = event("arrested", date="2024-07-22", date_text="on Monday", location=Location("Tehran", "IRN"))
    second = event("arrested", 1, status="alleged", actors=(replace(POLICE, country=None),), confidence=0.8)
    (merged,) = merge_events([first, second])
    assert merged.id == first.id and merged.evidence_start == first.evidence_start
    assert spans(merged) == ["arrested", "arrested"] and [s.start for s in merged.evidence] == sorted(s.start for s in merged.evidence)
    assert (merged.date, merged.location, merged.confidence) == ("2024-07-22", Location("Tehran", "IRN"), 0.8)
    assert merged.actors == (POLICE,)  # the country one mention knows is kept


def test_the_date_and_an_unknown_side_are_filled_from_a_later_mention() -> None:
    first = event("arrested", actors=())
    second = event("arrested", 1, date="2024-07", date_text="this month")
    (merged,) = merge_events([first, second])
    assert (merged.actors, merged.date, merged.date_text) == ((POLICE,), "2024-07", "this month")


@pytest.mark.parametrize("change", [
    {"targets": (LAWYER,)},  # different targets: another arrest
    {"date": "2024-07-26"},  # different dates
    {"historical": True},  # a past arrest against today's
    {"status": "planned"},  # a plan against the deed
    {"type": "ASSAULT"},
    {"location": Location("Shiraz", "IRN")},
])
def test_mentions_that_differ_never_merge(change: dict) -> None:
    first = event("arrested", date="2024-07-22", location=Location("Tehran", "IRN"))
    other = event("arrested", 2, **change)
    assert not same_happening(first, other)
    assert len(merge_events([first, other])) == 2


def test_two_mentions_with_no_named_side_in_common_do_not_merge() -> None:
    assert len(merge_events([event("arrested", actors=()), event("arrested", 1, targets=())])) == 2


def test_one_trigger_coded_twice_keeps_the_surer_reading() -> None:
    weak = event("arrested", type="ASSAULT", confidence=0.5)
    strong = event("arrested", confidence=0.7)
    assert merge_events([weak, strong]) == (replace(strong, evidence=strong.evidence_spans()),)
    clash = event("arrested", type="PROTEST", actors=(JOURNALISTS,), targets=(POLICE,))  # the other side's act
    assert len(merge_events([strong, clash])) == 2


def test_merging_is_order_stable_and_leaves_single_events_with_their_one_span() -> None:
    lawyer = event("arrested", 2, targets=(LAWYER,), date="2024-07-26")
    events = [event("arrested"), event("arrested", 1), lawyer]
    once = merge_events(events)
    assert once == merge_events(events) == merge_events(once)
    assert [e.id for e in once] == [events[0].id, lawyer.id]
    assert once[1].evidence == (TextSpan(lawyer.evidence_start, lawyer.evidence_end, "arrested"),)


def test_two_triggers_of_one_sentence_merge_only_with_equal_sides() -> None:
    # "Hamas freed hostages and Israel released prisoners": an unknown side is no proof of one happening
    assert not same_happening(event("arrested", 1, targets=()), event("families"))
    assert same_happening(event("arrested", 1), event("families"))  # same sides: one happening told twice
