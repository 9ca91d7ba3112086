"""Read-side queries over event clusters: one real happening with every source that reports it."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsevents.errors import NotFound, QueryError
from newsevents.plover import EVENT_TYPES
from newsevents.query_actors import side_match

_FIRST_SENTENCE = (
    "(SELECT e.sentence FROM event_cluster_members m JOIN events e ON e.id = m.event_id WHERE m.cluster_id = c.id "
    "ORDER BY m.published IS NULL, m.published, m.article_id, e.evidence_start LIMIT 1)"
)


def has_clusters(conn: sqlite3.Connection) -> bool:
    """True when the cluster tables exist (a read-only database from before migration 0009 has none)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_clusters'").fetchone() is not None


def cluster_where(conn: sqlite3.Connection, *, type: str | None = None, country: str | None = None, actor: str | None = None,
                  since: str | None = None, until: str | None = None, min_sources: int | None = None,
                  contested: bool | None = None) -> tuple[str, list[Any]]:  # fmt: skip
    """The WHERE clause over ``event_clusters c`` for these filters; QueryError naming a bad value."""
    from newsevents.query import _check_date, _day_end

    where: list[str] = []
    params: list[Any] = []
    if type:
        if type.upper() not in EVENT_TYPES:
            raise QueryError(f"type {type!r} is not a PLOVER event type; use one of {', '.join(EVENT_TYPES)}")
        where.append("c.type = ?")
        params.append(type.upper())
    if country:
        where.append("EXISTS (SELECT 1 FROM event_cluster_members m JOIN event_actors x ON x.event_id = m.event_id "
                     "WHERE m.cluster_id = c.id AND x.country = ?)")  # fmt: skip
        params.append(country.upper())
    if actor:
        clause, p = side_match(conn, "x", actor)
        where.append(f"EXISTS (SELECT 1 FROM event_cluster_members m JOIN event_actors x ON x.event_id = m.event_id WHERE m.cluster_id = c.id AND {clause})")
        params += p
    if since:
        where.append("c.date >= ?")
        params.append(_check_date("since", since))
    if until:
        where.append("c.date <= ?")
        params.append(_day_end(_check_date("until", until)))
    if min_sources is not None:
        if not 0 <= min_sources <= 100_000:
            raise QueryError(f"min_sources must be a number of sources from 0 to 100000, got {min_sources}")
        where.append("c.sources >= ?")
        params.append(min_sources)
    if contested is not None:
        where.append("c.contested = ?")
        params.append(int(contested))
    return ("WHERE " + " AND ".join(where)) if where else "", params


def list_clusters(conn: sqlite3.Connection, *, limit: int | None = None, cursor: str | None = None, **filters: Any) -> dict[str, Any]:
    """Event clusters matching ``filters`` (see ``cluster_where``), most sources first, then newest."""
    from newsevents.query import _page, page_args

    limit, offset = page_args(limit, cursor)
    if not has_clusters(conn):
        return {"items": [], "next": None}
    where, params = cluster_where(conn, **filters)
    sql = (f"SELECT c.*, {_FIRST_SENTENCE} AS sentence FROM event_clusters c {where} "
           "ORDER BY c.sources DESC, c.date IS NULL, c.date DESC, c.id LIMIT ? OFFSET ?")  # fmt: skip
    rows = conn.execute(sql, (*params, limit + 1, offset)).fetchall()
    return _page(_cluster_rows(conn, rows), limit, offset)


def get_cluster(conn: sqlite3.Connection, cluster_id: str) -> dict[str, Any]:
    """One cluster with every member: its article (title, url, source, published), status and evidence sentence."""
    row = conn.execute(f"SELECT c.*, {_FIRST_SENTENCE} AS sentence FROM event_clusters c WHERE c.id = ?", (cluster_id,)).fetchone() if has_clusters(conn) else None
    if row is None:
        raise NotFound(f"event cluster {cluster_id!r} not found; list clusters with `newsevents clusters`")
    cluster = _cluster_rows(conn, [row])[0]
    members = conn.execute(
        "SELECT m.event_id, m.article_id, a.title, a.url, m.source, m.published, m.status, e.type, e.date, e.sentence, "
        "e.sentence_start, e.evidence_start, e.evidence_end, e.confidence FROM event_cluster_members m "
        "JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = m.article_id WHERE m.cluster_id = ? "
        "ORDER BY m.published IS NULL, m.published, m.article_id, e.evidence_start",
        (cluster_id,),
    )
    cluster["members"] = [
        {**{k: r[k] for k in r.keys() if k not in ("sentence_start", "evidence_start", "evidence_end")},
         "evidence": {"start": r["evidence_start"] - r["sentence_start"], "end": r["evidence_end"] - r["sentence_start"]}}
        for r in members
    ]  # fmt: skip
    return cluster


def _cluster_rows(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Cluster rows as API objects, actor and target ids with their registry names."""
    ids = {i for r in rows for side in ("actors", "targets") for i in json.loads(r[side])}
    known: dict[str, tuple[str, str | None]] = {}
    if ids and conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'registry_actors'").fetchone():
        rows_ = conn.execute("SELECT id, name, country FROM registry_actors WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(ids)),))
        known = {r[0]: (r[1], r[2]) for r in rows_}
    out = []
    for r in rows:
        item = {k: r[k] for k in r.keys()}
        item["contested"] = bool(r["contested"])
        for side in ("actors", "targets"):
            item[side] = [{"id": i, "name": known.get(i, (i, None))[0], "country": known.get(i, (i, None))[1]} for i in json.loads(r[side])]
        out.append(item)
    return out
