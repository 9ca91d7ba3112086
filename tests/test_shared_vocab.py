"""The one-of-each modules: data-file loader, PLOVER vocabulary, calendar words, name keys, web extra check."""

from __future__ import annotations

import importlib.util

import pytest

from newsevents import plover
from newsevents.calendar_words import CALENDAR_NAMES, MONTHS, WEEKDAYS, full_names
from newsevents.datafiles import parse_rows, parse_words, split_names, split_words
from newsevents.errors import DataFileError, MissingExtra
from newsevents.names import name_key, strip_accents


def test_one_error_class_under_every_old_name() -> None:
    from newsevents.clean import CleanDataError
    from newsevents.events.tables import EventsDataError
    from newsevents.nlp.datafiles import DataFileError as NlpDataFileError

    assert CleanDataError is EventsDataError is NlpDataFileError is DataFileError


def test_rows_keep_line_numbers_and_name_the_bad_line() -> None:
    text = "# t v1\n# a comment\nname\tcode\nIran\t IRN \n"
    assert list(parse_rows("t.tsv", text, ("name", "code"))) == [(4, {"name": "Iran", "code": "IRN"})]
    with pytest.raises(DataFileError, match=r"^x\.tsv:1: expected a '# t vN' version header"):
        list(parse_rows("x.tsv", "# x v1\nname\tcode\n", ("name", "code"), kind="t"))
    with pytest.raises(DataFileError, match=r"^t\.tsv: no header row"):
        list(parse_rows("t.tsv", "# t v1\n", ("name", "code")))
    with pytest.raises(DataFileError, match=r"^w\.txt:1: expected a '# w vN'"):
        parse_words("w.txt", "word\n")
    assert parse_words("w.txt", "# w v1\n one \n\n# skip\ntwo\n") == ["one", "two"]


def test_cells_split_as_words_or_as_names() -> None:
    assert split_words("Talk | meeting|") == frozenset({"talk", "meeting"}) and split_words("-") == frozenset()
    assert split_names("Kyiv | Kiev|") == ["Kyiv", "Kiev"]


def test_plover_vocabulary_is_complete() -> None:
    assert len(plover.EVENT_TYPES) == 16 and plover.EVENT_TYPES[:2] == ("AGREE", "CONSULT")
    assert list(plover.TYPE_QUAD) == sorted(plover.EVENT_TYPES, key=lambda t: (plover.TYPE_QUAD[t], plover.EVENT_TYPES.index(t)))
    assert set(plover.TYPE_QUAD.values()) == set(plover.QUAD_NAMES) == {1, 2, 3, 4}


def test_calendar_words() -> None:
    assert MONTHS["sept"] == MONTHS["september"] == 9 and WEEKDAYS["thurs"] == 3
    assert full_names(MONTHS)[4] == "may" and len(full_names(WEEKDAYS)) == 7
    assert {"May", "Thursday"} <= CALENDAR_NAMES and "Thurs" not in CALENDAR_NAMES and len(CALENDAR_NAMES) == 19


@pytest.mark.parametrize(
    ("text", "loose", "strict"),
    [
        ("The U.N. Security Council", "un security council", "un security council"),
        ("Hay’at Tahrir al-Sham", "hayat tahrir al sham", "hay'at tahrir al-sham"),
        ("São  Paulo", "sao paulo", "são paulo"),
        ("Białystok", "bia ystok", "białystok"),
    ],
)
def test_name_keys(text: str, loose: str, strict: str) -> None:
    assert name_key(text) == loose
    assert name_key(text, strict=True) == strict


def test_strip_accents() -> None:
    assert strip_accents("Straße Łódź") == "Straße Łodz"
    assert strip_accents("Straße Łódź", ascii_only=True) == "Strae odz"


def test_missing_web_extra_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents import web

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a))
    with pytest.raises(MissingExtra, match=r"no uvicorn\); run: pip install 'newsevents\[web\]'"):
        web.serve("nowhere.db")
