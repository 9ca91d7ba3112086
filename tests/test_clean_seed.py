"""Acceptance test of the clean stage on the seed dump (two scraped articles)."""

from __future__ import annotations

import pytest

from newsevents.clean import clean_document
from newsevents.records import Article, Caption, RawDocument


@pytest.fixture(scope="module")
def articles(seed_text: str) -> list[Article]:
    """The seed cleaned once for every test here."""
    return clean_document(RawDocument(origin="seeds/000.txt", format="text", text=seed_text))


def test_two_articles_with_their_titles(articles: list[Article]) -> None:
    assert [a.title for a in articles] == [
        "Putin and Raisi Seek Harmonizing Bilateral Ties, Address Regional Issues",
        "Iran Police Commander Dismissed After Death in Custody",
    ]


def test_captions_found_once_with_credit(articles: list[Article]) -> None:
    assert articles[0].captions == (
        Caption(text="Russian President Vladimir Putin and Iranian President Ebrahim Raisi at the Kremlin", credit="Iranian Presidency"),
    )
    assert articles[1].captions == (Caption(text="A view of the entrance to Evin prison in Tehran, Iran", credit="Reuters"),)


def test_bodies_start_and_end_where_the_articles_do(articles: list[Article]) -> None:
    first, second = articles
    assert first.paragraphs[0].startswith("There has been a significant alignment")
    assert first.paragraphs[-1].endswith("by the end of 2023.")
    assert second.paragraphs[0].startswith("Iran's police force has dismissed")
    assert second.paragraphs[-1].endswith("sparked months of deadly nationwide protests.")
    assert [len(a.paragraphs) for a in articles] == [13, 10]


def test_no_junk_left(articles: list[Article]) -> None:
    for article in articles:
        for paragraph in article.paragraphs:
            assert paragraph != "TT"
            assert paragraph != article.title
            assert all(c.text not in paragraph for c in article.captions)
        assert "TT" not in article.text.split()


def test_unclosed_quote_kept_as_its_own_paragraph(articles: list[Article]) -> None:
    unclosed = [p for p in articles[1].paragraphs if p.startswith('"Due to the complexity')]
    assert len(unclosed) == 1
    assert unclosed[0].endswith("final report.")


def test_unicode_punctuation_kept(articles: list[Article]) -> None:
    text = articles[0].text
    assert "issues—particularly the situation around Gaza—were" in text
    assert "“Our relations are developing very well." in text
    assert "North–South railway" in text


def test_offsets_slice_to_paragraphs(articles: list[Article]) -> None:
    for article in articles:
        spans = article.paragraph_spans()
        assert len(spans) == len(article.paragraphs)
        for (start, end), paragraph in zip(spans, article.paragraphs):
            assert article.text[start:end] == paragraph


def test_metadata_carried_and_ids_distinct(seed_text: str) -> None:
    raw = RawDocument(origin="x.txt", format="text", text=seed_text, url="https://example.org/a", source="Example", published="2024-07-27")
    found = clean_document(raw)
    assert {(a.origin, a.url, a.source, a.published) for a in found} == {("x.txt", "https://example.org/a", "Example", "2024-07-27")}
    assert len({a.id for a in found}) == 2
    assert all(len(a.id) == 16 for a in found)


def test_crlf_and_spacing_give_the_same_articles(seed_text: str, articles: list[Article]) -> None:
    messy = seed_text.replace("\n", "\r\n").replace(". ", ".  ").replace("Reuters", "Reuters ")
    again = clean_document(RawDocument(origin="y", format="text", text=messy))
    assert [a.id for a in again] == [a.id for a in articles]
    assert [len(a.paragraphs) for a in again] == [13, 10]
