"""Historical mentions: events an article tells as background, long before its own date.

An event is **historical** (``Event.historical``) when

- its date's whole period (the day, month or year ``Event.date`` names) ended more than
  ``historical_days`` days before the article's date ("the pact that Moscow signed with North
  Korea last year", "in 2019 the two sides met"); the number is the one-item list
  ``historical_days`` of ``events_words.tsv``; or
- a past-time phrase of the list ``historical_cues`` ("years ago", "in the past", "during the
  campaign") or a decade ("in the 1990s") hangs from the event's clause or a clause above it,
  other than a reporting verb's ("During the campaign he promised ...").

Dates after the article's, and every date of an article without a date, are never historical by
date. A historical event keeps its date when it has one; one without a date has no day in the
time series at all (see ``newsevents.query.EVENT_DAY``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from newsevents.events.dates import SPEECH_VERBS, anchor_date, ancestor_steps, clause_verb, is_decade
from newsevents.events.policy import words
from newsevents.events.tables import EventsDataError
from newsevents.records import Article, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@lru_cache(maxsize=1)
def threshold_days() -> int:
    """The ``historical_days`` number of ``events_words.tsv``."""
    values = words("historical_days")
    if len(values) != 1 or not next(iter(values)).isdigit():
        raise EventsDataError(f"events_words.tsv: list historical_days must hold one whole number of days, got {sorted(values)}")
    return int(next(iter(values)))


def period_end(value: str) -> dt.date:
    """The last day of the period an ISO date names: the day itself, the month's or the year's last day."""
    if len(value) == 4:
        return dt.date(int(value), 12, 31)
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
        return first_of_next - dt.timedelta(days=1)
    return dt.date.fromisoformat(value[:10])


def dated_long_before(date: str | None, anchor: dt.date | None) -> bool:
    """True when the period ``date`` names ended more than ``threshold_days()`` before ``anchor``."""
    if not date or anchor is None:
        return False
    return (anchor - period_end(date)).days > threshold_days()


@lru_cache(maxsize=1)
def _cue_words() -> tuple[tuple[str, ...], ...]:
    """The past-time phrases as lower-case word sequences, longest first."""
    return tuple(sorted((tuple(c.split()) for c in words("historical_cues")), key=lambda c: (-len(c), c)))


def _cue_heads(sent: "Span") -> list["Token"]:
    """The token each past-time phrase or decade of the sentence hangs from (outside the phrase)."""
    found: list["Token"] = []
    lowered = [t.lower_ for t in sent]
    for cue in _cue_words():
        for i in range(len(lowered) - len(cue) + 1):
            if tuple(lowered[i : i + len(cue)]) == cue:
                found.append(sent[i : i + len(cue)].root)
    found += [ent.root for ent in sent.ents if ent.label_ == "DATE" and is_decade(ent.text)]
    return found


def cue_attached(sent: "Span", trigger: "Token") -> bool:
    """True when a past-time phrase hangs from the trigger's clause or a non-reporting clause above it."""
    above = ancestor_steps(trigger)
    for root in _cue_heads(sent):
        head = root.head if root.head.i != root.i else root
        verb = clause_verb(head)
        if verb.i not in above:
            continue
        if verb.i == trigger.i or verb.i == clause_verb(trigger).i or verb.lemma_ not in SPEECH_VERBS:
            return True
    return False


def _trigger(doc: "Doc", event: Event) -> "Token | None":
    """The main token of the event's evidence span."""
    span = doc.char_span(event.evidence_start, event.evidence_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def flag_historical(doc: "Doc", events: Iterable[Event], article: Article) -> tuple[Event, ...]:
    """The events with ``historical`` set by their date or a past-time phrase (see the module docstring)."""
    anchor = anchor_date(article.published)
    out = []
    for event in events:
        historical = dated_long_before(event.date, anchor)
        if not historical:
            trigger = _trigger(doc, event)
            historical = trigger is not None and cue_attached(trigger.sent, trigger)
        out.append(replace(event, historical=historical) if historical != event.historical else event)
    return tuple(out)
