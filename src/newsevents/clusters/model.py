"""The records of event clustering: one event as one article tells it (a mention), and a cluster of mentions.

A mention is an ``Event`` plus what clustering needs of its article (id, source, publication date).
A cluster is one real happening with every article and source that reports it; each mention keeps
its own status, so a strike one outlet reports and another says was denied shows both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from newsevents.records import Event

#: Statuses that assert the happening took place (set against "denied" to call a cluster contested).
ASSERTING = frozenset({"reported", "alleged"})


@dataclass(frozen=True)
class EventMention:
    """One coded event in one article, with the article's id, source and publication date."""

    event: Event
    article_id: str
    source: str | None = None
    published: str | None = None  # ISO date or datetime of the article
    persons: frozenset[str] = frozenset()  # names of the event's actors and targets that name a person

    @cached_property
    def key(self) -> str:
        """Stable identity within any corpus: article id, evidence span and type."""
        return f"{self.article_id}:{self.event.evidence_start}:{self.event.evidence_end}:{self.event.type}"

    @property
    def published_day(self) -> str | None:
        """The article's publication date as YYYY-MM-DD, or None."""
        return self.published[:10] if self.published and len(self.published) >= 10 else None

    @cached_property
    def day(self) -> str | None:
        """The event's own date when known to the day, else the article's publication date.

        Background told as long past (``Event.historical``) without its own day has no day: the
        article's date would place it wrongly, so it stays alone.
        """
        if self.event.date and len(self.event.date) == 10:
            return self.event.date
        return None if self.event.historical else self.published_day

    @cached_property
    def day_number(self) -> int | None:
        """``day`` as a proleptic Gregorian ordinal, for date gaps; None when there is no day."""
        return dt.date.fromisoformat(self.day).toordinal() if self.day else None

    @cached_property
    def own_date(self) -> bool:
        """True when ``day`` is the event's own date, not its article's."""
        return bool(self.event.date and len(self.event.date) == 10)

    def order(self) -> tuple[str, str, str, int, int, str]:
        """Sort key: first seen first, then by article and position; the same whatever the input order."""
        return (self.published or "", self.day or "", self.article_id, self.event.evidence_start,
                self.event.evidence_end, self.event.type)  # fmt: skip


@dataclass(frozen=True)
class EventCluster:
    """One real happening: every mention of it, its sources and when it was first and last reported."""

    id: str  # "ec" + 12 hex digits of the first-seen mention's key
    type: str  # the most frequent type among the mentions
    date: str | None  # the most frequent day among the mentions' own dates, else the earliest publication day
    mentions: tuple[EventMention, ...]  # first seen first
    actors: tuple[str, ...]  # resolved actor keys, most mentioned first
    targets: tuple[str, ...]

    @property
    def articles(self) -> int:
        """How many articles report it."""
        return len({m.article_id for m in self.mentions})

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct sources that report it, sorted."""
        return tuple(sorted({m.source for m in self.mentions if m.source}))

    @property
    def first_seen(self) -> str | None:
        """The earliest publication date among its articles."""
        return min((m.published for m in self.mentions if m.published), default=None)

    @property
    def last_seen(self) -> str | None:
        """The latest publication date among its articles."""
        return max((m.published for m in self.mentions if m.published), default=None)

    @property
    def statuses(self) -> dict[str, int]:
        """How many mentions carry each status ("reported": 3, "denied": 1)."""
        return dict(sorted(_counts(m.event.status for m in self.mentions).items()))

    @property
    def contested(self) -> bool:
        """True when one source says it happened and another that it was denied."""
        seen = {m.event.status for m in self.mentions}
        return "denied" in seen and bool(seen & ASSERTING)


def cluster_id(first: EventMention) -> str:
    """A cluster's id from its first-seen mention, so it does not depend on input order."""
    return "ec" + hashlib.sha1(first.key.encode("utf-8")).hexdigest()[:12]


def most_common(values: list[str]) -> tuple[str, ...]:
    """Distinct values, most frequent first, ties in sorted order."""
    counts = _counts(values)
    return tuple(sorted(counts, key=lambda v: (-counts[v], v)))


def _counts(values: Iterable[str]) -> dict[str, int]:
    """How often each value occurs (a plain dict: ``Counter``'s type checks cost more than the counting here)."""
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return counts
