"""Build one clean article from a block of labelled lines: title, captions, metadata, paragraphs.

The header (lines before the first body sentence) gives the title — a headline the scraper
repeated, else the one a byline or dateline follows, else the first — plus captions and metadata;
the rest of the header is page furniture. In the body, furniture, metadata, captions, repeated
headlines and captions, 1-3 word scraps and link lists are taken out; every other line is kept as
one paragraph, in order, with its own characters.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from newsevents.clean.classify import CAPTION, JUNK, META, SECTION, TEXT, LineInfo
from newsevents.clean.meta import Meta
from newsevents.clean.shapes import ends_sentence, is_list_item, is_title_case, starts_with_dateline, word_count
from newsevents.clean.text import fold, normalise_space
from newsevents.records import Caption

#: a structured text without any sentence is still an article when it has this many words (lists, tables)
MIN_UNPUNCTUATED_WORDS = 30
_SITE_SEPARATOR = re.compile(r"\s+[|–—:·•-]+\s+")
#: a line without a full stop reads as prose (not a menu or headline) from this many words, in sentence case
MIN_PROSE_WORDS = 4
#: a line without final punctuation after the last sentence is a footer label up to this many words
MAX_TRAILING_LABEL_WORDS = 5
#: a paragraph this long seen twice in one article is a scraping repeat, not a second sentence
MIN_REPEAT_CHARS = 30


@dataclass
class Draft:
    """An article before it gets its id and the document's metadata."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    metas: list[Meta] = field(default_factory=list)

    @property
    def author(self) -> str | None:
        """The first byline's names."""
        return next((m.author for m in self.metas if m.author), None)

    @property
    def published(self) -> str | None:
        """The first publication date seen, preferring one not marked as an update."""
        dated = [m for m in self.metas if m.published]
        first = next((m for m in dated if not m.updated), dated[0] if dated else None)
        return first.published if first else None


def build_article(
    block: list[LineInfo],
    *,
    structured: bool = False,
    title_hint: str | None = None,
    fallback_title: str | None = None,
    site: str | None = None,
) -> Draft | None:
    """Clean one block into a Draft, or None when no body text is left.

    A ``structured`` block (an extracted web page body, a JSON record's text) is one article
    already: its header lines other than the title stay as paragraphs and nothing is trimmed
    from its end; a block of a dump keeps only what follows its header.
    """
    body_start = next((i for i, info in enumerate(block) if info.strict_body), None)
    if body_start is None and not structured:
        return None
    body_start = len(block) if body_start is None else body_start
    header = block[:body_start]
    counts = Counter(info.key for info in block)
    title_index = None if title_hint else _choose_title(block[: body_start + 1], counts)  # with the first body line, for a dateline
    if title_hint:
        title = _title_from_hint(normalise_space(title_hint), header, site)
    elif title_index is not None:
        title = header[title_index].text
    else:
        title = normalise_space(fallback_title or "")
    draft = Draft(title=title)
    title_key = fold(title) if title else None
    if structured:
        kept = _read_body(block, draft, title_key, set(), counts, captions_until=body_start)
        if not any(info.sentence for info in kept) and sum(word_count(info.text) for info in kept) < MIN_UNPUNCTUATED_WORDS:
            return None
    else:
        _read_header(header, draft)
        kept = _read_body(block[body_start:], draft, title_key, {info.key for info in header}, counts)
        _trim_footer(kept)
        if not any(info.strict_body for info in kept):
            return None
    draft.paragraphs = [info.text for info in kept]
    return draft


def build_fallback(lines: list[LineInfo], title_hint: str | None = None) -> Draft | None:
    """A last resort for short inputs without a full stop: prose lines (4+ words, not Title Case) as paragraphs.

    ``Obama ordered an investigation against Iran`` is a sentence without its final stop, not a
    headline; a Title Case line before it is taken as the title.
    """
    texts = [info for info in lines if info.kind == TEXT and not info.scrap]
    prose = [info for info in texts if word_count(info.text) >= MIN_PROSE_WORDS and not is_title_case(info.text)]
    if not prose:
        return None
    first = texts.index(prose[0])
    heading = next((info.text for info in texts[:first] if info.title_like), None)
    draft = Draft(title=normalise_space(title_hint or heading or ""))
    title_key = fold(draft.title) if draft.title else None
    seen: set[str] = set()
    for info in texts:
        if info.key != title_key and info.key not in seen:
            seen.add(info.key)
            draft.paragraphs.append(info.text)
    draft.metas = [info.meta for info in lines if info.meta is not None]
    return draft


