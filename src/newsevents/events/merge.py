"""One happening, one event: reciprocal parties listed once, repeated mentions merged.

The coders emit one event per trigger. This module turns them into one event per happening of
an article, in three deterministic steps over the events in the coder's order (sentence by
sentence, in text order):

1. **Reciprocal events** ("Iran and Saudi Arabia agreed to ...", "X and Y met") list every party
   once, in ``actors``, and have no ``targets``: the parties act together, nobody is the recipient.
   Our coders build them so; this step holds the shape for events from any other coder.
2. **One trigger, one event**: two events of one sentence with the same evidence span and the same
   actors and targets are one happening coded twice; the surer one stays (the earlier on a tie).
3. **Mentions merge** when they tell the same happening (:func:`same_happening`): the same type,
   the same actors and the same targets (reciprocal events compare their parties; across
   sentences a side left unresolved in one mention is filled by the other, within one sentence
   the sides must be equal: "Hamas freed hostages and Israel released prisoners" stays two),
   compatible dates (equal, one unknown, or one
   inside the other: 2024-07 and 2024-07-25), the same historical flag, compatible statuses (equal,
   or reported and alleged) and places (equal or one unknown). Different dates, different targets,
   a planned against a done event or a past one against today's never merge.

The merged event is the first mention in that order (its id, evidence span, sentence); ``evidence`` lists every
mention's span in text order, unknown parts (date, place, an unresolved side) are filled from the
later mentions and the confidence is the highest of them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from newsevents.records import ActorRef, Event

#: Statuses that may describe the same happening (a report and an allegation of it).
_SAME_STATUS = {"reported": "told", "alleged": "told"}


def _key(ref: ActorRef) -> tuple[str, str | None]:
    """A party's identity across mentions: its name (any case) and country."""
    return ref.name.casefold(), ref.country


def _parties(refs: Iterable[ActorRef]) -> frozenset[tuple[str, str | None]]:
    return frozenset(_key(r) for r in refs)


def _unique(refs: Iterable[ActorRef]) -> tuple[ActorRef, ...]:
    """Each party once, first mention first."""
    seen: set[tuple[str, str | None]] = set()
    out = []
    for ref in refs:
        if _key(ref) not in seen:
            seen.add(_key(ref))
            out.append(ref)
    return tuple(out)


def one_sided(event: Event) -> Event:
    """A reciprocal event with all its parties in ``actors``, each once, and no ``targets``."""
    if not event.reciprocal:
        return event
    return replace(event, actors=_unique((*event.actors, *event.targets)), targets=())


def with_evidence(event: Event) -> Event:
    """The event with its main span listed in ``evidence`` when nothing is listed yet."""
    return event if event.evidence else replace(event, evidence=event.evidence_spans())


def _same_side(a: tuple[ActorRef, ...], b: tuple[ActorRef, ...]) -> bool:
    """The same parties: the same names, and for each the same country or a country known in one mention only."""
    countries_a = {r.name.casefold(): r.country for r in a}
    countries_b = {r.name.casefold(): r.country for r in b}
    if not a or countries_a.keys() != countries_b.keys():
        return False
    return all(countries_a[n] is None or countries_b[n] is None or countries_a[n] == countries_b[n] for n in countries_a)


def _equal_side(a: tuple[ActorRef, ...], b: tuple[ActorRef, ...]) -> bool:
    """The same parties, or no one on this side in both mentions."""
    return not a and not b or _same_side(a, b)


def _compatible_side(a: tuple[ActorRef, ...], b: tuple[ActorRef, ...]) -> bool:
    """The same parties, or the side unknown in one of the mentions."""
    return not a or not b or _same_side(a, b)


def _fill(main: tuple[ActorRef, ...], other: tuple[ActorRef, ...]) -> tuple[ActorRef, ...]:
    """``main``'s parties, each with the other mention's reference when only that one knows the country."""
    if not main:
        return other
    known = {r.name.casefold(): r for r in other if r.country}
    return tuple(r if r.country else known.get(r.name.casefold(), r) for r in main)


def _compatible_dates(a: str | None, b: str | None) -> bool:
    """Equal, one unknown, or one inside the other (a year and a day of it)."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def same_happening(a: Event, b: Event) -> bool:
    """True when two mentions tell one happening (see the module docstring for the rule)."""
    if a.type != b.type or a.reciprocal != b.reciprocal or a.historical != b.historical:
        return False
    if a.status != b.status and (_SAME_STATUS.get(a.status) is None or _SAME_STATUS.get(a.status) != _SAME_STATUS.get(b.status)):
        return False
    if not _compatible_dates(a.date, b.date):
        return False
    if a.location and b.location and a.location.name != b.location.name:
        return False
    if a.reciprocal:
        return _same_side(a.actors, b.actors)
    if a.sentence_start == b.sentence_start:  # two triggers of one sentence: one happening only with the same sides
        return _equal_side(a.actors, b.actors) and _equal_side(a.targets, b.targets) and bool(a.actors or a.targets)
    if not (_compatible_side(a.actors, b.actors) and _compatible_side(a.targets, b.targets)):
        return False
    # one side named in both mentions: two arrests by unnamed police are not one arrest
    return _same_side(a.actors, b.actors) or _same_side(a.targets, b.targets)


def _same_trigger(a: Event, b: Event) -> bool:
    """One trigger coded twice: same sentence, same evidence, same actors and targets in the same roles."""
    return (a.sentence_start, a.evidence_start, a.evidence_end) == (b.sentence_start, b.evidence_start, b.evidence_end) \
        and _parties(a.actors) == _parties(b.actors) and _parties(a.targets) == _parties(b.targets)


def _absorb(main: Event, other: Event) -> Event:
    """``main`` with ``other``'s span among its evidence and its unknown parts filled from ``other``."""
    spans = sorted({*main.evidence_spans(), *other.evidence_spans()}, key=lambda s: (s.start, s.end))
    date, date_text = main.date, main.date_text
    if other.date and (date is None or len(other.date) > len(date)):
        date, date_text = other.date, other.date_text
    return replace(
        main, evidence=tuple(spans), date=date, date_text=date_text, location=main.location or other.location,
        actors=_fill(main.actors, other.actors), targets=_fill(main.targets, other.targets),
        confidence=max(main.confidence, other.confidence),
    )


def merge_events(events: Iterable[Event]) -> tuple[Event, ...]:
    """One event per happening of an article, in the coder's order (see the module docstring)."""
    kept: list[Event] = []
    for event in (with_evidence(one_sided(e)) for e in events):
        twin = next((i for i, k in enumerate(kept) if _same_trigger(k, event)), None)
        if twin is not None:
            if event.confidence > kept[twin].confidence:
                kept[twin] = event
            continue
        kept.append(event)
    merged: list[Event] = []
    for event in kept:
        found = next((i for i, m in enumerate(merged) if same_happening(m, event)), None)
        if found is None:
            merged.append(event)
        else:
            merged[found] = _absorb(merged[found], event)
    return tuple(merged)
