"""Analytics at scale (issue #9): a store's events as a Parquet dataset with DuckDB rollups, and the queries over them.

``build`` exports a SQLite store to flat, month-partitioned Parquet rows (``dataset``) and keeps rollup
tables beside them (``rollups``); ``Analytics`` answers dyad series, counts by type and month, top actors
and top pairs with the same meaning and row shape as the store's query layer. DuckDB is an optional extra
(``pip install newsevents[analytics]``); nothing here is imported by ``import newsevents``.
"""

from __future__ import annotations

from newsevents.analytics.build import build
from newsevents.analytics.queries import Analytics

__all__ = ["Analytics", "build"]
