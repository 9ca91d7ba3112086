"""Actor registry rules on hand-written observations (no model): countries, agents, persons, organisations, roles."""

from __future__ import annotations

from itertools import count

from newsevents.records import ActorRef, Entity, Mention, Role
from newsevents.registry import ArticleFacts, Dictionary, Registry
from newsevents.registry.keys import kind_of, person_key

NO_DICTIONARY = Dictionary()
_offsets = count(0, 100)


def entity(eid: str, kind: str, name: str, *mentions: str, country: str | None = None) -> Entity:
    """An entity with one mention per form (the name first), at made-up offsets."""
    found = []
    for text in (name, *mentions):
        start = next(_offsets)
        found.append(Mention(start, start + len(text), text))
    return Entity(eid, name, kind, tuple(found), country)


def ref(name: str, entity_id: str | None = None, country: str | None = None, sector: str | None = None) -> ActorRef:
    """An event participant at made-up offsets."""
    start = next(_offsets)
    return ActorRef(name, entity_id, country, sector, start, start + len(name))


def article(aid: str, date: str | None = "2024-01-10", entities=(), refs=(), roles=()) -> ArticleFacts:
    """One article's facts."""
    return ArticleFacts(aid, date, tuple(refs), tuple(entities), tuple(roles))


def actor_of(registry: Registry, aid: str, name: str) -> str:
    """The actor the participant or entity ``name`` of article ``aid`` was assigned to."""
    mine = [a for a in registry.assignments if a.article == aid and a.name == name]
    hits = {a.actor for a in mine if a.participant} or {a.actor for a in mine}
    assert len(hits) == 1, (aid, name, hits)
    return hits.pop()


def test_every_form_of_a_country_is_the_country() -> None:
    iran = entity("e1", "LOC", "Iran", country="IRN")
    iranian = entity("e2", "NORP", "Iranian", country="IRN")
    tehran = entity("e3", "LOC", "Tehran", country="IRN")
    facts = [
        article("a1", entities=[iran, iranian, tehran],
                refs=[ref("Iran", "e1", "IRN"), ref("Tehran", "e3", "IRN", "GOV"), ref("Iranian", "e2", "IRN")]),
        article("a2", refs=[ref("the Iranian government", None, "IRN", "GOV"), ref("Iranian officials", None, "IRN", "GOV")]),
    ]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    for aid, name in [("a1", "Iran"), ("a1", "Tehran"), ("a1", "Iranian"), ("a2", "the Iranian government")]:
        assert actor_of(registry, aid, name) == "IRN"
    assert registry.actor("IRN").kind == "country" and registry.actor("IRN").name == "Iran"
    hows = {a.text: a.how for a in registry.aliases_of("IRN")}
    assert hows == {"Iran": "country-name", "Iranian": "demonym", "Tehran": "capital"}
    assert registry.lookup("tehran").id == "IRN"


def test_agents_keep_their_own_identity() -> None:
    facts = [article("a1", refs=[ref("Iran's police", None, "IRN", "COP"), ref("police", None, "IRN", "COP"),
                                 ref("Israeli forces", None, "ISR", "MIL"), ref("protesters", None, None, "CVL"),
                                 ref("Palestinians", "e1", "PSE", "CVL")],
                     entities=[entity("e1", "NORP", "Palestinians", country="PSE")])]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    assert actor_of(registry, "a1", "Iran's police") == actor_of(registry, "a1", "police") == "IRN-COP"
    assert actor_of(registry, "a1", "Israeli forces") == "ISR-MIL"
    assert actor_of(registry, "a1", "protesters") == "UNK-CVL"
    assert actor_of(registry, "a1", "Palestinians") == "PSE-CVL"
    police = registry.actor("IRN-COP")
    assert (police.kind, police.country, police.sector) == ("agent", "IRN", "COP")
    assert registry.actor("UNK-CVL").country is None
    assert registry.lookup("police") is None  # descriptions are evidence, not names


