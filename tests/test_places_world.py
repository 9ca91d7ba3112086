"""Places at world scale (#14): GeoNames towns and divisions, the index cache, resolution in context."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.events.places import PlaceContext, dateline, place_context, resolve_mention
from newsevents.nlp import geonames
from newsevents.nlp.gazetteer import lookup_place
from newsevents.records import Entity, Mention


def _resolve_in(text: str, name: str, hint: str | None = None, others: tuple[str, ...] = ()):
    """Resolve the first occurrence of ``name`` in ``text``."""
    end = text.index(name) + len(name)
    return resolve_mention(text, name, end, PlaceContext(hint, others))


def test_towns_of_a_thousand_people_only_when_asked() -> None:
    town = lookup_place("El Tarter", minor=True)  # an Andorran village of ~1,000 people
    assert town is not None and town.country == "AND" and town.kind == "city"
    assert lookup_place("El Tarter") is None  # no village decides that a name is a place


@pytest.mark.parametrize(("name", "expected", "country"), [("Kiev", "Kyiv", "UKR"), ("Bombay", "Mumbai", "IND")])
def test_alternate_names_used_in_news(name: str, expected: str, country: str) -> None:
    place = lookup_place(name, minor=True)
    assert place is not None and (place.name, place.country) == (expected, country)


def test_divisions_carry_their_geonames_code() -> None:
    state = lookup_place("Illinois")
    assert state is not None and state.kind == "region" and state.admin1 == "US.IL"
    county = lookup_place("Jefferson County", country_hint="USA", minor=True)
    assert county is not None and county.country == "USA" and county.lat is not None


def test_a_division_named_after_the_town_puts_it_inside() -> None:
    paris = _resolve_in("He grew up in Paris, Texas.", "Paris", hint="FRA")
    assert paris is not None and (paris.country, paris.admin1) == ("USA", "US.TX")
    springfield = _resolve_in("A rally in Springfield, Illinois on Monday.", "Springfield", hint="USA")
    assert springfield is not None and springfield.admin1 == "US.IL"
    merged = resolve_mention("Springfield, Illinois", "Springfield, Illinois", 21, PlaceContext("USA"))
    assert merged is not None and merged.admin1 == "US.IL"


def test_a_list_of_places_is_no_city_state_pattern() -> None:
    tehran = _resolve_in("Attacks on sites in Tehran, Khuzestan and Ilam provinces.", "Tehran", hint="IRN")
    assert tehran is not None and (tehran.population or 0) > 1_000_000
    paris = _resolve_in("Shops closed in Paris, Lyon, Nice.", "Paris")
    assert paris is not None and paris.country == "FRA"


def test_the_articles_other_countries_come_after_the_hint() -> None:
    plain = _resolve_in("Talks were held in Hyderabad.", "Hyderabad", hint="USA")
    with_pakistan = _resolve_in("Talks were held in Hyderabad.", "Hyderabad", hint="USA", others=("PAK",))
    assert plain is not None and plain.country == "IND"
    assert with_pakistan is not None and with_pakistan.country == "PAK"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SEOUL – North Korea fired a missile", "SEOUL"),
        ("Washington (AFP) – The talks", "Washington"),
        ("LONDON, Dec 2 (Reuters) - Prices rose", "LONDON"),
        ("NEW YORK – Shares fell", "NEW YORK"),
        ("Police – a statement said", None),  # a capitalised word needs a date or an agency
        ("The minister said - nothing", None),
    ],
)
def test_datelines(text: str, expected: str | None) -> None:
    assert dateline(text) == expected


def test_the_dateline_country_follows_the_main_one() -> None:
    text = "SEOUL – Iran said on Monday that Iran would reply."
    iran = Entity("e1", "Iran", "GPE", (Mention(14, 18, "Iran"), Mention(33, 37, "Iran")), "IRN")
    context = place_context(text, (iran,))
    assert context.hint == "IRN" and context.others[:1] == ("KOR",)
    assert place_context("SEOUL – Markets rose.", ()).hint == "KOR"


def test_the_index_cache_builds_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path))
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"built": len(calls)}

    assert geonames.cached("test", "1", ["table v1"], build) == {"built": 1}
    assert geonames.cached("test", "1", ["table v1"], build) == {"built": 1}  # from disk
    assert geonames.cached("test", "1", ["table v2"], build) == {"built": 2}  # a changed table builds anew
    assert len(list(tmp_path.glob("test-*.pickle"))) == 1  # the old index is removed


def test_an_unwritable_cache_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(blocker / "sub"))
    assert geonames.cached("test", "1", [], lambda: 42) == 42
