"""The registry's plain records: what it reads per article, and the actors, aliases and merges it gives back.

All are frozen dataclasses of plain values, sortable by their fields, so a registry compares equal
whatever order its articles came in.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.records import ActorRef, Entity, Role

KINDS = ("country", "person", "organisation", "group", "agent")


@dataclass(frozen=True)
class ArticleFacts:
    """What one article says about actors: its date, the event participants, entities and roles."""

    article: str  # Article.id
    date: str | None  # ISO date (YYYY-MM-DD) of the article, when known
    refs: tuple[ActorRef, ...] = ()  # every actor and target of every event, in text order
    entities: tuple[Entity, ...] = ()
    roles: tuple[Role, ...] = ()
    text: str = ""  # the body text the offsets index, read for descriptions outside events (``registry.phrases``)


@dataclass(frozen=True, order=True)
class Actor:
    """A canonical actor of the corpus."""

    id: str  # see the id scheme in ``newsevents.registry``
    name: str
    kind: str  # one of KINDS
    country: str | None = None  # ISO alpha-3, or IGO / NGO / IMG / MNC
    sector: str | None = None  # PLOVER/CAMEO sector: GOV, MIL, COP, ...


@dataclass(frozen=True, order=True)
class Alias:
    """A name that stands for one actor in the whole corpus, and how that was found."""

    text: str  # as written
    actor: str  # Actor.id
    how: str  # dictionary | name | mention | transliteration | surname | short-form | acronym | bracket | country-name | capital | seat | correction


@dataclass(frozen=True, order=True)
class Merge:
    """Evidence that a name was joined to an actor: which name, by which rule, first seen where."""

    actor: str  # Actor.id
    name: str  # the name (or description) that was joined
    rule: str  # the rule that joined it (see Alias.how, plus "role" and "agent")
    article: str | None = None  # the first article (by id) it was seen in; None for dictionary and corrections
    start: int | None = None  # its first mention there, when the text gives offsets
    end: int | None = None


@dataclass(frozen=True, order=True)
class Term:
    """An office held by an actor over a time: from the dictionary or observed in articles."""

    country: str
    office: str  # office title as in events_offices.tsv: "President", "Prime Minister"
    start: str  # ISO date, "" when open
    end: str  # ISO date, "" when open
    actor: str  # Actor.id
    source: str  # "dictionary" | "observed"


@dataclass(frozen=True, order=True)
class Assignment:
    """Which actor one participant of one article's events (or one entity of the article) resolved to."""

    article: str
    start: int  # -1 when the participant has no offsets
    end: int
    name: str
    entity: str  # Entity.id, "" when none
    actor: str
    participant: bool = True  # False for an entity's own assignment (its first mention)


@dataclass(frozen=True)
class Correction:
    """A user's fix, kept with the registry and applied again after every rebuild.

    ``op`` is merge (``other`` joins ``actor``), split (the name ``other`` leaves ``actor`` for an actor
    of its own) or alias (the name ``other`` joins ``actor``). ``actor_name`` is the actor's name
    when the fix was made, so it is found again should its id change.
    """

    op: str  # merge | split | alias
    actor: str
    other: str  # an actor id (merge) or a name (split, alias)
    actor_name: str = ""
    other_name: str = ""  # merge: the joined actor's name when the fix was made
