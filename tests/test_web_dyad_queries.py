"""A dyad answer looks each side's name up once and finds the events between A and B once, whatever it shows of them."""

from __future__ import annotations

import sqlite3

import pytest
from test_clusters_store import told_by
from test_registry_store import store_documents, surname_document

from newsevents import query


@pytest.fixture(scope="module")
def traced(tmp_path_factory):
    """A registry database, and a connection to it that records every SQL statement it runs."""
    db = tmp_path_factory.mktemp("dyad-queries") / "web.db"
    store_documents(db, [told_by(1, "Wire A"), told_by(2, "Wire B"), told_by(3, "Wire C", status="denied"), surname_document(4)])
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    yield conn, statements
    conn.close()


@pytest.mark.parametrize(("a", "b"), [("Putin", "IRN"), ("RUS", "Iran"), ("person:vladimir-putin", "IRN")])
def test_each_side_is_resolved_once_and_the_pair_joined_once(traced, a, b):
    conn, statements = traced
    statements.clear()
    data = query.dyad_series(conn, a, b, by="month", since="2024")
    assert data["series"] and data["events"] and data["events_total"] == len(data["events"])
    assert sum("FROM registry_aliases WHERE key" in s for s in statements) == 2  # A once, B once
    assert sum("JOIN event_actors y" in s for s in statements) == 1  # the events between them, found once
    assert data["directions"] == query.dyad_directions(conn, a, b, since="2024")  # the same answer as asked alone
    assert [e["id"] for e in data["events"]] == [e["id"] for e in query.list_events_between(conn, a, b, since="2024")]


def test_an_unknown_side_still_gets_suggestions(traced):
    conn, _ = traced
    data = query.dyad_series(conn, "Puttin", "IRN")
    assert data["series"] == [] and data["events_total"] == 0 and "Putin" in " ".join(data["suggestions"]["Puttin"])
