"""Stable actor keys: one canonical actor for every mention of the same person, body or group."""

from __future__ import annotations

from newsevents.names import slug


def actor_key(name: str, country: str | None, *, named: bool) -> str:
    """A named actor is its name ("vladimir-putin"); a description is qualified by country ("irn-police")."""
    if named or not country:
        return slug(name)
    return slug(f"{country} {name}")
