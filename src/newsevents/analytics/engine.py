"""The DuckDB connection: one place that imports duckdb and says how to install it when it is missing."""

from __future__ import annotations

from typing import Any

from newsevents.errors import QueryError


def duckdb() -> Any:
    """The duckdb module, or an error that names the extra to install."""
    try:
        import duckdb as module
    except ImportError:
        raise QueryError("analytics needs DuckDB; install it with `pip install newsevents[analytics]`") from None
    return module


def connect(threads: int | None = None) -> Any:
    """A new in-memory DuckDB database (``threads`` caps its worker threads; default: all cores)."""
    con = duckdb().connect(":memory:")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    con.execute("SET enable_progress_bar = false")
    con.execute("SET enable_object_cache = true")  # Parquet footers are read once, not per query
    return con


def literal(value: object) -> str:
    """``value`` as the body of a SQL string literal (quotes doubled): DuckDB's COPY and ATTACH take no parameters."""
    return str(value).replace("'", "''")
