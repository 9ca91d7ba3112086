"""Tie coded events to the attributions that state them (``link_events``).

- **claim source**: an event whose evidence span lies inside an attribution's content gets
  ``claim_source`` = the id of the innermost such attribution.
- **status**: our status field says how the text presents an event, not whether it happened.
  An event told in reported speech keeps the coder's ``reported`` when the cue is a neutral one
  ("said", "told", "according to": the police saying they arrested two men is a report), because
  the coder already turns claims by rights groups, witnesses and rebels into ``alleged``. Only the
  cue itself changes it, as ``data/attribution_cues.tsv`` says in its ``status`` column: the
  content of an accusation or claim ("accused Y of shelling", "claimed its fighters had pushed")
  is ``alleged``, the content of a denial ("denied supplying weapons") is ``denied``. Other
  statuses (planned, hypothetical, denied) are the coder's reading of the clause and are kept.
- **cue events**: an event whose trigger is the cue itself and of the type the cue signals
  ("accused" → ACCUSE, "threatened" → THREATEN, "urged" → REQUEST) takes the attribution's
  speaker as its actor when the coder left the actor empty or used a pronoun.

Records are never changed in place: every change is a ``dataclasses.replace``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsevents.events.attribution_cues import cue_for_word
from newsevents.records import ActorRef, Attribution, Event

_PRONOUNS = {"he", "she", "it", "they", "we", "i", "who", "which", "him", "her", "them", "us"}


def link_events(events: Sequence[Event], attributions: Sequence[Attribution]) -> tuple[Event, ...]:
    """The events with their claim source, status and cue actors set from the attributions."""
    return tuple(_linked(event, attributions) for event in events)


def _linked(event: Event, attributions: Sequence[Attribution]) -> Event:
    """One event linked to the attributions."""
    holder = innermost(event.evidence_start, event.evidence_end, attributions)
    if holder is not None:
        event = replace(event, claim_source=holder.id)
        status = _cue_status(holder)
        if status is not None and event.status == "reported":
            event = replace(event, status=status)
    said = _said_by_cue(event, attributions)
    if said is not None and said.speaker and _needs_actor(event):
        actor = ActorRef(
            name=said.speaker,
            entity=said.speaker_entity,
            start=said.source.start if said.source else None,
            end=said.source.end if said.source else None,
        )
        event = replace(event, actors=(actor,))
    return event


def innermost(start: int, end: int, attributions: Sequence[Attribution]) -> Attribution | None:
    """The attribution with the smallest content holding ``[start, end)``, None when none does."""
    holders = [a for a in attributions if a.content.start <= start and end <= a.content.end]
    return min(holders, key=lambda a: (a.content.end - a.content.start, a.id)) if holders else None


def _cue_words(attribution: Attribution) -> list[str]:
    """The words of an attribution's cue ('told reporters' -> ['told', 'reporters'])."""
    return attribution.cue.text.split() if attribution.cue else []


def _cue_status(attribution: Attribution) -> str | None:
    """The status the cue gives an event told in the content: alleged, denied, or None."""
    words = _cue_words(attribution)
    cues = cue_for_word(words[0]) if words else ()
    return next((c.status for c in cues if c.status), None)


def _said_by_cue(event: Event, attributions: Sequence[Attribution]) -> Attribution | None:
    """The attribution whose cue is this event's trigger and signals this event's type."""
    for attribution in attributions:
        cue = attribution.cue
        if cue is None or not (cue.start < event.evidence_end and event.evidence_start < cue.end):
            continue
        words = _cue_words(attribution)
        if any(c.event == event.type for c in cue_for_word(words[0])):
            return attribution
    return None


def _needs_actor(event: Event) -> bool:
    """True when the coder left the actor empty or named it by a pronoun."""
    return not event.actors or all(a.name.lower() in _PRONOUNS for a in event.actors)
