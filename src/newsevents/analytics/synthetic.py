"""Synthetic raw tables for benchmarks and tests: millions of events without running the NLP.

Skewed as news is: 400 registry actors (80 states, 320 people and organisations of a state) drawn with
Zipf-like weights, the PLOVER types with Zipf-like weights, ten years of days with more news in later
years, 3% undated background events, 5% reciprocal events, and happenings reported 1-4 times (each
report an event of one cluster, on the same day with the same parties).
"""

from __future__ import annotations

from typing import Any

from newsevents.analytics.export import RawTables, raw_schema
from newsevents.plover import EVENT_TYPES, TYPE_QUAD

STATES = 80
ACTORS = 400
FIRST_DAY = "2015-01-01"
DAYS = 3653
GOLDSTEIN = {1: 3.5, 2: 6.0, 3: -4.0, 4: -8.5}


def _zipf(rng: Any, n: int, size: int, s: float = 1.1) -> Any:
    """``size`` indexes below ``n``, index i drawn with weight 1 / (i + 1) ** s."""
    import numpy as np

    weights = 1.0 / np.arange(1, n + 1) ** s
    return rng.choice(n, size=size, p=weights / weights.sum())


def actor_table(rng: Any) -> tuple[Any, Any]:
    """The registry: ids, names, kinds, countries (states first, so the busiest actors are mostly states)."""
    import numpy as np

    ids = np.array([f"S{i:02d}" for i in range(STATES)] + [f"person:p{i:03d}" for i in range(ACTORS - STATES)], dtype=object)
    names = np.array([f"State {i}" for i in range(STATES)] + [f"Person {i}" for i in range(ACTORS - STATES)], dtype=object)
    kinds = np.array(["country"] * STATES + ["person"] * (ACTORS - STATES), dtype=object)
    countries = np.concatenate([ids[:STATES], ids[_zipf(rng, STATES, ACTORS - STATES)]])
    order = rng.permutation(ACTORS)  # mix people among the states in the frequency ranking
    return ids[order], (names[order], kinds[order], countries[order])


def synthetic_raw(events: int, seed: int = 7, con: Any = None) -> RawTables:
    """Raw tables of ``events`` synthetic events (deterministic for a seed)."""
    import numpy as np
    import pyarrow as pa

    from newsevents.analytics.engine import connect

    rng = np.random.default_rng(seed)
    ids, (names, kinds, countries) = actor_table(rng)
    happenings = events // 2 + 1
    reports = np.minimum(1 + rng.poisson(0.4, happenings), 4)
    h = np.repeat(np.arange(happenings), reports)[:events]
    while len(h) < events:  # too few reports drawn: the last happenings get one more each
        h = np.concatenate([h, np.arange(events - len(h))])
    h.sort()
    years = (rng.random(happenings) ** 0.7 * DAYS).astype(np.int64)  # later years hold more news
    actor = _zipf(rng, ACTORS, happenings)
    target = (actor + 1 + _zipf(rng, ACTORS - 1, happenings)) % ACTORS
    type_ix = _zipf(rng, len(EVENT_TYPES), happenings, 0.8)
    quad = np.array([TYPE_QUAD[t] for t in EVENT_TYPES])[type_ix]
    goldstein = np.round(np.array([GOLDSTEIN[q] for q in (1, 2, 3, 4)])[quad - 1] + rng.normal(0, 1.5, happenings), 1)
    own = pa.table({
        "n": np.arange(events), "h": h, "single": (reports[h] == 1), "day": years[h], "undated": rng.random(events) < 0.03,
        "type": np.array(EVENT_TYPES, dtype=object)[type_ix][h], "quad": quad[h], "goldstein": goldstein[h],
        "reciprocal": rng.random(events) < 0.05, "actor": ids[actor][h], "target": ids[target][h],
        "actor_country": countries[actor][h], "target_country": countries[target][h],
    })  # fmt: skip
    con = con or connect()
    con.register("own", own)
    raw_events = con.sql(
        f"SELECT 'e' || n AS event_id, CASE WHEN single THEN 'e' || n ELSE 'c' || h END AS unit, "
        f"CASE WHEN undated THEN NULL ELSE strftime(DATE '{FIRST_DAY}' + day::INTEGER, '%Y-%m-%d') END AS day, type, quad AS quad_class, "
        "goldstein, CASE WHEN reciprocal THEN 1 ELSE 0 END AS reciprocal, 'reported' AS status FROM own"
    ).to_arrow_table()
    raw_participants = con.sql(
        "SELECT 'e' || n AS event_id, 'actor' AS role, 0 AS position, actor AS actor_id, actor AS canonical_id, actor AS name, actor_country AS country FROM own "
        "UNION ALL SELECT 'e' || n, CASE WHEN reciprocal THEN 'actor' ELSE 'target' END, CASE WHEN reciprocal THEN 1 ELSE 0 END, "
        "target, target, target, target_country FROM own"
    ).to_arrow_table()
    con.unregister("own")
    registry = pa.table({"id": ids, "name": names, "kind": kinds, "country": countries, "sector": np.array([None] * ACTORS, dtype=object)})
    aliases = pa.table({"key": pa.array([], pa.string()), "actor_id": pa.array([], pa.string())})
    return RawTables(_cast(raw_events, "events"), _cast(raw_participants, "participants"), _cast(registry, "actors"), _cast(aliases, "aliases"))


def _cast(table: Any, name: str) -> Any:
    """``table`` with the raw table's columns, in order and types."""
    schema = raw_schema(name)
    table = table.select(schema.names)
    return table.cast(schema) if hasattr(table, "cast") else table