def test_short_forms_and_titles_join_the_full_name() -> None:
    facts = [
        article("a1", entities=[entity("e1", "PERSON", "Vladimir Putin", country="RUS")], refs=[ref("Vladimir Putin", "e1", "RUS")]),
        article("a2", entities=[entity("e1", "PERSON", "Putin")], refs=[ref("Putin", "e1")]),
        article("a3", entities=[entity("e1", "PERSON", "President Putin")], refs=[ref("President Putin", "e1")]),
        article("a4", entities=[entity("e1", "PERSON", "Mr Putin")]),
    ]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    assert {actor_of(registry, a, n) for a, n in [("a1", "Vladimir Putin"), ("a2", "Putin"), ("a3", "President Putin"),
                                                   ("a4", "Mr Putin")]} == {"person:vladimir-putin"}
    putin = registry.actor("person:vladimir-putin")
    assert (putin.name, putin.kind, putin.country) == ("Vladimir Putin", "person", "RUS")
    evidence = {(m.name, m.rule, m.article) for m in registry.merges if m.actor == putin.id}
    assert ("Putin", "surname", "a2") in evidence
    assert ("President Putin", "surname", "a3") in evidence


def test_a_surname_two_known_people_share_joins_neither() -> None:
    facts = [
        article("a1", entities=[entity("e1", "PERSON", "Yulia Navalnaya"), entity("e2", "PERSON", "Lyudmila Navalnaya")]),
        article("a2", entities=[entity("e1", "PERSON", "Navalnaya")], refs=[ref("Navalnaya", "e1")]),
    ]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    alone = actor_of(registry, "a2", "Navalnaya")
    assert alone == "person:navalnaya"
    assert {actor_of(registry, "a1", "Yulia Navalnaya"), actor_of(registry, "a1", "Lyudmila Navalnaya")}.isdisjoint({alone})


def test_a_longer_form_settles_before_the_surname() -> None:
    facts = [article("a1", entities=[entity("e1", "PERSON", "Recep Tayyip Erdogan", country="TUR")]),
             article("a2", entities=[entity("e1", "PERSON", "Recep Erdogan")]),
             article("a3", entities=[entity("e1", "PERSON", "Erdogan")])]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    assert {actor_of(registry, a, n) for a, n in [("a1", "Recep Tayyip Erdogan"), ("a2", "Recep Erdogan"),
                                                   ("a3", "Erdogan")]} == {"person:recep-tayyip-erdogan"}


def test_transliteration_variants_join_when_countries_agree() -> None:
    assert person_key("Zelenskiy") == person_key("Zelensky") == person_key("Zelenskyy")
    assert person_key("Pezeshkiyan") == person_key("Pezeshkian")
    assert person_key("Yoon Suk-yeol") == person_key("President Yoon Suk Yeol")
    assert person_key("Ebrahim Raisi") != person_key("Ibrahim Raisi")  # vowels other than y/i stay apart
    facts = [
        article("a1", entities=[entity("e1", "PERSON", "Volodymyr Zelenskiy", country="UKR")]),
        article("a2", entities=[entity("e1", "PERSON", "Volodymyr Zelensky", country="UKR")]),
        article("a3", entities=[entity("e1", "PERSON", "Masoud Pezeshkiyan", country="IRN")]),
        article("a4", entities=[entity("e1", "PERSON", "Masoud Pezeshkian")]),
        article("a5", entities=[entity("e1", "PERSON", "John Smyth", country="GBR")]),
        article("a6", entities=[entity("e1", "PERSON", "John Smith", country="USA")]),
    ]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    assert actor_of(registry, "a1", "Volodymyr Zelenskiy") == actor_of(registry, "a2", "Volodymyr Zelensky")
    assert actor_of(registry, "a3", "Masoud Pezeshkiyan") == actor_of(registry, "a4", "Masoud Pezeshkian")
    assert actor_of(registry, "a5", "John Smyth") != actor_of(registry, "a6", "John Smith")
    rules = {m.name: m.rule for m in registry.merges}
    assert "transliteration" in {rules.get("Volodymyr Zelenskiy"), rules.get("Volodymyr Zelensky")}


