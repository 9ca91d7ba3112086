"""Recipients (targets) of the rule coder, on sentences written for these tests (issue #7)."""

from __future__ import annotations

import pytest
from test_events_helpers import code_text, countries, only

CASES = [
    # a meeting in one side's country is a visit: the visitors act, the hosts receive
    ("On a trip to Lima on Monday, Japan's trade minister met Peru's president.", "CONSULT", {"JPN"}, {"PER"}),
    ("Norway's foreign minister held talks with Kenya's president in Nairobi on Friday.", "CONSULT", {"NOR"}, {"KEN"}),
    # a target's own country stays
    ("Chilean police arrested two Peruvian smugglers on Tuesday.", "COERCE", {"CHL"}, {"PER"}),
    # the one told to act receives the request
    ("Paris told Rome to halt the new checks at the border.", "REQUEST", {"FRA"}, {"ITA"}),
    # a threat in a that-clause, past the threatener itself, at the other party of what it stops
    ("Peru's president warned that he would \"pause\" relations with the Chilean embassy over the remarks.",
     "THREATEN", {"PER"}, {"CHL"}),
    # a threat against what serves someone targets them
    ("Chile threatened to suspend visa-free entry for Bolivian citizens.", "THREATEN", {"CHL"}, {"BOL"}),
    # forces moved on the mover's own ground face nobody; moved abroad, the foreign place receives
    ("Ecuador's army deployed two battalions to Guayaquil on Monday.", "MOBILIZE", {"ECU"}, set()),
    ("Ecuador's army deployed two battalions to Colombia on Monday.", "MOBILIZE", {"ECU"}, {"COL"}),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, event_type, actors, targets", CASES)
def test_recipient(nlp, text: str, event_type: str, actors: set[str], targets: set[str]) -> None:
    events, _, _, _ = code_text(nlp, text)
    (event,) = only(events, event_type)
    assert countries(event.actors) == actors and countries(event.targets) == targets
    assert not event.reciprocal


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Japan's trade minister met Peru's president in Geneva on Monday.",  # neutral ground
        "Chile's president telephoned Peru's president on Monday, the presidency in Lima said.",  # a reporter's seat
    ],
)
def test_a_meeting_away_from_both_sides_stays_joint(nlp, text: str) -> None:
    events, _, _, _ = code_text(nlp, text)
    (event,) = only(events, "CONSULT")
    assert event.reciprocal and len(countries(event.actors)) == 2 and event.targets == ()
