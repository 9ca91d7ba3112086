"""Article body and metadata from an HTML page, with trafilatura, offline.

Options were chosen by measuring on ../shared/html_dev (newsevents.evaluation.html):
``favor_precision`` and no comments score best (shingle F1 0.959 vs 0.945 for the defaults);
tables are kept (dropping them costs 0.02). Short pages that the precise mode rejects get a
second, default-mode try. A body line that repeats the title is dropped, the title being
carried apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsevents.records import RawDocument

#: Fewer words than this is navigation or boilerplate, not an article.
MIN_ARTICLE_WORDS = 10
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class HtmlPage:
    """What extract_html finds: the body (paragraphs joined by "\\n") and the page's metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    author: str | None = None
    captions: tuple[str, ...] = ()

    def to_raw(self, origin: str, format: str = "html") -> RawDocument:
        """This page as a structured RawDocument from ``origin``."""
        return RawDocument(
            origin=origin,
            format=format,
            text=self.text,
            title=self.title,
            url=self.url,
            published=self.published,
            source=self.source,
            author=self.author,
            structured=True,
            captions=self.captions,
        )


def extract_html(html: str | bytes, url: str | None = None) -> HtmlPage:
    """Extract the article of one page; ``text`` is "" when the page holds no article."""
    from trafilatura import bare_extraction

    common = {"url": url, "include_comments": False, "with_metadata": True}
    found = bare_extraction(html, favor_precision=True, **common)
    if found is None or _too_short(found.text):
        found = bare_extraction(html, **common) or found
    if found is None:
        return HtmlPage(text="", url=url)
    title = _clean(found.title)
    text = _body(found.text or "", title)
    if _too_short(text):
        text = ""
    return HtmlPage(
        text=text,
        title=title,
        url=_clean(found.url) or url,
        published=_clean(found.date),
        source=_clean(found.sitename),
        author=_clean(found.author),
        captions=figcaptions(html) if text else (),
    )


def figcaptions(html: str | bytes) -> tuple[str, ...]:
    """The page's photo captions (``<figcaption>``), which trafilatura leaves out of the body."""
    raw = html.encode("utf-8", "replace") if isinstance(html, str) else html
    if b"figcaption" not in raw.lower():
        return ()
    import lxml.html

    try:
        tree = lxml.html.fromstring(raw)
    except (ValueError, lxml.etree.ParserError):
        return ()
    found: list[str] = []
    for node in tree.iter("figcaption"):
        text = " ".join(node.text_content().split())
        if text and text not in found:
            found.append(text)
    return tuple(found)


def _body(text: str, title: str | None) -> str:
    """Trimmed non-empty lines, without a first line that only repeats the title."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and _words(lines[0]) == _words(title):
        lines = lines[1:]
    return "\n".join(lines)


def _too_short(text: str | None) -> bool:
    """True when ``text`` has too few words to be an article."""
    return not text or len(_WORD.findall(text)) < MIN_ARTICLE_WORDS


def _words(text: str) -> list[str]:
    """Lower-cased word tokens, for comparing a line with the title."""
    return _WORD.findall(text.lower())


def _clean(value: object) -> str | None:
    """A stripped metadata string, or None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
