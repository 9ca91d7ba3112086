"""Actor registry rules of round 6 (issue #8): bare descriptions the article resolves ("the army", "the prime
minister", "his Turkish counterpart", "his party"), a description that opens with an organisation ("EU foreign
ministers") and "top diplomat" as an office. Observations are written by hand (no model)."""

from __future__ import annotations

from test_registry import NO_DICTIONARY

from newsevents.records import ActorRef, Entity, Mention, Role
from newsevents.registry import Registry
from newsevents.registry.bare import bare_in
from newsevents.registry.records import ArticleFacts
from newsevents.registry.sightings import office_in, sightings_of


def _entity(eid: str, kind: str, text: str, body: str, *, country: str | None = None, nth: int = 0) -> Entity:
    """An entity whose one mention is the ``nth`` occurrence of ``text`` in ``body``."""
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return Entity(eid, text, kind, (Mention(start, start + len(text), text),), country)


def _ref(name: str, body: str, entity: str | None = None, country: str | None = None, sector: str | None = None) -> ActorRef:
    start = body.index(name)
    return ActorRef(name, entity, country, sector, start, start + len(name))


def _orgs(body: str, *names: str) -> ArticleFacts:
    """An article whose entities are the organisations ``names``, each at its first occurrence in ``body``."""
    return ArticleFacts("a1", "2024-03-02", text=body, entities=tuple(_entity(f"e{i}", "ORG", n, body) for i, n in enumerate(names)))


def _nodes(facts: ArticleFacts) -> dict[str, str]:
    """Text of every sighting with an offset -> its node (the last one for a text seen twice)."""
    return {s.name: s.node for s in sightings_of(facts)[0] if s.start >= 0}


def test_bare_descriptions_are_found_with_what_they_name() -> None:
    found = {b.text: (b.office, b.sector, b.state, b.party) for b in bare_in(
        "The army moved in. The prime minister spoke, the former president did not, and the foreign ministry "
        "wrote to the president of the bank. His Norwegian counterpart and her party were silent; the media left.")}
    assert found["The army"] == (None, "MIL", None, False)
    assert found["The prime minister"] == ("Prime Minister", None, None, False)
    assert found["the foreign ministry"] == (None, "GOV", None, False)
    assert found["His Norwegian counterpart"] == (None, None, "NOR", False)
    assert found["her party"] == (None, None, None, True)
    assert not any("former" in t or "president of" in t or "media" in t for t in found)  # another time, an owner after, no state's body


def test_a_bare_institution_is_the_agent_of_the_one_state_named() -> None:
    body = "Norway sent aid to the coast. The army built bridges, and the interior ministry counted the damage."
    facts = ArticleFacts("a1", "2024-03-02", entities=(_entity("e1", "LOC", "Norway", body),), text=body)
    nodes = _nodes(facts)
    assert nodes["The army"] == "agent:NOR-MIL"
    assert nodes["the interior ministry"] == "country:NOR"


def test_a_bare_institution_follows_the_state_whose_agent_the_article_names() -> None:
    body = "Finland and Norway met. The Norwegian army trained in the north, and the army said the drills would end."
    facts = ArticleFacts("a1", "2024-03-02", text=body, entities=(
        _entity("e1", "LOC", "Finland", body), _entity("e2", "LOC", "Norway", body)),
        refs=(_ref("The Norwegian army", body, None, "NOR", "MIL"),))
    assert [s.node for s in sightings_of(facts)[0] if s.name == "the army"] == ["agent:NOR-MIL"]


def test_a_bare_institution_of_an_article_naming_two_states_is_left_alone() -> None:
    body = "Finland and Norway met, and the army said the drills would end."
    facts = ArticleFacts("a1", "2024-03-02", text=body, entities=(
        _entity("e1", "LOC", "Finland", body), _entity("e2", "LOC", "Norway", body)))
    assert "the army" not in _nodes(facts)


def test_a_bare_office_is_the_one_person_the_article_gives_it() -> None:
    body = "Prime Minister Ola Brekke met farmers. The prime minister promised help."
    facts = ArticleFacts("a1", "2024-03-02", text=body, entities=(_entity("e1", "PERSON", "Ola Brekke", body),),
                         roles=(Role("Ola Brekke", "Prime Minister", "NOR", "2024-03-02", "e1"),))
    assert _nodes(facts)["The prime minister"] == "person:Ola Brekke"


def test_a_participant_bare_office_is_that_person_not_the_coders_state() -> None:
    body = "President Aiko Rana vetoed the bill, and critics asked the president to resign."
    facts = [ArticleFacts("a1", "2024-03-02", text=body, entities=(_entity("e1", "PERSON", "Aiko Rana", body),),
                          roles=(Role("Aiko Rana", "President", None, "2024-03-02", "e1"),),
                          refs=(_ref("Aiko Rana", body, "e1"), ActorRef("president", None, "PRK", "GOV", body.index("president to"),
                                                                         body.index("president to") + 9)))]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    actors = {a.name: a.actor for a in registry.assignments if a.participant}
    assert actors["president"] == actors["Aiko Rana"]


