"""A refresh reads and scores only a window of events (store.clusters.window_update), yet stores what a full rebuild stores."""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import pytest
from test_registry_store import store_documents, tables

from newsevents import api
from newsevents.store import open_store
from newsevents.store import read as read_module

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from registry_bench import Corpus  # noqa: E402


def dense_corpus(seed: int, count: int) -> list:
    """Synthetic articles (name variants, happenings told by up to four outlets) crowded into the last two weeks, so many cluster."""
    corpus = Corpus(seed)
    corpus.first_day = 716
    return list(corpus.documents(0, count))


def batches(docs: list, rnd: random.Random) -> list[list]:
    """``docs`` shuffled and cut into three to five batches."""
    docs = docs[:]
    rnd.shuffle(docs)
    cuts = sorted(rnd.sample(range(1, len(docs)), rnd.randint(2, 4)))
    return [docs[a:b] for a, b in zip([0, *cuts], [*cuts, len(docs)])]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_windowed_refreshes_in_random_batches_equal_one_full_rebuild(tmp_path: Path, seed: int) -> None:
    docs = dense_corpus(seed, 70)
    step = tmp_path / "step.db"
    settings = store_documents(step, *batches(docs, random.Random(seed)))
    stepwise = tables(step)
    assert stepwise["event_clusters"] and any(row[6] > 1 for row in stepwise["event_clusters"])  # multi-article clusters exist
    api.cluster_events(settings, rebuild=True)
    assert tables(step) == stepwise
    once = tmp_path / "once.db"
    store_documents(once, docs)
    assert tables(once) == stepwise


def test_a_refresh_reads_only_the_events_near_the_new_ones(tmp_path: Path, monkeypatch) -> None:
    corpus = Corpus(4)
    old = list(corpus.documents(0, 120))
    corpus.first_day = 725  # the new articles tell happenings of the last five days only
    new = list(corpus.documents(120, 5))
    db = tmp_path / "w.db"
    store_documents(db, old)
    read: list[str] = []
    real = read_module._events_where
    monkeypatch.setattr(read_module, "_events_where", lambda conn, where, params: read.extend(params) or real(conn, where, params))
    settings = store_documents(db, new)
    assert read and len(set(read)) < 40  # a window of articles, not the 125 stored
    windowed = tables(db)
    api.cluster_events(settings, rebuild=True)
    assert tables(db) == windowed


def test_an_event_gone_since_reopens_its_cluster(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    settings = store_documents(db, dense_corpus(5, 40))
    conn = sqlite3.connect(db)  # as a re-coding that dropped one event would leave it (its member row stays)
    try:
        gone = conn.execute("SELECT event_id FROM event_cluster_members WHERE cluster_id IN "
                            "(SELECT id FROM event_clusters WHERE mentions > 2) ORDER BY cluster_id, event_id").fetchone()[0]  # fmt: skip
        for table, column in (("event_evidence", "event_id"), ("event_actors", "event_id"), ("events", "id")):
            conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (gone,))
        conn.commit()
    finally:
        conn.close()
    api.rebuild_registry(settings)
    after = tables(db)
    assert gone not in {row[1] for row in after["event_cluster_members"]}
    api.cluster_events(settings, rebuild=True)
    assert tables(db) == after


def test_the_window_sees_every_event_a_batch_would_score(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    store_documents(db, dense_corpus(6, 30))
    conn = sqlite3.connect(db)
    try:
        days = [r[0] for r in conn.execute("SELECT DISTINCT date FROM events WHERE length(date) = 10")]
        every = {r[0] for r in conn.execute("SELECT id FROM events WHERE length(date) = 10 AND type IN ('ASSAULT', 'COERCE')")}
        found = {r[0] for r in read_module.events_on_days(conn, {"ASSAULT", "COERCE"}, days)}
    finally:
        conn.close()
    assert every and every <= found


def test_a_correction_between_ingests_reopens_the_clusters_of_the_actors_it_merges(tmp_path: Path) -> None:
    docs = dense_corpus(7, 60)
    db = tmp_path / "m.db"
    settings = store_documents(db, docs[:40])
    conn = sqlite3.connect(db)
    try:
        busiest = [r[0] for r in conn.execute(
            "SELECT canonical_id FROM event_actors WHERE canonical_id LIKE 'person:%' AND role = 'actor' "
            "GROUP BY canonical_id ORDER BY count(*) DESC, canonical_id LIMIT 2")]  # fmt: skip
    finally:
        conn.close()
    assert len(busiest) == 2
    api.correct_actors(settings, "merge", busiest[0], busiest[1])  # its refresh runs on the stored clusters: a window
    windowed = tables(db)
    assert busiest[1] not in {row[0] for row in windowed["registry_actors"]}
    api.cluster_events(settings, rebuild=True)
    assert tables(db) == windowed
    store_documents(db, docs[40:])
    windowed = tables(db)
    api.cluster_events(settings, rebuild=True)
    assert tables(db) == windowed


def test_windowed_refreshes_store_what_a_full_rebuild_stores_on_both_backends(store_url: str) -> None:
    from test_registry_store import TABLES

    docs = dense_corpus(8, 40)
    settings = store_documents(store_url, docs[:25], docs[25:])  # type: ignore[arg-type]

    def snapshot() -> dict[str, list[tuple]]:
        with open_store(store_url) as store:
            return {name: [tuple(r) for r in store.conn.execute(sql).fetchall()] for name, sql in TABLES.items()}

    windowed = snapshot()
    assert windowed["event_clusters"]
    api.cluster_events(settings, rebuild=True)
    assert snapshot() == windowed
