"""Migration 0012: the event-day index is the expression the query layer sorts and filters on, and SQLite's planner uses it."""

from __future__ import annotations

import re
import sqlite3
import uuid

import pytest

from test_web_data import build_web_db
from newsevents import query
from newsevents.query import EventFilter
from newsevents.store.migrate import migration_scripts

MIGRATION = dict(migration_scripts())["0012_event_day_index"]


def index_expressions() -> list[str]:
    """The event-day expression of each index the migration creates."""
    return re.findall(r"CREATE INDEX \w+ ON events\((?:type, )?(\(CASE .*? END\)) DESC, id\);", MIGRATION)


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    """A read connection to the hand-made corpus, migrated to 0012."""
    db = build_web_db(tmp_path_factory.mktemp("day") / "web.db")
    c = sqlite3.connect(db)
    c.row_factory = sqlite3.Row
    yield c
    c.close()


def plan(conn: sqlite3.Connection, sql: str, params: tuple) -> str:
    """SQLite's query plan, one step a line."""
    return "\n".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_both_indexes_repeat_one_expression():
    found = index_expressions()
    assert len(found) == 2 and found[0] == found[1]


def test_index_expression_is_the_query_layers_event_day():
    assert index_expressions()[0] == re.sub(r"\be\.", "", query.EVENT_DAY)


@pytest.mark.parametrize("f", [EventFilter(), EventFilter(date_from="2024-07"), EventFilter(date_from="2024-07-16", date_to="2024-07-20"),
                               EventFilter(type="ACCUSE"), EventFilter(type="ACCUSE", date_to="2024-07-18")])  # fmt: skip
def test_planner_reads_newest_first_and_date_ranges_from_the_index(conn, f):
    listing = query.events_listing(conn, f, sort="date")
    steps = plan(conn, listing.sql + " LIMIT 51", listing.params)
    assert re.search(r"USING INDEX events(_type)?_event_day", steps), steps
    assert "TEMP B-TREE FOR ORDER BY" not in steps, steps  # no sort of every match
    if f.date_from or f.date_to:
        assert re.search(r"INDEX events(_type)?_event_day \((type=\? AND )?<expr>", steps), steps  # a range search, not a scan
        counted = plan(conn, listing.count_sql, listing.count_params)
        assert "event_day" in counted, counted


def test_the_old_indexes_of_an_outdated_expression_are_gone(conn):
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")}
    assert {"events_event_day", "events_type_event_day"} <= names and not {"events_day", "events_type_day"} & names


def test_migration_is_valid_postgresql():
    psycopg = pytest.importorskip("psycopg")
    try:
        pg = psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=3, autocommit=True)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL on 127.0.0.1:5432 ({exc})")
    schema = f"t12_{uuid.uuid4().hex[:10]}"
    with pg:
        pg.execute(f"CREATE SCHEMA {schema}")
        try:
            pg.execute(f"SET search_path = {schema}")
            pg.execute("CREATE TABLE events (id TEXT PRIMARY KEY, type TEXT, date TEXT, published TEXT, historical INTEGER NOT NULL DEFAULT 0)")
            pg.execute("CREATE INDEX events_day ON events(id)")  # stands in for 0004's index, which 0012 drops
            pg.execute(MIGRATION)
            names = {r[0] for r in pg.execute("SELECT indexname FROM pg_indexes WHERE schemaname = %s", (schema,))}
            assert {"events_event_day", "events_type_event_day"} <= names and "events_day" not in names
        finally:
            pg.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.mark.parametrize("f", [EventFilter(actor="RUS"), EventFilter(actor="RUS", date_from="2024-07-16"), EventFilter(target="IRN", type="ACCUSE")])
def test_a_common_side_is_read_newest_first_and_lists_the_same_events(conn, monkeypatch, f):
    """A side with many participants is tested per event so a page reads the event-day index in order; a rare one is listed first."""
    monkeypatch.setattr(query, "COMMON_SIDE", 10**9)
    rare = [e["id"] for e in query.list_events(conn, f, limit=200)["items"]]
    rare_oldest = [e["id"] for e in query.list_events(conn, f, sort="-date", limit=200)["items"]]
    rare_count = query.count(conn, query.events_listing(conn, f))
    monkeypatch.setattr(query, "COMMON_SIDE", 1)
    listing = query.events_listing(conn, f)
    assert "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.role" in listing.page_sql
    assert "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.role" not in listing.count_sql  # counting lists ids once
    steps = plan(conn, listing.page_sql, (*listing.params, 51, 0))
    assert re.search(r"USING (COVERING )?INDEX events(_type)?_event_day", steps), steps
    assert [e["id"] for e in query.list_events(conn, f, limit=200)["items"]] == rare and rare
    assert query.count(conn, listing) == rare_count
    assert [e["id"] for e in query.list_events(conn, f, sort="-date", limit=200)["items"]] == rare_oldest


@pytest.mark.parametrize("f", [EventFilter(place="Moscow", place_country="RUS"), EventFilter(place="Moscow", date_from="2024-07-16")])
def test_a_busy_place_is_read_newest_first_and_lists_the_same_events(conn, monkeypatch, f):
    """A place with many events is matched as an expression so its page reads the event-day index in order, not sorts them all."""
    monkeypatch.setattr(query, "COMMON_SIDE", 10**9)
    quiet = [e["id"] for e in query.list_events(conn, f, limit=200)["items"]]
    monkeypatch.setattr(query, "COMMON_SIDE", 1)
    listing = query.events_listing(conn, f)
    assert "coalesce(e.location_name, '') = ?" in listing.page_sql and "coalesce" not in listing.count_sql
    steps = plan(conn, listing.page_sql, (*listing.params, 51, 0))
    assert re.search(r"INDEX events(_type)?_event_day", steps) and "events_place" not in steps, steps
    assert [e["id"] for e in query.list_events(conn, f, limit=200)["items"]] == quiet and quiet
