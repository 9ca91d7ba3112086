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


def _names(entities: tuple[Entity, ...]) -> set[str]:
    return {e.name for e in entities}


def test_title_fragments_are_not_entities_and_titles_chain(nlp) -> None:
    entities = _entities(
        nlp,
        "Supreme Leader Ayatollah Ali Khamenei declared five days of mourning.",
        "Iran's Supreme Leader Ali Khamenei spoke again on Sunday.",
    )
    assert not {"Supreme", "Supreme Leader", "Leader"} & _names(entities)
    khamenei = _by_name(entities, "Ali Khamenei")
    assert (khamenei.type, khamenei.title, khamenei.country) == ("PERSON", "Supreme Leader", "IRN")


def test_portfolio_words_belong_to_the_title(nlp) -> None:
    entities = _entities(
        nlp,
        "Russian Defence Minister Sergei Shoigu signed for Moscow and Infrastructure Minister Oleksandr Kubrakov signed for Kyiv.",
        "Foreign Affairs Minister Marie Lafleur said the talks would go on.",
    )
    assert not {"Defence", "Infrastructure", "Foreign Affairs"} & _names(entities)
    assert _by_name(entities, "Sergei Shoigu").title == "Defence Minister"
    assert _by_name(entities, "Sergei Shoigu").country == "RUS"
    assert _by_name(entities, "Oleksandr Kubrakov").title == "Infrastructure Minister"
    assert _by_name(entities, "Marie Lafleur").title == "Foreign Affairs Minister"


def test_name_after_a_title_is_a_person(nlp) -> None:
    jan = _by_name(_entities(nlp, "Interior Minister Jan Kowalczyk said the attack had been politically motivated."), "Jan Kowalczyk")
    assert (jan.type, jan.title) == ("PERSON", "Interior Minister")


def test_a_title_does_not_start_inside_an_organisation_name(nlp) -> None:
    entities = _entities(nlp, "The Labour Party leader Keir Starmer spoke on Monday.")
    assert _by_name(entities, "Labour Party").type == "ORG"
    assert _by_name(entities, "Keir Starmer").title is None


def test_bare_institution_words(nlp) -> None:
    hungary = _entities(
        nlp,
        "Hungary's parliament voted on Monday to approve the deal.",
        "Parliament on Monday also elected Peter Toth as president.",
    )
    assert (_by_name(hungary, "Parliament").type, _by_name(hungary, "Parliament").country) == ("ORG", "HUN")
    guards = _by_name(
        _entities(nlp, "Iran's Revolutionary Guards said two officers died. The Guards said they would respond."),
        "Revolutionary Guards",
    )
    assert [m.text for m in guards.mentions] == ["Revolutionary Guards", "Guards"] and guards.country == "IRN"
    nowhere = _entities(nlp, "Canada's prime minister spoke for an hour. Trudeau told Parliament that the evidence was credible.")
    assert "Parliament" not in _names(nowhere)  # which country's parliament the text does not say


def test_singular_and_plural_of_a_group_are_one_entity(nlp) -> None:
    entities = _entities(
        nlp,
        "British warplanes struck Houthi targets across Yemen. The Houthis, who control much of the north, said attacks would continue.",
    )
    (group,) = [e for e in entities if "Houthi" in e.name]
    assert (group.name, group.type) == ("Houthis", "ORG")
    assert [m.text for m in group.mentions] == ["Houthi", "Houthis"]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("The deal was signed by Ali Reza Tavakoli, Iran's deputy foreign minister, on Friday.", "Ali Reza Tavakoli", "IRN"),
        ("“It is a rupture,” said Omar Haddad, a former Canadian diplomat.", "Omar Haddad", "CAN"),
        ("Iranian President Ebrahim Raisi and Foreign Minister Hossein Amir-Abdollahian were killed in the crash.", "Hossein Amir-Abdollahian", "IRN"),
        ("President Recep Tayyip Erdogan of Turkey met the visitors in Ankara.", "Recep Tayyip Erdogan", "TUR"),
        ("A deal was brokered by China's ruling Communist Party on Friday.", "Communist Party", "CHN"),
        ("Food crossed into Gaza, according to the Egyptian Red Crescent.", "Egyptian Red Crescent", "EGY"),
    ],
)
def test_countries_of_people_and_organisations(nlp, text: str, name: str, country: str) -> None:
    assert _by_name(_entities(nlp, text), name).country == country


def test_a_list_is_not_an_apposition(nlp) -> None:
    entities = _entities(nlp, "At 0800 UTC, the Bank of Canada, the Bank of England and the Bank of Japan announced a joint plan.")
    assert _by_name(entities, "Bank of Canada").country == "CAN"


def test_spans_are_split_and_extended(nlp) -> None:
    entities = _entities(
        nlp,
        "It was signed by the secretary of Iran's Supreme National Security Council.",
        "Diplomats from Chile, Peru, the Dominican Republic and Uruguay were expelled.",
        "Fighters seized the headquarters in Rostov-on-Don. He was flown to a hospital in Banska Bystrica, where he had surgery.",
    )
    council = _by_name(entities, "Supreme National Security Council")
    assert (council.type, council.country) == ("ORG", "IRN")
    for name, country in [("Iran", "IRN"), ("Dominican Republic", "DOM"), ("Uruguay", "URY"), ("Rostov-on-Don", "RUS"), ("Banska Bystrica", "SVK")]:
        place = _by_name(entities, name)
        assert (place.type, place.country) == ("LOC", country)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("OTTAWA — Canada expelled six diplomats on Monday.", "OTTAWA", "LOC"),
        ("Leaders meeting in the Nigerian capital Abuja said force remained an option.", "Nigerian", "NORP"),
        ("The army fights General Mohamed Hamdan Dagalo, known as Hemedti, in the capital.", "Hemedti", "PERSON"),
        ("Among those returned to Russia was Vadim Krasikov, who had been serving a life sentence.", "Vadim Krasikov", "PERSON"),
        ("Pashinyan said Yerevan had taken no part in the talks. Yerevan wants peace, he said.", "Yerevan", "LOC"),
        ("Six airlines will get planes: Air China and China Eastern Airlines. In China, officials choose them.", "Air China", "ORG"),
    ],
)
def test_context_decides_the_type(nlp, text: str, name: str, kind: str) -> None:
    assert _by_name(_entities(nlp, text), name).type == kind


def test_sentence_initial_common_noun_is_no_name(nlp) -> None:
    entities = _entities(nlp, "The count went on for hours.", "Protests broke out in several Caracas neighbourhoods on Monday.")
    assert "Protests" not in _names(entities)


def test_lexicon_rejects_a_bad_row(monkeypatch) -> None:
    from newsevents.nlp import datafiles, lexicon

    original = datafiles.read_text

    def broken(name: str) -> str:
        if name == "nlp_titles.tsv":
            return "# nlp_titles v2\nphrase\tkind\tcase\tportfolio\nminister\toffice\tany\tmaybe\n"
        return original(name)

    monkeypatch.setattr(datafiles, "read_text", broken)
    lexicon.lexicon.cache_clear()
    try:
        with pytest.raises(datafiles.DataFileError, match="portfolio 'maybe'"):
            lexicon.lexicon()
    finally:
        lexicon.lexicon.cache_clear()
