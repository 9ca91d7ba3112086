"""The state of feeds between runs: the validators for a conditional GET (table feed_state), the URLs stored."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Mapping

from newsevents.ingest.fetch import Validators


def read_validators(conn: sqlite3.Connection) -> dict[str, Validators]:
    """Every feed URL's last ETag and Last-Modified."""
    return {url: Validators(etag, modified) for url, etag, modified in conn.execute("SELECT url, etag, last_modified FROM feed_state")}


def write_validators(conn: sqlite3.Connection, seen: Mapping[str, Validators]) -> None:
    """Record what each URL's server answered this run (inside the caller's write transaction)."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn.executemany(
        "INSERT INTO feed_state(url, etag, last_modified, checked) VALUES (?,?,?,?) "
        "ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified, checked=excluded.checked",
        [(url, v.etag, v.last_modified, now) for url, v in sorted(seen.items())],
    )


def stored_urls(conn: sqlite3.Connection) -> frozenset[str]:
    """The URLs of the articles stored (feed entries linking to them need no fetch)."""
    return frozenset(r[0] for r in conn.execute("SELECT DISTINCT url FROM articles WHERE url IS NOT NULL"))
