"""Read queries over what the screen stored (migration 0010): near-duplicate groups and article languages."""

from __future__ import annotations

import sqlite3
from typing import Any

from newsevents.errors import QueryError


def duplicate_groups(conn: sqlite3.Connection, *, limit: int = 20) -> list[dict[str, Any]]:
    """Near-duplicate groups, largest and newest first: each with its members, earliest published (the original) first."""
    if limit < 1:
        raise QueryError(f"limit must be 1 or more, got {limit}")
    heads = conn.execute(
        "SELECT group_id, count(*) AS size FROM near_duplicates GROUP BY group_id "
        "ORDER BY size DESC, max(rowid) DESC LIMIT ?", (limit,),
    ).fetchall()  # fmt: skip
    groups = []
    for head in heads:
        members = conn.execute(
            "SELECT a.id, a.published, a.source, a.title, a.language, d.similarity, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
            "FROM near_duplicates d JOIN articles a ON a.id = d.article_id WHERE d.group_id=? "
            "ORDER BY a.published IS NULL, a.published, a.id", (head["group_id"],),
        ).fetchall()  # fmt: skip
        items = [dict(m) | {"coded": m["id"] == head["group_id"]} for m in members]
        groups.append({"group": head["group_id"], "size": head["size"], "original": items[0]["id"] if items else None, "members": items})
    return groups


def language_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many stored articles each language has, most first ('?' for articles stored before languages were)."""
    rows = conn.execute("SELECT coalesce(language, '?') AS lang, count(*) AS n FROM articles GROUP BY lang ORDER BY n DESC, lang")
    return {r[0]: r[1] for r in rows}
