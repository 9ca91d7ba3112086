"""Named migrations: every ``migrations/NNNN_name.sql`` is applied once, in order, and recorded.

On PostgreSQL the same names are applied: each SQLite script rewritten by ``dialect.ddl_to_postgres``,
or, where it is SQLite-only (FTS5), its variant ``NNNN_name.postgres.sql`` instead; a variant
without a SQLite script (0000_sqlite_functions) is applied on PostgreSQL only.

Several processes may open (and so create or migrate) the same database at the same moment:
the pending migrations are re-read and applied inside one ``BEGIN IMMEDIATE`` transaction, so
only one process applies them and the others, waiting on the write lock, find nothing to do.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources


VARIANT = ".postgres.sql"


def migration_scripts() -> list[tuple[str, str]]:
    """(name, sql) of every shipped SQLite migration, sorted by name."""
    folder = resources.files("newsevents.store") / "migrations"
    items = [(p.name.removesuffix(".sql"), p.read_text(encoding="utf-8")) for p in folder.iterdir()
             if p.name.endswith(".sql") and not p.name.endswith(VARIANT)]  # fmt: skip
    return sorted(items)


def postgres_scripts() -> list[tuple[str, list[str]]]:
    """(name, statements) of every migration as PostgreSQL applies it, sorted by name."""
    from newsevents.store.dialect import ddl_to_postgres

    folder = resources.files("newsevents.store") / "migrations"
    variants = {p.name.removesuffix(VARIANT): p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name.endswith(VARIANT)}
    out = {name: split_dollar_quoted(sql) for name, sql in variants.items()}
    for name, sql in migration_scripts():
        if name not in out:
            out[name] = [ddl_to_postgres(statement) for statement in split_statements(sql)]
    return sorted(out.items())


def _applied(conn: sqlite3.Connection) -> set[str]:
    """Names already recorded; an empty set when ``_migrations`` does not exist yet."""
    postgres = hasattr(conn, "execute_native")  # store.postgres.Connection: no sqlite_master before migration 0000
    exists = conn.execute(
        "SELECT to_regclass('_migrations')" if postgres else "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'"
    ).fetchone()
    if not (exists and exists[0]):
        return set()
    return {row[0] for row in conn.execute("SELECT name FROM _migrations")}


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet applied, all in one write transaction; return their names.

    On PostgreSQL (a ``store.postgres.Connection``) the scripts are ``postgres_scripts``, run as
    written; the write lock is the store's advisory lock and DDL is transactional there too.
    """
    postgres = hasattr(conn, "execute_native")
    scripts = postgres_scripts() if postgres else migration_scripts()
    run = conn.execute_native if postgres else conn.execute  # type: ignore[attr-defined]
    done = _applied(conn)
    if all(name in done for name, _ in scripts):
        return []  # the common case: nothing to do, no write lock taken
    with immediate(conn):  # waits (busy timeout) for another process migrating the same file
        run("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
        done = _applied(conn)  # re-check inside the lock: another process may have migrated meanwhile
        applied = []
        for name, script in scripts:
            if name in done:
                continue
            for statement in script if postgres else split_statements(script):  # type: ignore[union-attr]
                run(statement)
            conn.execute("INSERT INTO _migrations(name, applied) VALUES (?, ?)", (name, datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")))
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


def split_dollar_quoted(sql: str) -> list[str]:
    """The statements of a PostgreSQL script: split at ``;`` outside comments, strings and ``$$`` bodies."""
    from newsevents.store.dialect import strip_comments

    statements, start, i, quote = [], 0, 0, ""
    sql = strip_comments(sql)
    while i < len(sql):
        if quote:
            if sql.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
        elif sql.startswith("$$", i) or sql[i] == "'":
            quote = "$$" if sql[i] == "$" else "'"
            i += len(quote)
            continue
        elif sql[i] == ";":
            if sql[start:i].strip():
                statements.append(sql[start:i].strip())
            start = i + 1
        i += 1
    if sql[start:].strip():
        raise ValueError(f"migration ends with an incomplete statement: {sql[start:][:80]!r}")
    return statements


def _code(sql: str) -> str:
    """``sql`` without ``--`` comment lines and surrounding blanks."""
    return "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--")).strip()
