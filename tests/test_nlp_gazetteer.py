"""The offline gazetteer: places, aliases, demonyms and country names."""

from __future__ import annotations

import pytest

from newsevents.nlp.gazetteer import GeoPlace, country_code, country_name, lookup_place


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("Iran", "IRN", "country"),
        ("Tehran", "IRN", "city"),
        ("Lahijan", "IRN", "city"),
        ("Gilan", "IRN", "region"),
        ("Evin prison", "IRN", "facility"),
        ("the Kremlin", "RUS", "facility"),
        ("Kiev", "UKR", "city"),
        ("U.S.", "USA", "country"),
        ("Britain", "GBR", "country"),
        ("Crimea", "UKR", "region"),
        ("Tehran province", "IRN", "region"),
        ("California", "USA", "region"),
    ],
)
def test_lookup_place(name: str, country: str, kind: str) -> None:
    place = lookup_place(name)
    assert isinstance(place, GeoPlace)
    assert (place.country, place.kind) == (country, kind)


def test_lookup_prefers_largest_city_and_hint() -> None:
    assert lookup_place("Moscow").country == "RUS"
    assert lookup_place("Georgia").country == "GEO"
    assert lookup_place("Georgia", country_hint="USA").kind == "region"


def test_lookup_rejects_words_and_lowercase_acronyms() -> None:
    assert lookup_place("us") is None
    assert lookup_place("Police") is None
    assert lookup_place("Nowhereland") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Iran", "IRN"),
        ("Iranian", "IRN"),
        ("Iranians", "IRN"),
        ("Russian", "RUS"),
        ("American", "USA"),
        ("U.S.", "USA"),
        ("British", "GBR"),
        ("Turkish", "TUR"),
        ("Norway-based", "NOR"),
        ("London-based", "GBR"),
        ("Iran's", "IRN"),
        ("Kurdish", None),
        ("us", None),
        ("Tehran", None),
    ],
)
def test_country_code(text: str, code: str | None) -> None:
    assert country_code(text) == code


def test_country_name() -> None:
    assert country_name("IRN") == "Iran"
    assert country_name("RUS") == "Russia"
    assert country_name("ZZZ") is None
