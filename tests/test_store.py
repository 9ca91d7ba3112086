"""The store on SQLite and on PostgreSQL: migrations, idempotent writes, round trip to the JSON contract, queries."""

from __future__ import annotations

import json
import sqlite3
from importlib import resources

import jsonschema
import pytest

from factories import make_document
from newsevents import query
from newsevents.errors import NotFound, QueryError
from newsevents.store import open_store
from newsevents.store.migrate import migration_scripts

SCHEMA = json.loads((resources.files("newsevents") / "schema" / "article.schema.json").read_text())


@pytest.fixture()
def store(store_url):
    with open_store(store_url) as s:
        yield s


def test_migrations_are_named_recorded_and_applied_once(tmp_path):
    path = tmp_path / "m.db"
    open_store(path).close()
    open_store(path).close()
    names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM _migrations ORDER BY name")]
    assert names == [n for n, _ in migration_scripts()]
    assert names[0] == "0001_articles"
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_round_trip_equals_the_records_json_and_matches_the_schema(store):
    doc = make_document(1)
    assert store.write_documents([doc]) == 1
    assert store.write_documents([doc]) == 0  # stored once
    back = store.read_document(doc.article.id)
    assert back is not None
    assert back.to_dict() == doc.to_dict()
    jsonschema.validate(back.to_dict(), SCHEMA)


def test_queries_filter_events_actors_roles_and_dyads(store):
    store.write_documents([make_document(i, published=f"2024-07-{20 + i:02d}") for i in range(3)])
    conn = store.conn
    page = query.list_events(conn, query.EventFilter(country="irn", type="COERCE"), limit=2)
    assert len(page["items"]) == 2 and page["next"]
    rest = query.list_events(conn, query.EventFilter(country="IRN", type="COERCE"), limit=2, cursor=page["next"])
    assert len(rest["items"]) == 1 and rest["next"] is None
    assert all(e["actors"][0]["sector"] == "COP" for e in page["items"] + rest["items"])
    consult = query.list_events(conn, query.EventFilter(actor="vladimir-putin", target="IRN"))["items"]
    assert {e["type"] for e in consult} == {"CONSULT"}
    series = query.dyad_series(conn, "RUS", "IRN")
    assert series["series"] == [{"period": "2024-07-25", "quad_class": 1, "events": 3, "goldstein": 3.0}]
    roles = query.list_roles(conn, country="IRN")
    assert roles[0]["person"] == "Ebrahim Raisi" and roles[0]["first_seen"] == "2024-07-20" and roles[0]["last_seen"] == "2024-07-22"
    actor = query.get_actor(conn, "vladimir-putin")
    assert actor["partners"][0]["name"] == "Ebrahim Raisi"
    assert query.list_articles(conn, q="protesters Tehran")["items"]
    assert query.stats(conn)["events"] == 6


def test_bad_query_values_are_query_errors(store):
    with pytest.raises(QueryError, match="limit"):
        query.list_events(store.conn, limit=10_000)
    with pytest.raises(QueryError, match="PLOVER"):
        query.list_events(store.conn, query.EventFilter(type="BOMBING"))
    with pytest.raises(QueryError, match="cursor"):
        query.list_events(store.conn, cursor="nonsense!")
    with pytest.raises(QueryError, match="date"):
        query.list_events(store.conn, query.EventFilter(date_from="last week"))
    with pytest.raises(NotFound):
        query.get_article(store.conn, "nope")
