"""Rollup tables in ``rollups.duckdb`` beside the dataset, one row per month and key, updated month by month.

- ``type_month``: events and summed Goldstein per month and PLOVER type (events with a day only);
- ``actor_month``: per registry actor and month, how often it is on the actor and on the target side
  (every participant row, as ``list_actors`` counts; undated events under month ``none``);
- ``pair_month``: per pair of registry actors met in an event (a < b) and month, its events and summed Goldstein.

A build deletes the rows of the months that changed and inserts them again from the flat tables, so the
rollups always equal a rebuild from scratch while a load of one new month touches only that month.
"""

from __future__ import annotations

from typing import Any

ROLLUPS = {
    "type_month": ("month VARCHAR, type VARCHAR, events BIGINT, goldstein DOUBLE",
                   "SELECT month, type, count(*), sum(goldstein) FROM flat_events WHERE day IS NOT NULL AND month IN ({months}) GROUP BY ALL"),
    "actor_month": ("month VARCHAR, id VARCHAR, as_actor BIGINT, as_target BIGINT",
                    "SELECT month, canonical_id, count(*) FILTER (role = 'actor'), count(*) FILTER (role = 'target') "
                    "FROM flat_participants WHERE canonical_id IS NOT NULL AND month IN ({months}) GROUP BY ALL"),
    "pair_month": ("month VARCHAR, a VARCHAR, b VARCHAR, events BIGINT, goldstein DOUBLE",
                   "SELECT month, a, b, count(*), sum(goldstein) FROM flat_actor_pairs WHERE month IN ({months}) GROUP BY ALL"),
}  # fmt: skip


def update_rollups(con: Any, schema: str, months: list[str]) -> None:
    """Replace the rollup rows of ``months`` in the attached database ``schema`` with rows from the flat tables."""
    for name, (columns, _) in ROLLUPS.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {schema}.{name} ({columns})")
    if not months:
        return
    marks = ", ".join("?" * len(months))
    for name, (_, select) in ROLLUPS.items():
        con.execute(f"DELETE FROM {schema}.{name} WHERE month IN ({marks})", months)
        con.execute(f"INSERT INTO {schema}.{name} {select.format(months=marks)}", months)
