"""General entity mechanisms on short made-up news text (not the seed)."""

from __future__ import annotations

import pytest

from newsevents.nlp.entities import extract_entities
from newsevents.records import Article, Entity


def _entities(nlp, *paragraphs: str) -> tuple[Entity, ...]:
    article = Article(id="t", title="t", paragraphs=paragraphs)
    return extract_entities(nlp(article.text), article)


def _by_name(entities: tuple[Entity, ...], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type) for e in entities]
    return found[0]


def test_titles_short_forms_and_countries(nlp) -> None:
    entities = _entities(
        nlp,
        "Chinese Foreign Minister Wang Yi met U.S. Secretary of State Antony Blinken in Beijing on Friday.",
        "Blinken said the United States would not accept threats. Wang told reporters that China wants stable ties with the US.",
    )
    blinken = _by_name(entities, "Antony Blinken")
    assert (blinken.type, blinken.title, blinken.country) == ("PERSON", "Secretary of State", "USA")
    assert [m.text for m in blinken.mentions] == ["Antony Blinken", "Blinken"]
    wang = _by_name(entities, "Wang Yi")
    assert (wang.type, wang.title, wang.country) == ("PERSON", "Foreign Minister", "CHN")
    assert "State" not in {e.name for e in entities}
    usa = [e for e in entities if e.type == "LOC" and e.country == "USA"]
    assert len(usa) == 1 and {m.text for m in usa[0].mentions} == {"U.S.", "United States", "US"}


def test_acronym_defined_in_brackets_joins_its_name(nlp) -> None:
    entities = _entities(
        nlp,
        "The World Health Organization (WHO) sent experts to Geneva. The WHO said more help would follow.",
    )
    who = _by_name(entities, "World Health Organization")
    assert who.type == "ORG"
    assert [m.text for m in who.mentions] == ["World Health Organization", "WHO", "WHO"]


def test_kremlin_spokesman_and_facility(nlp) -> None:
    entities = _entities(
        nlp,
        "Kremlin spokesman Dmitry Peskov declined to comment. Peskov said talks at the Kremlin would go on.",
    )
    peskov = _by_name(entities, "Dmitry Peskov")
    assert (peskov.type, peskov.country, peskov.title) == ("PERSON", "RUS", "spokesman")
    kremlin = _by_name(entities, "Kremlin")
    assert (kremlin.type, kremlin.country) == ("LOC", "RUS")


def test_appositives_decide_the_type(nlp) -> None:
    entities = _entities(
        nlp,
        "The Amsterdam-based rights group, Watchlist, said on Monday that Nasrin Sotoudeh had been released.",
        "Sotoudeh, a lawyer, thanked supporters. Reuters reported that Sotoudeh would travel to Paris.",
    )
    watchlist = _by_name(entities, "Watchlist")
    assert (watchlist.type, watchlist.country) == ("ORG", "NLD")
    sotoudeh = _by_name(entities, "Nasrin Sotoudeh")
    assert sotoudeh.type == "PERSON" and len(sotoudeh.mentions) == 3


def test_bracketed_given_names(nlp) -> None:
    entities = _entities(nlp, "Opposition leader (Mir Hossein) Mousavi remains under house arrest. Mousavi was prime minister.")
    mousavi = _by_name(entities, "Mir Hossein Mousavi")
    assert mousavi.type == "PERSON"
    assert [m.text for m in mousavi.mentions] == ["(Mir Hossein) Mousavi", "Mousavi"]


@pytest.mark.parametrize(
    ("text", "name", "kind", "country"),
    [
        ("Police said the commander of a city in the northern province of Kerman was dismissed.", "Kerman", "LOC", "IRN"),
        ("Ukrainian troops crossed the river near Kherson on Tuesday.", "Ukrainian", "NORP", "UKR"),
        ("Inspectors visited the Zaporizhzhia plant last week.", "Zaporizhzhia", "LOC", "UKR"),
    ],
)
def test_places_and_peoples(nlp, text: str, name: str, kind: str, country: str) -> None:
    entity = _by_name(_entities(nlp, text), name)
    assert (entity.type, entity.country) == (kind, country)


def test_time_zone_is_not_an_organisation(nlp) -> None:
    entities = _entities(nlp, "The plane took off at 08:30 UTC from Toulouse in France.")
    assert "UTC" not in {e.name for e in entities if e.type == "ORG"}
    assert _by_name(entities, "Toulouse").type == "LOC"


def test_doc_must_come_from_article_text(nlp) -> None:
    article = Article(id="a1", title="t", paragraphs=("One.", "Two."))
    with pytest.raises(ValueError, match="article.text"):
        extract_entities(nlp("One. Two."), article)


def test_empty_article(nlp) -> None:
    assert _entities(nlp, "") == ()