def _title_from_hint(hint: str, header: list[LineInfo], site: str | None) -> str:
    """The given title without a site name tacked on (``Headline | Example News``).

    A header line that the given title starts with, followed by a separator, is the bare headline;
    else a trailing ``| <site>`` naming the document's source is cut.
    """
    key = fold(hint)
    for info in header:
        if info.kind != TEXT or not info.title_like or info.scrap or info.key == key:
            continue
        if key.startswith(info.key) and _SITE_SEPARATOR.match(key[len(info.key) :]):
            return info.text
    if site:
        match = _SITE_SEPARATOR.search(hint)
        while match:
            if fold(hint[match.end() :]) == fold(site):
                return hint[: match.start()].rstrip()
            match = _SITE_SEPARATOR.search(hint, match.end())
    return hint


def _trim_footer(kept: list[LineInfo]) -> None:
    """Drop headline-shaped lines after the last sentence (footer links, tags), not a list it introduces."""
    end = len(kept)
    while end and is_list_item(kept[end - 1].text):
        end -= 1
    if end < len(kept) and end and kept[end - 1].text.rstrip().endswith(":"):
        return  # "The measures include:" followed by its list items
    while kept and not kept[-1].sentence:
        last = kept[-1].text
        if not is_title_case(last) and word_count(last) > MAX_TRAILING_LABEL_WORDS:
            break  # a sentence-case line of some length: prose without its full stop
        kept.pop()


def _choose_title(header: list[LineInfo], counts: Counter[str]) -> int | None:
    """Index of the headline among the header lines (and the first body line after them), or None.

    A headline learned as boilerplate (a rubric such as ``Markets Today`` opening many articles of
    a source) is taken only when the header has no other, and only with support: it opens the
    block, is repeated in it, or a byline or dateline follows it.
    """
    first_text = next((i for i, info in enumerate(header) if info.kind == TEXT), None)
    candidates: list[int] = []
    for i, info in enumerate(header):
        if info.kind != TEXT or not info.title_like:
            continue
        repeated = counts[info.key] >= 2
        if info.scrap and not (repeated or i == first_text or _meta_follows(header, i)):
            continue  # "World", "Live", "TT": a short label is a headline only with support
        candidates.append(i)
    if not candidates:
        candidates = [
            i
            for i, info in enumerate(header)
            if info.boilerplate and info.title_like and (i == 0 or counts[info.key] >= 2 or _meta_follows(header, i))
        ]
    for rule in (lambda i: counts[header[i].key] >= 2, lambda i: _meta_follows(header, i), lambda i: True):
        chosen = next((i for i in candidates if rule(i)), None)
        if chosen is not None:
            return chosen
    return None


def _meta_follows(lines: list[LineInfo], i: int) -> bool:
    """True when the next line that is not furniture or a caption is a byline, a date line, or a paragraph opening with a dateline."""
    nxt = next((info for info in lines[i + 1 :] if info.kind not in (JUNK, CAPTION)), None)
    return nxt is not None and (nxt.kind == META or (nxt.strict_body and starts_with_dateline(nxt.text)))


def _read_header(header: list[LineInfo], draft: Draft) -> None:
    """Take captions and metadata from the header; the rest of it is furniture."""
    for info in header:
        if info.kind == META and info.meta is not None:
            draft.metas.append(info.meta)
        elif info.kind == CAPTION and info.caption is not None:
            _add_caption(draft, info.caption)


def _read_body(
    body: list[LineInfo],
    draft: Draft,
    title_key: str | None,
    header_keys: set[str],
    counts: Counter[str],
    captions_until: int = 0,
) -> list[LineInfo]:
    """The body's paragraph lines; furniture, repeats, captions, metadata and link lists taken out."""
    kept: list[LineInfo] = []
    seen: set[str] = set()
    skip_links = False
    for n, info in enumerate(body):
        if skip_links and not info.strict_body and info.kind != META:
            continue
        skip_links = False
        if info.kind == JUNK:
            continue
        if info.kind == SECTION:
            if not any(later.strict_body for later in body[n + 1 :]):
                break  # a link list at the end: the rest is not this article
            skip_links = True
            continue
        if info.kind == META and info.meta is not None:
            draft.metas.append(info.meta)
            continue
        if info.kind == CAPTION and info.caption is not None and (n < captions_until or _is_caption(info, info.caption, counts)):
            _add_caption(draft, info.caption)
            continue
        if info.key == title_key or info.scrap:
            continue
        if info.key in seen and (not info.sentence or len(info.text) >= MIN_REPEAT_CHARS):
            continue
        if info.key in header_keys and not info.sentence:
            continue
        seen.add(info.key)
        kept.append(info)
    return kept


def _is_caption(info: LineInfo, caption: Caption, counts: Counter[str]) -> bool:
    """A credit-ending line in the body is a caption when repeated, explicitly credited or not a sentence."""
    return counts[info.key] >= 2 or info.explicit_credit or not ends_sentence(caption.text)


def _add_caption(draft: Draft, caption: Caption) -> None:
    """Add a caption unless the same text is already there."""
    key = fold(caption.text)
    if all(fold(known.text) != key for known in draft.captions):
        draft.captions.append(caption)

