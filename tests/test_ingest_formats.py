"""Format detection and reading: encodings, --format override, JSON/JSONL records, HTML metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.ingest import detect_format, extract_html, iter_inputs, load_bytes
from newsevents.settings import Settings

NEWS = (
    "São Paulo — The minister said on Monday that “talks will continue” in Bogotá next week.\n"
    "Officials in Zürich declined to comment on the café owners’ complaint.\n"
)
BODY = "".join(
    f"<p>The central bank raised its main rate for the {n} time this year, citing prices that "
    "keep climbing faster than wages in most regions of the country.</p>"
    for n in ("first", "second", "third", "fourth")
)
META_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Bank raises rates again | The Harbour Ledger</title>
<meta property="og:title" content="Bank raises rates again">
<meta property="og:site_name" content="The Harbour Ledger">
<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
<meta name="author" content="Mira Okafor">
<link rel="canonical" href="https://ledger.example.org/economy/bank-raises-rates-again">
</head><body>
<header><nav><a href="/">Home</a> <a href="/economy">Economy</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>Bank raises rates again</h1>{BODY}</article></main>
<footer><p>© The Harbour Ledger. All rights reserved.</p></footer>
</body></html>"""


def _load(tmp_path: Path, name: str, data: bytes, **settings: object):
    """The single LoadedInput for one file written with ``data``."""
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = iter_inputs([str(path)], Settings.make(**settings))
    return item


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig", "utf-16-le"])
def test_text_in_other_encodings_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = NEWS if encoding != "latin-1" else NEWS.replace("—", "-").translate(str.maketrans("“”’", "\"\"'"))
    item = _load(tmp_path, "a.txt", text.encode(encoding))
    assert item.failure is None, item.failure
    assert item.format == "text" and item.documents[0].text == text
    assert item.documents[0].structured is False


def test_windows_line_endings_become_newlines(tmp_path: Path) -> None:
    item = _load(tmp_path, "a.txt", NEWS.replace("\n", "\r\n").encode())
    assert item.documents[0].text == NEWS


def test_utf8_with_a_damaged_byte_keeps_its_good_characters(tmp_path: Path) -> None:
    data = NEWS.encode() * 5 + b"\xff" + NEWS.encode()
    item = _load(tmp_path, "a.txt", data)
    assert "São Paulo" in item.documents[0].text and "\ufffd" in item.documents[0].text


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ('{"text": "x"}', "json"),
        ('[{"text": "x"}]', "json"),
        ("  \n[]", "json"),
        ("[Reuters] Ministers met on Tuesday.", "text"),
        ("{Updated} Ministers met on Tuesday.", "text"),
        ("<!doctype html><p>x</p>", "html"),
        ("<html><body>x</body></html>", "html"),
        ("<div><p>a</p><p>b</p><p>c</p><p>d</p></div>", "html"),
        ("<b>Breaking</b>: ministers met on Tuesday.", "text"),
        ("Ministers met on Tuesday.", "text"),
    ],
)
def test_format_detection(start: str, expected: str) -> None:
    assert detect_format(start) == expected


def test_format_override(tmp_path: Path) -> None:
    record = json.dumps({"text": "Ministers met on Tuesday in the capital for trade talks."})
    as_text = _load(tmp_path, "a.json", record.encode(), input_format="text")
    assert as_text.format == "text" and as_text.documents[0].text == record
    page = _load(tmp_path, "b.html", META_PAGE.encode(), input_format="text")
    assert page.format == "text" and page.documents[0].text.startswith("<!DOCTYPE html>")
    bad = _load(tmp_path, "c.txt", NEWS.encode(), input_format="json")
    assert bad.format == "json" and "not valid JSON" in bad.failure.reason  # type: ignore[union-attr]
    assert "--format text" in bad.failure.reason  # type: ignore[union-attr]


