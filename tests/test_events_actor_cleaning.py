"""Actors are named things, not counts, places, equipment or abstractions (issue #7, "Actors")."""

from __future__ import annotations

import pytest
from test_events_helpers import code_text, countries, only

pytestmark = pytest.mark.slow


def _parties(events):
    return [(r.name, r.country) for e in events for r in (*e.actors, *e.targets)]


def test_equipment_without_an_owner_is_no_actor(nlp):
    events, *_ = code_text(nlp, "US and British warships shot down 21 drones over the Red Sea on Tuesday.")
    assert events and all("drones" not in name for name, _ in _parties(events))


def test_counts_are_not_part_of_an_actors_name(nlp):
    (event,) = only(code_text(nlp, "Police in Kampala arrested 45 students outside parliament on Tuesday.")[0], "COERCE")
    assert [t.name for t in event.targets] == ["students"]


def test_a_facility_stands_for_its_owner(nlp):
    events, *_ = code_text(nlp, "Israeli aircraft struck Houthi targets near the port of Hodeidah overnight.")
    (attack,) = only(events, "ASSAULT")
    assert countries(attack.targets) == {"YEM"} and all("targets" not in t.name for t in attack.targets)


def test_a_bloc_of_states_is_not_the_articles_country(nlp):
    events, *_ = code_text(
        nlp,
        "Turkish officials met in Ankara on Monday. Turkey's foreign minister said Western governments had accused Iran of arming militias.",
    )
    accusations = only(events, "ACCUSE")
    assert accusations and all("TUR" not in countries(e.actors) for e in accusations)
    assert any(countries(e.actors) == {"IMG"} for e in accusations)


def test_a_vague_singular_is_no_actor(nlp):
    events, *_ = code_text(nlp, "Neither side fired a single shot overnight, observers said.")
    assert all(name.lower() != "side" for name, _ in _parties(events))
