"""The coder's data tables load, validate, and say which file and line is wrong."""

from __future__ import annotations

import pytest

from newsevents.events.lexicon import load_lexicon, parse_lexicon
from newsevents.events.tables import (
    PLOVER_TYPES,
    EventsDataError,
    actor_tables,
    cameo_table,
    context_table,
    mode_table,
    office_table,
    parse_rows,
)

HEADER = "# events_lexicon v1\npattern\tpos\ttype\tmode\tcameo\tframe\tflags\n"


def test_bundled_tables_load() -> None:
    lexicon = load_lexicon()
    assert len(lexicon.patterns) > 300
    assert {p.type for p in lexicon.patterns if p.type} == set(PLOVER_TYPES)
    assert cameo_table()["173"].quad_class == 4
    assert cameo_table()["042"].goldstein == pytest.approx(1.9)
    assert actor_tables().nouns["police"].sector == "COP"
    assert actor_tables().orgs_exact["UN"].country == "IGO"
    assert office_table()[("foreign", "minister")].title == "Foreign Minister"
    assert any(name == "economic" for name, _ in context_table().by_context)
    assert mode_table()


def test_every_pattern_code_is_in_the_cameo_table() -> None:
    codes = cameo_table()
    for pattern in load_lexicon().patterns:
        assert pattern.cameo is None or pattern.cameo in codes, pattern.text


def test_multiword_patterns_are_more_specific() -> None:
    index = load_lexicon().index
    hold = index[("V", "hold")]
    assert hold[0].specificity >= hold[-1].specificity
    custody = next(p for p in index[("V", "take")] if "custody" in p.text)
    assert custody.type == "COERCE" and custody.mode == "arrest" and custody.specificity == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("meet\tV\tMEET\t-\t040\t-\t-", "events_lexicon.tsv:3: 'MEET' is not a PLOVER event type"),
        ("meet\tV\tCONSULT\t-\t999\t-\t-", "events_lexicon.tsv:3: CAMEO code '999'"),
        ("meet\tX\tCONSULT\t-\t040\t-\t-", "events_lexicon.tsv:3: pos must be V, N or A"),
        ("meet\tV\tCONSULT\t-\t040\tmaybe\t-", "events_lexicon.tsv:3: unknown frame 'maybe'"),
        ("meet\tV\tCONSULT\t-\t040\t-\tloud", "events_lexicon.tsv:3: unknown flag 'loud'"),
        ("meet ?with\tV\tCONSULT\t-\t040\t-\t-", "events_lexicon.tsv:3: constraint '?with'"),
        ("meet\tV\tCONSULT\t-\t040\t-", "events_lexicon.tsv:3: expected 7 tab-separated columns"),
    ],
)
def test_bad_rows_name_file_and_line(row: str, message: str) -> None:
    with pytest.raises(EventsDataError, match=message.replace("?", r"\?").replace("(", r"\(")):
        parse_lexicon(HEADER + row + "\n")


def test_missing_version_header_is_reported() -> None:
    with pytest.raises(EventsDataError, match=r"events_cameo.tsv:1: expected a '# events_cameo vN' version header"):
        list(parse_rows("events_cameo.tsv", "cameo\tgoldstein\n", ("cameo", "goldstein")))


def test_a_parsed_lexicon_matches_its_own_rows() -> None:
    lexicon = parse_lexicon(HEADER + "meet +with\tV\tCONSULT\t-\t040\t-\tsym\nmeet\tV\tCONSULT\t-\t040\t-\tsym\n")
    first, second = lexicon.index[("V", "meet")]
    assert first.specificity == 1 and second.specificity == 0
    assert first.preps[0].words == frozenset({"with"})
