"""Web archives (WARC, .warc.gz): article pages read, other records skipped and counted, damage reported."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from newsevents.ingest.detect import is_warc  # noqa: E402
from newsevents.ingest.html import extract_html  # noqa: E402
from newsevents.ingest.loader import load_bytes, load_source  # noqa: E402
from newsevents.ingest.sources import read_path  # noqa: E402
from newsevents.ingest.warc import INSTALL_HINT, read_warc  # noqa: E402
from newsevents.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "corpus" / "warc" / "harbour_gazette_2024.warc.gz"

BODY = (
    "The regional parliament voted on Tuesday to hold early elections in the autumn, after the governing "
    "coalition lost its majority when a junior partner walked out over a dispute about the budget."
)


def _page(title: str, extra: str = "") -> bytes:
    """A small article page without a date of its own."""
    paragraphs = "".join(f"<p>{BODY} {n} {extra}</p>" for n in range(3))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>".encode()


def _warc(records: list[tuple[str, str, str, bytes, str]], *, gz: bool) -> bytes:
    """A WARC of (kind, url, status, body, content type) records, dated 2024-05-0N."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for n, (kind, url, status, body, ctype) in enumerate(records, start=1):
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, kind, payload=io.BytesIO(body), length=len(body), http_headers=http,
            warc_headers_dict={"WARC-Date": f"2024-05-0{n}T10:00:00Z"},
        )  # fmt: skip
        writer.write_record(record)
    return buffer.getvalue()


MIXED = [
    ("response", "https://news.example.net/a", "200 OK", _page("Regional parliament calls early vote"), "text/html; charset=utf-8"),
    ("response", "https://news.example.net/gone", "404 Not Found", _page("Missing"), "text/html"),
    ("response", "https://news.example.net/logo.png", "200 OK", b"\x89PNG\r\n\x1a\n" + bytes(40), "image/png"),
    ("resource", "https://news.example.net/notes", "200 OK", b"plain notes", "text/plain"),
    ("response", "https://news.example.net/b", "200 OK", _page("Coalition partner quits over budget", "x"), "text/html"),
]


@pytest.mark.parametrize("gz", [False, True])
def test_html_responses_become_documents_with_url_and_date_from_the_headers(gz: bool) -> None:
    data = _warc(MIXED, gz=gz)
    assert is_warc(data)
    result = read_warc("crawl.warc", data, extract_html)
    assert [doc.url for doc in result.documents] == ["https://news.example.net/a", "https://news.example.net/b"]
    assert [doc.published for doc in result.documents] == ["2024-05-01T10:00:00Z", "2024-05-05T10:00:00Z"]
    assert [doc.origin for doc in result.documents] == ["crawl.warc#1", "crawl.warc#5"]
    assert result.documents[0].title == "Regional parliament calls early vote"
    assert all(doc.structured and doc.format == "html" and BODY[:40] in doc.text for doc in result.documents)
    assert result.total == 5 and result.damage is None
    assert result.skipped == {"status 404": 1, "not HTML (image/png)": 1, "resource record": 1}
    assert "2 of 5 WARC records read as articles; skipped 3" in result.summary()


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_archive_keeps_the_records_before_the_damage(gz: bool) -> None:
    data = _warc(MIXED, gz=gz)
    loaded = load_bytes("crawl.warc", data[:-60], Settings.make())
    assert loaded.format == "warc"
    assert [doc.url for doc in loaded.documents] == ["https://news.example.net/a"]
    assert loaded.failure is not None
    reason = loaded.failure.reason
    assert reason.startswith("damaged WARC archive:") and "truncated" in reason
    assert "1 of 4 WARC records read as articles" in reason and "download the archive again" in reason


def test_garbage_in_the_middle_is_reported_with_the_record_number() -> None:
    good = _warc(MIXED[:1], gz=False)
    loaded = load_bytes("crawl.warc", good + b"this is not a record\r\n\r\n" + good, Settings.make())
    assert len(loaded.documents) == 1
    assert loaded.failure is not None and "record 2 cannot be read" in loaded.failure.reason


def test_archive_without_any_article_page_fails_and_says_what_it_held() -> None:
    loaded = load_bytes("crawl.warc", _warc(MIXED[1:4], gz=True), Settings.make())
    assert not loaded.documents and loaded.failure is not None
    assert "no article page" in loaded.failure.reason and "status 404" in loaded.failure.reason


def test_text_that_mentions_warc_is_not_an_archive() -> None:
    assert not is_warc(b"WARC files are what crawlers write.\n")
    assert not is_warc(b"\x1f\x8b" + bytes(20))


def test_missing_warcio_says_to_install_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    loaded = load_bytes("crawl.warc", _warc(MIXED[:1], gz=False), Settings.make())
    assert loaded.failure is not None and INSTALL_HINT in loaded.failure.reason
    assert "newsevents[warc]" in INSTALL_HINT


def test_checked_in_example_archive_reads_as_two_articles() -> None:
    loaded = load_source(read_path(str(EXAMPLE), 10_000_000, explicit=True), Settings.make())
    assert loaded.failure is None and loaded.format == "warc"
    assert [doc.title for doc in loaded.documents] == [
        "Chile's Senate backs pension overhaul after months of talks",
        "Baltic foreign ministers meet in Vilnius to discuss border security",
    ]


def test_example_archive_script_rebuilds_the_same_archive(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_example_warc
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    out = tmp_path / "again.warc.gz"
    make_example_warc.build(out)
    assert out.read_bytes() == EXAMPLE.read_bytes()


def test_arc_archive_is_read_too() -> None:
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + _page("Regional parliament calls early vote")
    desc = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = b"filedesc://crawl.arc 0.0.0.0 20240501100000 text/plain %d\n" % len(desc) + desc + b"\n"
    arc += b"http://news.example.net/a 10.0.0.1 20240501100000 text/html %d\n" % len(body) + body + b"\n"
    assert is_warc(arc)
    result = read_warc("crawl.arc", arc, extract_html)
    assert [(doc.url, doc.published) for doc in result.documents] == [("http://news.example.net/a", "2024-05-01T10:00:00Z")]
    assert result.damage is None and not result.skipped


def test_compressed_body_in_the_charset_the_http_header_names() -> None:
    import gzip

    body = gzip.compress(_page("Régional parliament calls early vote").decode().encode("iso-8859-1"), mtime=0)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    http = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=iso-8859-1"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1"
    )
    writer.write_record(
        writer.create_warc_record("https://news.example.net/a", "response", payload=io.BytesIO(body), length=len(body), http_headers=http)
    )
    [doc] = read_warc("crawl.warc", buffer.getvalue(), extract_html).documents
    assert doc.title == "Régional parliament calls early vote"


def test_a_page_with_a_binary_body_is_skipped_and_the_rest_is_read() -> None:
    binary = ("response", "https://news.example.net/odd", "200 OK", b"\x00\x01\x02" * 300, "text/html")
    result = read_warc("crawl.warc", _warc([binary, MIXED[0]], gz=True), extract_html)
    assert [doc.url for doc in result.documents] == ["https://news.example.net/a"]
    assert result.skipped == {"body not text": 1} and result.damage is None


def test_an_extractor_failure_on_one_page_is_counted_not_fatal() -> None:
    def fussy(text: str, url: str | None):
        if url and url.endswith("/b"):
            raise RuntimeError("odd markup")
        return extract_html(text, url)

    result = read_warc("crawl.warc", _warc(MIXED, gz=False), fussy)
    assert [doc.url for doc in result.documents] == ["https://news.example.net/a"]
    assert result.skipped["page the extractor failed on (RuntimeError)"] == 1
