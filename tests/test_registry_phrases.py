"""Descriptions outside events: "Iran's president", "the Russian leader", "the British government", capitals as entities."""

from __future__ import annotations

from test_registry_known import facts as known_facts

from newsevents.registry import ArticleFacts, Dictionary, Registry
from newsevents.registry.phrases import LEADER, phrase_after

NO_DICTIONARY = Dictionary()


def facts(aid: str, date: str, text: str, names: dict[str, tuple[str, str | None]]) -> ArticleFacts:
    """An article whose entities are every occurrence of the given names (``test_registry_known.facts``, date second)."""
    return known_facts(aid, text, names, date)


def described(registry: Registry, aid: str) -> dict[str, str]:
    """Description text -> actor, for one article."""
    return {d.name: d.actor for d in registry.descriptions() if d.article == aid}


def test_a_phrase_after_a_state_names_an_office_or_an_institution() -> None:
    text = "Iran's president met the Russian leader. The British government and Israel's military said so."
    assert phrase_after(text, 0, 4, possessive=True).office == "President"
    assert phrase_after(text, 0, 4, possessive=True).text == "Iran's president"
    russian = text.index("Russian")
    found = phrase_after(text, russian, russian + 7, possessive=False)
    assert (found.text, found.office) == ("the Russian leader", LEADER)
    british = text.index("British")
    assert phrase_after(text, british, british + 7, possessive=False).sector == "GOV"
    israel = text.index("Israel's")
    assert phrase_after(text, israel, israel + 6, possessive=True).sector == "MIL"


def test_what_is_no_description_of_one_actor() -> None:
    for text, name in [
        ("Iranian president Masoud Pezeshkian spoke.", "Iranian"),  # a title before a name
        ("the former Iranian president spoke.", "Iranian"),  # someone else's office
        ("his Iranian counterpart spoke.", "Iranian"),  # a person related to someone
        ("Iran's vice president spoke.", "Iran"),  # an office several people hold
        ("Iranian ambassador spoke.", "Iranian"),  # a title: a person, not the state
        ("Iranian oil exports fell.", "Iranian"),
        ("Iranian's president", "Iranian"),  # a demonym takes no possessive
    ]:
        start = text.index(name)
        assert phrase_after(text, start, start + len(name), possessive=name == "Iran") is None, text


def test_roles_resolve_by_date_and_institutions_by_state() -> None:
    known = {"Iran": ("GPE", "IRN"), "Russian": ("NORP", "RUS"), "British": ("NORP", "GBR"), "Masoud Pezeshkian": ("PERSON", None),
             "Ebrahim Raisi": ("PERSON", None), "Tehran": ("GPE", "IRN")}  # fmt: skip
    from newsevents.records import Role

    corpus = [
        ArticleFacts("a0", "2023-02-01", (), facts("a0", "", "Ebrahim Raisi spoke.", known).entities,
                     (Role("Ebrahim Raisi", "President", "IRN", "2023-02-01", "e1"),), "Ebrahim Raisi spoke."),  # fmt: skip
        facts("a1", "2023-03-10", "Iran's president told the British government that Tehran would not yield.", known),
        facts("a2", "2024-10-01", "Masoud Pezeshkian and Iran's president.", known),
    ]
    registry = Registry.build(corpus, dictionary=NO_DICTIONARY)
    assert described(registry, "a1") == {"Iran's president": registry.lookup("Ebrahim Raisi").id, "the British government": "GBR"}
    tehran = next(e for e in corpus[1].entities if e.name == "Tehran")
    assert registry.entity_actor("a1", tehran.id) == "IRN"  # a capital is the state, even outside events
    assert "Iran's president" not in described(registry, "a2")  # no term covers late 2024 here: no actor rather than the country
    assert registry.lookup("Iran's president") is None  # a description is never an alias


def test_the_leader_is_the_one_head_of_the_country_that_day_with_our_dictionary() -> None:
    known = {"Russian": ("NORP", "RUS"), "North Korean": ("NORP", "PRK"), "Vladimir Putin": ("PERSON", None)}
    text = "Vladimir Putin spoke. The Russian leader met the North Korean leader."
    registry = Registry.build([facts("a1", "2024-06-19", text, known)])
    assert described(registry, "a1") == {"The Russian leader": "person:vladimir-putin", "the North Korean leader": "person:kim-jong-un"}


def test_an_office_our_dictionary_dates_is_held_by_one_person() -> None:
    from newsevents.records import ActorRef

    text = "The Saudi crown prince met Saudi Arabia's crown prince's envoy."
    known = {"Saudi": ("NORP", "SAU"), "Saudi Arabia": ("GPE", "SAU")}
    item = facts("a1", "2024-05-01", text, known)
    participant = ActorRef("The Saudi crown prince", None, "SAU", "GOV", 0, 22)
    registry = Registry.build([ArticleFacts("a1", "2024-05-01", (participant,), item.entities, (), text)])
    assert registry.actor_for("a1", participant) == "person:mohammed-bin-salman"  # not the country SAU
    assert described(registry, "a1") == {"Saudi Arabia's crown prince": "person:mohammed-bin-salman"}
