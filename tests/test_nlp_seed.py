"""Entities of the seed's two articles: types, linking of short forms, places and countries."""

from __future__ import annotations

import pytest

from newsevents.records import Article, Entity, RawDocument


@pytest.fixture(scope="module")
def seed_entities(seed_text: str, nlp) -> list[tuple[Article, tuple[Entity, ...]]]:
    """Each seed article with its entities."""
    from newsevents.clean import clean_document
    from newsevents.nlp.entities import extract_entities

    articles = clean_document(RawDocument(origin="seed", format="text", text=seed_text))
    assert len(articles) == 2
    return [(article, extract_entities(nlp(article.text), article)) for article in articles]


def _all(seed_entities) -> list[Entity]:
    return [entity for _, entities in seed_entities for entity in entities]


def _named(seed_entities, name: str) -> list[Entity]:
    """Entities with this name or a mention reading exactly this."""
    return [e for e in _all(seed_entities) if e.name == name or any(m.text == name for m in e.mentions)]


@pytest.mark.parametrize("name", ["Ebrahim Raisi", "Raisi", "Masoud Pezeshkian", "Khamenei", "Mir Mousavi", "Mahsa Amini"])
def test_people_are_person(seed_entities, name: str) -> None:
    found = [e for e in _all(seed_entities) if name in e.name]
    assert found, f"{name} not found"
    assert {e.type for e in found} == {"PERSON"}


def test_short_forms_link_to_full_names(seed_entities) -> None:
    (putin,) = [e for e in _all(seed_entities) if e.name == "Vladimir Putin"]
    assert putin.type == "PERSON" and putin.title == "President" and putin.country == "RUS"
    assert sum(m.text == "Putin" for m in putin.mentions) >= 5
    assert not [e for e in _all(seed_entities) if e.name == "Putin"]
    (mousavi,) = [e for e in _all(seed_entities) if "Mousavi" in e.name]
    assert mousavi.name == "Mohammad Mir Mousavi"
    assert "Mir Mousavi" in {m.text for m in mousavi.mentions}
    (raisi,) = [e for e in _all(seed_entities) if "Raisi" in e.name]
    assert raisi.name == "Ebrahim Raisi" and "Raisi" in {m.text for m in raisi.mentions}
    assert raisi.country == "IRN"  # "his Iranian counterpart, Ebrahim Raisi"


def test_parenthesised_first_name(seed_entities) -> None:
    (khamenei,) = [e for e in _all(seed_entities) if "Khamenei" in e.name]
    assert khamenei.name == "Ali Khamenei"
    assert not [e for e in _all(seed_entities) if e.name == "Ali"]


@pytest.mark.parametrize("name", ["Hengaw", "IRNA", "AFP"])
def test_organisations(seed_entities, name: str) -> None:
    assert {e.type for e in _named(seed_entities, name)} == {"ORG"}


def test_hengaw_country_from_based(seed_entities) -> None:
    (hengaw,) = _named(seed_entities, "Hengaw")
    assert hengaw.country == "NOR"


@pytest.mark.parametrize("name", ["Gilan", "Lahijan", "Tehran"])
def test_places_in_iran(seed_entities, name: str) -> None:
    found = _named(seed_entities, name)
    assert found
    assert {(e.type, e.country) for e in found} == {("LOC", "IRN")}


def test_no_title_only_entities(seed_entities) -> None:
    names = {e.name for e in _all(seed_entities)}
    assert "Supreme Leader" not in names
    assert not any(name.endswith("Mr.") for name in names)


def test_mentions_point_into_article_text(seed_entities) -> None:
    for article, entities in seed_entities:
        ids = [e.id for e in entities]
        assert ids == [f"e{i}" for i in range(1, len(entities) + 1)]
        firsts = [e.mentions[0].start for e in entities]
        assert firsts == sorted(firsts)
        for entity in entities:
            assert list(entity.mentions) == sorted(entity.mentions, key=lambda m: (m.start, m.end))
            for mention in entity.mentions:
                assert article.text[mention.start : mention.end] == mention.text


def test_one_type_per_name(seed_entities) -> None:
    for _, entities in seed_entities:
        seen: dict[str, str] = {}
        for entity in entities:
            for mention in entity.mentions:
                assert seen.setdefault(mention.text, entity.type) == entity.type, mention.text


def test_every_occurrence_of_a_person_is_a_mention(seed_entities) -> None:
    import re

    for article, entities in seed_entities:
        for entity in entities:
            if entity.type != "PERSON":
                continue
            surname = entity.name.split()[-1]
            occurrences = len(re.findall(rf"\b{re.escape(surname)}\b", article.text))
            covered = sum(surname in m.text for m in entity.mentions)
            assert covered == occurrences, entity.name
