"""Headlines ending in a full stop, and dumps split by evidence when single blank lines part everything."""

from __future__ import annotations

import pytest

from newsevents.clean import clean_document
from newsevents.clean.titles import headline_shape
from newsevents.records import Article, RawDocument


def _clean(text: str, **fields: object) -> list[Article]:
    """The articles of a made-up text dump."""
    return clean_document(RawDocument(origin="made-up.txt", format="text", text=text, **fields))  # type: ignore[arg-type]


LEAD = (
    "The country's parliament approved the measure late on Tuesday by a wide margin, after a debate in which "
    "opposition members accused the government of rushing the vote."
)
SECOND = "The opposition said it would challenge the law before the constitutional court."


HEADLINES = [
    "Parliament approves budget after a long night of debate.",
    "Kenya's president signs finance bill into law.",
    "Coalition Talks Collapse in Lisbon.",
    "Opposition leader detained in Dhaka ahead of vote.",
    "Minister says talks with unions will resume next month.",
]
BODY_SENTENCES = [
    "He denied the charges.",
    "The opposition said on Tuesday it would boycott the vote.",
    "Police arrested 12 people. Two were later released.",
    "\u201cWe will not give up,\u201d the protest leader told the crowd.",
    "But the decision was criticised by the European Commission.",
    "Parliament passed the bill on Tuesday by a wide margin.",
    "The vote, which had been delayed twice, was held in a tense atmosphere, officials said.",
]


@pytest.mark.parametrize("first", HEADLINES + BODY_SENTENCES)
def test_first_line_of_a_one_article_file_is_the_title_only_when_it_reads_as_a_headline(first: str) -> None:
    [article] = _clean(f"{first}\n\n{LEAD}\n\n{SECOND}\n")
    if first in HEADLINES:
        assert (article.title, article.paragraphs) == (first, (LEAD, SECOND))
    else:
        assert (article.title, article.paragraphs) == ("", (first, LEAD, SECOND))


def test_first_line_directly_followed_by_text_is_not_promoted() -> None:
    [article] = _clean(f"Parliament approves budget after a long night of debate.\n{LEAD}\n\n{SECOND}\n")
    assert article.title == ""
    assert article.paragraphs[0] == "Parliament approves budget after a long night of debate."


def test_first_line_followed_by_a_shorter_line_is_not_promoted() -> None:
    [article] = _clean(f"Talks resume in Geneva.\n\nHe denied it.\n\n{LEAD}\n")
    assert article.title == ""


DUMP_WIDE_GAPS = f"""\
Parliament approves budget after a long night of debate.

{LEAD}

{SECOND}



Farmers block roads near Brussels over new rules.

Hundreds of farmers drove tractors onto the ring road around Brussels on Monday to protest against new environmental rules.

Police said traffic was disrupted for several hours.



Election commission sets date for presidential runoff.

The election commission said the runoff between the two leading candidates would be held in three weeks.

Observers from the regional bloc will monitor the vote.
"""


def test_full_stop_headlines_inside_a_dump_split_and_title_each_article() -> None:
    articles = _clean(DUMP_WIDE_GAPS)
    assert [a.title for a in articles] == [
        "Parliament approves budget after a long night of debate.",
        "Farmers block roads near Brussels over new rules.",
        "Election commission sets date for presidential runoff.",
    ]
    assert [len(a.paragraphs) for a in articles] == [2, 2, 2]


def test_a_short_body_paragraph_inside_a_dump_article_neither_splits_nor_becomes_a_title() -> None:
    text = DUMP_WIDE_GAPS.replace(
        f"{LEAD}\n\n{SECOND}", f"{LEAD}\n\nLeaders across Europe condemned the attack.\n\n{SECOND}"
    )
    articles = _clean(text)
    assert len(articles) == 3
    assert articles[0].paragraphs == (LEAD, "Leaders across Europe condemned the attack.", SECOND)


SINGLE_BLANK_LINES = """\
Coalition talks collapse in Lisbon.

LISBON (Tagus Wire) — Talks on forming a new coalition government in Portugal collapsed on Monday after the two largest parties failed to agree on a budget.

The president said he would meet party leaders again this week.

Farmers block roads near Brussels.

BRUSSELS (Tagus Wire) — Hundreds of farmers drove tractors onto the main roads around Brussels on Tuesday to protest against new environmental rules.

Police said traffic was disrupted for several hours.

Opposition Leader Detained in Dhaka

By Rahim Uddin

Police in Bangladesh detained the leader of the main opposition party on Wednesday, his lawyer said.

The government denied that the arrest was politically motivated.

Court Upholds Ban on Rally

12 March 2024

The supreme court upheld a ban on an opposition rally planned for the weekend, saying it could threaten public order.

Organisers said they would appeal to the regional human rights court.
"""


def test_single_blank_line_dump_is_split_by_datelines_bylines_and_dates() -> None:
    articles = _clean(SINGLE_BLANK_LINES)
    assert [a.title for a in articles] == [
        "Coalition talks collapse in Lisbon.",
        "Farmers block roads near Brussels.",
        "Opposition Leader Detained in Dhaka",
        "Court Upholds Ban on Rally",
    ]
    assert [len(a.paragraphs) for a in articles] == [2, 2, 2, 2]
    assert articles[2].author == "Rahim Uddin" and articles[3].published == "2024-03-12"
    assert articles[0].paragraphs[0].startswith("LISBON (Tagus Wire) — Talks")


def test_single_blank_line_article_with_a_dateline_inside_is_not_split() -> None:
    text = (
        "Ceasefire talks resume in Doha\n\n"
        "DOHA (Tagus Wire) — Negotiators returned to Qatar on Sunday for a new round of ceasefire talks.\n\n"
        "A mediator said the gaps between the two sides had narrowed.\n\n"
        "Both delegations declined to comment.\n"
    )
    [article] = _clean(text)
    assert article.title == "Ceasefire talks resume in Doha" and len(article.paragraphs) == 3


def test_structured_document_with_a_title_keeps_its_first_line() -> None:
    raw = RawDocument(
        origin="page.html", format="html", structured=True, title="Budget passes",
        text=f"Parliament approves budget after a long night of debate.\n{LEAD}",
    )  # fmt: skip
    [article] = clean_document(raw)
    assert article.title == "Budget passes"
    assert article.paragraphs[0] == "Parliament approves budget after a long night of debate."


def test_headline_shape_by_itself() -> None:
    assert headline_shape("Senate rejects border bill in close vote.")
    assert not headline_shape("Senate rejects border bill in close vote")  # no full stop: plain title-like
    assert not headline_shape("They rejected it.")
    assert not headline_shape("A very long line that goes on and on with many words in it, far longer than any headline would ever be written.")
    assert not headline_shape("U.S.")


def test_a_short_paragraph_after_an_advert_inside_an_article_stays_a_paragraph() -> None:
    text = (
        f"Senate rejects border bill in close vote\n\n{LEAD}\n\nAdvertisement\n\n"
        f"Leaders across Europe condemned the vote.\n\n{SECOND}\n"
    )
    [article] = _clean(text)
    assert article.paragraphs == (LEAD, "Leaders across Europe condemned the vote.", SECOND)
