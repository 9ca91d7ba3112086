"""Read a SQLite store into the raw tables the analytics dataset is built from (Arrow tables, read in chunks).

Meaning comes from the query layer, not restated here: an event's day is ``query.EVENT_DAY`` (its own
date, else the article's; none for undated background), its unit is its cluster (``coalesce(cluster_id,
event id)``, as ``query.dyad_series`` counts happenings), and each participant keeps its registry id
(``canonical_id``) beside the legacy actor id, name and country that event filters also match.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from newsevents.query import EVENT_DAY
from newsevents.query_actors import has_registry
from newsevents.query_clusters import has_clusters

#: column -> Arrow type name of each raw table (the bench's synthetic stores fill the same columns)
RAW_COLUMNS: dict[str, dict[str, str]] = {
    "events": {"event_id": "string", "unit": "string", "day": "string", "type": "string", "quad_class": "int64",
               "goldstein": "float64", "status": "string", "reciprocal": "int64"},
    "participants": {"event_id": "string", "role": "string", "position": "int64", "actor_id": "string",
                     "canonical_id": "string", "name": "string", "country": "string"},
    "actors": {"id": "string", "name": "string", "kind": "string", "country": "string", "sector": "string"},
    "aliases": {"key": "string", "actor_id": "string"},
}  # fmt: skip
CHUNK = 100_000


@dataclass(frozen=True)
class RawTables:
    """A store's events, their participants and the actor registry, as Arrow tables."""

    events: Any
    participants: Any
    actors: Any
    aliases: Any


def _sql(conn: sqlite3.Connection) -> dict[str, str]:
    """The SELECT of each raw table over this store (older stores lack clusters or the registry)."""
    clustered = has_clusters(conn)
    unit = "coalesce(m.cluster_id, e.id)" if clustered else "e.id"
    join = "LEFT JOIN event_cluster_members m ON m.event_id = e.id" if clustered else ""
    registry = has_registry(conn)
    canonical = "x.canonical_id" if registry else "NULL"
    return {
        "events": f"SELECT e.id, {unit}, {EVENT_DAY}, e.type, e.quad_class, e.goldstein, e.status, e.reciprocal FROM events e {join}",
        "participants": f"SELECT x.event_id, x.role, x.position, x.actor_id, {canonical}, x.name, x.country FROM event_actors x",
        "actors": "SELECT id, name, kind, country, sector FROM registry_actors" if registry else "SELECT NULL, NULL, NULL, NULL, NULL WHERE 0",
        "aliases": "SELECT key, actor_id FROM registry_aliases" if registry else "SELECT NULL, NULL WHERE 0",
    }


def raw_schema(table: str) -> Any:
    """The Arrow schema of one raw table."""
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, kind)()) for name, kind in RAW_COLUMNS[table].items()])


def _batch(rows: list[tuple[Any, ...]], schema: Any) -> Any:
    import pyarrow as pa

    cols = list(zip(*rows)) if rows else [[] for _ in schema]
    return pa.RecordBatch.from_arrays([pa.array(c, type=f.type) for c, f in zip(cols, schema)], schema=schema)


def read_store(conn: sqlite3.Connection) -> RawTables:
    """Every event, participant and registry actor of a store, read ``CHUNK`` rows at a time."""
    import pyarrow as pa

    out: dict[str, Any] = {}
    for table, sql in _sql(conn).items():
        schema = raw_schema(table)
        cursor = conn.execute(sql)
        batches = []
        while rows := cursor.fetchmany(CHUNK):
            batches.append(_batch(rows, schema))
        out[table] = pa.Table.from_batches(batches, schema=schema)
    return RawTables(**out)
