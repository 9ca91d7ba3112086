"""Structured documents (an extracted web page body, a JSON record's text) and empty results."""

from __future__ import annotations

from newsevents.clean import clean_document, explain_empty
from newsevents.records import Caption, RawDocument

PAGE_BODY = """\
Ferry Operator Cancels Sailings as Storm Nears
Passengers queue at the ferry terminal on Thursday. Photo: Jane Roe/Reuters
Published July 25, 2024
The country's largest ferry operator cancelled all sailings for Friday as a storm approached the coast.
Share
The company said passengers would be offered refunds or new bookings.
What passengers should do
Travellers were advised to check the operator's website before leaving home.
"""


def test_structured_text_is_one_article_with_the_given_title() -> None:
    raw = RawDocument(origin="page.html", format="html", text=PAGE_BODY, title="Ferry Operator Cancels Sailings as Storm Nears", source="Example Times", url="https://www.example.com/ferry", structured=True)
    [article] = clean_document(raw)
    assert article.title == "Ferry Operator Cancels Sailings as Storm Nears"
    assert article.captions == (Caption("Passengers queue at the ferry terminal on Thursday.", "Jane Roe/Reuters"),)
    assert article.published == "2024-07-25"
    assert article.paragraphs == (
        "The country's largest ferry operator cancelled all sailings for Friday as a storm approached the coast.",
        "The company said passengers would be offered refunds or new bookings.",
        "What passengers should do",
        "Travellers were advised to check the operator's website before leaving home.",
    )
    assert (article.source, article.url, article.origin) == ("Example Times", "https://www.example.com/ferry", "page.html")


def test_structured_without_title_takes_first_title_like_line() -> None:
    raw = RawDocument(origin="rec#1", format="json", text=PAGE_BODY, structured=True)
    [article] = clean_document(raw)
    assert article.title == "Ferry Operator Cancels Sailings as Storm Nears"
    assert article.paragraphs[0].startswith("The country's largest ferry operator")


def test_structured_text_is_never_split() -> None:
    text = "First Headline Here Today\n\nOne sentence about it.\n\n\n\nSecond Headline Here Today\n\nAnother sentence about that.\n"
    raw = RawDocument(origin="rec#2", format="json", text=text, title="Given Title", structured=True)
    [article] = clean_document(raw)
    assert article.title == "Given Title"
    assert article.paragraphs == ("First Headline Here Today", "One sentence about it.", "Second Headline Here Today", "Another sentence about that.")


def test_structured_list_page_without_sentences_is_kept_when_long() -> None:
    items = "\n".join(f"- Stage {n}: 1{n} March in Example City and Other Town" for n in range(1, 6))
    raw = RawDocument(origin="p", format="html", text=items, title="Race Calendar", structured=True)
    [article] = clean_document(raw)
    assert len(article.paragraphs) == 5


def test_explain_empty_says_why() -> None:
    empty = RawDocument(origin="e.txt", format="text", text="  \n")
    assert clean_document(empty) == []
    assert "no text" in explain_empty(empty)
    menu = RawDocument(origin="m.txt", format="text", text="Home | News | Sport | Weather\nMenu\nLatest Headlines Today\n")
    assert clean_document(menu) == []
    reason = explain_empty(menu)
    assert "none of its 3 non-blank lines reads like body text" in reason
    assert "--format html" in reason
    furniture = RawDocument(origin="f.txt", format="text", text="We use cookies to improve your experience. Accept them to continue.\n© 2024 Example Media. All rights reserved.\n")
    assert clean_document(furniture) == []
    assert "page furniture" in explain_empty(furniture)
