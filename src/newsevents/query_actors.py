"""Read-side queries over the actor registry: a name, alias, id or country code to canonical ids; ranked search.

Everywhere a name is accepted (event filters, dyads, actor pages) ``resolve`` turns it into the
registry's canonical ids, so "Putin", "Vladimir Putin", "vladimir-putin" and
"person:vladimir-putin" all select the same participants (``event_actors.canonical_id``). A
database whose registry was never built answers with the legacy actors table.
"""

from __future__ import annotations

import difflib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from newsevents.names import name_key


def has_registry(conn: sqlite3.Connection) -> bool:
    """True when the registry tables exist and hold actors."""
    try:
        return conn.execute("SELECT 1 FROM registry_actors LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:  # a read-only database made before migration 0008
        return False


def resolve(conn: sqlite3.Connection, value: str) -> list[str]:
    """The canonical ids ``value`` stands for: an id, a country code, a canonical name or any alias; [] when none."""
    if not has_registry(conn):
        return []
    ids = {r[0] for r in conn.execute("SELECT id FROM registry_actors WHERE id = ? OR id = ? OR name = ? COLLATE NOCASE",
                                      (value, value.upper(), value))}  # fmt: skip
    ids |= {r[0] for r in conn.execute("SELECT actor_id FROM registry_aliases WHERE key = ?", (name_key(value),))}
    return sorted(ids)


@dataclass(frozen=True)
class Side:
    """A name resolved once (``side``): what ``side_sql`` matches participants against, without looking anything up again."""

    value: str
    registry: bool
    ids: str = "[]"  # canonical ids, as JSON text for json_each
    countries: str = "[]"  # country codes every participant of which matches, as JSON text


def side(conn: sqlite3.Connection, value: str) -> Side:
    """Resolve ``value`` (an id, a name, an alias or a country named any way) once, for any number of ``side_sql`` clauses."""
    if not has_registry(conn):  # no canonical ids yet (or a read-only database from before migration 0008)
        return Side(value, False)
    from newsevents.registry.sightings import state_code

    ids = resolve(conn, value)
    # a country matches every participant of that country, whether named by its code or by a name ("Iran", "Iranian")
    countries = {value.upper()} | {r[0] for r in conn.execute(
        "SELECT id FROM registry_actors WHERE kind = 'country' AND id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))}  # fmt: skip
    if not ids and state_code(value):  # a country no article has named this way yet
        countries.add(state_code(value) or "")
    return Side(value, True, json.dumps(ids), json.dumps(sorted(countries)))


def side_sql(found: Side, alias: str) -> tuple[str, list[Any]]:
    """SQL matching a participant row ``alias`` to a resolved side: its canonical id, or (as before the registry) id, name or country."""
    value = found.value
    if not found.registry:
        return f"({alias}.actor_id = ? OR {alias}.name = ? COLLATE NOCASE OR {alias}.country = ?)", [value, value, value.upper()]
    return (
        f"({alias}.canonical_id IN (SELECT value FROM json_each(?)) OR {alias}.actor_id = ? "
        f"OR {alias}.name = ? COLLATE NOCASE OR {alias}.country IN (SELECT value FROM json_each(?)))",
        [found.ids, value, value, found.countries],
    )


def side_match(conn: sqlite3.Connection, alias: str, value: str) -> tuple[str, list[Any]]:
    """SQL matching a participant row ``alias`` to ``value`` (``side`` then ``side_sql``).

    A country named any way ("IRN", "Iran", "Iranian") also matches every participant of that country.
    """
    return side_sql(side(conn, value), alias)


def _counts_sql(where: str) -> str:
    return (
        "SELECT ra.id, ra.name, ra.kind, ra.country, ra.sector, "
        "coalesce(sum(ea.role = 'actor'), 0) AS as_actor, coalesce(sum(ea.role = 'target'), 0) AS as_target "
        f"FROM registry_actors ra LEFT JOIN event_actors ea ON ea.canonical_id = ra.id {where} GROUP BY ra.id"
    )


def search_actors(conn: sqlite3.Connection, q: str | None, country: str | None, limit: int, offset: int) -> tuple[list[dict[str, Any]], list[str]]:
    """Registry actors (one page, one extra row) and, when nothing matches ``q``, close names to try instead.

    Ranked: the actor ``q`` names exactly (id, name or alias) first, then names starting with it,
    then names or aliases holding it; within each, most active first. Actors in no event are listed
    only when searched for.
    """
    where, params = ["1 = 1"], []  # a condition on PostgreSQL too
    if country:
        where.append("ra.country = ?")
        params.append(country.upper())
    rank = "0"
    if q:
        exact = resolve(conn, q)
        like = f"%{q}%"
        where.append("(ra.id IN (SELECT value FROM json_each(?)) OR ra.name LIKE ? OR ra.id LIKE ? "
                     "OR ra.id IN (SELECT actor_id FROM registry_aliases WHERE text LIKE ? OR key LIKE ?))")  # fmt: skip
        params += [json.dumps(exact), like, like, like, f"%{name_key(q)}%"]
        rank = "(CASE WHEN ra.id IN (SELECT value FROM json_each(?)) THEN 0 WHEN ra.name LIKE ? THEN 1 ELSE 2 END)"
        rank_params = [json.dumps(exact), f"{q}%"]
    else:
        where.append("ea.event_id IS NOT NULL")
        rank_params = []
    sql = f"SELECT * FROM ({_counts_sql('WHERE ' + ' AND '.join(where))}) t"
    sql = sql.replace("SELECT ra.id,", f"SELECT {rank} AS rank, ra.id,", 1)
    rows = conn.execute(f"{sql} ORDER BY rank, as_actor + as_target DESC, name, id LIMIT ? OFFSET ?",
                        (*rank_params, *params, limit + 1, offset)).fetchall()  # fmt: skip
    items = [{k: r[k] for k in r.keys() if k != "rank"} for r in rows]
    return items, (close_names(conn, q) if q and not items and offset == 0 else [])


def close_names(conn: sqlite3.Connection, q: str, n: int = 5) -> list[str]:
    """Known names (canonical names and aliases) spelled close to ``q``, closest first."""
    names = {r[0] for r in conn.execute("SELECT name FROM registry_actors UNION SELECT text FROM registry_aliases")}
    if not names:
        names = {r[0] for r in conn.execute("SELECT name FROM actors")}
    by_key: dict[str, str] = {}
    for name in sorted(names):
        by_key.setdefault(name.lower(), name)
    found = difflib.get_close_matches(q.lower(), list(by_key), n=n, cutoff=0.6)
    words = [k for k in by_key if any(w.startswith(q.lower()[:4]) for w in k.split()) and k not in found] if len(q) >= 4 else []
    return [by_key[k] for k in (found + sorted(words))[:n]]


def registry_actor(conn: sqlite3.Connection, value: str) -> dict[str, Any] | None:
    """The registry actor ``value`` names, with aliases, merges (the evidence), terms and counts; None when unknown or ambiguous."""
    ids = resolve(conn, value)
    if len(ids) != 1:
        return None
    row = conn.execute(_counts_sql("WHERE ra.id = ?"), (ids[0],)).fetchone()
    actor = dict(row)
    actor["aliases"] = [dict(r) for r in conn.execute("SELECT text, how FROM registry_aliases WHERE actor_id = ? ORDER BY how, text", (ids[0],))]
    actor["merges"] = [
        dict(r) for r in conn.execute(
            "SELECT m.name, m.rule, m.article_id, m.start, m.end, a.title AS article_title, "
            "CASE WHEN m.start IS NOT NULL THEN substr(a.text, max(1, m.start - 79), min(m.start, 80) + (m.end - m.start) + 80) END AS context "
            "FROM registry_merges m LEFT JOIN articles a ON a.id = m.article_id WHERE m.actor_id = ? ORDER BY m.rule, m.name", (ids[0],))
    ]  # fmt: skip
    actor["terms"] = [dict(r) for r in conn.execute(
        "SELECT country, office, start, end, source FROM registry_terms WHERE actor_id = ? ORDER BY start, office", (ids[0],))]  # fmt: skip
    actor["corrections"] = [dict(r) for r in conn.execute(
        "SELECT position, op, other, made_at FROM registry_corrections WHERE actor = ? ORDER BY position", (ids[0],))]  # fmt: skip
    return actor