def test_a_demonym_counterpart_is_the_one_person_of_that_state() -> None:
    body = "Ola Brekke met Aiko Rana in Oslo. His Japanese counterpart praised the talks."
    brekke, rana = _entity("e1", "PERSON", "Ola Brekke", body), _entity("e2", "PERSON", "Aiko Rana", body)
    facts = ArticleFacts("a1", "2024-03-02", text=body, entities=(brekke, rana),
                         roles=(Role("Aiko Rana", "Foreign Minister", "JPN", "2024-03-02", "e2"),
                                Role("Ola Brekke", "Foreign Minister", "NOR", "2024-03-02", "e1")))
    assert _nodes(facts)["His Japanese counterpart"] == "person:Aiko Rana"


def test_his_party_is_the_party_named_last_before_it_only() -> None:
    body = "Ola Brekke leads the Coastal Party. He said his party would win."
    facts = ArticleFacts("a1", "2024-03-02", text=body, entities=(
        _entity("e1", "PERSON", "Ola Brekke", body), _entity("e2", "ORG", "the Coastal Party", body)))
    assert _nodes(facts)["his party"] == "org:coastal party"
    facts = _orgs("The Coastal Party backed it. Ola Brekke told the Fjord Assembly that the party would not.",
                  "The Coastal Party", "the Fjord Assembly")
    assert "the party" not in _nodes(facts)  # the assembly was named last: whose party it is, the text does not say


def test_a_description_opening_with_an_organisation_is_that_organisation() -> None:
    body = "NATO defence ministers met in Brussels."
    facts = ArticleFacts("a1", "2024-03-02", text=body, entities=(_entity("e1", "ORG", "NATO", body),),
                         refs=(_ref("NATO defence ministers", body, None, "IGO", "GOV"),))
    assert [s.node for s in sightings_of(facts)[0] if s.name == "NATO defence ministers"] == ["org:nato"]


def test_a_top_diplomat_is_the_foreign_minister() -> None:
    assert office_in("Norway's top diplomat", "NOR") == "Foreign Minister"


def test_a_capitalised_head_word_is_the_one_organisation_named_with_it() -> None:
    facts = _orgs("The Fjord Commission met the Coastal Assembly. The Commission said it would report in May.",
                  "The Fjord Commission", "the Coastal Assembly")
    assert _nodes(facts)["The Commission"] == "org:fjord commission"
    facts = _orgs("The Fjord Commission and the Tide Commission met. The Commission said nothing.",
                  "The Fjord Commission", "the Tide Commission")
    assert "The Commission" not in _nodes(facts)  # two commissions: which one, the text does not say


def test_a_demonym_side_is_the_state() -> None:
    body = "Talks resumed in Geneva, and the Norwegian side asked for a pause."
    assert _nodes(ArticleFacts("a1", "2024-03-02", text=body))["the Norwegian side"] == "country:NOR"


def test_a_surname_the_ner_took_for_an_organisation_is_the_person_named_in_full() -> None:
    body = "Ola Brekke won the vote. Brekke thanked the voters."
    facts = ArticleFacts("a1", "2024-03-02", text=body, entities=(
        _entity("e1", "PERSON", "Ola Brekke", body), _entity("e2", "ORG", "Brekke", body, nth=1)))
    assert [s.node for s in sightings_of(facts)[0] if s.entity == "e2"] == ["person:Ola Brekke"]
    body = "Ola Brekke and Kari Brekke voted. Brekke thanked the voters."
    facts = ArticleFacts("a1", "2024-03-02", text=body, entities=(
        _entity("e1", "PERSON", "Ola Brekke", body), _entity("e3", "PERSON", "Kari Brekke", body),
        _entity("e2", "ORG", "Brekke", body, nth=2)))
    assert [s.node for s in sightings_of(facts)[0] if s.entity == "e2"] == ["org:brekke"]  # two Brekkes: neither


def test_an_office_of_many_holders_is_only_the_person_the_text_gives_it() -> None:
    body = "Governor Lise Haug opened the bridge. The governor thanked the workers."
    facts = ArticleFacts("a1", "2024-03-02", text=body, entities=(_entity("e1", "PERSON", "Lise Haug", body),),
                         roles=(Role("Lise Haug", "Governor", "NOR", "2024-03-02", "e1"),))
    assert _nodes(facts)["The governor"] == "person:Lise Haug"
    body = "Norway opened the bridge. The governor thanked the workers."
    facts = ArticleFacts("a1", "2024-03-02", text=body, entities=(_entity("e1", "LOC", "Norway", body),))
    assert "The governor" not in _nodes(facts)  # many governors in a state: not an office of Norway's


def test_a_participant_institution_without_a_state_takes_the_article_s_one_state() -> None:
    body = "Norway's parliament met, and the government said the budget would pass."
    facts = ArticleFacts("a1", "2024-03-02", text=body, entities=(_entity("e1", "LOC", "Norway", body),),
                         refs=(_ref("the government", body, None, None, "GOV"),))
    assert [s.node for s in sightings_of(facts)[0] if s.name == "the government" and s.ref] == ["country:NOR"]


def test_the_bloc_or_the_group_is_the_listed_organisation_of_that_kind_named_last() -> None:
    facts = _orgs("Hamas rejected the plan, and NATO said the alliance would meet. The group did not reply.", "Hamas", "NATO")
    nodes = _nodes(facts)
    assert nodes["the alliance"] == "org:nato"  # NATO, named last, is an international organisation
    assert "The group" not in nodes  # NATO was named last, and it is no armed group
    facts = _orgs("Hamas rejected the plan. The group said it would fight on.", "Hamas")
    assert _nodes(facts)["The group"] == "org:hamas"