def test_acronyms_join_by_initials_or_by_a_bracket_in_the_text() -> None:
    bracketed = Entity("e1", "Islamic State", "ORG", (Mention(10, 23, "Islamic State"), Mention(25, 29, "ISIL")))
    facts = [
        article("a1", entities=[entity("e1", "ORG", "IRGC")], refs=[ref("IRGC", "e1", "IRN", "MIL")]),
        article("a2", entities=[entity("e1", "ORG", "Islamic Revolutionary Guard Corps")]),
        article("a3", entities=[bracketed]),
        article("a4", entities=[entity("e1", "ORG", "ISIL")]),
        article("a5", entities=[entity("e1", "ORG", "National Security Council"), entity("e2", "ORG", "National Salvation Committee"),
                                entity("e3", "ORG", "NSC")]),
    ]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    irgc = actor_of(registry, "a1", "IRGC")
    assert irgc == actor_of(registry, "a2", "Islamic Revolutionary Guard Corps") == "org:islamic-revolutionary-guard-corps"
    assert registry.actor(irgc).name == "Islamic Revolutionary Guard Corps"
    assert actor_of(registry, "a4", "ISIL") == actor_of(registry, "a3", "Islamic State")
    assert ("ISIL", "bracket", "a3") in {(m.name, m.rule, m.article) for m in registry.merges} | {
        (a.text, a.how, "a3") for a in registry.aliases}
    nsc = actor_of(registry, "a5", "NSC")
    assert nsc not in {actor_of(registry, "a5", "National Security Council"), actor_of(registry, "a5", "National Salvation Committee")}


def test_office_descriptions_follow_the_dated_terms_of_the_dictionary() -> None:
    facts = [article("a2023", "2023-05-01", refs=[ref("the Iranian president", None, "IRN", "GOV")]),
             article("a2024", "2024-11-01", refs=[ref("Iran's president", None, "IRN", "GOV")]),
             article("undated", None, refs=[ref("the Iranian president", None, "IRN", "GOV")]),
             article("guards", "2024-11-01", refs=[ref("the prime minister's bodyguards", None, "SVK", "GOV")])]
    registry = Registry.build(facts)
    assert actor_of(registry, "a2023", "the Iranian president") == "person:ebrahim-raisi"
    assert actor_of(registry, "a2024", "Iran's president") == "person:masoud-pezeshkian"
    assert actor_of(registry, "undated", "the Iranian president") == "IRN"
    assert actor_of(registry, "guards", "the prime minister's bodyguards") == "SVK"
    assert ("person:ebrahim-raisi", "the Iranian president", "role", "a2023") in {
        (m.actor, m.name, m.rule, m.article) for m in registry.merges}


def test_office_descriptions_follow_roles_observed_in_the_corpus() -> None:
    bolsonaro = entity("e1", "PERSON", "Jair Bolsonaro", country="BRA")
    lula = entity("e1", "PERSON", "Luiz Inacio Lula da Silva", country="BRA")
    facts = [
        article("r1", "2021-05-01", entities=[bolsonaro], roles=[Role("Jair Bolsonaro", "President", "BRA", "2021-05-01", "e1")]),
        article("r2", "2023-06-01", entities=[lula], roles=[Role("Luiz Inacio Lula da Silva", "President", None, "2023-06-01", "e1")]),
        article("d1", "2021-09-01", refs=[ref("the Brazilian president", None, "BRA", "GOV")]),
        article("d2", "2023-08-01", refs=[ref("Brazil's president", None, "BRA", "GOV")]),
        article("d3", "2022-12-15", refs=[ref("the Brazilian president", None, "BRA", "GOV")]),
        article("d4", "2020-01-01", refs=[ref("the Brazilian president", None, "BRA", "GOV")]),
    ]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    assert actor_of(registry, "d1", "the Brazilian president") == "person:jair-bolsonaro"
    assert actor_of(registry, "d2", "Brazil's president") == "person:luiz-inacio-lula-da-silva"
    assert actor_of(registry, "d3", "the Brazilian president") == "BRA"  # last seen too long before: no guess
    assert actor_of(registry, "d4", "the Brazilian president") == "BRA"  # never guessed backwards
    observed = {(t.actor, t.start, t.end) for t in registry.terms if t.source == "observed"}
    assert ("person:luiz-inacio-lula-da-silva", "2023-06-01", "2023-06-01") in observed


def test_the_dictionary_wins_over_inference() -> None:
    facts = [
        article("a1", entities=[entity("e1", "PERSON", "Yulia Navalnaya"), entity("e2", "PERSON", "Lyudmila Navalnaya")]),
        article("a2", entities=[entity("e1", "PERSON", "Navalnaya")]),
        article("a3", entities=[entity("e1", "PERSON", "Putin", country="RUS")]),
    ]
    registry = Registry.build(facts)  # our dictionary lists "Putin"
    assert actor_of(registry, "a3", "Putin") == "person:vladimir-putin"
    assert registry.actor("person:vladimir-putin").sector == "GOV"
    assert registry.actor("org:nato").kind == "organisation"  # seeded without any article