def test_jsonl_aliases_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"headline": "Rates rise", "body": "The bank raised rates.", "date": "2024-03-05",
                    "link": "https://x.example/1", "source": {"id": "hl", "name": "Harbour Ledger"}}),
        json.dumps({"title": "Talks", "content": ["First paragraph.", "Second paragraph."],
                    "published_at": 1709630000, "authors": ["A. Writer", "B. Writer"], "site_name": "Wire"}),
        '{"text": "broken',
        "",
        json.dumps({"id": 4}),
        json.dumps({"Text": "Case does not matter.", "publishedAt": "2024-03-06T10:00:00Z"}),
    ]
    item = _load(tmp_path, "feed.jsonl", "\n".join(lines).encode())
    assert item.format == "json"
    first, second, third = item.documents
    assert (first.origin, first.title, first.text, first.published, first.url, first.source) == (
        f"{tmp_path / 'feed.jsonl'}#1", "Rates rise", "The bank raised rates.", "2024-03-05",
        "https://x.example/1", "Harbour Ledger",
    )
    assert first.structured and first.format == "json"
    assert second.text == "First paragraph.\nSecond paragraph."
    assert second.published == "2024-03-05T09:13:20+00:00"
    assert (second.author, second.source) == ("A. Writer, B. Writer", "Wire")
    assert third.origin.endswith("#6") and third.published == "2024-03-06T10:00:00Z"
    reason = item.failure.reason  # type: ignore[union-attr]
    assert reason.startswith("2 of 5 JSON records skipped")
    assert "line 3: not valid JSON" in reason and "line 5: no text or html field (fields: id)" in reason


def test_json_array_wrapper_and_html_field(tmp_path: Path) -> None:
    array = [{"text": "One story about the talks."}, {"text": "Another story about trade."}]
    item = _load(tmp_path, "a.json", json.dumps(array, indent=2).encode())
    assert [d.origin[-2:] for d in item.documents] == ["#1", "#2"] and item.failure is None
    wrapped = _load(tmp_path, "b.json", json.dumps({"status": "ok", "articles": array}).encode())
    assert len(wrapped.documents) == 2
    html = _load(tmp_path, "c.json", json.dumps({"html": META_PAGE, "published": "2024-03-07"}).encode())
    (doc,) = html.documents
    assert doc.format == "json" and doc.title == "Bank raises rates again"
    assert doc.published == "2024-03-07" and doc.source == "The Harbour Ledger"
    assert "fourth time" in doc.text


def test_bad_json_whole_file(tmp_path: Path) -> None:
    broken = _load(tmp_path, "a.json", b'{\n  "text": "x",\n  "title": \n}')
    assert "not valid JSON (line 4" in broken.failure.reason  # type: ignore[union-attr]
    empty = _load(tmp_path, "b.json", b"[]")
    assert "empty" in empty.failure.reason  # type: ignore[union-attr]
    none_good = _load(tmp_path, "c.jsonl", b'{"id": 1}\n{"id": 2}\n')
    assert none_good.failure.reason.startswith("none of the 2 JSON records")  # type: ignore[union-attr]


def test_html_page_metadata_and_paragraphs(tmp_path: Path) -> None:
    item = _load(tmp_path, "page.html", META_PAGE.encode())
    (doc,) = item.documents
    assert item.format == "html" and doc.format == "html" and doc.structured
    assert doc.title == "Bank raises rates again"
    assert doc.url == "https://ledger.example.org/economy/bank-raises-rates-again"
    assert doc.published is not None and doc.published.startswith("2024-03-05")
    assert doc.source == "The Harbour Ledger"
    assert doc.author == "Mira Okafor"
    paragraphs = doc.text.split("\n")
    assert len(paragraphs) == 4 and paragraphs[0].startswith("The central bank raised its main rate for the first")
    assert "Home" not in doc.text and "rights reserved" not in doc.text


def test_html_page_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = META_PAGE.replace('charset="utf-8"', 'charset="windows-1252"')
    page = page.replace("prices", "prices — and café bills —")
    item = _load(tmp_path, "page.html", page.encode("cp1252"))
    assert "café bills" in item.documents[0].text


def test_extract_html_accepts_bytes_and_reports_no_article() -> None:
    page = extract_html(META_PAGE.encode(), url="https://fallback.example/x")
    assert page.url == "https://ledger.example.org/economy/bank-raises-rates-again"
    assert extract_html("<html><body><p>Too short.</p></body></html>").text == ""


def test_load_bytes_for_uploads() -> None:
    item = load_bytes("upload-1", NEWS.encode("cp1252"), Settings.make())
    assert item.origin == "upload-1" and item.documents[0].text == NEWS
