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


def test_every_iso_country_has_a_representative_point() -> None:
    import pycountry

    from newsevents.nlp.datafiles import read_table

    rows = read_table("nlp_geo_countries.tsv", ("iso3", "lat", "lon", "names"))
    assert {c.alpha_3 for c in pycountry.countries} <= {row["iso3"] for row in rows}
    for country in pycountry.countries:
        place = lookup_place(country.name)
        assert place is not None and place.lat is not None and place.lon is not None, country.name


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("United States", 39.8, -98.6),  # the centre of the 48 states, not the median of its cities
        ("Canada", 62.0, -96.5),
        ("Australia", -25.6, 134.4),
        ("Kenya", 0.2, 37.9),
    ],
)
def test_country_point_is_the_centre(name: str, lat: float, lon: float) -> None:
    place = lookup_place(name)
    assert place is not None and place.kind == "country"
    assert (place.lat, place.lon) == pytest.approx((lat, lon), abs=0.5)


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("California", "USA", 37.2, -119.5),
        ("NSW", "AUS", -32.0, 147.0),
        ("Queensland", "AUS", -22.5, 144.5),
        ("Bavaria", "DEU", 48.9, 11.4),
        ("Bayern", "DEU", 48.9, 11.4),
        ("Uttar Pradesh", "IND", 26.8, 80.9),
        ("Hubei", "CHN", 31.0, 112.3),
        ("KwaZulu-Natal", "ZAF", -28.5, 30.9),
        ("Ontario", "CAN", 49.3, -84.5),
        ("Kharkiv region", "UKR", 49.5, 36.5),
        ("Kano state", "NGA", 11.7, 8.5),
        ("Ostfold", "NOR", 59.3, 11.2),
    ],
)
def test_first_level_regions_have_points(name: str, country: str, lat: float, lon: float) -> None:
    place = lookup_place(name)
    assert place is not None and (place.country, place.kind) == (country, "region")
    assert (place.lat, place.lon) == pytest.approx((lat, lon), abs=0.5)


def test_prominence_settles_cities_against_regions() -> None:
    assert lookup_place("New York").kind == "city"  # 8.8 million people beat the state
    assert lookup_place("New York State").kind == "region"
    assert lookup_place("Washington").name == "Washington"  # the capital
    assert lookup_place("Washington").lat == pytest.approx(38.9, abs=0.1)
    assert lookup_place("Kano").kind == "city" and lookup_place("Kano region").kind == "region"
    assert lookup_place("Tehran").kind == "city" and lookup_place("Tehran province").kind == "region"
    assert lookup_place("Calcutta").name == "Kolkata"  # a big city's old name beats a small town's
    assert lookup_place("Victoria").country == "AUS"
    assert lookup_place("Victoria", country_hint="CAN").kind == "city"
    assert lookup_place("Ontario", country_hint="USA").country == "CAN"  # not a town 6x smaller
    assert lookup_place("Lebanon", country_hint="USA").kind == "country"


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("West Africa", None, "region"),
        ("Middle East", None, "region"),
        ("Europe", None, "continent"),
        ("Americas", None, "continent"),
        ("Pacific", None, "water"),
        ("Lake Erie", None, "water"),
        ("Java", "IDN", "region"),
        ("Himalayas", None, "region"),
        ("Zaire", "COD", "country"),
        ("Soviet Union", None, "region"),
        ("Fort Detrick", "USA", "facility"),
        ("Washington, D.C.", "USA", "city"),
    ],
)
def test_world_regions_waters_and_facilities(name: str, country: str | None, kind: str) -> None:
    place = lookup_place(name)
    assert place is not None and place.lat is not None
    assert (place.country, place.kind) == (country, kind)


@pytest.mark.parametrize(
    ("name", "hint", "expected", "country"),
    [
        ("Dallas County", None, "Dallas County", "USA"),
        ("Da Nang International Airport", None, "Da Nang", "VNM"),
        ("St. Marc", "HTI", "Saint-Marc", "HTI"),
        ("Al-Minya", None, "Minya", "EGY"),
        ("County Cork", None, "County Cork", "IRL"),
        ("northern Iraq", None, "northern Iraq", "IRQ"),
        ("Greater Mumbai", None, "Greater Mumbai", "IND"),
    ],
)
def test_general_fallbacks(name: str, hint: str | None, expected: str, country: str) -> None:
    place = lookup_place(name, country_hint=hint)
    assert place is not None and place.lat is not None
    assert (place.name, place.country) == (expected, country)


def test_fallbacks_stay_narrow() -> None:
    assert lookup_place("Monroe County").kind == "region"  # a county, never a town called Monroe
    assert lookup_place("Nowhere County") is None
    assert lookup_place("Islamic State") is None
    assert lookup_place("North Face") is None
    assert lookup_place("Central Bank") is None
    assert country_code("Zaire") == "COD"


def test_lookups_are_dict_fast() -> None:
    import time

    lookup_place("Iran")
    names = ["Tehran", "California", "Kano region", "northern Iraq", "Nowhereland", "West Africa"] * 500
    start = time.perf_counter()
    for name in names:
        lookup_place(name, country_hint="USA")
    assert time.perf_counter() - start < 1.0


def test_bad_coordinates_name_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.nlp import datafiles, gazetteer

    original = datafiles.read_text

    def broken(name: str) -> str:
        text = original(name)
        if name == "nlp_geo_regions.tsv":
            text += "Atlantis\t\tGRC\t95.0\t20.0\n"
        return text

    monkeypatch.setattr(datafiles, "read_text", broken)
    gazetteer._index.cache_clear()
    try:
        with pytest.raises(datafiles.DataFileError, match=r"nlp_geo_regions\.tsv: 'Atlantis' has lat/lon out of range"):
            gazetteer.warm()
    finally:
        monkeypatch.undo()
        gazetteer._index.cache_clear()


def test_bundled_tables_load() -> None:
    from newsevents.nlp.lexicon import lexicon

    lex = lexicon()
    assert lex.titles[("supreme", "leader")].kind == "office"
    assert lex.titles[("secretary", "-", "general")].kind == "office"
    assert lex.head_nouns["organization"] == "ORG"
