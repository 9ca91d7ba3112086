"""Rollup tables in ``rollups.duckdb`` beside the dataset, one row per month and key, updated month by month.

- ``type_month``: events and summed Goldstein per month and PLOVER type (events with a day only);
- ``actor_month``: per registry actor and month, how often it is on the actor and on the target side
  (every participant row, as ``list_actors`` counts; undated events under month ``none``);
- ``pair_month``: per pair of registry actors met in an event (a < b) and month, its events and summed Goldstein;
- ``actor_total`` and ``pair_total``: the same summed over every month (what an unbounded top list reads);
- ``pair_cumulative``: every pair's running totals month by month (what a top list bounded by months reads);
- ``dyad_day``: per pair of party keys (``ka <= kb``, as in the pairs file), way of counting (clusters or
  mentions), day and quad class: the happenings and their summed Goldstein, as ``query.dyad_series``
  counts them before grouping days into periods (a cluster on its earliest day between the two, with its
  lowest quad class and mean Goldstein). A dyad between two single keys reads only its own rows here.

A build deletes the monthly rows of the months that changed and inserts them again from the flat tables, so
these rollups always equal a rebuild from scratch while a load of one new month touches only that month.
The totals and ``dyad_day`` are made again whole when any month changed (a cluster's earliest day can move
to another month).
"""

from __future__ import annotations

from typing import Any

ROLLUPS = {
    "type_month": ("month VARCHAR, type VARCHAR, events BIGINT, goldstein DOUBLE",
                   "SELECT month, type, count(*), sum(goldstein) FROM flat_events WHERE day IS NOT NULL AND month IN ({months}) GROUP BY ALL"),
    "actor_month": ("month VARCHAR, id VARCHAR, as_actor BIGINT, as_target BIGINT",
                    "SELECT month, canonical_id, count(*) FILTER (role = 'actor'), count(*) FILTER (role = 'target') "
                    "FROM flat_participants WHERE canonical_id IS NOT NULL AND month IN ({months}) GROUP BY ALL"),
    "pair_month": ("month VARCHAR, a VARCHAR, b VARCHAR, events BIGINT, goldstein DOUBLE, scored BIGINT",
                   "SELECT month, a, b, count(*), sum(goldstein), count(goldstein) FROM flat_actor_pairs WHERE month IN ({months}) GROUP BY ALL"),
}  # fmt: skip


WHOLE = {
    "actor_total": "SELECT id, sum(as_actor)::BIGINT AS as_actor, sum(as_target)::BIGINT AS as_target FROM {schema}.actor_month GROUP BY id",
    "pair_total": "SELECT a, b, sum(events)::BIGINT AS events, sum(goldstein) AS goldstein FROM {schema}.pair_month GROUP BY a, b",
    "dyad_day": (
        "SELECT ka, kb, count, day, quad_class, count(*) AS events, sum(goldstein) AS goldstein FROM ("
        "SELECT ka, kb, 'clusters' AS count, min(day) AS day, min(quad_class) AS quad_class, avg(goldstein) AS goldstein "
        "FROM flat_pairs GROUP BY ka, kb, unit "
        "UNION ALL SELECT ka, kb, 'mentions', day, quad_class, goldstein FROM flat_pairs) "
        "GROUP BY ALL ORDER BY ka, kb, count, day"
    ),
    # every pair at every month from the first to the last: its events (and Goldstein) up to that month, so that
    # a bounded top list reads two months (the last, and the one before the first) instead of summing all between
    "pair_cumulative": (
        "WITH span AS (SELECT min(month) AS first, max(month) AS last FROM {schema}.pair_month WHERE month <> 'none'), "
        "months AS (SELECT strftime(d, '%Y-%m') AS month FROM span, range(strptime(first, '%Y-%m'), strptime(last, '%Y-%m') "
        "+ INTERVAL 1 MONTH, INTERVAL 1 MONTH) t(d)), "
        "pairs AS (SELECT DISTINCT a, b FROM {schema}.pair_month WHERE month <> 'none') "
        "SELECT m.month, p.a, p.b, sum(coalesce(pm.events, 0)) OVER w AS events, sum(coalesce(pm.goldstein, 0)) OVER w AS goldstein, "
        "sum(coalesce(pm.scored, 0)) OVER w AS scored FROM pairs p CROSS JOIN months m "
        "LEFT JOIN {schema}.pair_month pm ON pm.a = p.a AND pm.b = p.b AND pm.month = m.month "
        "WINDOW w AS (PARTITION BY p.a, p.b ORDER BY m.month) ORDER BY m.month, p.a, p.b"
    ),
}  # fmt: skip


def update_rollups(con: Any, schema: str, months: list[str]) -> None:
    """Replace the rollup rows of ``months`` in the attached database ``schema`` with rows from the flat tables."""
    for name, (columns, _) in ROLLUPS.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {schema}.{name} ({columns})")
    marks = ", ".join("?" * len(months))
    for name, (_, select) in ROLLUPS.items() if months else ():
        con.execute(f"DELETE FROM {schema}.{name} WHERE month IN ({marks})", months)
        con.execute(f"INSERT INTO {schema}.{name} {select.format(months=marks)}", months)
    made = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ?", [schema]).fetchall()}
    for name, select in WHOLE.items() if months or not set(WHOLE) <= made else ():
        con.execute(f"CREATE OR REPLACE TABLE {schema}.{name} AS {select.format(schema=schema)}")
