"""Place votes that must not swallow people and common words (review of issue #14's wire rules)."""

from __future__ import annotations

import pytest

from newsevents.nlp.gazetteer import lookup_place
from newsevents.nlp.pipeline import load_pipeline
from newsevents.settings import Settings


def _types(text: str) -> dict[str, str]:
    doc = load_pipeline(Settings.make(events=False))(text)
    return {e.name: e.type for e in doc._.entities}


def test_a_surname_after_in_stays_a_person():
    # most surnames are also some village's name in GeoNames; "in" before one is no reason to make it a place
    assert _types("Many voters said they had lost faith in Harris after the second debate.").get("Harris") == "PERSON"


@pytest.mark.parametrize("word", ["Commerce", "Union", "Johnson", "Rapid"])
def test_a_small_us_city_is_not_found_by_the_first_word_of_its_name(word):
    assert lookup_place(word, alternates=False) is None  # "minister of Commerce", not Commerce City, Colorado


def test_a_big_city_and_a_city_no_region_shares_a_name_with_are_found_by_their_short_form():
    assert lookup_place("Quezon", alternates=False).name == "Quezon City"
    assert lookup_place("Roxas", alternates=False).name == "Roxas City"


def test_a_province_keeps_its_name_from_its_city():
    found = lookup_place("Cebu", alternates=False)
    assert found is None or found.kind == "region"  # Cebu the province, not Cebu City by its short form
