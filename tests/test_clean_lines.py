"""Line-level rules of the clean stage: bylines and dates, photo credits, shapes, the UI table."""

from __future__ import annotations

import pytest

from newsevents.clean import CleanDataError
from newsevents.clean.captions import is_credit_only, split_credit
from newsevents.clean.meta import Meta, parse_meta
from newsevents.clean.shapes import is_body, is_navigation, is_scrap, is_title_like, word_count
from newsevents.clean.ui import is_section_header, is_ui_junk, load_patterns, parse_table
from newsevents.records import Caption


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        ("By Jane Doe", Meta(author="Jane Doe")),
        ("By JANE DOE and John Roe, Reuters", Meta(author="JANE DOE and John Roe")),
        ("By Jane Doe | July 27, 2024", Meta(author="Jane Doe", published="2024-07-27")),
        ("By Jane Doe in Istanbul", Meta(author="Jane Doe")),
        ("Updated 27 July 2024 14:05 GMT", Meta(published="2024-07-27T14:05+00:00", updated=True)),
        ("Saturday, 27 July, 2024", Meta(published="2024-07-27")),
        ("July 27, 2024 at 2:05 p.m. EDT", Meta(published="2024-07-27T14:05-04:00")),
        ("Published: 2024-07-27T14:05:00Z", Meta(published="2024-07-27T14:05+00:00")),
        ("Last updated on 3rd March 2023, 9:30am", Meta(published="2023-03-03T09:30", updated=True)),
        ("27/07/2024 14:05", Meta(published="2024-07-27T14:05")),
        ("03/04/2024", Meta()),  # day and month cannot be told apart: recognised, not dated
        ("5 min read", Meta()),
        ("Desk Staff | 11 March 2023", Meta(author="Desk Staff", published="2023-03-11")),
        ("Author: Jane Doe | Updated: 2024-05-28 19:40 CET", Meta(author="Jane Doe", published="2024-05-28T19:40+01:00", updated=True)),
        ("Posted 2 hours ago", Meta()),
    ],
)
def test_metadata_lines(line: str, meta: Meta) -> None:
    assert parse_meta(line) == meta


@pytest.mark.parametrize(
    "line",
    [
        "By Thursday, the troops had withdrawn.",
        "By Monday",
        "By the end of 2023, trade had grown by 20%.",
        "Mohammad Mir Mousavi, 36, was arrested on July 22",
        "On Thursday, the president ordered an investigation into the case.",
        "The summit opens on 27 July 2024 in Vienna.",
        "Iran Police Commander Dismissed | Reuters",
        "Home | 11 March 2023 | Sport",
    ],
)
def test_sentences_are_not_metadata(line: str) -> None:
    assert parse_meta(line) is None


@pytest.mark.parametrize(
    ("line", "caption", "explicit"),
    [
        ("A view of a prison gate in the capital (Reuters)", Caption("A view of a prison gate in the capital", "Reuters"), False),
        ("Firefighters battle a blaze near the port. Photo: AP", Caption("Firefighters battle a blaze near the port.", "AP"), True),
        ("Protesters gather outside parliament (AFP via Getty Images)", Caption("Protesters gather outside parliament", "AFP via Getty Images"), True),
        ("Police stand guard in the city, July 27, 2024. REUTERS/Jane Roe", Caption("Police stand guard in the city, July 27, 2024.", "REUTERS/Jane Roe"), True),
        ("Rescue workers at the scene (Photo by Jane Roe/AFP)", Caption("Rescue workers at the scene", "Jane Roe/AFP"), True),
        ("Delegates arrive for the talks | Photograph: John Doe/EPA", Caption("Delegates arrive for the talks", "John Doe/EPA"), True),
        ("Photo: Lawmakers vote in the chamber / MTI", Caption("Lawmakers vote in the chamber", "MTI"), True),
    ],
)
def test_caption_credits(line: str, caption: Caption, explicit: bool) -> None:
    assert split_credit(line) == (caption, explicit)


@pytest.mark.parametrize(
    "line",
    ["Trade rose by 20% (2023)", "3) A boxed film set (Blu-Ray)", "He met the leader (who was ill)", "It was a good year (36)"],
)
def test_not_captions(line: str) -> None:
    assert split_credit(line) is None


def test_credit_only_lines() -> None:
    assert is_credit_only("Photo: AP")
    assert is_credit_only("(Reuters)")
    assert is_credit_only("Credit: Getty Images")
    assert not is_credit_only("Reuters reported the deal on Monday.")


def test_shapes() -> None:
    assert is_title_like("Iran Police Commander Dismissed After Death in Custody")
    assert is_title_like("Is the ceasefire holding?")
    assert is_title_like("Talks with the U.S.")
    assert not is_title_like("He denied it.")
    assert not is_title_like("the talks went on,")
    assert is_body("He denied it.")
    assert not is_body("Iran Police Commander Dismissed After Death in Custody")
    assert is_scrap("TT") and is_scrap("Share") and is_scrap("World News")
    assert not is_scrap("No.") and not is_scrap("- Oil")
    assert is_navigation("Home | World | Business | Sport")
    assert is_navigation("News › World › Middle East")
    assert not is_navigation("| 1 | Kyle Example | 5040 |")
    assert not is_navigation("By Jane Doe | 27 July 2024")
    assert word_count("先日、不正に改造した端末を販売したとして逮捕された。") >= 10


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement", "ADVERTISEMENT", "Share this article", "Share on Facebook", "Read more:", "Read more: Europe braces for heat",
        "Skip to main content", "Listen to this article", "Sign up for our morning newsletter", "Follow us on Twitter",
        "We use cookies to improve your experience. By using this site you accept our cookie policy.",
        "© 2024 Example Media Ltd", "Copyright 2024 Example Media. All rights reserved.", "Story continues below advertisement",
    ],
)
def test_ui_junk(line: str) -> None:
    assert is_ui_junk(line)


@pytest.mark.parametrize(
    "line",
    [
        "I agree.", "He denied it.", "Advertisement revenue fell by 5% in 2023.", "Copyright lawsuits rose sharply last year.",
        "Share prices fell on Monday.", "Search for the missing climbers resumed at dawn.", "Subscribers will pay more from May.",
    ],
)
def test_sentences_are_not_ui_junk(line: str) -> None:
    assert not is_ui_junk(line)


def test_section_headers() -> None:
    assert is_section_header("Most read")
    assert is_section_header("Related stories")
    assert is_section_header("More from Example News")
    assert not is_section_header("Most residents stayed at home.")


def test_ui_table_loads_and_validates() -> None:
    assert load_patterns().junk.pattern
    with pytest.raises(CleanDataError, match="version header"):
        parse_table("kind\tpattern\njunk\tshare\n", "t.tsv")
    with pytest.raises(CleanDataError, match=r"t.tsv:3: expected '<kind><TAB><pattern>'"):
        parse_table("# clean_ui_lines v1\nkind\tpattern\nbogus\tshare\n", "t.tsv")
    with pytest.raises(CleanDataError, match=r"t.tsv:3: bad regular expression"):
        parse_table("# clean_ui_lines v1\nkind\tpattern\njunk\t(share\n", "t.tsv")
