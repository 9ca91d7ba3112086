"""A name as the user writes it -> the participant keys it selects, from the registry tables of the dataset.

The same rules as ``query_actors.side_match``: a registry id, a canonical name or any alias (looked up by
``names.name_key``) selects that actor's id; a country named any way ("IRN", "Iran", "Iranian") also selects
every participant of that country; the value itself still selects a legacy actor id. One difference: a
name that is neither in the registry nor an actor id (a participant's name as written) selects nothing here.
"""

from __future__ import annotations

from typing import Any

from newsevents.names import name_key


def resolve_keys(cur: Any, value: str, registry: bool = True) -> list[str]:
    """The keys (registry ids, actor ids, country codes) that ``value`` selects on one side of a pair.

    Without a registry (a store that never built one) the value selects an actor id or a country code as written.
    """
    from newsevents.registry.sightings import state_code

    if not registry:
        return sorted({value, value.upper()})
    found = cur.execute(
        "SELECT id, kind FROM actors WHERE id = $1 OR id = upper($1) OR lower(name) = lower($1) "
        "UNION SELECT al.actor_id, ac.kind FROM aliases al LEFT JOIN actors ac ON ac.id = al.actor_id WHERE al.key = $2",
        [value, name_key(value)],
    ).fetchall()
    ids = {row[0] for row in found}
    countries = {value.upper()} | {row[0] for row in found if row[1] == "country"}
    if not ids and state_code(value):  # a country no article has named this way yet
        countries.add(state_code(value) or "")
    return sorted(ids | countries | {value})
