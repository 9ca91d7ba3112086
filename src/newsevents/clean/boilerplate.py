"""A learned, per-source table of boilerplate lines (menus, promos, footers) and its persistence.

``BoilerplateTable.learn`` reads many documents, groups them by source (the ``source`` field, else
the URL's host, else the file they came from, so the articles of one dump form a group) and keeps
the lines that recur in at least ``min_docs`` *different* articles of a group and in at least
``min_share`` of them. Copies of one article, even edited ones, count once (same headline, or half
their sentences in common). A recurring sentence is kept only when it sits at the edge of the
articles (header or footer), so a quote repeated in several stories of one source is never
learned as boilerplate.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable
from urllib.parse import urlsplit

from newsevents.clean.classify import JUNK, META, TEXT, LineInfo
from newsevents.clean.shapes import word_count
from newsevents.clean.text import fold, fold_digits
from newsevents.errors import DataFileError
from newsevents.records import RawDocument

FORMAT_VERSION = 1
#: two articles sharing this share of the sentences of the shorter one (and at least
#: MIN_SHARED_SENTENCES) are copies of one article, even when edited
SAME_ARTICLE_OVERLAP = 0.5
MIN_SHARED_SENTENCES = 3
#: lines longer than this many words are prose, never learned
MAX_LEARNED_WORDS = 30
#: a streaming learner keeps the lines of this many distinct articles per source, and over all sources
MAX_UNITS_PER_SOURCE = 500
MAX_UNITS = 50_000


@dataclass(frozen=True)
class _Unit:
    """One article's lines as boilerplate keys, in order, with the keys that read as sentences."""

    keys: tuple[str, ...]
    sentences: frozenset[str]
    headlines: tuple[str, ...]  # headline-shaped lines of 4+ words, folded, in order

    @property
    def keyset(self) -> frozenset[str]:
        """The unit's distinct keys."""
        return frozenset(self.keys)


class BoilerplateTable:
    """Per-source sets of boilerplate lines; ``is_boilerplate(source, line)`` looks one up."""

    def __init__(self, sources: dict[str, Iterable[str]] | None = None, *, min_docs: int = 3, min_share: float = 0.3) -> None:
        """A table from ``{source: [line, ...]}`` (lines in any form; they are folded here)."""
        self.min_docs = min_docs
        self.min_share = min_share
        self._lines: dict[str, frozenset[str]] = {
            self._norm_source(src): frozenset(fold_digits(line) for line in lines) for src, lines in (sources or {}).items()
        }

    def __len__(self) -> int:
        """Number of learned lines over all sources."""
        return sum(len(lines) for lines in self._lines.values())

    def __bool__(self) -> bool:
        """True when anything was learned."""
        return any(self._lines.values())

    def __repr__(self) -> str:
        return f"BoilerplateTable({len(self._lines)} sources, {len(self)} lines)"

    @staticmethod
    def source_of(raw: RawDocument) -> str:
        """The group a document's boilerplate is learned in: its source, its URL's host, or its file."""
        if raw.source and raw.source.strip():
            return BoilerplateTable._norm_source(raw.source)
        if raw.url:
            host = urlsplit(raw.url).hostname or ""
            if host:
                return host.removeprefix("www.")
        return "file:" + raw.origin.split("#", 1)[0]

    @staticmethod
    def _norm_source(source: str) -> str:
        """Sources compare case-insensitively, spacing ignored."""
        return fold(source)

    def is_boilerplate(self, source: str | None, line: str) -> bool:
        """True when ``line`` was learned as boilerplate for ``source`` (a name or ``source_of(raw)``)."""
        if source is None:
            return False
        lines = self._lines.get(self._norm_source(source))
        return bool(lines) and fold_digits(line) in lines

    def lines_for(self, source: str) -> list[str]:
        """The learned lines of one source (folded), sorted."""
        return sorted(self._lines.get(self._norm_source(source), ()))

    def only(self, sources: Iterable[str]) -> "BoilerplateTable":
        """The part of this table for ``sources`` (names or ``source_of`` groups): what a worker needs for its documents."""
        given = set(sources)
        wanted = given | {self._norm_source(src) for src in given}
        part = BoilerplateTable(min_docs=self.min_docs, min_share=self.min_share)
        part._lines = {src: lines for src, lines in self._lines.items() if src in wanted}
        return part

    @classmethod
    def learn(cls, raws: Iterable[RawDocument], *, min_docs: int = 3, min_share: float = 0.3) -> "BoilerplateTable":
        """Learn the lines that recur across different articles of each source."""
        learner = BoilerplateLearner(min_docs=min_docs, min_share=min_share)
        learner.add(raws)
        return learner.table()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form for the store."""
        return {
            "version": FORMAT_VERSION,
            "min_docs": self.min_docs,
            "min_share": self.min_share,
            "sources": {src: sorted(lines) for src, lines in sorted(self._lines.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "BoilerplateTable":
        """Rebuild a table saved with ``to_dict``; a bad shape raises DataFileError saying what is wrong."""
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            found = data.get("version") if isinstance(data, dict) else type(data).__name__
            raise DataFileError(f"boilerplate table: version {found!r} is not {FORMAT_VERSION}; relearn it from the inputs")
        sources = data.get("sources")
        if not isinstance(sources, dict) or not all(_is_line_list(src, lines) for src, lines in sources.items()):
            raise DataFileError("boilerplate table: 'sources' must map each source name to a list of lines; relearn it")
        table = cls(min_docs=int(data.get("min_docs", 3)), min_share=float(data.get("min_share", 0.3)))
        table._lines = {src: frozenset(lines) for src, lines in sources.items() if lines}
        return table


class BoilerplateLearner:
    """Learns the table from a stream of documents, window by window, in bounded memory.

    It keeps the line keys of up to ``per_source`` distinct articles of each source (the first ones
    seen; copies count once) and ``total`` over all sources, and relearns only the sources that
    gained articles since the last ``table()``. A streaming ingest adds each window's documents, then
    cleans that window with the table learned from everything seen so far.
    """

    def __init__(self, *, min_docs: int = 3, min_share: float = 0.3, per_source: int = MAX_UNITS_PER_SOURCE,
                 total: int = MAX_UNITS) -> None:
        self.min_docs, self.min_share, self.per_source, self.total = min_docs, min_share, per_source, total
        self._groups: dict[str, dict[frozenset[str], _Unit]] = {}
        self._learned: dict[str, frozenset[str]] = {}
        self._changed: set[str] = set()
        self._units = 0

    def add(self, raws: Iterable[RawDocument]) -> None:
        """Take the articles of ``raws`` into their sources' groups (until the limits are reached)."""
        from newsevents.clean.document import document_blocks

        for raw in raws:
            source = BoilerplateTable.source_of(raw)
            if self.full(source):
                continue  # nothing more can be taken: spare splitting the document
            for block in document_blocks(raw):
                unit = _unit(block)
                group = self._groups.setdefault(source, {})
                if unit.keys and unit.keyset not in group and len(group) < self.per_source and self._units < self.total:
                    group[unit.keyset] = unit  # exact copies count once
                    self._units += 1
                    self._changed.add(source)

    @property
    def saturated(self) -> bool:
        """True when the learner holds as many articles as it takes in all."""
        return self._units >= self.total

    def full(self, source: str) -> bool:
        """True when ``source`` (a ``source_of`` group) can take no more articles."""
        return self.saturated or len(self._groups.get(source, ())) >= self.per_source

    def table(self) -> BoilerplateTable:
        """The table learned from every article taken so far."""
        for source in sorted(self._changed):
            self._learned[source] = frozenset(_learn_group(list(self._groups[source].values()), self.min_docs, self.min_share))
        self._changed.clear()
        table = BoilerplateTable(min_docs=self.min_docs, min_share=self.min_share)
        table._lines = {src: lines for src, lines in self._learned.items() if lines}
        return table


