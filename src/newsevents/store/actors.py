"""Stable actor keys: one canonical actor for every mention of the same person, body or group."""

from __future__ import annotations

import re

from newsevents.names import strip_accents

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens."""
    folded = strip_accents(text, ascii_only=True).lower()
    return _NON_WORD.sub("-", folded).strip("-") or "unknown"


def actor_key(name: str, country: str | None, *, named: bool) -> str:
    """A named actor is its name ("vladimir-putin"); a description is qualified by country ("irn-police")."""
    if named or not country:
        return slug(name)
    return slug(f"{country} {name}")
