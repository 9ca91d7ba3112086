"""Split a plain-text dump into article blocks, after re-joining hard-wrapped lines.

An article starts at a headline-shaped line that is not itself a repeat of a line just above (in
the same header, before any body text) and that has one of: a larger blank gap before it than the
usual one between paragraphs (two more blank lines, or one more before a Title Case line), a rule
line such as ``* * *`` above it, a repeat of itself a few lines below and before the body
(scrapers copy the headline), or a byline/dateline right after it.
A block without body text is no article: it joins the block before it (a footer list) or, at the
top of the dump, the block after it (page header).

Learned boilerplate lines take part in the split as what they look like (a recurring kicker or
rubric headline still opens an article, a recurring caption is still skipped on the way to a
byline), so the table never merges articles; the caller makes them furniture afterwards and joins
any block left without body text with ``merge_bodiless``.
"""

from __future__ import annotations

from typing import Iterable

from newsevents.clean.classify import CAPTION, JUNK, META, TEXT, LineInfo
from newsevents.clean.meta import parse_meta
from newsevents.clean.shapes import ends_sentence, is_separator, is_title_case, starts_with_dateline
from newsevents.clean.text import Line

#: how many lines around a headline are searched for its repeat
ECHO_WINDOW = 12


def join_wrapped(lines: list[Line]) -> list[Line]:
    """Join lines that a hard wrap (fixed-width text) or a stray newline cut out of one paragraph."""
    if not lines:
        return lines
    width = _wrap_width(lines)
    joined: list[Line] = [lines[0]]
    for line in lines[1:]:
        prev = joined[-1]
        if line.gap == 0 and _continues(prev.text, line.text, width):
            glue = "" if prev.text.endswith("-") and line.text[:1].islower() else " "
            joined[-1] = Line(prev.text + glue + line.text, prev.gap, prev.index)
        else:
            joined.append(line)
    return [Line(line.text, line.gap, n) for n, line in enumerate(joined)]


def _wrap_width(lines: list[Line]) -> int | None:
    """The fixed line width of hard-wrapped text, or None when lines are not wrapped.

    Wrapped text has most lines just under one width (never much over it) and many lines that
    end mid-sentence with the next line directly below; one-line paragraphs end with a full stop.
    """
    long = [n for n, line in enumerate(lines) if len(line.text.split()) >= 5]
    if len(long) < 6:
        return None
    lengths = sorted(len(lines[n].text) for n in long)
    width = lengths[int(len(lengths) * 0.9) - 1]
    if width > 100 or sum(1 for size in lengths if size >= 0.8 * width) < 0.6 * len(lengths):
        return None
    cut = sum(1 for n in long if n + 1 < len(lines) and lines[n + 1].gap == 0 and not ends_sentence(lines[n].text))
    return width if cut >= 0.3 * len(long) else None


def _continues(prev: str, line: str, width: int | None) -> bool:
    """True when ``line`` carries on the paragraph that ``prev`` ends."""
    if width is not None:
        if parse_meta(prev) is not None or parse_meta(line) is not None:
            return False
        return len(prev) >= 0.75 * width or (line[:1].islower() and not ends_sentence(prev))
    return len(prev) >= 30 and not ends_sentence(prev) and prev[-1:] not in ":;)\"”’" and line[:1].islower()


def split_blocks(infos: list[LineInfo], gap: int) -> list[list[LineInfo]]:
    """Cut the labelled lines of a dump into article blocks (each with some body text)."""
    starts = [0] + [i for i in range(1, len(infos)) if _starts_article(infos, i, gap)]
    return merge_bodiless([infos[a:b] for a, b in zip(starts, starts[1:] + [len(infos)])])


def merge_bodiless(blocks: list[list[LineInfo]]) -> list[list[LineInfo]]:
    """Join each block without body text to the block before it (at the top, to the block after it)."""
    merged: list[list[LineInfo]] = []
    pending: list[LineInfo] = []  # bodiless lines from the top of the dump
    for block in blocks:
        if any(info.strict_body for info in block):
            merged.append(pending + block)
            pending = []
        elif merged:
            merged[-1].extend(block)
        else:
            pending.extend(block)
    if pending:
        merged.append(pending)
    return merged


def _starts_article(infos: list[LineInfo], i: int, gap: int) -> bool:
    """True when line ``i`` is a headline that opens a new article."""
    info = infos[i]
    if info.kind != TEXT or not info.title_like:
        return False
    if _echoes_header_above(infos, i):
        return False  # the repeat of a headline just above belongs to that article
    if info.line.gap > gap or (info.line.gap == gap and is_title_case(info.text)):
        return True  # a clearly larger gap, or a slightly larger one before a Title Case headline
    if i > 0 and is_separator(infos[i - 1].text):
        return True
    if _repeats_in_header(infos[i + 1 : i + 1 + ECHO_WINDOW], info.key):
        return True
    following = next(
        (other for other in infos[i + 1 : i + 1 + ECHO_WINDOW] if other.kind not in (JUNK, CAPTION) and not other.boilerplate),
        None,
    )
    return following is not None and (following.kind == META or dateline_follows(infos, i))


def dateline_follows(infos: list[LineInfo], i: int) -> bool:
    """True when the first body line after line ``i`` (past furniture and captions) opens with a dateline."""
    nxt = next((other for other in infos[i + 1 : i + 1 + ECHO_WINDOW] if other.kind not in (JUNK, CAPTION)), None)
    return nxt is not None and nxt.kind == TEXT and nxt.body and starts_with_dateline(nxt.text)


def _echoes_header_above(infos: list[LineInfo], i: int) -> bool:
    """True when line ``i`` repeats a line a few lines above with no body text between (a scraped headline copy).

    With body text between, the same line opens the next article (a rubric headline such as
    ``Markets Today`` that several stories of a dump share).
    """
    return _repeats_in_header(reversed(infos[max(0, i - ECHO_WINDOW) : i]), infos[i].key)


def _repeats_in_header(lines: Iterable[LineInfo], key: str) -> bool:
    """True when a line with ``key`` comes among ``lines`` before the first line of body text."""
    for other in lines:
        if other.key == key:
            return True
        if other.strict_body:
            return False
    return False
