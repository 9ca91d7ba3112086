"""Dated offices are per country: one country's office holder never resolves another country's office."""

from __future__ import annotations

from test_registry import NO_DICTIONARY, actor_of, article, entity, ref

from newsevents.records import Role
from newsevents.registry import Registry
from newsevents.registry.phrases import phrase_after
from newsevents.registry.sightings import office_in


def test_an_office_our_dictionary_dates_has_one_holder_only_in_the_dictionarys_country() -> None:
    assert office_in("the Saudi crown prince", "SAU") == "Crown Prince"  # dated for SAU: one holder there
    assert office_in("the Japanese crown prince", "JPN") is None  # not dated for JPN: no single holder known
    assert office_in("the Japanese prime minister", "JPN") == "Prime Minister"  # a head office has one holder everywhere
    text = "Saudi Arabia's crown prince met Japan's crown prince."
    assert phrase_after(text, 0, 12, possessive=True, country="SAU").office == "Crown Prince"
    japan = text.index("Japan")
    assert phrase_after(text, japan, japan + 5, possessive=True, country="JPN") is None


def _aliyev(aid: str, date: str) -> object:
    """ "President Ilham Aliyev" in an article on Azerbaijan and Armenia: the coder gives him ARM, the role no country."""
    aliyev = entity("e1", "PERSON", "Ilham Aliyev")
    return article(aid, date, entities=[aliyev], refs=[ref("Ilham Aliyev", "e1", "ARM", "GOV"), ref("Azerbaijan", None, "AZE"),
                                                       ref("Armenia", None, "ARM")],
                   roles=[Role("Ilham Aliyev", "President", None, date, "e1")])  # fmt: skip


def test_a_role_without_a_country_is_not_taken_for_the_coders_guess() -> None:
    facts = [_aliyev("a1", "2025-08-09"), article("a2", "2025-08-10", refs=[ref("Armenia's president", None, "ARM", "GOV")])]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    assert actor_of(registry, "a2", "Armenia's president") != "person:ilham-aliyev"
    assert not [t for t in registry.terms if t.actor == "person:ilham-aliyev"]  # which country's president is not known


def test_a_role_takes_the_country_whose_same_office_the_article_describes() -> None:
    sybiha = entity("e1", "PERSON", "Andrii Sybiha")
    facts = [
        article("a1", "2024-10-02", entities=[sybiha], roles=[Role("Andrii Sybiha", "Foreign Minister", None, "2024-10-02", "e1")],
                refs=[ref("Ukraine's foreign minister", None, "UKR", "GOV"), ref("Russia", None, "RUS")]),
        article("a2", "2024-10-05", refs=[ref("Ukraine's foreign minister", None, "UKR", "GOV"), ref("Russia's foreign minister", None, "RUS", "GOV")]),
    ]  # fmt: skip
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    assert actor_of(registry, "a1", "Ukraine's foreign minister") == "person:andrii-sybiha"
    assert actor_of(registry, "a2", "Ukraine's foreign minister") == "person:andrii-sybiha"
    assert actor_of(registry, "a2", "Russia's foreign minister") == "RUS"  # Ukraine's minister is not Russia's
    assert {(t.country, t.office) for t in registry.terms if t.actor == "person:andrii-sybiha"} == {("UKR", "Foreign Minister")}


def test_an_observed_holder_never_displaces_the_dictionarys_holder_of_that_country() -> None:
    sisi = entity("e1", "PERSON", "Abdel Fattah el-Sisi")
    facts = [
        article("a1", "2024-09-05", entities=[sisi], refs=[ref("Abdel Fattah el-Sisi", "e1", "TUR", "GOV"), ref("Turkey", None, "TUR")],
                roles=[Role("Abdel Fattah el-Sisi", "President", None, "2024-09-05", "e1")]),
        article("a2", "2024-09-06", refs=[ref("Turkey's president", None, "TUR", "GOV")]),
    ]  # fmt: skip
    registry = Registry.build(facts)
    assert actor_of(registry, "a2", "Turkey's president") == "person:recep-tayyip-erdogan"
    assert not [t for t in registry.terms if t.country == "TUR" and "sisi" in t.actor]


def test_a_role_naming_its_country_against_the_dictionarys_country_of_the_person_is_dropped() -> None:
    lavrov = entity("e1", "PERSON", "Sergei Lavrov")
    facts = [article("a1", "2024-10-08", entities=[lavrov], roles=[Role("Sergei Lavrov", "Foreign Minister", "IRN", "2024-10-08", "e1")]),
             article("a2", "2024-10-09", refs=[ref("Iran's foreign minister", None, "IRN", "GOV")])]  # fmt: skip
    registry = Registry.build(facts)
    assert actor_of(registry, "a2", "Iran's foreign minister") == "person:abbas-araghchi"
    assert not [t for t in registry.terms if t.country == "IRN" and t.actor == "person:sergei-lavrov"]


def test_arabic_articles_are_spelling_not_name() -> None:
    facts = [article("a1", entities=[entity("e1", "PERSON", "Abdel Fattah al-Sisi")]),
             article("a2", entities=[entity("e1", "PERSON", "Abdel Fattah el-Sisi")]),
             article("a3", entities=[entity("e1", "PERSON", "Sisi")])]  # fmt: skip
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    assert len({actor_of(registry, a, n) for a, n in (("a1", "Abdel Fattah al-Sisi"), ("a2", "Abdel Fattah el-Sisi"), ("a3", "Sisi"))}) == 1