def test_ids_follow_the_scheme() -> None:
    assert [kind_of(i) for i in ("IRN", "IRN-COP", "person:vladimir-putin", "org:nato", "group:kurds", "iran")] == [
        "country", "agent", "person", "organisation", "group", None]
    facts = [article("a1", entities=[entity("e1", "NORP", "Kurds"), entity("e2", "LOC", "Gaza", country="PSE")],
                     refs=[ref("Kurds", "e1"), ref("Gaza", "e2", "PSE")])]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    assert actor_of(registry, "a1", "Kurds") == "group:kurds"
    assert registry.actor(actor_of(registry, "a1", "Gaza")).country == "PSE"
    assert all(kind_of(a.id) == a.kind for a in registry.actors)


def test_actor_for_finds_the_actor_of_a_participant() -> None:
    participant = ref("Iran's police", None, "IRN", "COP")
    registry = Registry.build([article("a1", refs=[participant])])
    assert registry.actor_for("a1", participant) == "IRN-COP"
    assert registry.actor_for("a2", participant) is None
    assert registry.key_for(ActorRef("Iran's police", None, "IRN", "COP")) == "IRN-COP"
    assert registry.key_for(ActorRef("the Iranian government", None, "IRN", "GOV")) == "IRN"
    assert registry.key_for(ActorRef("Putin", "e9")) == "person:vladimir-putin"  # Registry.build loads our dictionary


def test_one_institution_name_in_two_states_is_two_actors() -> None:
    facts = [
        article("a1", entities=[entity("e1", "ORG", "Parliament")], refs=[ref("Parliament", "e1", "HUN", "LEG")]),
        article("a2", entities=[entity("e1", "ORG", "Parliament", country="GEO")], refs=[ref("Parliament", "e1", "GEO", "LEG")]),
        article("a3", entities=[entity("e1", "ORG", "Likud", country="ISR")]),
        article("a4", entities=[entity("e1", "ORG", "Likud")], refs=[ref("Likud", "e1")]),
    ]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    hungary, georgia = actor_of(registry, "a1", "Parliament"), actor_of(registry, "a2", "Parliament")
    assert hungary != georgia
    assert {registry.actor(hungary).country, registry.actor(georgia).country} == {"HUN", "GEO"}
    assert actor_of(registry, "a3", "Likud") == actor_of(registry, "a4", "Likud") == "org:likud"


def test_a_family_name_first_joins_the_one_person_whose_name_starts_with_it() -> None:
    facts = [
        article("a1", entities=[entity("e1", "PERSON", "Wang Yi", country="CHN"), entity("e2", "PERSON", "Lee Jae-myung", country="KOR")]),
        article("a2", entities=[entity("e1", "PERSON", "Mr Wang"), entity("e2", "PERSON", "Lee")], refs=[ref("Lee", "e2")]),
        article("a3", entities=[entity("e1", "PERSON", "Kim Jong Un", country="PRK"), entity("e2", "PERSON", "Kim Yo Jong", country="PRK"),
                                entity("e3", "PERSON", "Mark Rutte", country="NLD")]),
        article("a4", entities=[entity("e1", "PERSON", "Kim"), entity("e2", "PERSON", "Mark")]),
    ]
    registry = Registry.build(facts, dictionary=NO_DICTIONARY)
    assert actor_of(registry, "a2", "Mr Wang") == "person:wang-yi"
    assert actor_of(registry, "a2", "Lee") == "person:lee-jae-myung"
    assert actor_of(registry, "a4", "Kim") == "person:kim"  # two Kims: joins neither
    assert actor_of(registry, "a4", "Mark") == "person:mark"  # a given name of a given-name-first country joins no one


def test_a_dictionary_person_name_is_that_person_even_when_no_entity_typed_it() -> None:
    facts = [article("a1", "2025-06-04", refs=[ref("Merz"), ref("Emmanuel Macron")])]  # the NER missed both names
    registry = Registry.build(facts)
    assert actor_of(registry, "a1", "Merz") == "person:friedrich-merz"
    assert actor_of(registry, "a1", "Emmanuel Macron") == "person:emmanuel-macron"
    assert registry.actor("person:friedrich-merz").kind == "person"
