"""Clashes between security forces and a crowd: repression on one side, a riot on the other.

"Police clashed with protesters" is no battle between equals: following CAMEO, the forces use
violent repression (175, an ASSAULT in PLOVER) against the crowd and the crowd riots (145, a
PROTEST) against the forces. ``clash_sides`` finds the two sides among a reciprocal event's actors.
"""

from __future__ import annotations

from newsevents.records import ActorRef

#: Sectors that police a crowd.
FORCES = ("MIL", "COP", "PRM")
#: Words naming a protesting crowd.
CROWD_WORDS = frozenset({
    "protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators", "rioter", "rioters",
    "marcher", "marchers", "crowd", "crowds", "mob", "mobs", "students", "strikers",
})  # fmt: skip


def is_crowd(ref: ActorRef) -> bool:
    """True for a civilian crowd ("tunisian rioters", "thousands of protesters")."""
    words = ref.name.lower().split()
    return ref.sector in ("CVL", "EDU", "LAB", None) and bool(words) and words[-1] in CROWD_WORDS


def clash_sides(actors: tuple[ActorRef, ...]) -> tuple[tuple[ActorRef, ...], tuple[ActorRef, ...]] | None:
    """(forces, crowd) when a clash sets security forces against a crowd, else None."""
    forces = tuple(a for a in actors if a.sector in FORCES)
    crowd = tuple(a for a in actors if is_crowd(a))
    if not forces or not crowd or len(forces) + len(crowd) != len(actors):
        return None
    return forces, crowd
