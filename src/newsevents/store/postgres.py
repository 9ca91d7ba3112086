"""A PostgreSQL connection that speaks to our code as ``sqlite3`` does: the one adapter between the two backends.

``connect(url)`` gives a :class:`Connection` with the DB-API surface the store and the query layer
use: ``execute`` and ``executemany`` with ``?`` placeholders (rewritten by ``store/dialect.py``),
rows read by position or by name (and ``dict(row)``, like ``sqlite3.Row``), ``lastrowid``,
``rowcount``, ``commit``, ``rollback`` and ``in_transaction``. ``BEGIN IMMEDIATE`` takes one
advisory lock, so writers queue as SQLite's single writer does. Errors are raised as
:class:`PostgresError`, an ``sqlite3.OperationalError``, so the handlers written for SQLite catch them.
"""

from __future__ import annotations

import sqlite3
import weakref
from decimal import Decimal
from typing import Any, Iterable, Iterator, Sequence

from newsevents.errors import StoreError
from newsevents.store.dialect import to_postgres

#: the advisory lock every write transaction takes (one writer at a time, as in SQLite)
WRITE_LOCK = 0x6E657773  # "news"


def is_postgres(db: str) -> bool:
    """True when ``db`` names a PostgreSQL database (``postgresql://...`` or ``postgres://...``)."""
    return str(db).startswith(("postgresql://", "postgres://"))


class PostgresError(sqlite3.OperationalError):
    """A PostgreSQL error, raised where our SQLite code expects ``sqlite3.Error``."""


class Row(tuple):
    """A result row read by position or by column name (and ``dict(row)``), like ``sqlite3.Row``.

    A ``rowid`` column (every table has one, see ``dialect.ddl_to_postgres``) is hidden from position
    and ``keys()`` unless it is the only column, as ``SELECT *`` never shows SQLite's rowid; ``row["rowid"]`` still reads it.
    """

    _names: dict[str, int]
    _hidden: dict[str, Any]

    def __new__(cls, values: Sequence[Any], names: dict[str, int], hidden: dict[str, Any]) -> "Row":
        row = super().__new__(cls, values)
        row._names = names
        row._hidden = hidden
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key]) if key in self._names else self._hidden[key]
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """The column names, in order (what ``dict(row)`` reads)."""
        return list(self._names)


def _value(v: Any) -> Any:
    """numeric (sum of integers, avg) as SQLite gives it: int when whole and without decimals, else float."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() and v.as_tuple().exponent >= 0 else float(v)  # type: ignore[operator]
    return v


class Cursor:
    """The result of one statement: iterate it or fetch from it."""

    def __init__(self, cur: Any, lastrowid: int | None = None) -> None:
        self._cur = cur if cur is not None and cur.description else None
        self.lastrowid = lastrowid
        self.rowcount = cur.rowcount if cur is not None else -1
        columns = [d.name for d in cur.description] if self._cur is not None else []
        self._keep = [i for i, name in enumerate(columns) if name != "rowid" or len(columns) == 1]
        self._names = {columns[i]: n for n, i in enumerate(self._keep)}
        self._rowid = columns.index("rowid") if len(self._keep) < len(columns) else None

    @property
    def description(self) -> list[tuple[str, None, None, None, None, None, None]] | None:
        """The result's columns, as ``sqlite3.Cursor.description`` gives them (name first); None for no result."""
        return [(name, None, None, None, None, None, None) for name in self._names] if self._cur is not None else None

    def _row(self, values: Sequence[Any]) -> Row:
        hidden = {} if self._rowid is None else {"rowid": values[self._rowid]}
        return Row([_value(values[i]) for i in self._keep], self._names, hidden)

    def fetchone(self) -> Row | None:
        """The next row, or None."""
        values = self._cur.fetchone() if self._cur is not None else None
        return None if values is None else self._row(values)

    def fetchall(self) -> list[Row]:
        """Every remaining row."""
        return [self._row(v) for v in self._cur.fetchall()] if self._cur is not None else []

    def fetchmany(self, size: int = 1) -> list[Row]:
        """Up to ``size`` more rows (the whole result is already on the client: psycopg's client-side cursor)."""
        return [self._row(v) for v in self._cur.fetchmany(size)] if self._cur is not None else []

    def close(self) -> None:
        """Drop the rest of the result."""
        if self._cur is not None:
            self._cur.close()

    def __iter__(self) -> Iterator[Row]:
        return (self._row(v) for v in self._cur) if self._cur is not None else iter(())


