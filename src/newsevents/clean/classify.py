"""Label every line of an input once: furniture, metadata, caption, link-list header or text.

Labels look at the line alone plus the learned boilerplate table; position and repetition are
judged later (``blocks`` splits a dump, ``article`` builds each article). A learned boilerplate
line keeps its shape label and is only flagged, so the split into articles sees the same lines
with or without the table; ``as_furniture`` turns it into furniture once the split is made.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from typing import Callable

from newsevents.clean.captions import is_credit_only, split_credit
from newsevents.clean.meta import Meta, parse_meta
from newsevents.clean.shapes import (
    has_letters,
    is_body,
    is_link_only,
    is_navigation,
    is_scrap,
    is_sentence_like,
    is_title_like,
    word_count,
)
from newsevents.clean.text import Line, fold
from newsevents.clean.ui import is_section_header, is_ui_junk
from newsevents.records import Caption

JUNK, SECTION, META, CAPTION, TEXT = "junk", "section", "meta", "caption", "text"
#: metadata lines are short; longer lines are never read as bylines or timestamps
MAX_META_WORDS = 20

IsBoilerplate = Callable[[str], bool]


@dataclass(frozen=True)
class LineInfo:
    """A line with its label and shape flags."""

    line: Line
    kind: str  # junk | section | meta | caption | text
    key: str  # folded text, for repetition checks
    title_like: bool = False
    body: bool = False  # shaped like body text (sentence with a full stop, long fragment)
    sentence: bool = False  # body, or a short question / exclamation
    scrap: bool = False  # 1-3 words, no final punctuation
    meta: Meta | None = None
    caption: Caption | None = None
    explicit_credit: bool = False
    boilerplate: bool = False  # learned per-source boilerplate (furniture once the dump is split)

    @property
    def text(self) -> str:
        """The line's whitespace-normalised text."""
        return self.line.text

    @property
    def strict_body(self) -> bool:
        """Body text that cannot be a headline: where an article's body starts."""
        return self.kind == TEXT and self.body and not self.title_like


def classify_line(line: Line, boilerplate: IsBoilerplate | None = None) -> LineInfo:
    """Label one line; a learned boilerplate line keeps its label and gets the ``boilerplate`` flag."""
    text = line.text
    key = fold(text)
    if has_letters(text) and is_section_header(text):
        return LineInfo(line, SECTION, key)
    if not has_letters(text) or is_navigation(text) or is_link_only(text) or is_ui_junk(text) or is_credit_only(text):
        return LineInfo(line, JUNK, key)
    if word_count(text) <= MAX_META_WORDS:
        meta = parse_meta(text)
        if meta is not None:
            return LineInfo(line, META, key, meta=meta)
    learned = boilerplate is not None and boilerplate(text)
    credit = split_credit(text)
    return LineInfo(
        line,
        CAPTION if credit else TEXT,
        key,
        title_like=is_title_like(text),
        body=is_body(text),
        sentence=is_sentence_like(text),
        scrap=is_scrap(text),
        caption=credit[0] if credit else None,
        explicit_credit=credit[1] if credit else False,
        boilerplate=learned,
    )


def as_furniture(info: LineInfo) -> LineInfo:
    """A flagged boilerplate line as furniture (its shape flags kept, so it can still give a title)."""
    if not info.boilerplate or info.kind == JUNK:
        return info
    return replace(info, kind=JUNK, caption=None, explicit_credit=False)


def classify_lines(lines: list[Line], boilerplate: IsBoilerplate | None = None) -> list[LineInfo]:
    """Label every line."""
    return [classify_line(line, boilerplate) for line in lines]


def big_gap(lines: list[Line]) -> int:
    """Blank lines that mark a break larger than the usual one between paragraphs."""
    gaps = [line.gap for line in lines[1:]]
    if not gaps:
        return 2
    return int(statistics.median_low(gaps)) + 1
