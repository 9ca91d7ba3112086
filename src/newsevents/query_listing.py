"""One SQL statement per list, read three ways: one page (limit and cursor), every match in chunks, the number of matches.

A ``Listing`` is built (and its filters checked) before anything runs, so a bad value is refused
before an export has sent a byte. ``stream`` reads the statement through one cursor, ``CHUNK``
rows at a time, so an export of any size holds one chunk in memory.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Callable, Iterator

#: rows read (and converted) at a time when streaming every match
CHUNK = 500

Convert = Callable[[sqlite3.Connection, list[sqlite3.Row]], list[dict[str, Any]]]


def plain(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Rows as plain dicts."""
    return [dict(r) for r in rows]


@dataclass(frozen=True)
class Listing:
    """A list query: ``sql`` selects every match in order (no LIMIT); ``count_sql`` counts them.

    ``page_sql``, when given, reads one page faster than ``sql`` with a LIMIT: the same rows, its last
    two parameters the limit and offset (after ``params``). Lists use it to pick a page's keys from an
    index first and join the rest only for those rows, so a far page does not join every row it skips.
    """

    sql: str
    params: tuple[Any, ...]
    count_sql: str
    count_params: tuple[Any, ...]
    convert: Convert = plain
    page_sql: str | None = None


def page(conn: sqlite3.Connection, listing: Listing, limit: int | None, cursor: str | None) -> dict[str, Any]:
    """One page ``{"items", "next"}`` of the listing; ``next`` is the cursor of the following page, or None."""
    from newsevents.query import _page, page_args

    limit, offset = page_args(limit, cursor)
    rows = conn.execute(listing.page_sql or f"{listing.sql} LIMIT ? OFFSET ?", (*listing.params, limit + 1, offset)).fetchall()
    return {"items": listing.convert(conn, rows[:limit]), "next": _page(rows, limit, offset)["next"]}


def stream(conn: sqlite3.Connection, listing: Listing, chunk: int = CHUNK) -> Iterator[dict[str, Any]]:
    """Every match, in order, read ``chunk`` rows at a time through one cursor."""
    cursor = conn.execute(listing.sql, listing.params)
    try:
        while rows := cursor.fetchmany(chunk):
            yield from listing.convert(conn, rows)
    finally:
        cursor.close()


def every_page(fetch: Callable[[str | None], dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every item of a paged list function (``fetch(cursor)``), following its ``next`` cursors: for lists built without a Listing."""
    cursor: str | None = None
    while True:
        result = fetch(cursor)
        yield from result["items"]
        if not (cursor := result["next"]):
            return


def count(conn: sqlite3.Connection, listing: Listing) -> int:
    """How many rows the listing holds."""
    return int(conn.execute(listing.count_sql, listing.count_params).fetchone()[0])


def count_clusters(conn: sqlite3.Connection, **filters: Any) -> int:
    """How many event clusters ``query_clusters.list_clusters`` lists for these filters."""
    from newsevents.query_clusters import cluster_where, has_clusters

    if not has_clusters(conn):
        return 0
    where, params = cluster_where(conn, **filters)
    return int(conn.execute(f"SELECT count(*) FROM event_clusters c {where}", params).fetchone()[0])


def count_entities(conn: sqlite3.Connection, *, type: str | None = None) -> int:
    """How many entities (distinct name and type) ``query.top_entities`` ranks for this type filter."""
    sql = "SELECT count(*) FROM (SELECT 1 FROM entities en WHERE (? IS NULL OR en.type = ?) GROUP BY en.name, en.type) AS ranked"
    return int(conn.execute(sql, (type, type)).fetchone()[0])


def count_places(conn: sqlite3.Connection, f: Any = None) -> int:
    """How many places with coordinates ``query.event_places`` ranks for the event filter ``f``."""
    from newsevents.query import EventFilter, _event_where

    where, params = _event_where(conn, f or EventFilter())
    has_point = "e.lat IS NOT NULL AND e.lon IS NOT NULL"
    where = f"{where} AND {has_point}" if where else f"WHERE {has_point}"
    sql = f"SELECT count(*) FROM (SELECT 1 FROM events e {where} GROUP BY e.location_name, e.location_country, e.lat, e.lon) AS ranked"
    return int(conn.execute(sql, params).fetchone()[0])
