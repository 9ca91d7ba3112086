"""Queries over an analytics dataset: the store's dyad series, counts by type and month, top actors and top pairs.

Each answer has the meaning and row shape of the store's query layer (``query.dyad_series``'s ``series``,
``list_actors``'s counts), read from the month-partitioned pair rows and the rollups (``dataset``,
``rollups``) with DuckDB. One ``Analytics`` serves many threads: each thread gets its own cursor on the
shared database, and DuckDB runs queries without holding the GIL.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Any

from newsevents.analytics.cache import LruCache
from newsevents.analytics.engine import connect, literal
from newsevents.analytics.flat import NO_MONTH
from newsevents.analytics.resolve import Names
from newsevents.errors import QueryError
from newsevents.plover import EVENT_TYPES
from newsevents.query import COUNTS, PERIODS, _check_date, _day_end

#: the period key of a dyad series in DuckDB, from the day text (as ``query.PERIODS`` makes it in SQLite)
PERIOD_SQL = {"day": "day", "week": "strftime(TRY_CAST(day AS DATE), '%Y-W%W')", "month": "substr(day, 1, 7)", "year": "substr(day, 1, 4)"}
_MONTH = re.compile(r"^\d{4}(-\d{2})?$")
MAX_N = 1000


def _check(name: str, value: str | None, pattern: re.Pattern[str], what: str) -> str | None:
    if value is not None and not pattern.match(value):
        raise QueryError(f"{name} must be {what}, got {value!r}")
    return value


def _month_bounds(since: str | None, until: str | None) -> tuple[str, str]:
    """Month bounds for the rollups, which hold whole months: YYYY or YYYY-MM."""
    _check("since", since, _MONTH, "a month like 2024-07 (or a year, 2024): rollups hold whole months")
    _check("until", until, _MONTH, "a month like 2024-07 (or a year, 2024): rollups hold whole months")
    return (since or "", (until + "-99" if len(until) == 4 else until) if until else "9999")


def _n(n: int) -> int:
    if not 1 <= n <= MAX_N:
        raise QueryError(f"n must be between 1 and {MAX_N}, got {n}")
    return n


class Analytics:
    """An analytics dataset opened for queries; ``cache_size`` answers are kept (0: every query runs)."""

    def __init__(self, out: str | Path, *, cache_size: int = 0, threads: int | None = None) -> None:
        folder = Path(out)
        if not (folder / "manifest.json").exists():
            raise QueryError(f"{out} is not an analytics dataset; build one with `newsevents analytics build --db DB --out {out}`")
        self.out = folder
        self.build = json.loads((folder / "manifest.json").read_text())["builds"]
        self.cache = LruCache(cache_size)
        self._con = connect(threads)
        self._local = threading.local()
        self._views(folder)
        self.names = Names(self._con)
        self.months = [r[0] for r in self._con.execute("SELECT DISTINCT month FROM r.pair_cumulative ORDER BY month").fetchall()]
        #: every key some pair row holds: a side resolved to one of these and nothing else reads ``dyad_day``
        self.keys = {r[0] for r in self._con.execute("SELECT DISTINCT ka FROM r.dyad_day UNION SELECT DISTINCT kb FROM r.dyad_day").fetchall()}

    def _views(self, folder: Path) -> None:
        """Views over the Parquet files and the rollups, in the shared in-memory database."""
        self._con.execute(f"ATTACH '{literal(folder / 'rollups.duckdb')}' AS r (READ_ONLY)")
        if any((folder / "events").glob("month=*/part.parquet")):
            self._con.execute(f"CREATE VIEW events AS SELECT * FROM read_parquet('{literal(folder / 'events')}/month=*/part.parquet', hive_partitioning = true)")
        for table in ("pairs", "actors", "aliases"):
            self._con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{literal(folder / table)}.parquet')")

    def cursor(self) -> Any:
        """This thread's cursor on the shared database."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self._local.cursor = self._con.cursor()
        return cur

    def close(self) -> None:
        """Close the database (every thread's cursor with it)."""
        self._con.close()

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cur = self.cursor().execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def _month_span(self, low: str, high: str) -> tuple[str, str]:
        """The month before ``low`` and the last month up to ``high`` among the months ``pair_cumulative`` holds."""
        before = [m for m in self.months if m < low]
        upto = [m for m in self.months if m <= high]
        return (before[-1] if before else "", upto[-1] if upto else "")

    # -- the four queries ---------------------------------------------------------------------

    def dyad_series(self, a: str, b: str, *, by: str = "day", count: str = "clusters", since: str | None = None,
                    until: str | None = None) -> dict[str, Any]:  # fmt: skip
        """Per period and quad class: happenings between A and B and their summed Goldstein (``query.dyad_series``'s series)."""
        if by not in PERIODS:
            raise QueryError(f"by must be one of {', '.join(PERIODS)}, got {by!r}")
        if count not in COUNTS:
            raise QueryError(f"count must be 'clusters' or 'mentions', got {count!r}")
        _check_date("since", since)
        _check_date("until", until)
        series = self.cache.get(("dyad", a, b, by, count, since, until), lambda: self._series(a, b, by, count, since, until))
        return {"a": a, "b": b, "by": by, "count": count, "since": since, "until": until, "series": series}

    def _series(self, a: str, b: str, by: str, count: str, since: str | None, until: str | None) -> list[dict[str, Any]]:
        """The series from ``dyad_day`` when each side is one key, else from the pair rows."""
        left = [k for k in self.names.keys(a) if k in self.keys]
        right = [k for k in self.names.keys(b) if k in self.keys]
        if not left or not right:
            return []
        end = _day_end(until)
        if len(left) == 1 and len(right) == 1:
            sql = (
                f"SELECT {PERIOD_SQL[by]} AS period, quad_class, sum(events)::BIGINT AS events, round(sum(goldstein), 2) AS goldstein "
                "FROM r.dyad_day WHERE ka = ? AND kb = ? AND count = ? AND (? IS NULL OR day >= ?) AND (? IS NULL OR day <= ?) "
                "GROUP BY period, quad_class ORDER BY period NULLS FIRST, quad_class NULLS FIRST"
            )
            ka, kb = sorted((left[0], right[0]))
            return self._rows(sql, [ka, kb, count, since, since, end, end])
        return self._scan(left, right, by, count, since, end)

    def _scan(self, left: list[str], right: list[str], by: str, count: str, since: str | None, end: str | None) -> list[dict[str, Any]]:
        """The series read from the pair rows of any keys on either side, each event once."""
        la, lb = ", ".join("?" * len(left)), ", ".join("?" * len(right))
        unit = "unit" if count == "clusters" else "eid"
        sql = (
            f"SELECT {PERIOD_SQL[by]} AS period, quad_class, count(*) AS events, round(sum(goldstein), 2) AS goldstein FROM ("
            f"SELECT {unit} AS u, min(day) AS day, min(quad_class) AS quad_class, avg(goldstein) AS goldstein FROM ("
            f"SELECT eid, unit, day, quad_class, goldstein FROM pairs WHERE ka IN ({la}) AND kb IN ({lb}) "
            f"UNION SELECT eid, unit, day, quad_class, goldstein FROM pairs WHERE ka IN ({lb}) AND kb IN ({la})) GROUP BY u) "
            "WHERE (? IS NULL OR day >= ?) AND (? IS NULL OR day <= ?) "
            "GROUP BY period, quad_class ORDER BY period NULLS FIRST, quad_class NULLS FIRST"
        )
        return self._rows(sql, [*left, *right, *right, *left, since, since, end, end])

    def counts_by_type_month(self, *, since: str | None = None, until: str | None = None, type: str | None = None) -> list[dict[str, Any]]:
        """Events (mentions) and summed Goldstein per month of their day and PLOVER type, by month then type."""
        if type and type.upper() not in EVENT_TYPES:
            raise QueryError(f"type {type!r} is not a PLOVER event type; use one of {', '.join(EVENT_TYPES)}")
        low, high = _month_bounds(since, until)
        sql = ("SELECT month, type, events, round(goldstein, 2) AS goldstein FROM r.type_month "
               "WHERE month >= ? AND month <= ? AND (? IS NULL OR type = ?) ORDER BY month, type")  # fmt: skip
        kind = type.upper() if type else None
        return self.cache.get(("types", since, until, kind), lambda: self._rows(sql, [low, high, kind, kind]))

    def top_actors(self, n: int = 20, *, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """The ``n`` registry actors in most events (as actor plus as target), with ``list_actors``'s columns and order."""
        low, high = _month_bounds(since, until)
        bounded = since is not None or until is not None
        totals = ("SELECT id, sum(as_actor)::BIGINT AS as_actor, sum(as_target)::BIGINT AS as_target FROM r.actor_month "
                  "WHERE month >= ? AND month <= ? GROUP BY id") if bounded else "SELECT * FROM r.actor_total"  # fmt: skip
        sql = (
            f"SELECT t.id, ac.name, ac.kind, ac.country, ac.sector, t.as_actor, t.as_target FROM ({totals}) t "
            "JOIN actors ac ON ac.id = t.id ORDER BY t.as_actor + t.as_target DESC, ac.name, t.id LIMIT ?"
        )
        return self.cache.get(("actors", _n(n), since, until), lambda: self._rows(sql, [low, high, n] if bounded else [n]))

    def top_pairs(self, n: int = 20, *, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """The ``n`` pairs of registry actors met in most events (either side, or together in a reciprocal one)."""
        low, high = _month_bounds(since, until)
        bounded = since is not None or until is not None
        if bounded:  # the running totals at the last month minus those before the first
            before, last = self._month_span(low, high)
            # every month holds every pair in the same order, so the two months line up row by row (no join on the names)
            totals = ("SELECT c.a, c.b, (c.events - coalesce(o.events, 0))::BIGINT AS events, CASE WHEN c.scored > coalesce(o.scored, 0) "
                      "THEN c.goldstein - coalesce(o.goldstein, 0) END AS goldstein FROM "
                      "(SELECT a, b, events, goldstein, scored FROM r.pair_cumulative WHERE month = ?) c POSITIONAL JOIN "
                      "(SELECT events, goldstein, scored FROM r.pair_cumulative WHERE month = ?) o WHERE c.events > coalesce(o.events, 0)")  # fmt: skip
            params = [last, before, n]
        else:
            totals, params = "SELECT * FROM r.pair_total", [n]
        sql = (
            "SELECT p.a, x.name AS a_name, p.b, y.name AS b_name, p.events, round(p.goldstein, 2) AS goldstein FROM ("
            f"SELECT * FROM ({totals}) ORDER BY events DESC, a, b LIMIT ?) p LEFT JOIN actors x ON x.id = p.a LEFT JOIN actors y ON y.id = p.b "
            "ORDER BY p.events DESC, p.a, p.b"
        )
        return self.cache.get(("pairs", _n(n), since, until), lambda: self._rows(sql, params))


__all__ = ["Analytics", "NO_MONTH"]
