"""RSS and Atom feeds (feedparser): one article per entry, from the feed's own text or the entry's page.

An entry whose feed text is complete (content of COMPLETE_WORDS words or more that does not end in
"…" or "Read more") is read from the feed itself. Otherwise it is only a summary, and the page its
link names is fetched (politely, through the run's ``Fetcher``) and extracted like any HTML page;
the feed's title, date and author fill what the page lacks. When the page cannot be had (no link,
``--no-fetch-links``, a fetch error), the summary is kept and, for an error, the reason is reported.
A summary entry whose link is the URL of an article already stored is passed over without a
request (a feed that changes every few minutes would otherwise have all its pages fetched again).

Entry N's origin is ``feed#N``, N counting the feed's entries from 1. feedparser is imported on
first use.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from typing import Any, Callable

from newsevents.errors import InputError
from newsevents.ingest.decode import decode_bytes
from newsevents.ingest.fetch import Fetcher, is_url
from newsevents.ingest.html import HtmlPage
from newsevents.records import RawDocument

INSTALL_HINT = "reading feeds needs feedparser; install newsevents again (pip install newsevents) to get it"
#: feed text of at least this many words, not cut short, is the whole article
COMPLETE_WORDS = 150
_CUT_SHORT = re.compile(r"(?:\.\.\.|…|\[\s*(?:…|\.\.\.)\s*\]|read more|continue reading|full story)\W*$", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "pre", "section", "article", "tr"}

HtmlExtractor = Callable[[str, str | None], HtmlPage]


@dataclass(frozen=True)
class FeedEntries:
    """What one feed gave: an article document per usable entry, and the entries' problems."""

    documents: tuple[RawDocument, ...]
    problems: tuple[str, ...]  # "entry 3 (https://...): the server answered HTTP 404 ...; kept the feed's summary"
    total: int
    from_pages: int = 0  # entries read from their fetched page
    stored: int = 0  # summary entries passed over: their page is an article stored already


def read_feed(origin: str, text: str, extract: HtmlExtractor, fetcher: Fetcher | None) -> FeedEntries:
    """The articles of a feed; ``fetcher`` None: never fetch pages (summaries are kept as they are)."""
    try:
        import feedparser
    except ImportError:
        raise InputError(origin, INSTALL_HINT) from None
    parsed = feedparser.parse(text)
    entries = parsed.get("entries", [])
    if not entries:
        problem = parsed.get("bozo_exception")
        why = f" (not well-formed: {' '.join(str(problem).split())[:120]})" if problem else ""
        raise InputError(origin, f"feed with no entries{why}; check that it is a whole RSS or Atom file, or drop --format feed")
    source = _clean(parsed.get("feed", {}).get("title"))
    documents: list[RawDocument] = []
    problems: list[str] = []
    pages = stored = 0
    for n, entry in enumerate(entries, start=1):
        link = _clean(entry.get("link"))
        if fetcher is not None and link in fetcher.stored and not _complete(_entry_paragraphs(entry)):
            stored += 1
            continue
        doc, problem, from_page = _entry(f"{origin}#{n}", entry, source, extract, fetcher)
        if problem:
            problems.append(f"entry {n}{f' ({doc.url})' if doc and doc.url else ''}: {problem}")
        if doc is not None:
            documents.append(doc)
            pages += from_page
    return FeedEntries(tuple(documents), tuple(problems), len(entries), pages, stored)


def _entry(origin: str, entry: Any, source: str | None, extract: HtmlExtractor, fetcher: Fetcher | None) -> tuple[RawDocument | None, str | None, bool]:
    """One entry as a document (from the feed or its page), a problem worth reporting, and whether the page was used."""
    paragraphs = _entry_paragraphs(entry)
    link = _clean(entry.get("link"))
    feed_doc = RawDocument(
        origin=origin, format="feed", text="\n".join(paragraphs), title=_clean(entry.get("title")), url=link,
        published=_published(entry), source=source, author=_clean(entry.get("author")), structured=True,
    )  # fmt: skip
    if _complete(paragraphs) or fetcher is None or not link or not is_url(link):
        return (feed_doc if paragraphs else None), (None if paragraphs else "no text in the feed and no page to fetch"), False
    fetched = fetcher.get(link)
    problem = fetched.failure
    if fetched.data is not None:
        try:
            page = extract(decode_bytes(origin, fetched.data)[0], link)
        except InputError as error:
            page, problem = None, error.reason
        if page is not None and page.text:
            doc = page.to_raw(origin)
            return replace(doc, url=link, title=doc.title or feed_doc.title, published=feed_doc.published or doc.published,
                           source=feed_doc.source or doc.source, author=doc.author or feed_doc.author), None, True  # fmt: skip
        problem = problem or "the linked page holds no article text"
    if paragraphs:
        return feed_doc, f"{problem}; kept the feed's summary", False
    return None, f"{problem}; the feed has no text of its own for it", False


def _entry_paragraphs(entry: Any) -> list[str]:
    """The entry's text as paragraphs: its full content when it has one, else its summary."""
    for part in entry.get("content") or ():
        found = _paragraphs(part.get("value", ""), part.get("type", ""))
        if found:
            return found
    detail = entry.get("summary_detail") or {}
    return _paragraphs(entry.get("summary", ""), detail.get("type", "text/html"))


def _paragraphs(value: str, kind: str) -> list[str]:
    """Paragraphs of an HTML fragment (block elements and line breaks) or of plain text (blank lines)."""
    if not value or not value.strip():
        return []
    if "html" not in kind and "<" not in value:
        chunks = re.split(r"\n\s*\n", value)
    else:
        chunks = re.split(r"\n\s*\n", _fragment_text(value))
    return [" ".join(chunk.split()) for chunk in chunks if chunk.strip()]


def _fragment_text(fragment: str) -> str:
    """The text of an HTML fragment with a blank line around each block element."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for node in list(root.iter("script", "style")):
        node.drop_tree()
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag in _BLOCKS:
            node.text = "\n\n" + (node.text or "")
            node.tail = "\n\n" + (node.tail or "")
        elif node.tag == "br":
            node.tail = "\n\n" + (node.tail or "")
    return root.text_content()


def _complete(paragraphs: list[str]) -> bool:
    """True when the feed's text is a whole article, not a summary."""
    words = sum(len(_WORD.findall(p)) for p in paragraphs)
    return words >= COMPLETE_WORDS and not _CUT_SHORT.search(paragraphs[-1])


def _published(entry: Any) -> str | None:
    """The entry's date as ISO 8601 (UTC) when feedparser could read it, else as written."""
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return _clean(entry.get("published") or entry.get("updated"))


def _clean(value: object) -> str | None:
    """A trimmed one-line string, or None."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None
