"""User corrections: merge two actors, split a name off an actor, or add a name to one.

Each function returns a new registry built again with the correction appended; corrections are
kept in the registry and applied again, in order, after every rebuild (``Registry.add``), so they
survive later ingests. A correction whose actor has gone (its id and its name no longer found)
is kept in ``Registry.stale`` rather than dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents.errors import NotFound, QueryError
from newsevents.names import name_key, slug
from newsevents.registry.keys import kind_of
from newsevents.registry.records import Correction

if TYPE_CHECKING:
    from newsevents.registry.registry import Registry

_PREFIX = {"person": "person:", "organisation": "org:", "group": "group:"}


def _known(registry: "Registry", actor_id: str) -> str:
    """The actor's name; NotFound naming the id when there is no such actor."""
    actor = registry.actor(actor_id)
    if actor is None:
        raise NotFound(f"no actor {actor_id!r} in the registry; look ids up with Registry.lookup(name) or list Registry.actors")
    return actor.name


def merge(registry: "Registry", a: str, b: str) -> "Registry":
    """A registry in which actor ``b`` joins actor ``a`` (``a``'s id stays)."""
    if a == b:
        raise QueryError(f"cannot merge actor {a!r} with itself; give two different ids")
    return registry.corrected(Correction("merge", a, b, _known(registry, a), _known(registry, b)))


def split(registry: "Registry", actor_id: str, alias: str) -> "Registry":
    """A registry in which the name ``alias`` leaves ``actor_id`` for an actor of its own."""
    name = _known(registry, actor_id)
    if not any(name_key(a.text) == name_key(alias) and a.actor == actor_id for a in registry.aliases):
        raise QueryError(f"{alias!r} is no alias of {actor_id!r}; its aliases are listed by Registry.aliases_of({actor_id!r})")
    return registry.corrected(Correction("split", actor_id, alias, name))


def alias(registry: "Registry", actor_id: str, name: str) -> "Registry":
    """A registry in which the name ``name`` always means actor ``actor_id``."""
    if not name.strip():
        raise QueryError("an alias needs a non-empty name")
    return registry.corrected(Correction("alias", actor_id, name, _known(registry, actor_id)))


@dataclass
class Applied:
    """What applying the corrections did: the new node map, forced aliases, evidence and stale ones."""

    node_actor: dict[str, str]
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (name, actor id)
    joined: list[tuple[str, str]] = field(default_factory=list)  # (actor id, name) for Merge records
    stale: list[Correction] = field(default_factory=list)


def apply_corrections(corrections: Sequence[Correction], node_actor: dict[str, str], forms: dict[str, set[str]]) -> Applied:
    """Apply corrections in order to a node -> actor map; ``forms`` holds each node's name keys."""
    out = Applied(dict(node_actor))

    def resolve(actor_id: str, name: str) -> str | None:
        if actor_id in out.node_actor.values():
            return actor_id
        found = {out.node_actor[n] for n, keys in forms.items() if name and name_key(name) in keys and n in out.node_actor}
        return next(iter(found)) if len(found) == 1 else None

    for fix in corrections:
        target = resolve(fix.actor, fix.actor_name)
        if target is None:
            out.stale.append(fix)
            continue
        if fix.op == "merge":
            other = resolve(fix.other, fix.other_name)
            if other is None:
                out.stale.append(fix)
                continue
            for node, actor in out.node_actor.items():
                if actor == other:
                    out.node_actor[node] = target
            out.joined.append((target, fix.other_name or fix.other))
        elif fix.op == "alias":
            for node, keys in forms.items():
                if name_key(fix.other) in keys:
                    out.node_actor[node] = target
            out.aliases.append((fix.other, target))
            out.joined.append((target, fix.other))
        elif fix.op == "split":
            moving = [n for n, keys in forms.items()
                      if out.node_actor.get(n) == target and name_key(fix.other) in keys and not n.startswith("dict:")]
            if not moving:
                out.stale.append(fix)
                continue
            new_id = _new_id(target, fix.other, set(out.node_actor.values()))
            for node in moving:
                out.node_actor[node] = new_id
    return out


def _new_id(actor_id: str, name: str, taken: set[str]) -> str:
    """An unused id for a name split off ``actor_id``, of the same kind where the kind allows."""
    base = _PREFIX.get(kind_of(actor_id) or "", "group:") + slug(name)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