def _is_line_list(source: object, lines: object) -> bool:
    """True for a source name with a list of line strings."""
    return isinstance(source, str) and isinstance(lines, list) and all(isinstance(x, str) for x in lines)


def _unit(block: list[LineInfo]) -> _Unit:
    """The keys of one article block; metadata (dates vary) and furniture the UI table catches are left out."""
    keys: list[str] = []
    sentences: set[str] = set()
    headlines = tuple(info.key for info in block if info.kind == TEXT and info.title_like and word_count(info.text) >= 4)
    for info in block:
        if info.kind in (META, JUNK) or len(info.text.split()) > MAX_LEARNED_WORDS:
            continue
        key = fold_digits(info.text)
        if key not in keys:
            keys.append(key)
        if info.sentence:
            sentences.add(key)
    return _Unit(tuple(keys), frozenset(sentences), headlines)


def _learn_group(units: list[_Unit], min_docs: int, min_share: float) -> set[str]:
    """The keys recurring in enough different units of one group."""
    if len(units) < min_docs:
        return set()
    counts = Counter(key for unit in units for key in unit.keyset)
    needed = max(min_docs, min_share * len(units))
    frequent = {key for key, count in counts.items() if count >= needed}
    holders: dict[str, list[_Unit]] = defaultdict(list)
    for unit in units:
        for key in unit.keyset & frequent:
            holders[key].append(unit)
    recurring = {key for key in frequent if _distinct(holders[key], min_docs, frequent)}
    return {key for key in recurring if _at_edges(key, holders[key], recurring)}


def _distinct(units: list[_Unit], needed: int, frequent: set[str]) -> bool:
    """True when ``units`` holds ``needed`` articles that are not copies (even edited ones) of each other."""
    kept: list[tuple[_Unit, str | None]] = []
    for unit in units:
        headline = next((key for key in unit.headlines if key not in frequent), None)
        if not any(_same_article(unit, headline, other, other_headline) for other, other_headline in kept):
            kept.append((unit, headline))
            if len(kept) >= needed:
                return True
    return False


def _same_article(a: _Unit, a_headline: str | None, b: _Unit, b_headline: str | None) -> bool:
    """Copies share their headline (one not recurring as a tagline), or 3+ sentences making half of the shorter one's."""
    if a_headline is not None and a_headline == b_headline:
        return True
    x, y = a.sentences or a.keyset, b.sentences or b.keyset
    shared = len(x & y)
    return shared >= MIN_SHARED_SENTENCES and shared >= SAME_ARTICLE_OVERLAP * min(len(x), len(y))


def _at_edges(key: str, units: list[_Unit], recurring: set[str]) -> bool:
    """A non-sentence line always qualifies; a sentence only when it sits in the header or footer."""
    if not any(key in unit.sentences for unit in units):
        return True
    edge = 0
    for unit in units:
        pos = unit.keys.index(key)
        before, after = unit.keys[:pos], unit.keys[pos + 1 :]
        if all(k in recurring or k not in unit.sentences for k in before) or all(
            k in recurring or k not in unit.sentences for k in after
        ):
            edge += 1
    return edge * 2 >= len(units)
