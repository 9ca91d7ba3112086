"""Memoised aggregate query results, dropped as soon as the database files change.

The server only reads, and the database changes only when an ingest run writes. So a result
may be reused until then: the cache key includes a generation read from the size and mtime of
the database and its WAL file (two ``stat`` calls), or on PostgreSQL from the server's next
transaction id (``store.postgres.data_version``). Concurrent misses on one key compute once.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable, TypeVar

from newsevents.store.postgres import connect, data_version, is_postgres

T = TypeVar("T")


class ResultCache:
    """A small LRU of query results for one database, invalidated when the database changes."""

    def __init__(self, db: str, size: int = 128) -> None:
        self.db = db
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}
        self._generation: tuple[int, ...] | None = None
        self.hits = 0
        self.misses = 0
        self._pg: Any = None  # on PostgreSQL the generation is the server's write counter, not a file's stat
        if is_postgres(db):
            self._pg = connect(db, readonly=True)
            self._pg_lock = threading.Lock()

    def generation(self) -> tuple[int, ...]:
        """Size and modification time of the database and its WAL (on PostgreSQL, the server's write counter): changes whenever a writer commits."""
        if self._pg is not None:
            with self._pg_lock:
                return (data_version(self._pg),)
        out: list[int] = []
        for path in (self.db, self.db + "-wal"):
            try:
                st = os.stat(path)
                out += [st.st_size, st.st_mtime_ns]
            except OSError:
                out += [-1, -1]
        return tuple(out)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached result for ``key``, computing it (once, even under concurrency) when missing or stale."""
        if self.size <= 0:
            return compute()
        gen = self.generation()
        with self._lock:
            if gen != self._generation:
                self._items.clear()
                self._generation = gen
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._items and self._generation == gen:
                    self.hits += 1
                    return self._items[key]
            value = compute()
            with self._lock:
                self.misses += 1
                self._key_locks.pop(key, None)
                if self._generation == gen:
                    self._items[key] = value
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
        return value
