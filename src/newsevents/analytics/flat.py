"""Flat analytics rows from the raw tables, in DuckDB SQL: events, participants and the pairs a dyad is read from.

The connection holds the raw tables as ``raw_events`` and ``raw_participants`` (``export.RAW_COLUMNS``).
Ids become 63-bit hashes (``eid``, ``unit``) so rows stay narrow; a day stays the text
``query.EVENT_DAY`` gives (YYYY-MM-DD), and its month (YYYY-MM, or ``none`` for an event without a day)
is the partition an event row is written to and the month its rollup rows are filed under.

A *pair* row is one event seen from one pair of its parties: two participants with different actor ids,
on opposite sides (or both actors of a reciprocal event), as ``query._between`` pairs them. Each
participant is matched by two keys, as ``query_actors.side_match`` matches it: its registry id (its actor
id when it has none) and its country. A pair row holds the two keys in sorted order (``ka <= kb``), so
"A with B" reads ``ka`` in A and ``kb`` in B or the other way round. Events without a day are in no pair
row, as they are in no dyad series.
"""

from __future__ import annotations

from typing import Any

#: the month an event without a day is filed under
NO_MONTH = "none"

_EVENTS = f"""
CREATE OR REPLACE TABLE flat_events AS
SELECT (hash(event_id) >> 1)::BIGINT AS eid, (hash(unit) >> 1)::BIGINT AS unit, day,
       coalesce(substr(day, 1, 7), '{NO_MONTH}') AS month, type, quad_class::INTEGER AS quad_class, goldstein, status, reciprocal <> 0 AS reciprocal
FROM raw_events ORDER BY month, day
"""

_PARTICIPANTS = """
CREATE OR REPLACE TABLE flat_participants AS
SELECT (hash(p.event_id) >> 1)::BIGINT AS eid, e.month, p.role, p.position, p.actor_id, p.canonical_id,
       coalesce(p.canonical_id, p.actor_id) AS key, p.country
FROM raw_participants p JOIN flat_events e ON e.eid = (hash(p.event_id) >> 1)::BIGINT
"""

# every key a participant is matched by: its registry (or actor) id and its country
_KEYS = """
CREATE OR REPLACE TEMP TABLE participant_keys AS
SELECT eid, role, actor_id, key FROM flat_participants
UNION ALL SELECT eid, role, actor_id, country FROM flat_participants WHERE country IS NOT NULL AND country <> key
"""

# the distinct (ka, kb, event) first, on narrow rows; the event's columns are joined to them after
_PAIRS = """
CREATE OR REPLACE TABLE flat_pairs AS
SELECT p.ka, p.kb, e.eid, e.unit, e.day, e.month, e.quad_class, e.goldstein FROM (
    SELECT DISTINCT x.key AS ka, y.key AS kb, x.eid
    FROM participant_keys x JOIN participant_keys y ON y.eid = x.eid AND y.actor_id <> x.actor_id AND x.key <= y.key
    JOIN flat_events r ON r.eid = x.eid
    WHERE r.day IS NOT NULL AND (y.role <> x.role OR (r.reciprocal AND x.role = 'actor' AND y.role = 'actor'))
) p JOIN flat_events e ON e.eid = p.eid
"""

_ACTOR_PAIRS = """
CREATE OR REPLACE TABLE flat_actor_pairs AS
SELECT p.a, p.b, e.eid, e.month, e.goldstein FROM (
    SELECT DISTINCT x.canonical_id AS a, y.canonical_id AS b, x.eid
    FROM flat_participants x JOIN flat_participants y ON y.eid = x.eid AND x.canonical_id < y.canonical_id
    JOIN flat_events r ON r.eid = x.eid
    WHERE y.role <> x.role OR (r.reciprocal AND x.role = 'actor' AND y.role = 'actor')
) p JOIN flat_events e ON e.eid = p.eid
"""

# one digest per month over everything a month's rows and rollups are made of: a month whose digest is
# unchanged since the last build is not written again
_DIGESTS = """
SELECT month, count(*)::VARCHAR || ':' || bit_xor(h)::VARCHAR AS digest FROM (
    SELECT month, hash(eid, unit, day, type, quad_class, goldstein, status, reciprocal) AS h FROM flat_events
    UNION ALL SELECT month, hash(eid, role, position, actor_id, canonical_id, country, 'p') FROM flat_participants)
GROUP BY month ORDER BY month
"""


def make_flat(con: Any) -> dict[str, str]:
    """Create the flat tables from ``raw_events`` and ``raw_participants``; return each month's digest."""
    for sql in (_EVENTS, _PARTICIPANTS, _KEYS, _PAIRS, _ACTOR_PAIRS):
        con.execute(sql)
    con.execute("DROP TABLE participant_keys")
    return dict(con.execute(_DIGESTS).fetchall())
