"""Place rules for international wire news (issue #14): lists of towns NER misses, attributions, datelines."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsevents.events.places import PlaceContext, dateline_place, place_context, resolve_mention
from newsevents.nlp.context import appositive_after, appositive_noun, repair_span
from newsevents.nlp.entities import extract_entities
from newsevents.nlp.gazetteer import lookup_place
from newsevents.nlp.lexicon import lexicon
from newsevents.records import Article, Entity, Mention


def _doc(rows: list[tuple[str, str, str, str]], ents: list[str] | None = None) -> Doc:
    """A Doc from (word, tag, pos, lemma) rows, with optional IOB entity tags."""
    words, tags, pos, lemmas = (list(column) for column in zip(*rows))
    return Doc(spacy.blank("en").vocab, words=words, tags=tags, pos=pos, lemmas=lemmas, ents=ents)


def _types(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {e.name: e.type for e in extract_entities(doc, Article(id="t", title="", paragraphs=(text,)))}


def test_a_noun_phrase_that_is_the_subject_of_said_is_no_apposition() -> None:
    doc = _doc([
        ("floods", "NNS", "NOUN", "flood"), ("in", "IN", "ADP", "in"), ("Lanao", "NNP", "PROPN", "Lanao"),
        (",", ",", "PUNCT", ","), ("the", "DT", "DET", "the"), ("relief", "NN", "NOUN", "relief"),
        ("agency", "NN", "NOUN", "agency"), ("reported", "VBD", "VERB", "report"), (".", ".", "PUNCT", "."),
    ])  # fmt: skip
    assert appositive_after(doc, 3, {"agency": "ORG"}) is None


def test_a_real_apposition_still_counts() -> None:
    doc = _doc([
        ("Hengaw", "NNP", "PROPN", "Hengaw"), (",", ",", "PUNCT", ","), ("a", "DT", "DET", "a"),
        ("rights", "NNS", "NOUN", "right"), ("group", "NN", "NOUN", "group"), (",", ",", "PUNCT", ","),
        ("said", "VBD", "VERB", "say"),
    ])  # fmt: skip
    noun = appositive_after(doc, 1, {"group": "ORG"})
    assert noun is not None and noun.text == "group"


def test_a_region_after_a_town_and_a_comma_is_no_apposition_of_a_noun() -> None:
    doc = _doc(
        [("clinics", "NNS", "NOUN", "clinic"), ("in", "IN", "ADP", "in"), ("Kailahun", "NNP", "PROPN", "Kailahun"),
         (",", ",", "PUNCT", ","), ("Eastern", "NNP", "PROPN", "Eastern"), ("Province", "NNP", "PROPN", "Province")],
        ["O", "O", "B-GPE", "O", "B-GPE", "I-GPE"],
    )  # fmt: skip
    assert appositive_noun(doc, 4, 6, {"clinic": "ORG"}) is None


def test_two_towns_joined_by_a_comma_in_one_span_are_split() -> None:
    doc = _doc([("Kisumu", "NNP", "PROPN", "Kisumu"), (",", ",", "PUNCT", ","), ("Eldoret", "NNP", "PROPN", "Eldoret")])
    assert [(s, e) for s, e, _ in repair_span(doc, 0, 3, "ORG", lexicon())] == [(0, 1), (2, 3)]


def test_a_dateline_may_name_a_country_of_several_words() -> None:
    found = dateline_place("BUKAVU, Democratic Republic of Congo (Reuters) — Rain fell.", PlaceContext(None))
    assert found is not None and found[0].text == "BUKAVU" and found[1].country == "COD"


def test_congo_follows_the_article_s_congo() -> None:
    assert lookup_place("Congo", "COD").country == "COD"
    assert lookup_place("Congo", "COG").country == "COG"


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Health officials in Encarnacion, Ciudad del Este and Foz do Iguacu began spraying.", ("Ciudad del Este", "Foz do Iguacu")),
        ("The tremor was felt as far as Mary in Turkmenistan on Sunday.", ("Mary",)),
        ("Landslides killed nine people in West Sumatra, the disaster agency said on Monday.", ("West Sumatra",)),
        ("Smoke from the fires drifted as far south as Mildura on Tuesday.", ("Mildura",)),
        ("Firefighters said on Sunday that residents of Ballarat should stay indoors.", ("Ballarat",)),
        ("Barges cannot reach Tefe or Parintins this month.", ("Parintins",)),
        ("Tourism in Villa Carlos Paz is weak this year.", ("Villa Carlos Paz",)),
        ("The army said it had repelled an attack on Omdurman on Friday.", ("Omdurman",)),
        ("Malaria spread across the Western Visayas last year.", ("Western Visayas",)),
        ("Drones struck ships off Hodeidah overnight.", ("Hodeidah",)),
        ("Villages around Al Bayda and Shahhat lost power.", ("Shahhat",)),
        ("Cocoa farmers in Sefwi Wiawso say the streams are poisoned.", ("Sefwi Wiawso",)),
    ],
)
def test_towns_ner_misses_or_mistypes_are_places(nlp, text: str, places: tuple[str, ...]) -> None:
    types = _types(nlp, text)
    assert all(types.get(place) == "LOC" for place in places), types


def test_a_sentence_opening_participle_is_not_part_of_the_place(nlp) -> None:
    types = _types(nlp, "Schools shut in Lyon. Neighbouring Spain and Italy were sweltering too.")
    assert types.get("Spain") == "LOC" and "Neighbouring Spain" not in types


def test_a_country_s_possessive_places_the_region_in_it() -> None:
    text = "Smog spread across Pakistan. In India's Punjab state, farmers burned stubble."
    place = resolve_mention(text, "Punjab", text.index("Punjab") + len("Punjab"), PlaceContext("PAK"))
    assert place is not None and place.country == "IND"


def test_a_town_named_in_full_keeps_its_sense_when_shortened() -> None:
    text = "Officials in Santiago de Cuba counted the damage. The hospital in Santiago ran on generators."
    entities = (
        Entity("e1", "Santiago de Cuba", "GPE", (Mention(13, 29, "Santiago de Cuba"),), "CUB"),
        Entity("e2", "Santiago", "GPE", (Mention(66, 74, "Santiago"),), None),
    )
    context = place_context(text, entities)
    place = resolve_mention(text, "Santiago", 74, context)
    assert place is not None and place.country == "CUB"


def test_a_city_named_x_city_is_also_x_unless_a_state_or_country_is() -> None:
    assert lookup_place("Roxas", "PHL").name == "Roxas City"
    assert lookup_place("Kansas").kind == "region" and lookup_place("Panama").kind == "country"
