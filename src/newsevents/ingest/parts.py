"""Cut one large input into parts at article or record boundaries, so a huge file streams like many small ones.

A plain-text dump is cut before a headline that follows a wider blank gap than the dump's usual one
between paragraphs and opens an article with body text (where the clean stage starts an article
anyway); JSON Lines are cut between lines, each part remembering its first line number so record
origins (``path#N``) and bad-line numbers stay those of the whole file. Every part carries the whole
input's hash, size and format, so the run records one input, not one per part.

Only inputs that are strict UTF-8 and read as text or JSON Lines are cut; anything else (a JSON
array, HTML, a web archive, another encoding, a line too long to be prose) is passed on whole.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import statistics
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass

from newsevents.ingest.detect import is_warc, resolve_format
from newsevents.ingest.sources import Source

#: a line longer than this is not prose (see loader.MAX_LINE_CHARS): such a file is never cut
_MAX_LINE_BYTES = 200_000
#: how many lines past a candidate headline are searched for the body text of the article it opens
_BODY_AHEAD = 40
_CHECK = 1 << 20


@dataclass(frozen=True)
class Part:
    """Where a part sits in its input, and what the whole input is."""

    index: int  # 0 for the first part
    last: bool
    format: str  # "text" or "json" (JSON Lines), decided once from the whole input's start
    sha256: str  # of the whole input
    size: int  # of the whole input, bytes
    first_line: int = 1  # the whole input's line number of the part's first line


class SplitInput:
    """One large input and its cut points; ``parts()`` can be walked more than once (the boilerplate read-ahead)."""

    def __init__(self, source: Source, cuts: list[int], fmt: str, lines: list[int]) -> None:
        assert source.data is not None
        self.origin, self._data, self._cuts, self._format, self._lines = source.origin, source.data, cuts, fmt, lines
        self._sha256 = hashlib.sha256(source.data).hexdigest()

    def __len__(self) -> int:
        """Number of parts."""
        return len(self._cuts) + 1

    def parts(self, start: int = 0) -> Iterator[Source]:
        """The parts from ``start`` on, in order, each a Source with its own bytes and a ``part``."""
        bounds = [0, *self._cuts, len(self._data)]
        for n in range(start, len(self)):
            part = Part(n, n == len(self) - 1, self._format, self._sha256, len(self._data), self._lines[n])
            yield Source(self.origin, data=self._data[bounds[n] : bounds[n + 1]], part=part)


def split_input(source: Source, limit: int, input_format: str) -> SplitInput | None:
    """The input cut into parts of about ``limit`` bytes, or None when it is small or not safely cut."""
    data = source.data
    if data is None or len(data) <= limit or source.part is not None or is_warc(data) or not _is_utf8(data):
        return None
    head = data[:4096].decode("utf-8", "ignore").lstrip("\ufeff").replace("\r\n", "\n")
    if not head.strip():
        return None
    fmt = resolve_format(head, input_format)
    if fmt == "text":
        found = _text_cuts(data, limit)
    elif fmt == "json" and _is_json_lines(head):
        found = _line_cuts(data, limit)
    else:
        return None
    if found is None or not found[0]:
        return None
    return SplitInput(source, found[0], fmt, found[1])


def _is_utf8(data: bytes) -> bool:
    """True when ``data`` decodes as strict UTF-8 (checked a megabyte at a time)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(data), _CHECK):
            decoder.decode(data[start : start + _CHECK], final=start + _CHECK >= len(data))
    except UnicodeDecodeError:
        return False
    return True


def _is_json_lines(head: str) -> bool:
    """True when the input's first non-blank line is a whole JSON object and more follows (JSON Lines)."""
    first, _, rest = head.strip().partition("\n")
    if not rest.strip():
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _lines(data: bytes) -> Iterator[tuple[int, int]]:
    """(start, end) byte offsets of every line of ``data``, without its newline."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        if end < 0:
            end = len(data)
        yield start, end
        start = end + 1


def _line_cuts(data: bytes, limit: int) -> tuple[list[int], list[int]]:
    """Cut points between lines every ``limit`` bytes, and each part's first line number."""
    cuts, firsts = [], [1]
    begun = 0
    for number, (start, end) in enumerate(_lines(data), start=1):
        if start - begun >= limit and data[start:end].strip():
            cuts.append(start)
            firsts.append(number)
            begun = start
    return cuts, firsts


