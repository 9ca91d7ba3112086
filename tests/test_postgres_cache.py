"""The web result cache drops its results when a PostgreSQL store is written to, as it does for a SQLite file."""

from __future__ import annotations

from factories import make_document
from newsevents.store import open_store
from newsevents.web.cache import ResultCache


def test_the_cache_generation_moves_on_a_postgres_write_and_only_then(emptied_postgres):
    cache = ResultCache(emptied_postgres)
    computed = []

    def count() -> int:
        computed.append(1)
        with open_store(emptied_postgres) as store:
            return store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    assert cache.get("articles", count) == 0
    assert cache.get("articles", count) == 0 and len(computed) == 1, "a read leaves the generation where it was"
    with open_store(emptied_postgres) as store:
        store.write_documents([make_document()])
    assert cache.get("articles", count) == 1 and len(computed) == 2, "a write drops the cached result"
