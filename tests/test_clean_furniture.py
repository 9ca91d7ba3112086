"""Template furniture from layouts we have not seen: breadcrumbs, share bars, font controls, link lists, glued credits."""

from __future__ import annotations

import pytest

from newsevents.clean import BoilerplateTable, clean_document
from newsevents.clean.captions import split_credit
from newsevents.clean.meta import Meta, parse_meta
from newsevents.records import Article, Caption, RawDocument

BODY = [
    "The Senate rejected a border security bill on Tuesday by 49 votes to 50, a setback for the governing coalition.",
    "The bill would have tightened asylum rules and added funding for border guards.",
    "Opposition senators said they would table their own proposal next month.",
]


def _clean(text: str, boilerplate: BoilerplateTable | None = None) -> list[Article]:
    """The articles of a made-up text dump."""
    return clean_document(RawDocument(origin="made-up.txt", format="text", text=text), boilerplate)


def _page(title: str, *, breadcrumb: str = "Home\nWorld\nPolitics", tail: str = "") -> str:
    """One scraped article page in an invented template."""
    body = "\n\n".join(BODY)
    return f"""{breadcrumb}

{title}

By Maria Lopez
12 March 2024

Share on Facebook
Share on X
Copy link

A A

Senators debate the bill in the chamber, which was financed by billionaire George Photo: AP Photo

{body}

Read more
Storm damage closes the coastal road for a second day
Minister resigns after a row over travel expenses

Subscribe to our newsletter

Most read
Port strike enters its second week in the north
City council approves new ferry route
{tail}"""


def test_breadcrumbs_share_bar_font_control_and_link_lists_leave_only_the_article() -> None:
    [article] = _clean(_page("Senate rejects border bill in close vote"))
    assert article.title == "Senate rejects border bill in close vote"
    assert article.paragraphs == tuple(BODY)
    assert article.captions == (
        Caption("Senators debate the bill in the chamber, which was financed by billionaire George", "AP Photo"),
    )
    assert (article.author, article.published) == ("Maria Lopez", "2024-03-12")


def test_two_pages_of_one_template_in_a_dump_stay_two_articles() -> None:
    text = _page("Senate rejects border bill in close vote") + "\n\n\n" + _page("Senate delays vote on farm subsidies.")
    articles = _clean(text)
    assert [a.title for a in articles] == ["Senate rejects border bill in close vote", "Senate delays vote on farm subsidies."]
    assert all(a.paragraphs == tuple(BODY) for a in articles)


def test_a_breadcrumb_word_is_never_the_title() -> None:
    [article] = _clean(_page("Senate rejects border bill in close vote", breadcrumb="Home\nNews\nWorld\nAmericas"))
    assert article.title == "Senate rejects border bill in close vote"


def test_a_lone_kicker_above_the_headline_is_not_taken_for_a_menu() -> None:
    text = "POLITICS\nSenate rejects border bill in close vote\nBy Maria Lopez\n\n" + "\n\n".join(BODY)
    [article] = _clean(text)
    assert article.title == "Senate rejects border bill in close vote" and article.paragraphs == tuple(BODY)


def test_stacked_short_lines_inside_the_body_do_not_eat_sentences() -> None:
    text = "Senate rejects border bill in close vote\n\n" + BODY[0] + "\nYes\nNo\nAbstain\n" + BODY[1] + "\n\n" + BODY[2]
    [article] = _clean(text)
    assert article.paragraphs == tuple(BODY)


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        (
            "Senators debate the bill in the chamber, which was financed by billionaire George Photo: AP Photo",
            Caption("Senators debate the bill in the chamber, which was financed by billionaire George", "AP Photo"),
        ),
        ("Members of parliament meet in Cape Town on Friday AP Photo/Nomsa Dube", Caption("Members of parliament meet in Cape Town on Friday", "AP Photo/Nomsa Dube")),
        ("Protesters march in the capital on Friday EPA Images / Jan Novak", Caption("Protesters march in the capital on Friday", "EPA Images / Jan Novak")),
    ],
)
def test_credit_glued_to_the_end_of_a_caption_is_split_off(line: str, caption: Caption) -> None:
    assert split_credit(line) == (caption, True)


def test_a_caption_without_credit_keeps_no_credit_text() -> None:
    assert split_credit("Protesters march in the capital on Friday") is None
    assert split_credit("Talks between the two delegations are due to resume in Geneva next week") is None
    raw = RawDocument(
        origin="page.html", format="html", structured=True, title="Senate rejects border bill",
        text="\n".join(BODY), captions=("Senators debate the bill in the chamber",),
    )  # fmt: skip
    [article] = clean_document(raw)
    assert article.captions == (Caption("Senators debate the bill in the chamber", None),)


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        ("Posted 20 May 2024 by Mei Chen", Meta(author="Mei Chen", published="2024-05-20")),
        ("Posted on March 5, 2024 by Jane Doe", Meta(author="Jane Doe", published="2024-03-05")),
        ("Posted by Mei Chen on 20 May 2024", Meta(author="Mei Chen", published="2024-05-20")),
    ],
)
def test_blog_date_lines_with_the_author(line: str, meta: Meta) -> None:
    assert parse_meta(line) == meta


def test_date_phrases_inside_sentences_are_not_blog_bylines() -> None:
    assert parse_meta("On 20 May 2024 by a wide margin") is None
    assert parse_meta("Ruled on 5 March 2024 by the Supreme Court") is None


def test_sentence_case_read_more_list_at_the_end_is_dropped() -> None:
    text = (
        "Senate rejects border bill in close vote\n\n" + "\n\n".join(BODY) + "\n\nRead more\n"
        "Port strike enters its second week in the northern harbours\nWhat the vote means for the coalition's future\n"
    )
    [article] = _clean(text)
    assert article.paragraphs == tuple(BODY)


def test_template_lines_of_an_unseen_site_are_learned_per_source_and_dropped() -> None:
    promo = "Our correspondents cover politics from twelve capitals every day"
    stories = {
        "Senate rejects border bill": ("The Senate rejected a border bill on Tuesday.", "Senators said a new draft would follow."),
        "Senate delays farm vote": ("The Senate put off a vote on farm subsidies.", "Farm groups said they were disappointed."),
        "Senate confirms new judge": ("The Senate confirmed a new supreme court judge.", "She will take her seat in May."),
        "Senate opens budget hearings": ("The Senate opened hearings on the budget.", "The finance minister will testify first."),
    }
    text = "\n\n\n".join(f"{t}\n\nBy Maria Lopez\n\n{a}\n\n{b}\n\n{promo}" for t, (a, b) in stories.items())
    raw = RawDocument(origin="unseen.txt", format="text", text=text)
    without = clean_document(raw)
    assert all(promo in a.paragraphs for a in without)  # a sentence-case line: by shape alone it stays
    learned = clean_document(raw, BoilerplateTable.learn([raw]))
    assert [a.title for a in learned] == list(stories)
    assert [a.paragraphs for a in learned] == list(stories.values())
