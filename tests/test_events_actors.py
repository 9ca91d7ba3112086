"""Actor resolution: descriptions, capitals, pronouns, known organisations, nationalities.

The lookups here need no parse; two resolutions run on the real model (slow). All the actor
rules run on hand-written parses in ``test_events_actors_handparsed.py``.
"""

from __future__ import annotations

import pytest
from test_events_helpers import code_text, countries

from newsevents.events.actors import known_org
from newsevents.events.scope import place_country


def test_known_organisations_and_place_words() -> None:
    assert known_org("UN").country == "IGO"
    assert known_org("the United Nations").name == "United Nations"
    assert known_org("un") is None  # short forms only as written
    assert known_org("Hezbollah").country == "LBN"
    assert place_country("Iranian") == "IRN"
    assert place_country("Vietnamese-led") == "VNM"
    assert place_country("Norway-based") is None


@pytest.mark.slow
def test_leader_description_links_to_the_named_head_of_state(nlp) -> None:
    events, _, _, _ = code_text(
        nlp,
        "Russian President Vladimir Putin arrived in Ankara on Monday.",
        "The Russian leader later criticized the Turkish central bank.",
    )
    critic = [e for e in events if e.type == "ACCUSE"][0]
    assert [(a.name, a.country, a.sector) for a in critic.actors] == [("Vladimir Putin", "RUS", "GOV")]


@pytest.mark.slow
def test_it_in_a_reported_clause_is_the_reporter(nlp) -> None:
    events, _, _, _ = code_text(nlp, "Syria said it would withdraw its troops from Lebanon.")
    (event,) = events
    assert (event.type, event.status) == ("CONCEDE", "planned")  # a promised retreat (PLOVER)
    assert countries(event.actors) == {"SYR"} and countries(event.targets) == {"LBN"}
