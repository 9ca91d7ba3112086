"""A name as the user writes it -> the participant keys it selects, from the registry tables of the dataset.

The same rules as ``query_actors.side_match``: a registry id, a canonical name or any alias (looked up by
``names.name_key``) selects that actor's id; a country named any way ("IRN", "Iran", "Iranian") also selects
every participant of that country; the value itself still selects a legacy actor id. One difference: a
name that is neither in the registry nor an actor id (a participant's name as written) selects nothing here.
"""

from __future__ import annotations

from typing import Any

from newsevents.names import name_key


class Names:
    """The registry's ids, names and aliases, read once from the dataset, and the keys a name selects."""

    def __init__(self, con: Any) -> None:
        self.kinds: dict[str, str] = {}
        self.by_name: dict[str, set[str]] = {}
        self.by_alias: dict[str, set[str]] = {}
        for id_, name, kind in con.execute("SELECT id, name, kind FROM actors").fetchall():
            self.kinds[id_] = kind
            self.by_name.setdefault(name.lower(), set()).add(id_)
        for key, actor in con.execute("SELECT key, actor_id FROM aliases").fetchall():
            self.by_alias.setdefault(key, set()).add(actor)

    def keys(self, value: str) -> list[str]:
        """The keys (registry ids, actor ids, country codes) that ``value`` selects on one side of a pair.

        Without a registry (a store that never built one) the value selects an actor id or a country code as written.
        """
        from newsevents.registry.sightings import state_code

        if not self.kinds:
            return sorted({value, value.upper()})
        ids = {i for i in (value, value.upper()) if i in self.kinds} | self.by_name.get(value.lower(), set())
        ids |= self.by_alias.get(name_key(value), set())
        countries = {value.upper()} | {i for i in ids if self.kinds.get(i) == "country"}
        if not ids and state_code(value):  # a country no article has named this way yet
            countries.add(state_code(value) or "")
        return sorted(ids | countries | {value})
