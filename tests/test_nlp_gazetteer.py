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


def test_data_tables_are_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.nlp import datafiles

    monkeypatch.setattr(datafiles, "read_text", lambda name: "# t v1\nalias\tiso3\nUK\tGBR\textra\n")
    with pytest.raises(datafiles.DataFileError, match=r"t\.tsv:3: expected 2 tab-separated columns"):
        datafiles.read_table("t.tsv", ("alias", "iso3"))
    monkeypatch.setattr(datafiles, "read_text", lambda name: "alias\tiso3\n")
    with pytest.raises(datafiles.DataFileError, match=r"t\.tsv:1: expected a '# t vN' version header"):
        datafiles.read_table("t.tsv", ("alias", "iso3"))
    monkeypatch.setattr(datafiles, "read_text", lambda name: "# t v1\nname\tcode\n")
    with pytest.raises(datafiles.DataFileError, match=r"t\.tsv:2: header"):
        datafiles.read_table("t.tsv", ("alias", "iso3"))


def test_bundled_tables_load() -> None:
    from newsevents.nlp.lexicon import lexicon

    lex = lexicon()
    assert lex.titles[("supreme", "leader")].kind == "office"
    assert lex.titles[("secretary", "-", "general")].kind == "office"
    assert lex.head_nouns["organization"] == "ORG"
