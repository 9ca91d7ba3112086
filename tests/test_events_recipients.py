"""Recipients (targets) of the rule coder, on sentences written for these tests (issue #7)."""

from __future__ import annotations

import pytest
from test_events_helpers import code_text, countries, only

CASES = [
    # a target's own country stays
    ("Chilean police arrested two Peruvian smugglers on Tuesday.", "COERCE", {"CHL"}, {"PER"}),
    # the one told to act receives the request
    ("Paris told Rome to halt the new checks at the border.", "REQUEST", {"FRA"}, {"ITA"}),
    # a threat in a that-clause, past the threatener itself, at the other party of what it stops
    ("Peru's president warned that he would \"pause\" relations with the Chilean embassy over the remarks.",
     "THREATEN", {"PER"}, {"CHL"}),
    # a threat against what serves someone targets them
    ("Chile threatened to suspend visa-free entry for Bolivian citizens.", "THREATEN", {"CHL"}, {"BOL"}),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, event_type, actors, targets", CASES)
def test_recipient(nlp, text: str, event_type: str, actors: set[str], targets: set[str]) -> None:
    events, _, _, _ = code_text(nlp, text)
    (event,) = only(events, event_type)
    assert countries(event.actors) == actors and countries(event.targets) == targets
    assert not event.reciprocal
