"""Named migrations: every ``migrations/NNNN_name.sql`` is applied once, in order, and recorded."""

from __future__ import annotations

import sqlite3
from importlib import resources


def migration_scripts() -> list[tuple[str, str]]:
    """(name, sql) of every shipped migration, sorted by name."""
    folder = resources.files("newsevents.store") / "migrations"
    items = [(p.name.removesuffix(".sql"), p.read_text(encoding="utf-8")) for p in folder.iterdir() if p.name.endswith(".sql")]
    return sorted(items)


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet applied; return their names."""
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    applied = []
    for name, sql in migration_scripts():
        if name in done:
            continue
        _apply(conn, name, sql)
        applied.append(name)
    return applied


def _apply(conn: sqlite3.Connection, name: str, sql: str) -> None:
    """Run one migration script and record it, all in one transaction."""
    try:
        conn.executescript(f"BEGIN;\n{sql}")
        conn.execute("INSERT INTO _migrations(name, applied) VALUES (?, datetime('now'))", (name,))
        conn.commit()
    except sqlite3.Error:
        conn.rollback()
        raise