def test_a_person_the_dictionary_lists_is_that_person_where_the_ner_said_organisation() -> None:
    facts = [article("a1", entities=[entity("e1", "ORG", "Trump")]), article("a2", entities=[entity("e1", "PERSON", "Donald Trump")])]
    registry = Registry.build(facts)
    assert actor_of(registry, "a1", "Trump") == actor_of(registry, "a2", "Donald Trump") == "person:donald-trump"


def test_a_states_forces_named_as_an_organisation_are_its_agent_and_so_is_their_acronym() -> None:
    from newsevents.registry.orgs import agent_of

    assert agent_of("the Israel Defense Forces") == "agent:ISR-MIL" and agent_of("Turkish National Police") == "agent:TUR-COP"
    assert agent_of("Syrian Democratic Forces") is None and agent_of("Rapid Support Forces") is None  # not a state's own forces
    assert agent_of("Lebanese Forces") is None and agent_of("the Russian Army") == "agent:RUS-MIL"  # a party; an army
    facts = [article("a1", entities=[entity("e1", "ORG", "Israel Defense Forces"), entity("e2", "ORG", "IDF")]),
             article("a2", refs=[ref("Israeli forces", None, "ISR", "MIL")])]  # fmt: skip
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    assert actor_of(registry, "a1", "IDF") == actor_of(registry, "a1", "Israel Defense Forces") == actor_of(registry, "a2", "Israeli forces") == "ISR-MIL"


def test_a_surname_spelled_otherwise_than_the_full_name_in_the_same_article_is_that_person() -> None:
    from newsevents.records import Entity, Mention
    from newsevents.registry import ArticleFacts

    text = "Governor Nikolai Zaitsev signed. Zaytsev called the day historic. Ankara and Lagos agreed on Monday."
    start = text.index("Nikolai")
    full = Entity("e1", "Nikolai Zaitsev", "PERSON", (Mention(start, start + 15, "Nikolai Zaitsev"),))
    registry = Registry.build([ArticleFacts("a1", "2025-08-09", (), (full,), (), text)], dictionary=NO_DICTIONARY)
    found = {(a.start, a.actor) for a in registry.descriptions()}
    assert (text.index("Zaytsev"), "person:nikolai-zaitsev") in found
    assert len(found) == 1  # no other capitalised word is taken for him


def test_an_office_spelled_the_american_way_is_the_same_office() -> None:
    facts = [article("a1", "2024-10-10", refs=[ref("Israel's defense minister", None, "ISR", "GOV")]),
             article("a2", "2024-11-20", refs=[ref("the Israeli defence minister", None, "ISR", "GOV")])]  # fmt: skip
    registry = Registry.build(facts)
    assert actor_of(registry, "a1", "Israel's defense minister") == "person:yoav-gallant"
    assert actor_of(registry, "a2", "the Israeli defence minister") == "person:israel-katz"


def test_a_known_name_of_an_actor_the_registrys_dictionary_lacks_names_no_actor() -> None:
    from newsevents.registry import ArticleFacts

    text = "NATO said on Monday that Ankara would host the talks."
    registry = Registry.build([ArticleFacts("a1", "2025-01-10", (), (), (), text)], dictionary=NO_DICTIONARY)  # no KeyError
    assert not [a for a in registry.assignments if a.name == "NATO"]


def test_names_the_ner_typed_otherwise_still_find_their_actor() -> None:
    facts = [
        article("a1", entities=[entity("e1", "PERSON", "Felix Tshisekedi"), entity("e2", "PERSON", "Ansar Allah")]),
        article("a2", entities=[entity("e1", "GPE", "Tshisekedi")], refs=[ref("Tshisekedi", "e1")]),  # taken for a place
        article("a3", entities=[entity("e1", "PERSON", "Mohammad bin Salman", country="SAU")]),
        article("a4", entities=[entity("e1", "ORG", "Pentagon")]),
    ]  # fmt: skip
    registry = Registry.build(facts)
    assert actor_of(registry, "a2", "Tshisekedi") == actor_of(registry, "a1", "Felix Tshisekedi")
    assert actor_of(registry, "a1", "Ansar Allah") == "org:houthis"  # a name the dictionary lists for an organisation
    assert actor_of(registry, "a3", "Mohammad bin Salman") == "person:mohammed-bin-salman"  # Mohammad, Mohammed: one name
    assert actor_of(registry, "a4", "Pentagon") == "USA-MIL"  # a state's forces named as an organisation


def test_a_known_name_holding_a_part_the_ner_found_and_an_institution_after_a_word_saying_which() -> None:
    from newsevents.records import Entity, Mention
    from newsevents.registry import ArticleFacts

    text = "The Houthi movement said the Iranian foreign ministry had sent no arms, while Iran has police on the border."
    houthi = Entity("e1", "Houthi", "NORP", (Mention(4, 10, "Houthi"),))
    at = text.index("Iranian")
    iranian = Entity("e2", "Iranian", "NORP", (Mention(at, at + 7, "Iranian"),), "IRN")
    at = text.index("Iran has")
    iran = Entity("e3", "Iran", "GPE", (Mention(at, at + 4, "Iran"),), "IRN")
    registry = Registry.build([ArticleFacts("a1", "2025-03-17", (), (houthi, iranian, iran), (), text)])
    found = {text[a.start : a.end]: a.actor for a in registry.descriptions()}
    assert found["Houthi movement"] == "org:houthis"  # the NER's "Houthi" lies inside it
    assert found["the Iranian foreign ministry"] == "IRN"
    assert not [t for t in found if t.startswith("Iran has")]  # "has" says nothing of which institution