class Connection:
    """A psycopg connection with ``sqlite3``'s surface (see the module docstring)."""

    def __init__(self, raw: Any, url: str) -> None:
        self.raw = raw
        self.url = url
        self.row_factory = None  # accepted and ignored: rows always read by name and position
        self._identity: dict[str, str | None] | None = None
        # a connection dropped without close() (sqlite3 allows it; cli._conn does it) is closed, not warned about;
        # a finalizer, not __del__: it runs before psycopg's own __del__ even when both die in one garbage cycle
        weakref.finalize(self, raw.close)

    @property
    def in_transaction(self) -> bool:
        """True inside BEGIN ... COMMIT."""
        import psycopg

        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Cursor:
        """Run one statement written for SQLite."""
        head = sql.lstrip()[:16].upper()
        if head.startswith("PRAGMA"):
            return self._pragma(sql)
        if head.startswith("BEGIN"):
            self._run("BEGIN", ())
            try:
                return self._run(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})", ())
            except PostgresError:
                self.rollback()  # as in SQLite, a BEGIN that fails leaves no transaction open
                raise
        statement = to_postgres(sql)
        table = _insert_table(statement)
        if table and " RETURNING " not in statement.upper() and (key := self._identity_of(table)):
            cur = self._run(f"{statement} RETURNING {key}", params)
            row = cur.fetchone() if cur.rowcount > 0 else None
            cur.lastrowid = row[0] if row is not None else None
            return cur
        return self._run(statement, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        """Run one statement for each row of parameters."""
        rows = list(rows)
        if not rows:
            return Cursor(None)
        try:
            cur = self.raw.cursor()
            cur.executemany(to_postgres(sql), rows)
        except Exception as exc:
            raise self._wrap(exc) from exc
        return Cursor(cur)

    def execute_native(self, sql: str) -> None:
        """Run PostgreSQL as written (a ``.postgres.sql`` migration), without placeholders."""
        try:
            self.raw.cursor().execute(sql.encode())  # bytes: no placeholder parsing
        except Exception as exc:
            raise self._wrap(exc) from exc

    def copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Write ``rows`` into ``table`` with COPY (the bulk writes of the store); return how many."""
        names = ", ".join('"end"' if c == "end" else c for c in columns)
        n = 0
        try:
            with self.raw.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as cp:
                for row in rows:
                    cp.write_row(row)
                    n += 1
        except Exception as exc:
            raise self._wrap(exc) from exc
        return n

    def commit(self) -> None:
        """End the open transaction, keeping its writes."""
        if self.in_transaction:
            self._run("COMMIT", ())

    def rollback(self) -> None:
        """End the open transaction, dropping its writes."""
        if self.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()


    def _run(self, statement: str, params: Sequence[Any] | dict[str, Any]) -> Cursor:
        try:
            cur = self.raw.cursor()
            cur.execute(statement, params)
        except Exception as exc:
            raise self._wrap(exc) from exc
        return Cursor(cur)

    def _pragma(self, sql: str) -> Cursor:
        """``PRAGMA query_only=ON`` makes the session read-only; other pragmas have no PostgreSQL meaning."""
        if "query_only" in sql.lower() and sql.rstrip().lower().endswith(("on", "1", "true")):
            return self._run("SET default_transaction_read_only = on", ())
        return Cursor(None)

    def _identity_of(self, table: str) -> str | None:
        """The generated key of ``table`` (what ``lastrowid`` reports): its INTEGER PRIMARY KEY, else ``rowid``; None for none."""
        if self._identity is None or table not in self._identity:  # read again: a migration may have made the table since
            found: dict[str, str | None] = {}
            for name, column in self.raw.execute(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND is_identity = 'YES' ORDER BY column_name = 'rowid'"
            ):
                found.setdefault(name, column)
            self._identity = found
            found.setdefault(table, None)
        return self._identity[table]

    def _wrap(self, exc: Exception) -> Exception:
        import psycopg

        if isinstance(exc, psycopg.Error):
            error = PostgresError(f"{exc} (database {redact(self.url)})")
            error.sqlstate = getattr(exc, "sqlstate", None)  # type: ignore[attr-defined]
            return error
        return exc


def _insert_table(statement: str) -> str | None:
    """The table of a plain ``INSERT INTO t ...`` (the statements ``lastrowid`` is asked of), else None."""
    words = statement.lstrip()[:200].split(None, 3)
    if len(words) >= 3 and words[0].upper() == "INSERT" and words[1].upper() == "INTO" and "ON CONFLICT" not in statement:
        return words[2].split("(")[0]
    return None


def redact(url: str) -> str:
    """``url`` without its password."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def connect(url: str, *, readonly: bool = False, timeout: float = 10.0) -> Connection:
    """Connect to the PostgreSQL database at ``url``; the first schema of its search_path is created when missing (unless read-only)."""
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError("--db names a PostgreSQL database but psycopg is not installed; install it with `pip install newsevents[postgres]`") from exc
    try:
        raw = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor, connect_timeout=max(1, int(timeout)))
    except psycopg.Error as exc:
        raise StoreError(
            f"cannot connect to PostgreSQL at {redact(url)}: {str(exc).strip()}; start the server or correct --db "
            "(postgresql://USER@HOST:PORT/DBNAME, a schema with ?options=-csearch_path%3DNAME)"
        ) from exc
    _bools_as_integers(raw)
    conn = Connection(raw, url)
    schema = raw.execute("SELECT current_schema()").fetchone()[0]
    if schema is None:
        wanted = raw.execute("SELECT current_schemas(false), current_setting('search_path')").fetchone()[1].split(",")[0].strip().strip('"')
        if readonly or not wanted or wanted == "$user":
            raw.close()
            raise StoreError(f"database {redact(url)}: schema {wanted!r} does not exist; create it with `newsevents ingest PATH --db {redact(url)}`")
        raw.execute(f'CREATE SCHEMA IF NOT EXISTS "{wanted}"')
    if readonly:
        raw.execute("SET default_transaction_read_only = on")
    return conn


def _bools_as_integers(raw: Any) -> None:
    """Send Python booleans as 0/1, as sqlite3 stores them (our flags are integer columns)."""
    from psycopg.types.numeric import IntDumper

    class BoolAsInt(IntDumper):
        def dump(self, obj: Any) -> bytes:
            return b"1" if obj else b"0"

        def quote(self, obj: Any) -> bytes:
            return self.dump(obj)

    raw.adapters.register_dumper(bool, BoolAsInt)


def data_version(conn: Connection) -> int:
    """A number that grows whenever any transaction on the server has written (the web cache's generation on PostgreSQL).

    The snapshot's xmax is the next transaction id to be assigned; reads assign none, so it stays
    put while nothing is written. Writes to other databases of the server move it too: the cache is
    then dropped too often, never kept too long.
    """
    return int(conn.raw.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint").fetchone()[0])
