"""The evidence that two mentions tell of one happening, each piece scored 0..1, or a veto that keeps them apart.

Vetoes are hard: types that are neither equal nor neighbours, dates outside the window, actors (or
targets) whose countries are all known and disjoint, and two town-level places farther apart than
the policy allows. Everything else is a weighted mean of scores; an unknown piece scores 0.5.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from newsevents.clusters.model import EventMention
from newsevents.clusters.policy import ClusterPolicy, country_points
from newsevents.names import name_key
from newsevents.records import ActorRef, Location

ActorKey = Callable[[ActorRef], str]
UNKNOWN = 0.5
_WORD = re.compile(r"[^\W\d_]+")
_STEM = 5  # compare words by their first letters: "missile"/"missiles", "expelled"/"expels"


@lru_cache(maxsize=65536)
def default_actor_key(actor: ActorRef) -> str:
    """The default resolver: country code (or "-") and the folded name, "RUS:russian forces"."""
    return f"{actor.country or '-'}:{name_key(actor.name)}"


@dataclass(frozen=True)
class PairScore:
    """The score of a pair of mentions, with each piece of evidence, or why the pair may never join."""

    score: float
    parts: dict[str, float]
    veto: str | None = None  # "type", "date", "actors", "targets", "persons" or "place"


def score_pair(a: EventMention, b: EventMention, policy: ClusterPolicy, actor_key: ActorKey = default_actor_key) -> PairScore:
    """How strongly ``a`` and ``b`` look like one happening; the same whichever comes first."""
    ea, eb = a.event, b.event
    parts: dict[str, float] = {}
    if not policy.types_compatible(ea.type, eb.type):
        return PairScore(0.0, parts, "type")
    parts["type"] = 1.0 if ea.type == eb.type else 0.6
    date = date_score(a, b, policy)
    if date is None:
        return PairScore(0.0, parts, "date")
    parts["date"] = date
    if ea.type in policy.symmetric and eb.type in policy.symmetric:
        sides = {"actors": (ea.actors + ea.targets, eb.actors + eb.targets)}
    else:
        sides = {"actors": (ea.actors, eb.actors), "targets": (ea.targets, eb.targets)}
    for side, (left, right) in sides.items():
        if _different_persons([x for x in left if x.name in a.persons], [y for y in right if y.name in b.persons]):
            return PairScore(0.0, parts, "persons")
        value = side_score(left, right, actor_key)
        if value is None:
            return PairScore(0.0, parts, side)
        parts[side] = value
    if "targets" not in parts:
        parts["targets"] = parts["actors"]
    place = place_score(ea.location, eb.location, policy)
    if place is None:
        return PairScore(0.0, parts, "place")
    parts["place"] = place
    parts["text"] = text_score(ea.sentence, eb.sentence, policy.stopwords)
    total = sum(policy.weights[name] for name in parts)
    return PairScore(round(sum(policy.weights[name] * value for name, value in parts.items()) / total, 6), parts)


def date_score(a: EventMention, b: EventMention, policy: ClusterPolicy) -> float | None:
    """1.0 for the same day, less for a gap within the window; None when outside it or when a day is unknown."""
    if a.day_number is None or b.day_number is None:
        return None
    gap = abs(a.day_number - b.day_number)
    window = policy.window_event_days if a.own_date and b.own_date else policy.window_published_days
    if gap > window:
        return None
    return 1.0 - gap / (window + 1)


def side_score(left: tuple[ActorRef, ...], right: tuple[ActorRef, ...], actor_key: ActorKey) -> float | None:
    """Actors (or targets) of two mentions: 1.0 same key, 0.9 one name inside the other, 0.8 same country; None if disjoint countries."""
    if not left or not right:
        return UNKNOWN
    if {actor_key(x) for x in left} & {actor_key(x) for x in right}:
        return 1.0
    if any(_names_nest(x, y) for x in left for y in right):
        return 0.9
    lc, rc = {x.country for x in left if x.country}, {x.country for x in right if x.country}
    if lc & rc:
        return 0.8
    if lc and rc and all(x.country for x in left + right):
        return None
    return 0.3


def _different_persons(left: list[ActorRef], right: list[ActorRef]) -> bool:
    """True when both sides name people and none of them is the same person (the arrest of A is not the arrest of B)."""
    return bool(left and right) and not any(_names_nest(x, y) for x in left for y in right)


def _names_nest(x: ActorRef, y: ActorRef) -> bool:
    """True when one name's words are all in the other's ("Aliyev", "Ilham Aliyev") and the countries do not clash."""
    if x.country and y.country and x.country != y.country:
        return False
    wx, wy = _name_words(x.name), _name_words(y.name)
    return bool(wx and wy) and (wx <= wy or wy <= wx)


@lru_cache(maxsize=65536)
def _name_words(name: str) -> frozenset[str]:
    """The words of a folded name."""
    return frozenset(name_key(name).split())


def place_score(a: Location | None, b: Location | None, policy: ClusterPolicy) -> float | None:
    """1.0 near, 0.5 unknown or loosely near; None for two town-level places farther apart than ``place_far_km``."""
    from newsevents.nlp.gazetteer import haversine_km

    if a is None or b is None or None in (a.lat, a.lon, b.lat, b.lon):
        return UNKNOWN
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if km <= policy.place_near_km:
        return 1.0
    if km <= policy.place_far_km or _country_wide(a) or _country_wide(b):
        return UNKNOWN
    return None


def _country_wide(place: Location) -> bool:
    """True when the place is its country's representative point (the event is placed only in a country)."""
    point = country_points().get(place.country or "")
    return point is not None and abs(point[0] - (place.lat or 0.0)) < 0.05 and abs(point[1] - (place.lon or 0.0)) < 0.05


def text_score(a: str, b: str, stopwords: frozenset[str]) -> float:
    """Overlap of the content words of two sentences (Dice over word stems), 0..1."""
    wa, wb = _stems(a, stopwords), _stems(b, stopwords)
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


@lru_cache(maxsize=65536)
def _stems(text: str, stopwords: frozenset[str]) -> frozenset[str]:
    """Lower-cased word stems of ``text`` without stopwords."""
    return frozenset(w[:_STEM] for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in stopwords and len(w) > 1)
