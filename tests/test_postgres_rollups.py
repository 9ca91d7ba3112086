"""Rollup tables kept current on write (#9 item 4, migration 0014): after inserts, registry updates, deletions and
a reingest, on SQLite and on PostgreSQL, they equal a recomputation from the events and their participants."""

from __future__ import annotations

import dataclasses

from factories import make_document
from newsevents.query import EVENT_DAY
from newsevents.records import ActorRef
from newsevents.store import open_store
from newsevents.store.sqlite import document_rows, insert_sql

_DAY = EVENT_DAY
_MONTH = f"coalesce(substr({_DAY}, 1, 7), 'none')"
# the rollups' meaning, written out over the base tables (not the migration's views)
RECOMPUTED = {
    "rollup_type_month": f"SELECT substr({_DAY}, 1, 7), e.type, count(*), coalesce(sum(e.goldstein), 0), count(e.goldstein) "
                         f"FROM events e WHERE {_DAY} IS NOT NULL GROUP BY 1, 2",
    "rollup_actor_month": f"SELECT x.canonical_id, {_MONTH}, sum(CASE WHEN x.role = 'actor' THEN 1 ELSE 0 END), "
                          f"sum(CASE WHEN x.role = 'target' THEN 1 ELSE 0 END) FROM event_actors x JOIN events e ON e.id = x.event_id "
                          f"WHERE x.canonical_id IS NOT NULL GROUP BY 1, 2",
    "rollup_pair_month": f"SELECT month, a, b, count(*), coalesce(sum(g), 0), count(g) FROM (SELECT DISTINCT e.id, x.canonical_id AS a, "
                         f"y.canonical_id AS b, {_MONTH} AS month, e.goldstein AS g FROM event_actors x JOIN event_actors y "
                         f"ON y.event_id = x.event_id AND x.canonical_id < y.canonical_id JOIN events e ON e.id = x.event_id "
                         f"WHERE y.role <> x.role OR (e.reciprocal <> 0 AND x.role = 'actor' AND y.role = 'actor')) p GROUP BY 1, 2, 3",
}  # fmt: skip
STORED = {
    "rollup_type_month": "SELECT month, type, events, goldstein, scored FROM rollup_type_month",
    "rollup_actor_month": "SELECT actor_id, month, as_actor, as_target FROM rollup_actor_month",
    "rollup_pair_month": "SELECT month, a, b, events, goldstein, scored FROM rollup_pair_month",
}


def _rows(conn, sql: str) -> list[tuple]:
    return sorted(tuple(round(v, 6) if isinstance(v, float) else v for v in row) for row in conn.execute(sql))


def _check(store) -> dict[str, int]:
    """Each rollup equals its recomputation; return how many rows each holds."""
    sizes = {}
    for table, sql in RECOMPUTED.items():
        assert _rows(store.conn, STORED[table]) == _rows(store.conn, sql), table
        sizes[table] = len(_rows(store.conn, sql))
    return sizes


def _documents():
    docs = []
    for n, published in enumerate(["2024-07-27", "2024-08-03", "2023-12-30", "2024-07-02"]):
        doc = make_document(n, published=published)
        first, second = doc.events
        if n == 1:  # a reciprocal meeting of three, one of them named twice, with an undated, unscored event
            first = dataclasses.replace(first, reciprocal=True, goldstein=None, date=None, actors=(
                ActorRef("Vladimir Putin", "e1", "RUS", "GOV"), ActorRef("Ebrahim Raisi", "e2", "IRN", "GOV"), ActorRef("Putin", "e1", "RUS", "GOV")))
        if n == 2:
            second = dataclasses.replace(second, date="2023-11")
        docs.append(dataclasses.replace(doc, events=(first, second)))
    return docs


def _resolve(store, names: dict[str, str | None]) -> None:
    """What a registry rebuild does: set each participant's registry id (by name), one UPDATE per row."""
    rows = store.conn.execute("SELECT rowid, name FROM event_actors").fetchall()
    with store._write():
        store.conn.executemany("UPDATE event_actors SET canonical_id = ? WHERE rowid = ?", [(names.get(r["name"]), r["rowid"]) for r in rows])


def _drop_events(store, article_id: str) -> None:
    """Delete an article's events as a recoding does: participants and evidence first, then the events."""
    with store._write():
        for table in ("event_actors", "event_evidence"):
            store.conn.execute(f"DELETE FROM {table} WHERE event_id IN (SELECT id FROM events WHERE article_id = ?)", (article_id,))
        store.conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))


def _insert_events(store, doc) -> None:
    """Store an article's (recoded) events again: the same rows write_documents writes for them."""
    with store._write():
        for table, columns, rows in document_rows(doc):
            if table in ("events", "event_evidence", "event_actors"):
                store.conn.executemany(insert_sql(table, columns), rows)


def test_rollups_equal_a_recomputation_through_inserts_registry_updates_deletions_and_a_reingest(store_url):
    docs = _documents()
    names = {"Vladimir Putin": "putin", "Putin": "putin", "Ebrahim Raisi": "raisi", "police": "iran-police", "protesters": "iran-protesters"}
    with open_store(store_url) as store:
        assert _check(store) == {"rollup_type_month": 0, "rollup_actor_month": 0, "rollup_pair_month": 0}
        store.write_documents(docs[:3])
        assert _check(store)["rollup_type_month"] == 5, "an undated event counts under its article's month"
        _resolve(store, names)
        sizes = _check(store)
        assert sizes["rollup_pair_month"] >= 4 and sizes["rollup_actor_month"] >= 8
        store.write_documents(docs[3:])  # a new article after the registry: its participants have no registry id yet
        _check(store)
        _resolve(store, {**names, "Ebrahim Raisi": "putin", "protesters": None})  # a merge, and an actor no longer resolved
        _check(store)
        _drop_events(store, docs[1].article.id)
        _check(store)
        recoded = dataclasses.replace(docs[1], events=tuple(dataclasses.replace(e, goldstein=-2.0, type="ACCUSE") for e in docs[1].events))
        _insert_events(store, recoded)
        _resolve(store, names)
        _check(store)
        for doc in docs:
            _drop_events(store, doc.article.id)
        assert _check(store) == {"rollup_type_month": 0, "rollup_actor_month": 0, "rollup_pair_month": 0}
        assert store.conn.execute("SELECT count(*) FROM rollup_type_month").fetchone()[0] == 0
