"""Languages, MinHash fingerprints and near-duplicate groups in the store (tables of migration 0010).

``write_screening`` runs inside the transaction that writes the article, so an article is never
stored without its language and fingerprint. ``known_near`` answers the screen's question: which
stored articles share an LSH band with a new one. ``query_duplicates`` lists the groups.
"""

from __future__ import annotations

import sqlite3
from typing import Sequence

from newsevents.dedup.records import MINHASH_SCHEME as SCHEME
from newsevents.dedup.records import Known, Screening


def write_screening(conn: sqlite3.Connection, found: Screening) -> None:
    """Store an article's language, skip reason, fingerprint and group (the article row exists already)."""
    article = found.article_id
    conn.execute("UPDATE articles SET language=?, skipped=? WHERE id=?", (found.language, found.skipped, article))
    write_fingerprint(conn, article, found.signature, found.bands)
    if found.duplicate_of is not None:
        head = found.duplicate_of
        conn.execute("INSERT OR IGNORE INTO near_duplicates(article_id, group_id, similarity) VALUES (?,?,NULL)", (head, head))
        conn.execute("INSERT OR REPLACE INTO near_duplicates(article_id, group_id, similarity) VALUES (?,?,?)", (article, head, found.similarity))


def write_fingerprint(conn: sqlite3.Connection, article: str, signature: bytes, bands: Sequence[int]) -> None:
    """Store an article's MinHash signature and its LSH band keys (band i holds bands[i])."""
    conn.execute("INSERT OR REPLACE INTO article_minhash(article_id, scheme, signature) VALUES (?,?,?)", (article, SCHEME, signature))
    conn.executemany("INSERT OR IGNORE INTO article_bands(band, key, article_id) VALUES (?,?,?)",
                     [(band, key, article) for band, key in enumerate(bands)])  # fmt: skip


def unfingerprinted(conn: sqlite3.Connection, limit: int) -> list[tuple[str, str]]:
    """(id, text) of up to ``limit`` stored articles with no fingerprint of this scheme (stored before migration 0010)."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT a.id, a.text FROM articles a LEFT JOIN article_minhash m ON m.article_id = a.id AND m.scheme = ? "
        "WHERE m.article_id IS NULL ORDER BY a.rowid LIMIT ?", (SCHEME, limit))]  # fmt: skip


def known_near(conn: sqlite3.Connection, keys: Sequence[int]) -> Known:
    """Stored articles sharing at least one band key with ``keys`` (band i holds keys[i]), with signatures and groups."""
    ids: set[str] = set()
    for band, key in enumerate(keys):
        ids.update(r[0] for r in conn.execute("SELECT article_id FROM article_bands WHERE band=? AND key=?", (band, key)))
    if not ids:
        return Known({}, {})
    marks = ",".join("?" * len(ids))
    order = sorted(ids)
    signatures = {r[0]: r[1] for r in conn.execute(f"SELECT article_id, signature FROM article_minhash WHERE scheme=? AND article_id IN ({marks})", (SCHEME, *order))}
    groups = {r[0]: r[1] for r in conn.execute(f"SELECT article_id, group_id FROM near_duplicates WHERE article_id IN ({marks})", order)}
    return Known(signatures, groups)
