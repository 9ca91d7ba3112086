"""PostgreSQL store: the SQLite store's methods over the ``store/postgres.py`` adapter, with COPY for documents.

``--db postgresql://USER@HOST:PORT/DBNAME`` opens this store; ``?options=-csearch_path%3DNAME`` picks
a schema (created when missing). The same named migrations are applied (``migrate.postgres_scripts``)
and the same query layer reads it. Every write transaction takes one advisory lock, waited for up to
``busy_timeout`` seconds (``lock_timeout``), so writers queue as they do on SQLite.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from newsevents.dedup.records import Screening
from newsevents.errors import StoreError
from newsevents.records import Document
from newsevents.settings import SETTINGS
from newsevents.store.duplicates import write_screening
from newsevents.store.migrate import migrate
from newsevents.store.postgres import Connection, PostgresError, connect, redact
from newsevents.store.sqlite import ACTOR_UPSERT, ARTICLE_COLUMNS, IGNORED, Rows, SQLiteStore, article_row, document_rows

#: PostgreSQL error classes (SQLSTATE) and what to do about them
_ADVICE = {
    "55P03": "another process holds the write lock and did not release it within {timeout:g} s; wait for it to finish and try again, "
             "or wait longer with NEWSEVENTS_BUSY_TIMEOUT=SECONDS (setting busy_timeout)",
    "53100": "the server's disk is full; nothing of the failed write was stored; free some space on the server, then run again",
    "25006": "the connection is read-only; open the store without readonly to write",
    "23505": "a row with the same key is stored already; nothing of the failed write was stored; this is a bug, please report it with the input",
}  # fmt: skip


class PostgresStore(SQLiteStore):
    """The store on PostgreSQL. Writes go through this object only; reads may use ``conn`` directly."""

    def __init__(self, url: str, *, readonly: bool = False, busy_timeout: float = SETTINGS["busy_timeout"][0]) -> None:
        self.url = url
        self.path = redact(url)
        self.busy_timeout = max(0.0, float(busy_timeout))
        self.conn: Connection = connect(url, readonly=readonly)  # type: ignore[assignment]
        try:
            self.conn.raw.execute(f"SET lock_timeout = {int(self.busy_timeout * 1000)}")
            if readonly:
                if self.conn.execute("SELECT to_regclass('_migrations')").fetchone()[0] is None:
                    raise StoreError(f"database {self.path} holds no newsevents store; create it with `newsevents ingest PATH --db {self.path}`")
            else:
                migrate(self.conn)  # type: ignore[arg-type]
        except PostgresError as exc:
            self.conn.close()
            raise self._error(exc, "open") from exc
        except BaseException:
            self.conn.close()
            raise

    def _error(self, exc: Exception, action: str = "write to") -> StoreError:  # type: ignore[override]
        """A StoreError that names the database, says what went wrong and what to do about it."""
        advice = _ADVICE.get(getattr(exc, "sqlstate", None) or "", "check that the server is running and that --db names the right database")
        return StoreError(f"cannot {action} database {self.path}: {str(exc).strip()}; {advice.format(timeout=self.busy_timeout)}")

    def write_documents(self, docs: Iterable[Document], *, input_ids: dict[str, int] | None = None, run_id: int | None = None,
                        screened: Mapping[str, Screening] | None = None) -> int:  # fmt: skip
        """Store documents (skipping ids already stored) in one transaction with COPY; return how many were new.

        The same rows as ``SQLiteStore.write_documents``, in the same order, so rowids follow the same order too.
        """
        docs = list(docs)
        with self._write():
            stored = self.known_articles(d.article.id for d in docs)
            new: list[Document] = []
            for doc in docs:
                if doc.article.id not in stored:
                    stored.add(doc.article.id)
                    new.append(doc)
            self.conn.copy("articles", ARTICLE_COLUMNS, [article_row(d, (input_ids or {}).get(d.article.origin), run_id) for d in new])
            tables: dict[str, tuple[tuple[str, ...], Rows]] = {}
            for doc in new:
                for table, columns, rows in document_rows(doc):
                    tables.setdefault(table, (columns, []))[1].extend(rows)
            for table, (columns, rows) in tables.items():
                if table == "actors":  # an upsert: merges country and sector row by row, as SQLite does
                    self.conn.executemany(ACTOR_UPSERT, rows)
                else:
                    self.conn.copy(table, columns, self._first_of_key(table, columns, rows) if table in IGNORED else rows)
            for doc in new:
                if screened and doc.article.id in screened:
                    write_screening(self.conn, screened[doc.article.id])  # type: ignore[arg-type]
        return len(new)

    def _first_of_key(self, table: str, columns: tuple[str, ...], rows: Rows) -> Rows:
        """``rows`` without those whose key is stored already or came earlier (what INSERT OR IGNORE leaves)."""
        at = [columns.index(c) for c in IGNORED[table]]
        event = at[0]  # every IGNORED key starts with the event id
        ids = sorted({row[event] for row in rows})
        known: set[tuple[Any, ...]] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            found = self.conn.execute(f"SELECT {', '.join(IGNORED[table])} FROM {table} WHERE {columns[event]} IN ({','.join('?' * len(chunk))})", chunk)
            known.update(tuple(r) for r in found)
        out = []
        for row in rows:
            key = tuple(row[i] for i in at)
            if key not in known:
                known.add(key)
                out.append(row)
        return out
