"""RSS and Atom feeds, from files and from a local HTTP server on 127.0.0.1 (no other network).

The server counts every request and honours If-None-Match, so the tests see the conditional GET,
the per-host pause between requests, the timeout, the entry pages fetched for summary-only feeds
and the feed's own content used when it is complete.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.ingest import iter_inputs
from newsevents.ingest.detect import detect_format
from newsevents.settings import Settings

PARAGRAPHS = [
    "The foreign ministers of Norland and Vestria met in the border town of Kessel on Thursday to discuss the reopening "
    "of two crossings closed since the spring, officials from both governments said.",
    "According to a joint statement, the ministers agreed to set up a working group on customs and to meet again before "
    "the end of the year, while differences remained over fishing rights in the northern bay.",
    "Norland's minister, Ada Brenn, told reporters that the talks had been frank and useful, and that her government "
    "hoped the first crossing could reopen to lorries within six weeks.",
    "Vestria's minister, Olav Strand, said his country was ready to ease the checks it introduced in April if the "
    "working group reached an agreement on the exchange of shipping data.",
    "Trade between the two neighbours fell by almost a third after the closures, according to figures published by "
    "the Vestrian statistics office last month, hitting farmers and hauliers on both sides.",
]
PAGE_TWO = [
    "Thousands of teachers marched through the centre of Vestria's capital on Saturday to demand higher pay, in the "
    "largest protest by public employees in more than a decade, the organisers said.",
    "The teachers' union said the government's offer of a two percent rise was far below inflation and announced a "
    "one-day strike for the following Wednesday if no new proposal was made.",
    "The education ministry said in a statement that talks with the union would resume on Monday and that the budget "
    "left little room for a larger increase this year.",
]


def _page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Contact</footer></body></html>")  # fmt: skip


def _rss(base: str) -> str:
    """An RSS feed whose entries carry only a one-line description: the pages must be fetched."""
    items = "".join(
        f"<item><title>{title}</title><link>{base}/{slug}.html</link><pubDate>{date}</pubDate>"
        f"<description>{summary} Read more</description></item>"
        for title, slug, date, summary in (
            ("Ministers discuss reopening border crossings", "talks", "Thu, 06 Jun 2024 09:00:00 GMT", "Talks in Kessel."),
            ("Teachers march for higher pay", "march", "Sat, 08 Jun 2024 15:30:00 GMT", "A large protest in the capital."),
        )
    )
    return f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Northern Courier</title><link>{base}</link><description>News</description>{items}</channel></rss>'


def _atom() -> str:
    """An Atom feed whose entry holds the whole article: nothing to fetch."""
    content = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Kessel Ledger</title>'
            '<id>urn:kessel-ledger</id><updated>2024-06-06T12:00:00Z</updated>'
            '<entry><title>Border talks in Kessel</title><id>urn:kessel-ledger:1</id><link href="http://127.0.0.1:9/never-fetched"/>'
            '<updated>2024-06-06T12:00:00Z</updated><author><name>I. Marsh</name></author>'
            f'<content type="html">{content}</content></entry></feed>')  # fmt: skip


class _Site:
    """What the test server serves and what it saw."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, float, str | None]] = []  # path, time, If-None-Match
        self.base = ""
        self.delay = 0.0


