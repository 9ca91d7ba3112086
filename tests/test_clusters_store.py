"""Event clusters in the store: one happening reported by several sources is one stored cluster with every member."""

from __future__ import annotations

import dataclasses
import json
import random
import sqlite3
from pathlib import Path

import pytest
from factories import make_document
from test_registry_store import store_documents, tables

from newsevents import api
from newsevents.records import Document
from newsevents.settings import Settings
from newsevents.store import open_store

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def told_by(n: int, source: str, status: str = "reported") -> Document:
    """The same meeting (and arrest) as another outlet tells it, with the meeting's status."""
    doc = make_document(n)
    article = dataclasses.replace(doc.article, source=source)
    met = dataclasses.replace(doc.events[0], status=status)
    return dataclasses.replace(doc, article=article, events=(met, doc.events[1]))


def rows(db: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_one_meeting_told_by_three_outlets_is_one_contested_cluster(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    store_documents(db, [told_by(1, "Wire A"), told_by(2, "Wire B"), told_by(3, "Wire C", status="denied")])
    meeting = rows(db, "SELECT * FROM event_clusters WHERE type = 'CONSULT'")
    assert len(meeting) == 1
    c = meeting[0]
    assert (c["articles"], c["sources"], c["mentions"], c["contested"], c["clusterer"]) == (3, 3, 3, 1, "newsevents.clusters.v1")
    assert json.loads(c["actors"]) == ["person:vladimir-putin"] and json.loads(c["targets"]) == ["person:ebrahim-raisi"]
    members = rows(db, "SELECT source, status FROM event_cluster_members WHERE cluster_id = ? ORDER BY source", c["id"])
    assert [tuple(m) for m in members] == [("Wire A", "reported"), ("Wire B", "reported"), ("Wire C", "denied")]
    assert rows(db, "SELECT count(*) FROM event_cluster_members")[0][0] == rows(db, "SELECT count(*) FROM events")[0][0]


def test_rewriting_in_place_and_rebuilding_leave_the_same_rows(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    settings = store_documents(db, [told_by(1, "Wire A"), told_by(2, "Wire B")])
    before = tables(db)
    assert api.cluster_events(settings)["written"] == 0
    assert api.cluster_events(settings, rebuild=True)["written"] == before["event_clusters"].__len__()
    assert tables(db) == before


@pytest.mark.slow
def test_the_example_corpus_in_two_random_orders_gives_the_same_registry_and_clusters(tmp_path: Path) -> None:
    once = tmp_path / "once.db"
    summary = api.ingest([str(CORPUS)], Settings.make(db=str(once), quiet=True))
    assert summary.stored > 40 and not summary.failed
    with open_store(once, readonly=True) as store:
        docs = list(store.iter_documents())
    expected = tables(once)
    assert len(expected["event_clusters"]) > 100 and len(expected["registry_actors"]) > 100
    for seed in (1, 2):
        order = docs[:]
        random.Random(seed).shuffle(order)
        cut = len(order) // 3
        db = tmp_path / f"order{seed}.db"
        store_documents(db, order[:cut], order[cut : 2 * cut], order[2 * cut :])
        assert tables(db) == expected
    putin = rows(once, "SELECT count(DISTINCT actor_id) FROM event_actors WHERE canonical_id = 'person:vladimir-putin'")[0][0]
    assert putin >= 2  # "Putin" and "Vladimir Putin" were two actors before the registry
