"""SQLite store: WAL mode, migrations on open, one writer, documents in and out as records."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from newsevents.errors import StoreError
from newsevents.records import Document, InputFailure, LoadedInput
from newsevents.store.actors import actor_key
from newsevents.store.migrate import migrate
from newsevents.store.read import read_document


def open_store(path: str | Path, *, readonly: bool = False) -> "SQLiteStore":
    """Open (and migrate, unless read-only) the database at ``path``."""
    return SQLiteStore(path, readonly=readonly)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SQLiteStore:
    """The default store. Writes go through this object only; reads may use ``conn`` directly."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        try:
            if readonly:
                if not Path(self.path).exists():
                    raise StoreError(f"database {self.path} does not exist; create it with `newsevents ingest PATH --db {self.path}`")
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, check_same_thread=False)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                migrate(self.conn)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}; check the path and permissions (--db)") from exc
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys=ON")

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
        with self.conn:
            cur = self.conn.execute("INSERT INTO runs(started, settings) VALUES (?, ?)", (_now(), json.dumps(settings, sort_keys=True)))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, *, inputs: int, stored: int, duplicates: int, failed: int) -> None:
        """Record the end of a run with its counts."""
        with self.conn:
            self.conn.execute(
                "UPDATE runs SET finished=?, inputs=?, stored=?, duplicates=?, failed=? WHERE id=?",
                (_now(), inputs, stored, duplicates, failed, run_id),
            )

    def record_input(self, run_id: int, loaded: LoadedInput, *, status: str, articles: int = 0, duplicates: int = 0, failure: InputFailure | None = None) -> int:
        """Record what became of one input; return its row id."""
        failure = failure or loaded.failure
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO inputs(run_id, origin, sha256, size, format, status, reason, articles, duplicates) VALUES (?,?,?,?,?,?,?,?,?)",
                (run_id, loaded.origin, loaded.sha256, loaded.size, loaded.format, status, failure.reason if failure else None, articles, duplicates),
            )
        return int(cur.lastrowid)

    def update_input(self, input_id: int, *, status: str, articles: int, duplicates: int, reason: str | None) -> None:
        """Set the final status of an input once its articles are stored."""
        with self.conn:
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
            found.update(r[0] for r in self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return found

    def write_documents(self, docs: Iterable[Document], *, input_ids: dict[str, int] | None = None, run_id: int | None = None) -> int:
        """Store documents (skipping ids already stored) in one transaction; return how many were new."""
        written = 0
        try:
            with self.conn:
                for doc in docs:
                    if self._write_document(doc, (input_ids or {}).get(doc.article.origin), run_id):
                        written += 1
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}; is another process writing? (one writer per database)") from exc
        return written

    def _write_document(self, doc: Document, input_id: int | None, run_id: int | None) -> bool:
        a = doc.article
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO articles(id, title, source, url, published, author, origin, text, input_id, run_id, created) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (a.id, a.title, a.source, a.url, a.published, a.author, a.origin, a.text, input_id, run_id, _now()),
        )
        if cur.rowcount == 0:
            return False
        ex = self.conn.executemany
        ex("INSERT INTO captions VALUES (?,?,?,?)", [(a.id, i, c.text, c.credit) for i, c in enumerate(a.captions)])
        ex("INSERT INTO paragraphs VALUES (?,?,?,?)", [(a.id, i, s, e) for i, (s, e) in enumerate(a.paragraph_spans())])
        ex("INSERT INTO entities VALUES (?,?,?,?,?,?)", [(a.id, e.id, e.name, e.type, e.country, e.title) for e in doc.entities])
        ex("INSERT INTO mentions VALUES (?,?,?,?,?)", [(a.id, e.id, m.start, m.end, m.text) for e in doc.entities for m in e.mentions])
        self._write_events(doc)
        ex("INSERT INTO quotes VALUES (?,?,?,?,?,?,?)", [(a.id, i, q.text, q.speaker, q.speaker_entity, q.start, q.end) for i, q in enumerate(doc.quotes)])
        ex(
            "INSERT INTO roles VALUES (?,?,?,?,?,?,?)",
            [(a.id, r.person, r.office, r.country, r.seen, r.entity, actor_key(r.person, r.country, named=True)) for r in doc.roles],
        )
        return True

    def _write_events(self, doc: Document) -> None:
        a = doc.article
        for ev in doc.events:
            loc = ev.location
            self.conn.execute(
                "INSERT OR IGNORE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    ev.id, a.id, ev.type, ev.mode, json.dumps(list(ev.context)), ev.cameo, ev.quad_class, ev.goldstein,
                    ev.date, ev.date_text,
                    loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
                    loc.start if loc else None, loc.end if loc else None,
                    ev.status, ev.sentence, ev.sentence_start, ev.evidence_start, ev.evidence_end, ev.confidence, int(ev.reciprocal),
                    a.published,
                ),
            )
            for role, refs in (("actor", ev.actors), ("target", ev.targets)):
                for i, ref in enumerate(refs):
                    key = actor_key(ref.name, ref.country, named=ref.entity is not None)
                    self.conn.execute(
                        "INSERT INTO actors(id, name, country, sector) VALUES (?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                        "country=COALESCE(actors.country, excluded.country), sector=COALESCE(actors.sector, excluded.sector)",
                        (key, ref.name, ref.country, ref.sector),
                    )
                    self.conn.execute(
                        "INSERT OR IGNORE INTO event_actors VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (ev.id, role, i, key, ref.name, ref.entity, ref.country, ref.sector, ref.start, ref.end),
                    )

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
