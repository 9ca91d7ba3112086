"""Content ids: stable across spacing, quote and dash styles, case and paragraph breaks."""

from __future__ import annotations

import re

from newsevents.clean import article_id, clean_document
from newsevents.records import RawDocument

TITLE = "Talks Resume in Geneva"
PARAGRAPHS = ("The talks resumed on Monday \u2014 a week late.", "\u201cWe\u2019re hopeful,\u201d an envoy said.")


def test_id_is_sixteen_hex_digits() -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", article_id(TITLE, PARAGRAPHS))


def test_id_ignores_whitespace_quotes_dashes_and_case() -> None:
    variant = ("The  talks resumed\u00a0on Monday - a week late. ", "\"We're hopeful,\" an envoy said.")
    assert article_id(TITLE, PARAGRAPHS) == article_id("  talks resume in GENEVA ", variant)
    assert article_id(TITLE, PARAGRAPHS) == article_id(TITLE, (" ".join(PARAGRAPHS),))


def test_id_differs_for_different_articles() -> None:
    assert article_id(TITLE, PARAGRAPHS) != article_id(TITLE, PARAGRAPHS[:1])
    assert article_id(TITLE, PARAGRAPHS) != article_id("Talks Stall in Geneva", PARAGRAPHS)
    assert article_id(TITLE, PARAGRAPHS) != article_id(TITLE, ("The talks resumed on Tuesday \u2014 a week late.", PARAGRAPHS[1]))


def test_same_article_from_different_files_gets_same_id() -> None:
    text = f"{TITLE}\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    other = "Share\r\n\r\n" + text.replace("\n", "\r\n").replace("\u201c", '"').replace("\u201d", '"').replace("  ", " ")
    [a] = clean_document(RawDocument(origin="a.txt", format="text", text=text))
    [b] = clean_document(RawDocument(origin="b.txt", format="text", text=other))
    assert a.id == b.id == article_id(TITLE, PARAGRAPHS)