def _text_lines(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(start, blank lines before, end) of every non-blank line of a dump (the first one's gap is 0)."""
    blank, seen = 0, False
    for start, end in _lines(data):
        if not data[start:end].strip():
            blank += 1
            continue
        yield start, blank if seen else 0, end
        blank, seen = 0, True


def _text_cuts(data: bytes, limit: int) -> tuple[list[int], list[int]] | None:
    """Cut points of a text dump before article-opening headlines every ``limit`` bytes (None: do not cut it)."""
    usual = _usual_gap(data)
    if usual is None:
        return None
    cuts = list(_headline_cuts(data, limit, usual))
    firsts, line, before = [1], 1, 0
    for cut in cuts:  # each part's first line, counted from the cut before it, not from the start again
        line, before = line + data.count(b"\n", before, cut), cut
        firsts.append(line)
    return cuts, firsts


def _usual_gap(data: bytes) -> int | None:
    """The gap that clean.classify.big_gap finds for the whole dump (None: no gaps, or a line too long to cut safely)."""
    gaps: Counter[int] = Counter()
    for n, (start, gap, end) in enumerate(_text_lines(data)):
        if end - start > _MAX_LINE_BYTES:
            return None
        if n:
            gaps[gap] += 1
    return statistics.median_low(gaps.elements()) + 1 if gaps else None


@dataclass
class _Candidate:
    """A headline that may open an article, waiting for what follows it."""

    offset: int
    line: int
    key: str
    wide: bool  # after a wider gap than usual (or as wide, in Title Case): an article starts there whatever follows
    met: bool = False  # a byline or dateline came first after it


def _headline_cuts(data: bytes, limit: int, usual: int) -> Iterator[int]:
    """Offsets, every ``limit`` bytes, of headlines where the clean stage starts an article in the part and in the whole.

    A second pass over the bytes, keeping only the last few lines' offsets. A headline (4+ words, not a repeat
    of one just above) after a wider gap than usual, or followed by a byline or dateline (as
    blocks._starts_article decides), is taken when body text that could not itself be a headline follows
    it before any other headline or wide gap; so a bodiless block (a page header) is never cut off.
    """
    from newsevents.clean.blocks import ECHO_WINDOW
    from newsevents.clean.classify import CAPTION, JUNK, META, TEXT, LineInfo, classify_line
    from newsevents.clean.shapes import is_title_case
    from newsevents.clean.text import Line, normalise_space
    from newsevents.clean.titles import headline_shape

    def label(start: int, end: int) -> LineInfo:
        return classify_line(Line(normalise_space(data[start:end].decode("utf-8")), 0, 0))

    def echoes(key: str) -> bool:  # blocks._echoes_header_above
        for start, end in reversed(above):
            info = label(start, end)
            if info.key == key:
                return True
            if info.strict_body:
                return False
        return False

    above: deque[tuple[int, int]] = deque(maxlen=ECHO_WINDOW)
    begun = 0
    waiting: _Candidate | None = None
    for n, (start, gap, end) in enumerate(_text_lines(data)):
        if waiting is not None and (gap > usual or n - waiting.line > _BODY_AHEAD):
            waiting = None
        if waiting is not None:
            info = label(start, end)
            if info.kind in (JUNK, CAPTION) or (info.kind == META and (waiting.wide or waiting.met)):
                pass
            elif info.kind == META or not (waiting.wide or waiting.met):
                waiting.met = info.kind == META
                waiting = waiting if waiting.met else None
            elif info.kind == TEXT and info.body and not info.title_like:
                if not headline_shape(info.text):  # a full-stop headline could open an article of its own
                    yield waiting.offset
                    begun = waiting.offset
                waiting = None
            elif info.kind == TEXT and info.title_like and info.key != waiting.key:
                waiting = None  # another headline first: the candidate may head a bodiless block
        if waiting is None and start - begun >= limit and gap >= 1:
            info = label(start, end)
            if info.kind == TEXT and info.title_like and len(info.text.split()) >= 4 and not echoes(info.key):
                waiting = _Candidate(start, n, info.key, gap > usual or (gap == usual and is_title_case(info.text)))
        above.append((start, end))


def is_continued(source: Source) -> bool:
    """True for a part after an input's first: its input is already recorded."""
    return source.part is not None and source.part.index > 0


