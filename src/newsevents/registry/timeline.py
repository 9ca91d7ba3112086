"""Who held an office of a country on a day: the dictionary's dated terms, then the roles articles state.

A description such as "the Iranian president" in an article of 2023-03-10 resolves to the person
holding (IRN, President) that day. The dictionary's terms decide when one covers the day (start
inclusive, end exclusive). Otherwise the roles observed in the corpus do: the one person observed
in that office both before (or on) and after (or on) the day, else the person observed in it most
recently before the day, if no more than a year before; never a guess backward in time (from a
later sighting), and never one of two people seen on the same latest day.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date as Date

from newsevents.registry.records import Term

_STALE_DAYS = 366  # an observed office-holder is trusted for this long after the last sighting


def _days(a: str, b: str) -> int:
    """Days from ISO date ``a`` to ``b``."""
    return (Date.fromisoformat(b[:10]) - Date.fromisoformat(a[:10])).days


def observed_terms(observations: list[tuple[str, str, str, str]]) -> list[Term]:
    """Terms from (country, office, ISO date, actor) observations: first and last day each was seen."""
    spans: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for country, office, day, actor in observations:
        spans[(country, office, actor)].append(day)
    return sorted(Term(c, o, min(days), max(days), a, "observed") for (c, o, a), days in spans.items())


def office_key(office: str) -> str:
    """One key for an office however it is spelled: "Defense Minister" is "Defence Minister"."""
    return office.replace("Defense", "Defence")


class Timeline:
    """Terms indexed by (country, office key)."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms: dict[tuple[str, str], list[Term]] = defaultdict(list)
        for term in sorted(terms):
            self.terms[(term.country, office_key(term.office))].append(term)

    def holder(self, country: str, office: str, day: str | None) -> str | None:
        """The actor holding ``office`` of ``country`` on ``day``, or None when the terms do not say."""
        if not day:
            return None
        terms = self.terms.get((country, office_key(office)), [])
        listed = {t.actor for t in terms if t.source == "dictionary" and (not t.start or t.start <= day) and (not t.end or day < t.end)}
        if listed:
            return next(iter(listed)) if len(listed) == 1 else None
        seen = [t for t in terms if t.source == "observed"]
        covering = {t.actor for t in seen if t.start <= day <= t.end}
        if covering:
            return next(iter(covering)) if len(covering) == 1 else None
        before = [t for t in seen if t.end < day and _days(t.end, day) <= _STALE_DAYS]
        if not before:
            return None
        latest = max(t.end for t in before)
        recent = {t.actor for t in before if t.end == latest}
        return next(iter(recent)) if len(recent) == 1 else None