class _Handler(BaseHTTPRequestHandler):
    site: _Site

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        site = self.site
        site.requests.append((self.path, time.monotonic(), self.headers.get("If-None-Match")))
        if self.path == "/slow.xml":
            time.sleep(site.delay)
        if self.path == "/rss.xml" and self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        pages = {
            "/rss.xml": ("application/rss+xml", _rss(site.base)),
            "/atom.xml": ("application/atom+xml", _atom()),
            "/talks.html": ("text/html; charset=utf-8", _page("Ministers discuss reopening border crossings", PARAGRAPHS)),
            "/march.html": ("text/html; charset=utf-8", _page("Teachers march for higher pay", PAGE_TWO)),
            "/slow.xml": ("application/rss+xml", _rss(site.base)),
            "/same-entries.xml": ("application/rss+xml", _rss(site.base)),
        }
        if self.path not in pages:
            self.send_error(404, "Not Found")
            return
        kind, body = pages[self.path]
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        if self.path == "/rss.xml":
            self.send_header("ETag", '"v1"')
            self.send_header("Last-Modified", "Sat, 08 Jun 2024 16:00:00 GMT")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def site() -> Iterator[_Site]:
    """A local HTTP server on 127.0.0.1 (a free port) for one test."""
    state = _Site()
    handler = type("Handler", (_Handler,), {"site": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    return Settings.make(**{"db": str(tmp_path / "news.db"), "fetch_interval": 0.0, "fetch_timeout": 5.0, **overrides})


def test_feeds_are_detected_from_their_root_element() -> None:
    assert detect_format(_rss("http://x")) == "feed"
    assert detect_format(_atom()) == "feed"
    assert detect_format('<?xml version="1.0"?>\n<!-- a comment -->\n<rdf:RDF xmlns:rdf="x"></rdf:RDF>') == "feed"
    assert detect_format(_page("A page", PARAGRAPHS)) == "html"


def test_a_complete_atom_feed_is_read_from_its_own_content_without_fetching(tmp_path: Path) -> None:
    path = tmp_path / "ledger.atom"
    path.write_text(_atom(), encoding="utf-8")
    [loaded] = iter_inputs([str(path)], _settings(tmp_path))
    assert loaded.failure is None and loaded.format == "feed"
    [doc] = loaded.documents
    assert doc.title == "Border talks in Kessel" and doc.source == "Kessel Ledger" and doc.author == "I. Marsh"
    assert doc.published == "2024-06-06T12:00:00Z" and doc.origin == f"{path}#1"
    assert doc.text.split("\n") == PARAGRAPHS


def test_summary_entries_fetch_their_pages_from_a_feed_url(tmp_path: Path, site: _Site) -> None:
    [loaded] = iter_inputs([f"{site.base}/rss.xml"], _settings(tmp_path))
    assert loaded.failure is None, loaded.failure
    talks, march = loaded.documents
    assert talks.title == "Ministers discuss reopening border crossings" and talks.url == f"{site.base}/talks.html"
    assert "working group on customs" in talks.text and "Read more" not in talks.text
    assert march.published == "2024-06-08T15:30:00Z" and march.source == "Northern Courier"
    assert [path for path, _, _ in site.requests] == ["/rss.xml", "/talks.html", "/march.html"]


def test_without_fetching_the_summaries_are_kept(tmp_path: Path, site: _Site) -> None:
    [loaded] = iter_inputs([f"{site.base}/rss.xml"], _settings(tmp_path, fetch_links=False))
    assert [d.text for d in loaded.documents] == ["Talks in Kessel. Read more", "A large protest in the capital. Read more"]
    assert [path for path, _, _ in site.requests] == ["/rss.xml"]


def test_a_missing_page_keeps_the_summary_and_says_so(tmp_path: Path, site: _Site) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(_rss(site.base).replace("/march.html", "/gone.html"), encoding="utf-8")
    [loaded] = iter_inputs([str(feed)], _settings(tmp_path))
    assert len(loaded.documents) == 2
    assert loaded.failure is not None and "1 of 2 feed entries not read in full" in loaded.failure.reason
    assert "HTTP 404" in loaded.failure.reason and "kept the feed's summary" in loaded.failure.reason


def test_requests_to_one_host_are_spaced_by_the_interval(tmp_path: Path, site: _Site) -> None:
    list(iter_inputs([f"{site.base}/rss.xml"], _settings(tmp_path, fetch_interval=0.3)))
    times = [t for _, t, _ in site.requests]
    assert len(times) == 3
    assert all(later - earlier >= 0.28 for earlier, later in zip(times, times[1:]))


def test_a_server_that_does_not_answer_in_time_is_one_failure(tmp_path: Path, site: _Site) -> None:
    site.delay = 2.0
    [loaded] = iter_inputs([f"{site.base}/slow.xml"], _settings(tmp_path, fetch_timeout=0.5))
    assert loaded.failure is not None and "no answer within 0.5 s" in loaded.failure.reason


def test_a_bad_url_is_one_failure_that_says_what_to_do(tmp_path: Path, site: _Site) -> None:
    [loaded] = iter_inputs([f"{site.base}/nothing.xml"], _settings(tmp_path))
    assert loaded.failure is not None and "HTTP 404" in loaded.failure.reason and "check the URL" in loaded.failure.reason


@pytest.mark.slow
def test_ingest_of_a_feed_url_twice_stores_nothing_new_and_asks_conditionally(tmp_path: Path, site: _Site) -> None:
    db = str(tmp_path / "news.db")
    args = ["ingest", f"{site.base}/rss.xml", "--db", db, "--quiet", "--fetch-interval", "0"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "articles: 2 new" in first.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT etag FROM feed_state WHERE url=?", (f"{site.base}/rss.xml",)).fetchone() == ('"v1"',)
    urls = sorted(r[0] for r in conn.execute("SELECT url FROM articles"))
    assert urls == [f"{site.base}/march.html", f"{site.base}/talks.html"]
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 0, second.output
    assert "inputs: 1 (0 stored, 1 duplicate, 0 failed)" in second.output and "articles: 0 new" in second.output
    feed_requests = [inm for path, _, inm in site.requests if path == "/rss.xml"]
    assert feed_requests == [None, '"v1"']
    assert len(site.requests) == 4, "the second run fetched the feed only, and got 304"
    other = CliRunner().invoke(main, ["ingest", f"{site.base}/same-entries.xml", *args[2:]])
    assert other.exit_code == 0, other.output
    assert "inputs: 1 (0 stored, 1 duplicate, 0 failed)" in other.output
    assert [path for path, _, _ in site.requests[4:]] == ["/same-entries.xml"], "pages already stored are not fetched again"


def test_format_feed_on_a_page_that_is_not_one_says_what_to_do(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(_page("A page", PARAGRAPHS), encoding="utf-8")
    [loaded] = iter_inputs([str(page)], _settings(tmp_path, input_format="feed"))
    assert loaded.failure is not None and "feed with no entries" in loaded.failure.reason
    assert "drop --format feed" in loaded.failure.reason
