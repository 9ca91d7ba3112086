"""Event clusters in the store: read every stored event as a mention, write the clusters they form (issue #8).

Clusters are computed over all stored events (``api.cluster_events``) and written here in one
write transaction. Written in place (``rebuild=False``), only the clusters that changed are
deleted and inserted again; ``rebuild=True`` empties the tables first. Both leave the same rows.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsevents.clusters import EventCluster, EventMention
from newsevents.store.migrate import immediate
from newsevents.store.read import read_events

Row = tuple[Any, ...]


def read_mentions(conn: sqlite3.Connection) -> list[EventMention]:
    """Every stored event as a mention: with its article's id, source, publication date and named persons."""
    events = read_events(conn)
    people: dict[str, set[str]] = {}
    for e in conn.execute("SELECT article_id, id FROM entities WHERE type = 'PERSON'"):
        people.setdefault(e["article_id"], set()).add(e["id"])
    out = []
    for a in conn.execute("SELECT id, source, published FROM articles ORDER BY id"):
        persons = people.get(a["id"], set())
        for event in events.get(a["id"], ()):
            named = frozenset(ref.name for ref in event.actors + event.targets if ref.entity in persons)
            out.append(EventMention(event, a["id"], a["source"], a["published"], named))
    return out


def cluster_rows(clusters: list[EventCluster], clusterer: str) -> dict[str, tuple[Row, list[Row]]]:
    """The ``event_clusters`` row and ``event_cluster_members`` rows of each cluster, by cluster id."""
    out: dict[str, tuple[Row, list[Row]]] = {}
    for c in clusters:
        row = (c.id, clusterer, c.type, c.date, c.first_seen, c.last_seen, c.articles, len(c.sources), len(c.mentions),
               int(c.contested), json.dumps(list(c.actors)), json.dumps(list(c.targets)))  # fmt: skip
        members = sorted({m.event.id: (c.id, m.event.id, m.article_id, m.source, m.published, m.event.status) for m in c.mentions}.values())
        out[c.id] = (row, members)
    return out


def _stored(conn: sqlite3.Connection) -> dict[str, tuple[Row, list[Row]]]:
    """The rows already stored, in the shape ``cluster_rows`` gives."""
    members: dict[str, list[Row]] = {}
    for m in conn.execute("SELECT * FROM event_cluster_members ORDER BY cluster_id, event_id"):
        members.setdefault(m["cluster_id"], []).append(tuple(m))
    return {r["id"]: (tuple(r), members.get(r["id"], [])) for r in conn.execute("SELECT * FROM event_clusters")}


def write_clusters(conn: sqlite3.Connection, clusters: list[EventCluster], clusterer: str, *, rebuild: bool = False,
                   state: tuple[int, ...] | None = None) -> dict[str, int] | None:  # fmt: skip
    """Make the stored clusters equal ``clusters``; return how many clusters were written, deleted and kept.

    With ``state`` (``store.registry.corpus_state`` when the events were read), nothing is written
    and None returned when articles or corrections have been stored since.
    """
    from newsevents.store.registry import corpus_state

    wanted = cluster_rows(clusters, clusterer)
    with immediate(conn):
        if state is not None and corpus_state(conn) != state:
            return None
        if rebuild:
            conn.execute("DELETE FROM event_cluster_members")
            conn.execute("DELETE FROM event_clusters")
        stored = _stored(conn)
        gone = sorted(cid for cid in stored if stored[cid] != wanted.get(cid))
        new = sorted(cid for cid in wanted if stored.get(cid) != wanted[cid])
        for chunk in range(0, len(gone), 500):
            ids = gone[chunk : chunk + 500]
            marks = ",".join("?" * len(ids))
            conn.execute(f"DELETE FROM event_cluster_members WHERE cluster_id IN ({marks})", ids)
            conn.execute(f"DELETE FROM event_clusters WHERE id IN ({marks})", ids)
        conn.executemany("INSERT INTO event_clusters VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [wanted[c][0] for c in new])
        conn.executemany("INSERT INTO event_cluster_members VALUES (?,?,?,?,?,?)", [m for c in new for m in wanted[c][1]])
    return {"written": len(new), "deleted": len(set(gone) - set(wanted)), "kept": len(wanted) - len(new)}
