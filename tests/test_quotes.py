"""Quotes: finding quoted text (no spaCy) and attributing it to speakers (with the parser)."""

from __future__ import annotations

import pytest

from newsevents.events.quotes import NAME, extract_quotes, find_quote_spans
from newsevents.records import Article, Quote, RawDocument


def _article(*paragraphs: str, published: str | None = "2024-07-27") -> Article:
    return Article(id="t", title="Test", paragraphs=paragraphs, published=published)


def _texts(article: Article) -> list[str]:
    return ["\n\n".join(article.text[s:e] for s, e in span.pieces) for span in find_quote_spans(article)]


def test_versioned_name() -> None:
    assert NAME == "newsevents.quotes.v1"


def test_curly_and_straight_quotes_with_nested_single_marks() -> None:
    article = _article(
        "\u201cI was told: \u2018The president is on the way,\u2019 so I waited,\u201d he said.",
        '"We will respond," the minister said.',
    )
    assert _texts(article) == ["I was told: \u2018The president is on the way,\u2019 so I waited,", "We will respond,"]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    article = _article('"Due to the complexity of the matter, the report is late.', "The police said more.")
    spans = find_quote_spans(article)
    assert _texts(article) == ["Due to the complexity of the matter, the report is late."]
    assert spans[0].close_mark is None


def test_a_missing_closing_mark_does_not_shift_the_pairs() -> None:
    article = _article('"It is not just here, he said. "The virus is in other areas too," Dr Chow said.')
    assert _texts(article) == ["It is not just here, he said.", "The virus is in other areas too,"]


def test_quote_continues_over_paragraphs() -> None:
    article = _article(
        "\u201cThe first paragraph of the quote stays open.",
        "\u201cThe second paragraph closes it,\u201d she said.",
        "Nothing quoted here.",
    )
    spans = find_quote_spans(article)
    assert len(spans) == 1
    assert (spans[0].first_paragraph, spans[0].last_paragraph) == (0, 1)
    assert _texts(article) == ["The first paragraph of the quote stays open.\n\nThe second paragraph closes it,"]


def test_no_quote_marks_no_spans() -> None:
    assert find_quote_spans(_article("Plain text without any quotation at all.")) == []


# -- attribution (needs the parser; the patterns run on hand-written parses in test_quotes_handparsed.py)


def _quotes(nlp, article: Article) -> tuple[Quote, ...]:
    from newsevents.nlp.entities import extract_entities

    doc = nlp(article.text)
    return extract_quotes(doc, article, extract_entities(doc, article))


@pytest.fixture(scope="module")
def seed_articles(seed_text: str) -> list[Article]:
    from newsevents.clean.document import clean_document

    articles = clean_document(RawDocument(origin="seed", format="text", text=seed_text))
    assert len(articles) == 2
    return articles


@pytest.mark.slow
def test_seed_putin_quotes(nlp, seed_articles: list[Article]) -> None:
    article = seed_articles[0]
    quotes = _quotes(nlp, article)
    assert len(quotes) == 5
    assert {q.speaker for q in quotes} == {"Vladimir Putin"}
    assert all(q.speaker_entity for q in quotes)
    assert any(q.text.startswith("We work naturally") for q in quotes)  # the "he added" one
    for q in quotes:
        assert article.text[q.start : q.end] == q.text


@pytest.mark.slow
def test_seed_police_and_hengaw_quotes(nlp, seed_articles: list[Article]) -> None:
    quotes = _quotes(nlp, seed_articles[1])
    by_start = {q.text.split()[0]: q for q in quotes}
    assert by_start["The"].speaker == "police"  # "... staff," the police said, AFP reported
    assert by_start["Due"].speaker == "police"  # never closed, follows the police quote
    assert by_start["Due"].text.endswith("final report.")
    added = next(q for q in quotes if "law enforcement" in q.text)
    assert added.speaker == "police"  # "the statement added": police said in a statement
    hengaw = next(q for q in quotes if q.text == "was killed under torture in the detention center")
    assert hengaw.speaker == "Hengaw" and hengaw.speaker_entity is not None
