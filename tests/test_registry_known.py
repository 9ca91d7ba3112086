"""Seats of government, dictionary names and capitals the registry finds in the text (registry.known), and party names."""

from __future__ import annotations

import re

from newsevents.records import Entity, Mention
from newsevents.registry import ArticleFacts, Dictionary, Registry
from newsevents.registry.known import known_in, seat_of


def facts(aid: str, text: str, names: dict[str, tuple[str, str | None]], date: str = "2024-11-20") -> ArticleFacts:
    """An article whose entities are every occurrence of the given names (name -> (NER type, country))."""
    entities = []
    for n, (name, (kind, country)) in enumerate(sorted(names.items())):
        mentions = tuple(Mention(m.start(), m.end(), name) for m in re.finditer(re.escape(name), text))
        entities.append(Entity(f"e{n}", name, kind, mentions, country))
    return ArticleFacts(aid, date, (), tuple(entities), (), text)


def assigned(registry: Registry, aid: str) -> dict[str, str]:
    """Name as written -> actor, for one article's assignments."""
    return {a.name: a.actor for a in registry.assignments if a.article == aid}


def test_a_seat_of_government_is_its_state() -> None:
    assert seat_of("the Kremlin") == "RUS" and seat_of("Kremlin's") == "RUS"
    assert seat_of("Zhongnanhai") == "CHN" and seat_of("Number 10") == "GBR" and seat_of("The Blue House") == "KOR"
    assert seat_of("the Pentagon") is None  # an agent (MIL), not the state
    assert seat_of("Moscow") is None  # capitals are the gazetteer's


def test_a_capital_in_the_text_is_its_state_only_when_the_article_names_the_state_and_not_as_a_place() -> None:
    text = "Kyiv has asked for more help. Talks in Moscow ended."
    found = {k.text: k.node for k in known_in(text, {"UKR", "RUS"})}
    assert found == {"Kyiv": "country:UKR"}
    assert [k.text for k in known_in(text, set())] == []


def test_names_the_ner_missed_or_mislabelled_are_read_from_the_text() -> None:
    text = "Zhongnanhai said nothing. Starmer spoke to China on Tuesday. Ukraine asked again; Kyiv wants peace. The Kremlin declined."
    item = facts("a1", text, {"Zhongnanhai": ("PERSON", None), "China": ("GPE", "CHN"), "Ukraine": ("GPE", "UKR")})
    registry = Registry.build([item])
    got = assigned(registry, "a1")
    assert got["Zhongnanhai"] == "CHN"  # the NER's PERSON is overruled by the seat
    assert got["Starmer"] == "person:keir-starmer"  # no entity at all: our dictionary lists the name
    assert got["Kyiv"] == "UKR" and got["The Kremlin"] == "RUS"


def test_a_name_with_and_without_a_generic_head_noun_is_one_organisation_in_one_state() -> None:
    one = facts("a1", "Labour won the vote.", {"Labour": ("ORG", "GBR")})
    two = facts("a2", "The Labour Party said it was ready.", {"Labour Party": ("ORG", "GBR")})
    registry = Registry.build([one, two], dictionary=Dictionary())
    assert assigned(registry, "a1")["Labour"] == assigned(registry, "a2")["Labour Party"]
    other = facts("a3", "The Labour Party of Ruritania met.", {"Labour Party": ("ORG", "AUS")})
    registry = Registry.build([one, two, other], dictionary=Dictionary())
    assert assigned(registry, "a1")["Labour"] != assigned(registry, "a3")["Labour Party"]  # two states: kept apart


def test_one_state_keeps_its_party_names_together_beside_another_states_party_of_that_name() -> None:
    one = facts("a1", "Labour won the vote.", {"Labour": ("ORG", "GBR")})
    two = facts("a2", "The Labour Party said it was ready.", {"Labour Party": ("ORG", "GBR")})
    other = facts("a3", "The Labour Party of Ruritania met.", {"Labour Party": ("ORG", "AUS")})
    registry = Registry.build([one, two, other], dictionary=Dictionary())
    assert assigned(registry, "a1")["Labour"] == assigned(registry, "a2")["Labour Party"] != assigned(registry, "a3")["Labour Party"]
