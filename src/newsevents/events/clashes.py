"""Clashes between security forces and a crowd: repression on one side, a riot on the other.

"Police clashed with protesters" is no battle between equals: following CAMEO, the forces use
violent repression (175, an ASSAULT in PLOVER) against the crowd and the crowd riots (145, a
PROTEST) against the forces. ``clash_sides`` finds the two sides among a reciprocal event's actors;
the sectors of the forces and the words of a crowd are word lists of ``events_words.tsv``.
"""

from __future__ import annotations

from newsevents.events.policy import words
from newsevents.records import ActorRef


def is_crowd(ref: ActorRef) -> bool:
    """True for a civilian crowd ("tunisian rioters", "thousands of protesters")."""
    names = ref.name.lower().split()
    return ref.sector in ("CVL", "EDU", "LAB", None) and bool(names) and names[-1] in words("crowd_words")


def clash_sides(actors: tuple[ActorRef, ...]) -> tuple[tuple[ActorRef, ...], tuple[ActorRef, ...]] | None:
    """(forces, crowd) when a clash sets security forces against a crowd, else None."""
    forces = tuple(a for a in actors if a.sector in words("force_sectors"))
    crowd = tuple(a for a in actors if is_crowd(a))
    if not forces or not crowd or len(forces) + len(crowd) != len(actors):
        return None
    return forces, crowd
