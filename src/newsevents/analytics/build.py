"""Build or bring up to date an analytics dataset from a store (or from raw tables made elsewhere, as the bench does).

Every build reads the whole store, derives the flat rows in DuckDB and computes one digest per month;
only the months whose digest changed (new events, events deleted or re-clustered, actors re-resolved)
are written again, with their rollup rows; the pairs file (sorted by key, not by month) is written again
whole when any month changed. A first build writes everything; a build with nothing new writes nothing.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from newsevents.analytics.dataset import read_manifest, remove_months, size_bytes, write_manifest, write_months, write_pairs, write_registry
from newsevents.analytics.engine import connect, literal
from newsevents.analytics.export import RawTables, read_store
from newsevents.analytics.flat import make_flat
from newsevents.analytics.rollups import update_rollups


@dataclass(frozen=True)
class BuildReport:
    """What a build did: months written and removed, events in the store, seconds, bytes on disk."""

    out: str
    months_written: tuple[str, ...]
    months_removed: tuple[str, ...]
    months: int
    events: int
    seconds: float
    bytes: int


def build(db: str | Path, out: str | Path, *, threads: int | None = None) -> BuildReport:
    """Export the SQLite store ``db`` to the dataset ``out``, writing only the months that changed."""
    path = Path(db)
    if not path.exists():
        raise FileNotFoundError(f"store {db} not found; make one with `newsevents ingest INPUT --db {db}`")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        raw = read_store(conn)
    finally:
        conn.close()
    return build_from(raw, out, threads=threads)


def build_from(raw: RawTables, out: str | Path, *, threads: int | None = None) -> BuildReport:
    """Bring the dataset ``out`` up to date with ``raw`` (the store's tables, or synthetic ones of the same shape)."""
    started = time.perf_counter()
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(folder)
    con = connect(threads)
    try:
        for name in ("events", "participants", "actors", "aliases"):
            con.register(f"raw_{name}", getattr(raw, name))
        digests = make_flat(con)
        old = manifest["months"]
        changed = sorted(m for m, d in digests.items() if old.get(m) != d)
        removed = sorted(set(old) - set(digests))
        write_months(con, folder, changed)
        if changed or removed or not (folder / "pairs.parquet").exists():
            write_pairs(con, folder)
        remove_months(folder, removed)
        write_registry(con, folder)
        if not manifest["builds"]:  # a first build (or one of an older layout) starts the rollups afresh
            (folder / "rollups.duckdb").unlink(missing_ok=True)
        con.execute(f"ATTACH '{literal(folder / 'rollups.duckdb')}' AS rollups")
        update_rollups(con, "rollups", changed + removed)
        con.execute("DETACH rollups")
        events = con.execute("SELECT count(*) FROM flat_events").fetchone()[0]
    finally:
        con.close()
    write_manifest(folder, {**manifest, "builds": manifest["builds"] + 1, "months": digests})
    return BuildReport(str(folder), tuple(changed), tuple(removed), len(digests), events, round(time.perf_counter() - started, 3), size_bytes(folder))
