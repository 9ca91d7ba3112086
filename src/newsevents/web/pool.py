"""A small pool of read-only SQLite connections shared by the request threads."""

from __future__ import annotations

import queue
import sqlite3
import threading
from contextlib import contextmanager
from typing import Iterator

from newsevents.store import open_store
from newsevents.store.sqlite import SQLiteStore


class ReadPool:
    """Read-only connections to one database: reused across requests, at most ``keep`` kept idle."""

    def __init__(self, db: str, keep: int = 8) -> None:
        self.db = db
        self.keep = keep
        self._idle: queue.LifoQueue[SQLiteStore] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._closed = False
        first = self._open()  # fail now, with the store's message, if the database is unusable
        self.pending = pending_migrations(first.conn)
        self._idle.put(first)

    def _open(self) -> SQLiteStore:
        store = open_store(self.db, readonly=True)
        store.conn.execute("PRAGMA query_only=ON")
        return store

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """Lend one connection for the duration of a request."""
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = self._open()
        try:
            yield store.conn
        finally:
            with self._lock:
                keep = not self._closed and self._idle.qsize() < self.keep
            if keep:
                self._idle.put(store)
            else:
                store.close()

    def close(self) -> None:
        """Close every idle connection; connections in use close when returned."""
        with self._lock:
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def pending_migrations(conn: sqlite3.Connection) -> list[str]:
    """Migrations shipped but not applied to this database (a read-only server cannot apply them)."""
    from newsevents.store.migrate import migration_scripts

    try:
        done = {r[0] for r in conn.execute("SELECT name FROM _migrations")}
    except sqlite3.Error:
        done = set()
    return [name for name, _ in migration_scripts() if name not in done]
