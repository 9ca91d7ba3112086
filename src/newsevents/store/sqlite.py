"""SQLite store: WAL mode, migrations on open, one writer, documents in and out as records.

Several processes may write the same file: every write is one ``BEGIN IMMEDIATE`` transaction
(a deferred one that upgrades its read lock to a write lock can fail with SQLITE_BUSY at once,
without waiting), and a busy database is waited for up to ``busy_timeout`` seconds.
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from newsevents.errors import StoreError
from newsevents.dedup.records import Known, Screening
from newsevents.ingest.fetch import Validators
from newsevents.records import Document, InputFailure, LoadedInput
from newsevents.settings import SETTINGS
from newsevents.store.actors import actor_key
from newsevents.store.attributions import ATTRIBUTION_COLUMNS, attribution_row
from newsevents.store.duplicates import known_near, unfingerprinted, write_fingerprint, write_screening
from newsevents.store.feeds import write_validators
from newsevents.store.migrate import immediate, migrate
from newsevents.store.postgres import is_postgres
from newsevents.store.read import read_document


def open_store(path: str | Path, *, readonly: bool = False, busy_timeout: float = SETTINGS["busy_timeout"][0]) -> "SQLiteStore":
    """Open (and migrate, unless read-only) the database at ``path`` (a file, or a ``postgresql://`` URL); wait up to ``busy_timeout`` s for a writer."""
    if is_postgres(str(path)):
        from newsevents.store.postgres_store import PostgresStore  # imports this module: loaded on use

        return PostgresStore(str(path), readonly=readonly, busy_timeout=busy_timeout)
    return SQLiteStore(path, readonly=readonly, busy_timeout=busy_timeout)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


Rows = list[tuple[Any, ...]]
ARTICLE_COLUMNS = ("id", "title", "source", "url", "published", "author", "origin", "text", "input_id", "run_id", "created")
EVENT_COLUMNS = (
    "id", "article_id", "type", "mode", "context", "cameo", "quad_class", "goldstein", "date", "date_text", "location_name",
    "location_country", "lat", "lon", "location_start", "location_end", "status", "sentence", "sentence_start", "evidence_start",
    "evidence_end", "confidence", "reciprocal", "published", "coder", "lexicon", "date_precision", "historical", "claim_source",
    "location_precision",
)  # fmt: skip
#: tables whose rows are written "or ignore" (an event id seen before keeps its first rows)
IGNORED = {"events": ("id",), "event_evidence": ("event_id", "position"), "event_actors": ("event_id", "role", "position")}
#: an actor seen again keeps its country and sector, or takes them from this mention
ACTOR_UPSERT = (
    "INSERT INTO actors(id, name, country, sector) VALUES (?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
    "country=COALESCE(actors.country, excluded.country), sector=COALESCE(actors.sector, excluded.sector)"
)


def article_row(doc: Document, input_id: int | None, run_id: int | None) -> tuple[Any, ...]:
    """The ``articles`` row of ``doc``, in ARTICLE_COLUMNS order."""
    a = doc.article
    return (a.id, a.title, a.source, a.url, a.published, a.author, a.origin, a.text, input_id, run_id, _now())


def insert_sql(table: str, columns: Sequence[str]) -> str:
    """The INSERT of one row of ``table`` (``actors`` is an upsert; the IGNORED tables keep the first row of a key)."""
    if table == "actors":
        return ACTOR_UPSERT
    verb = "INSERT OR IGNORE" if table in IGNORED else "INSERT"
    return f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def document_rows(doc: Document) -> list[tuple[str, tuple[str, ...], Rows]]:
    """(table, columns, rows) of everything ``doc`` stores beside its article row, in the order they are written."""
    a = doc.article
    events: Rows = []
    evidence: Rows = []
    actors: Rows = []
    parts: Rows = []
    for ev in doc.events:
        loc = ev.location
        events.append((
            ev.id, a.id, ev.type, ev.mode, json.dumps(list(ev.context)), ev.cameo, ev.quad_class, ev.goldstein, ev.date, ev.date_text,
            loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
            loc.start if loc else None, loc.end if loc else None,
            ev.status, ev.sentence, ev.sentence_start, ev.evidence_start, ev.evidence_end, ev.confidence, int(ev.reciprocal),
            a.published, ev.coder, ev.lexicon, ev.date_precision, int(ev.historical), ev.claim_source,
            loc.precision if loc else None,
        ))  # fmt: skip
        evidence += [(ev.id, i, span.start, span.end, span.text) for i, span in enumerate(ev.evidence_spans())]
        for role, refs in (("actor", ev.actors), ("target", ev.targets)):
            for i, ref in enumerate(refs):
                key = actor_key(ref.name, ref.country, named=ref.entity is not None)
                actors.append((key, ref.name, ref.country, ref.sector))
                parts.append((ev.id, role, i, key, ref.name, ref.entity, ref.country, ref.sector, ref.start, ref.end))
    return [
        ("captions", ("article_id", "position", "text", "credit"), [(a.id, i, c.text, c.credit) for i, c in enumerate(a.captions)]),
        ("paragraphs", ("article_id", "position", "start", "end"), [(a.id, i, s, e) for i, (s, e) in enumerate(a.paragraph_spans())]),
        ("entities", ("article_id", "id", "name", "type", "country", "title"), [(a.id, e.id, e.name, e.type, e.country, e.title) for e in doc.entities]),
        ("mentions", ("article_id", "entity_id", "start", "end", "text"), [(a.id, e.id, m.start, m.end, m.text) for e in doc.entities for m in e.mentions]),
        ("events", EVENT_COLUMNS, events),
        ("event_evidence", ("event_id", "position", "start", "end", "text"), evidence),
        ("actors", ("id", "name", "country", "sector"), actors),
        ("event_actors", ("event_id", "role", "position", "actor_id", "name", "entity", "country", "sector", "start", "end"), parts),
        ("quotes", ("article_id", "position", "text", "speaker", "speaker_entity", "start", "end"),
         [(a.id, i, q.text, q.speaker, q.speaker_entity, q.start, q.end) for i, q in enumerate(doc.quotes)]),
        ("attributions", ATTRIBUTION_COLUMNS, [attribution_row(a.id, at) for at in doc.attributions]),
        ("roles", ("article_id", "person", "office", "country", "seen", "entity", "actor_id"),
         [(a.id, r.person, r.office, r.country, r.seen, r.entity, actor_key(r.person, r.country, named=True)) for r in doc.roles]),
    ]  # fmt: skip


class SQLiteStore:
    """The default store. Writes go through this object only; reads may use ``conn`` directly."""

    def __init__(self, path: str | Path, *, readonly: bool = False, busy_timeout: float = SETTINGS["busy_timeout"][0]) -> None:
        self.path = str(path)
        self.busy_timeout = max(0.0, float(busy_timeout))
        conn: sqlite3.Connection | None = None
        try:
            if readonly:
                if not Path(self.path).exists():
                    raise StoreError(f"database {self.path} does not exist; create it with `newsevents ingest PATH --db {self.path}`")
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, timeout=self.busy_timeout, check_same_thread=False)
            else:
                try:
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(f"cannot create the folder of database {self.path}: {exc.strerror or exc}; choose another --db") from exc
                # timeout= sets SQLite's busy timeout before the first statement, so even the first read waits for a writer
                conn = sqlite3.connect(self.path, timeout=self.busy_timeout, check_same_thread=False)
                self.conn = conn
                self._use_wal()
                conn.execute("PRAGMA synchronous=NORMAL")
                migrate(conn)
            self.conn = conn
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise self._error(exc, "open") from exc
        except BaseException:
            if conn is not None:
                conn.close()
            raise

    def _use_wal(self) -> None:
        """Switch to WAL; the switch needs an exclusive lock and can fail with SQLITE_BUSY without waiting, so retry it."""
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.005
        while True:
            try:
                mode = self.conn.execute("PRAGMA journal_mode").fetchone()[0]
                if mode.lower() != "wal":
                    mode = self.conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if mode.lower() != "wal":
                    raise StoreError(f"cannot switch database {self.path} to WAL mode (it stays {mode!r}); choose a --db on a local disk")
                return
            except sqlite3.OperationalError as exc:
                if _primary(exc) not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or time.monotonic() >= deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)

    def _error(self, exc: sqlite3.Error, action: str = "write to") -> StoreError:
        """A StoreError that names the database, says what went wrong and what to do about it."""
        code = _primary(exc)
        where = f"database {self.path}"
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return StoreError(
                f"{where} is busy: another process holds the write lock and did not release it within {self.busy_timeout:g} s; "
                "wait for it to finish and try again, or wait longer with NEWSEVENTS_BUSY_TIMEOUT=SECONDS (setting busy_timeout)"
            )
        if code == sqlite3.SQLITE_FULL:
            return StoreError(
                f"cannot {action} {where}: the disk is full (or the file size limit is reached); nothing of the failed write was stored; "
                "free some space or choose another --db, then run again"
            )
        if code == sqlite3.SQLITE_READONLY:
            return StoreError(
                f"cannot {action} {where}: the database is read-only (file or folder permissions, an immutable file or a read-only file system); "
                "make the file and its folder writable, or copy it somewhere writable and pass the copy with --db"
            )
        if code == sqlite3.SQLITE_IOERR:
            return StoreError(
                f"cannot {action} {where}: disk I/O error ({getattr(exc, 'sqlite_errorname', exc)}): the disk may be full, the file size limit reached "
                "or the disk failing; nothing of the failed write was stored; free some space or choose another --db, then run again"
            )
        if code == sqlite3.SQLITE_CONSTRAINT:
            return StoreError(f"cannot {action} {where}: {exc}; nothing of the failed write was stored; this is a bug, please report it with the input")
        if code == sqlite3.SQLITE_CANTOPEN:
            return StoreError(f"cannot open {where}: {exc}; check that the folder exists and is writable, or choose another --db")
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            return StoreError(f"cannot {action} {where}: {exc}; it is damaged or not a newsevents database; choose another --db")
        return StoreError(f"cannot {action} {where}: {exc}; check the path and permissions (--db)")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that takes the write lock up front (waiting up to busy_timeout) and is all or nothing."""
        try:
            with immediate(self.conn):
                yield self.conn
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- runs and inputs -------------------------------------------------------------------

    def begin_run(self, settings: dict[str, Any]) -> int:
        """Record the start of an ingest run; return its id."""
        with self._write():
            cur = self.conn.execute("INSERT INTO runs(started, settings) VALUES (?, ?)", (_now(), json.dumps(settings, sort_keys=True)))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, *, inputs: int, stored: int, duplicates: int, failed: int) -> None:
        """Record the end of a run with its counts."""
        with self._write():
            self.conn.execute(
                "UPDATE runs SET finished=?, inputs=?, stored=?, duplicates=?, failed=? WHERE id=?",
                (_now(), inputs, stored, duplicates, failed, run_id),
            )

    def record_input(self, run_id: int, loaded: LoadedInput, *, status: str, articles: int = 0, duplicates: int = 0, failure: InputFailure | None = None) -> int:
        """Record what became of one input; return its row id."""
        failure = failure or loaded.failure
        with self._write():
            cur = self.conn.execute(
                "INSERT INTO inputs(run_id, origin, sha256, size, format, status, reason, articles, duplicates) VALUES (?,?,?,?,?,?,?,?,?)",
                (run_id, loaded.origin, loaded.sha256, loaded.size, loaded.format, status, failure.reason if failure else None, articles, duplicates),
            )
        return int(cur.lastrowid)

    def update_input(self, input_id: int, *, status: str, articles: int, duplicates: int, reason: str | None) -> None:
        """Set the final status of an input once its articles are stored."""
        with self._write():
            self.conn.execute(
                "UPDATE inputs SET status=?, articles=?, duplicates=?, reason=? WHERE id=?",
                (status, articles, duplicates, reason, input_id),
            )

    # -- articles --------------------------------------------------------------------------

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""
        ids = list(ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            try:
                found.update(r[0] for r in self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
            except sqlite3.Error as exc:
                raise self._error(exc, "read") from exc
        return found

    def write_documents(self, docs: Iterable[Document], *, input_ids: dict[str, int] | None = None, run_id: int | None = None,
                        screened: Mapping[str, Screening] | None = None) -> int:
        """Store documents (skipping ids already stored) in one transaction; return how many were new.

        ``screened`` holds each article's language, fingerprint and near-duplicate group (dedup/screen.py).
        All or nothing: a crash, a full disk or a busy database leaves none of them stored, so a re-run stores them all.
        """
        docs = list(docs)  # prepare outside the transaction: hold the write lock only while writing
        written = 0
        with self._write():
            for doc in docs:
                if self._write_document(doc, (input_ids or {}).get(doc.article.origin), run_id):
                    written += 1
                    if screened and doc.article.id in screened:
                        write_screening(self.conn, screened[doc.article.id])
        return written

    def save_validators(self, seen: Mapping[str, Validators]) -> None:
        """Record the ETag and Last-Modified each feed URL answered, for the next run's conditional GET."""
        if seen:
            with self._write():
                write_validators(self.conn, seen)

    def fingerprint_older(self, fingerprint: Callable[[str], tuple[bytes, Sequence[int]]], chunk: int = 500) -> int:
        """Fingerprint the stored articles that have none (stored before migration 0010), so new copies of them are found; return how many."""
        done = 0
        while True:
            try:
                rows = unfingerprinted(self.conn, chunk)
            except sqlite3.Error as exc:
                raise self._error(exc, "read") from exc
            if not rows:
                return done
            prints = [(article, *fingerprint(text)) for article, text in rows]  # computed outside the write lock
            with self._write():
                for article, signature, bands in prints:
                    write_fingerprint(self.conn, article, signature, bands)
            done += len(rows)

    def known_near(self, keys: Sequence[int]) -> Known:
        """Stored articles sharing an LSH band with ``keys``, with their signatures and groups (the screen's lookup)."""
        try:
            return known_near(self.conn, keys)
        except sqlite3.Error as exc:
            raise self._error(exc, "read") from exc

    def _write_document(self, doc: Document, input_id: int | None, run_id: int | None) -> bool:
        a = doc.article
        cur = self.conn.execute(
            f"INSERT OR IGNORE INTO articles({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
            article_row(doc, input_id, run_id),
        )
        if cur.rowcount == 0:
            return False
        for table, columns, rows in document_rows(doc):
            self.conn.executemany(insert_sql(table, columns), rows)
        return True

    def read_document(self, article_id: str) -> Document | None:
        """The stored document of one article, or None."""
        return read_document(self.conn, article_id)

    def iter_documents(self, where: str = "", params: tuple[Any, ...] = ()) -> Iterable[Document]:
        """Every stored document (optionally filtered by a WHERE clause over ``articles``), oldest first."""
        ids = [r[0] for r in self.conn.execute(f"SELECT id FROM articles {where} ORDER BY rowid", params)]
        for article_id in ids:
            doc = read_document(self.conn, article_id)
            if doc is not None:
                yield doc


def _primary(exc: BaseException) -> int | None:
    """The primary SQLite result code of ``exc`` (SQLITE_BUSY for SQLITE_BUSY_SNAPSHOT, ...), or None."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF
