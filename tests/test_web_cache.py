"""The web layer's result cache: reused until the database changes, then recomputed."""

from __future__ import annotations

import threading
import time

import httpx

from test_web_data import ServerThread, build_web_db, make_doc
from newsevents.store import open_store
from newsevents.web.cache import ResultCache


def test_cache_reuses_until_the_database_file_changes(tmp_path):
    db = tmp_path / "c.db"
    db.write_bytes(b"one")
    cache = ResultCache(str(db), size=2)
    calls = []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert cache.get("k", compute) == 1 and cache.get("k", compute) == 1
    db.write_bytes(b"two, longer")
    assert cache.get("k", compute) == 2
    cache.get("a", compute), cache.get("b", compute)  # evicts "k" (least recently used)
    assert cache.get("k", compute) == 5 and cache.hits == 1


def test_cache_size_zero_always_computes(tmp_path):
    cache = ResultCache(str(tmp_path / "none.db"), size=0)
    calls = []
    for _ in range(3):
        cache.get("k", lambda: calls.append(1))
    assert len(calls) == 3


def test_concurrent_misses_compute_once(tmp_path):
    cache = ResultCache(str(tmp_path / "x.db"))
    calls = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 8 and len(calls) == 1


def test_served_aggregates_follow_an_ingest(tmp_path):
    db = build_web_db(tmp_path / "live.db")
    with ServerThread(db) as server, httpx.Client(base_url=server.url, timeout=10) as client:
        assert client.get("/api/stats").json()["articles"] == 7
        before = client.get("/api/dyads/RUS/IRN").json()
        new = make_doc(77, "Putin meets Raisi again", ("Vladimir Putin met Ebrahim Raisi in Tehran.",), "2024-08-02", [
            {"trigger": "met", "type": "CONSULT", "actor": "Vladimir Putin", "target": "Ebrahim Raisi", "place": "Tehran", "date": "2024-08-02"},
        ], people=("Vladimir Putin", "Ebrahim Raisi"))
        with open_store(db) as store:  # another process would do the same: the server only reads
            store.write_documents([new])
        assert client.get("/api/stats").json()["articles"] == 8
        after = client.get("/api/dyads/RUS/IRN").json()
        assert len(after["events"]) == len(before["events"]) + 1
        assert "Putin meets Raisi again" in client.get("/").text
