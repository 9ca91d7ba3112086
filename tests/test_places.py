"""Places: where an event happened and every resolved place of an article."""

from __future__ import annotations

import pytest

from newsevents.events.places import NAME, article_places, event_location
from newsevents.records import Article, Location

pytestmark = pytest.mark.slow


def _location(nlp, paragraphs: tuple[str, ...], trigger: str, *, with_entities: bool = True) -> Location | None:
    from newsevents.nlp.entities import extract_entities

    article = Article(id="t", title="Test", paragraphs=paragraphs, published="2024-07-27")
    doc = nlp(article.text)
    entities = extract_entities(doc, article) if with_entities else ()
    token = next(t for t in doc if t.text == trigger)
    return event_location(doc, token.sent, token, entities)


IRAN = ("Iran's police force dismissed a commander in the province of Gilan.",)


def test_versioned_name() -> None:
    assert NAME == "newsevents.places.v1"


def test_arrest_in_a_town_resolves_with_the_article_country(nlp) -> None:
    loc = _location(nlp, (*IRAN, "Police arrested three men in Lahijan on Tuesday."), "arrested")
    assert loc is not None
    assert (loc.name, loc.country) == ("Lahijan", "IRN")
    assert loc.lat == pytest.approx(37.2, abs=0.2) and loc.lon == pytest.approx(50.0, abs=0.2)


def test_the_kremlin_is_in_moscow(nlp) -> None:
    loc = _location(nlp, ("The leaders, meeting at the Kremlin, signed a deal.",), "meeting")
    assert loc is not None and loc.country == "RUS"
    assert loc.lat == pytest.approx(55.75, abs=0.1)


def test_a_place_as_actor_is_no_location(nlp) -> None:
    assert _location(nlp, ("Tehran said it would respond to the attack.",), "said") is None


def test_a_report_place_is_not_the_event_place(nlp) -> None:
    paragraphs = ("The rights group said in Oslo that the man was killed in custody.",)
    assert _location(nlp, paragraphs, "killed") is None
    loc = _location(nlp, paragraphs, "said")
    assert loc is not None and loc.country == "NOR"


def test_place_in_a_subordinate_clause_and_direct_object(nlp) -> None:
    text = "Mohammad Mir Mousavi was arrested on July 22 after being involved in a fight in Lahijan."
    loc = _location(nlp, (*IRAN, text), "arrested")
    assert loc is not None and loc.name == "Lahijan"
    loc = _location(nlp, ("The Turkish foreign minister visited Iran last week.",), "visited")
    assert loc is not None and loc.country == "IRN"


def test_without_entities_falls_back_to_the_parse(nlp) -> None:
    loc = _location(nlp, ("Erdogan met Putin in Sochi on Monday.",), "met", with_entities=False)
    assert loc is not None and (loc.name, loc.country) == ("Sochi", "RUS")


def test_article_places_lists_resolved_mentions(nlp) -> None:
    from newsevents.nlp.entities import extract_entities

    article = Article(id="t", title="Test", paragraphs=(*IRAN, "Police arrested three men in Lahijan."))
    doc = nlp(article.text)
    places = article_places(doc, extract_entities(doc, article))
    assert [p.name for p in places] == ["Iran", "Gilan", "Lahijan"]
    assert all(p.lat is not None and article.text[p.start : p.end] == p.name for p in places)


def test_precision_says_what_the_point_stands_for(nlp) -> None:
    town = _location(nlp, (*IRAN, "Police arrested three men in Lahijan on Tuesday."), "arrested")
    assert town is not None and town.precision == "city"
    assert town.end - town.start == len("Lahijan")  # the name's span is its evidence
    country = _location(nlp, ("The Turkish foreign minister visited Iran last week.",), "visited")
    assert country is not None and country.precision == "country"
    province = _location(nlp, ("Police arrested three men in the province of Gilan.",), "arrested")
    assert province is not None and province.precision == "region"
