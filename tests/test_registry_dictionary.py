"""The actor dictionary: our file loads, a user's file merges over it, and a broken row names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_registry import actor_of, article, entity, ref

from newsevents.errors import DataFileError
from newsevents.registry import Registry, load_dictionary
from newsevents.registry.dictionary import COLUMNS, parse_dictionary
from newsevents.registry.keys import kind_of

HEADER = "# actors_dictionary v1\n" + "\t".join(COLUMNS) + "\n"


def _table(*rows: str) -> str:
    return HEADER + "".join(row + "\n" for row in rows)


def test_our_dictionary_loads_with_dated_terms() -> None:
    ours = load_dictionary()
    assert len(ours.entries) >= 40
    assert all(kind_of(e.id) == e.kind for e in ours.entries)
    raisi = [t for t in ours.terms if t.actor == "person:ebrahim-raisi"]
    assert [(t.country, t.office, t.start, t.end) for t in raisi] == [("IRN", "President", "2021-08-03", "2024-05-19")]
    nato = ours.by_id()["org:nato"]
    assert "North Atlantic Treaty Organization" in nato.names and nato.country == "IGO"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Putin\tPutin\tRUS\tGOV\t-\t-\t-", "fits no id shape"),
        ("person:x\tX\tRussia\t-\t-\t-\t-", "ISO alpha-3"),
        ("person:x\tX\tRUS\tgov\t-\t-\t-", "PLOVER sector"),
        ("person:x\tX\tRUS\tGOV\tPresident\t2024-13\t-", "ISO date"),
        ("person:x\tX\tRUS\tGOV\tEmperor\t2020-01-01\t-", "not an office title"),
        ("person:x\tX\t-\tGOV\tPresident\t2020-01-01\t-", "needs the country"),
        ("person:x\tX\tRUS\tGOV\tPresident\t2020-01-01\t2019-01-01", "before start"),
        ("person:x\tX\tRUS\tGOV\t-\t2020-01-01\t-", "without a role"),
        ("person:x\t-\tRUS\tGOV\t-\t-\t-", "has no names"),
        ("person:x\tX\tRUS\tGOV\t-\t-", "expected 7 tab-separated columns"),
    ],
)
def test_a_broken_row_names_file_and_line(row: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message) as caught:
        parse_dictionary("mine.tsv", _table("person:ok\tOk Name\tRUS\t-\t-\t-\t-", row))
    assert str(caught.value).startswith("mine.tsv:4: ")


def test_rows_of_one_id_must_agree() -> None:
    with pytest.raises(DataFileError, match=r"mine.tsv:4: person:x has country/sector"):
        parse_dictionary("mine.tsv", _table("person:x\tX\tRUS\tGOV\t-\t-\t-", "person:x\t-\tUKR\t-\t-\t-\t-"))


def test_a_missing_header_or_version_is_named() -> None:
    with pytest.raises(DataFileError, match="mine.tsv:1: expected a '# actors_dictionary vN'"):
        parse_dictionary("mine.tsv", "id\tnames\n")
    with pytest.raises(DataFileError, match="cannot read the actor dictionary"):
        load_dictionary("/nonexistent/actors.tsv")


def test_a_users_file_is_merged_over_ours(tmp_path: Path) -> None:
    mine = tmp_path / "actors.tsv"
    mine.write_text(_table(
        "person:benjamin-netanyahu\tBenjamin Netanyahu|Bibi\tISR\tGOV\tPrime Minister\t2022-12-29\t-",
        "person:yulia-navalnaya\tYulia Navalnaya|Navalnaya\tRUS\tOPP\t-\t-\t-",
    ), encoding="utf-8")
    merged = load_dictionary(mine)
    bibi = merged.by_id()["person:benjamin-netanyahu"]
    assert bibi.names == ("Benjamin Netanyahu", "Bibi")  # ours listed "Netanyahu" too: the user's row replaces it
    assert [t.start for t in merged.terms if t.actor == bibi.id] == ["2022-12-29"]
    assert "person:vladimir-putin" in merged.by_id()  # ours stays
    facts = [article("a1", entities=[entity("e1", "PERSON", "Yulia Navalnaya"), entity("e2", "PERSON", "Lyudmila Navalnaya")]),
             article("a2", entities=[entity("e1", "PERSON", "Navalnaya")], refs=[ref("Navalnaya", "e1")]),
             article("a3", entities=[entity("e1", "PERSON", "Bibi")], refs=[ref("Bibi", "e1")])]
    registry = Registry.build(facts, dictionary=mine)
    assert actor_of(registry, "a2", "Navalnaya") == "person:yulia-navalnaya"  # the dictionary wins over "ambiguous"
    assert actor_of(registry, "a3", "Bibi") == "person:benjamin-netanyahu"
    assert registry.actor("person:yulia-navalnaya").sector == "OPP"
