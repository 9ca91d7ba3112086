"""Named migrations: every ``migrations/NNNN_name.sql`` is applied once, in order, and recorded.

Several processes may open (and so create or migrate) the same database at the same moment:
the pending migrations are re-read and applied inside one ``BEGIN IMMEDIATE`` transaction, so
only one process applies them and the others, waiting on the write lock, find nothing to do.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources


def migration_scripts() -> list[tuple[str, str]]:
    """(name, sql) of every shipped migration, sorted by name."""
    folder = resources.files("newsevents.store") / "migrations"
    items = [(p.name.removesuffix(".sql"), p.read_text(encoding="utf-8")) for p in folder.iterdir() if p.name.endswith(".sql")]
    return sorted(items)


def _applied(conn: sqlite3.Connection) -> set[str]:
    """Names already recorded; an empty set when ``_migrations`` does not exist yet."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'").fetchone()
    if not exists:
        return set()
    return {row[0] for row in conn.execute("SELECT name FROM _migrations")}


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet applied, all in one write transaction; return their names."""
    scripts = migration_scripts()
    if not [name for name, _ in scripts if name not in _applied(conn)]:
        return []  # the common case: nothing to do, no write lock taken
    with immediate(conn):  # waits (busy timeout) for another process migrating the same file
        conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
        done = _applied(conn)  # re-check inside the lock: another process may have migrated meanwhile
        applied = []
        for name, sql in scripts:
            if name in done:
                continue
            for statement in split_statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO _migrations(name, applied) VALUES (?, datetime('now'))", (name,))
            applied.append(name)
    return applied


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction that takes the write lock up front and is all or nothing (rolled back on any error)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.commit()
    except BaseException:
        if conn.in_transaction:
            try:
                conn.rollback()
            except sqlite3.Error:
                pass  # the connection is unusable; the uncommitted write is gone either way
        raise


def split_statements(sql: str) -> list[str]:
    """The complete statements of a script (``executescript`` would commit our open transaction)."""
    statements: list[str] = []
    buffer = ""
    for piece in sql.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if _code(buffer) != ";":
                statements.append(buffer.strip())
            buffer = ""
    rest = _code(buffer[:-1])
    if rest:
        raise ValueError(f"migration ends with an incomplete statement: {rest[:80]!r}")
    return statements


def _code(sql: str) -> str:
    """``sql`` without ``--`` comment lines and surrounding blanks."""
    return "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--")).strip()
