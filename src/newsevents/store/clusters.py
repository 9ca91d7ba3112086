"""Event clusters in the store: read every stored event as a mention, write the clusters they form (issue #8).

Clusters are computed over all stored events (``api.cluster_events``; ``update_clusters_keeping`` scores
again only around what changed) and written here in one write transaction, with the registry
whose actor keys made them. Written in place (``rebuild=False``), only the clusters that changed are
deleted and inserted again; ``rebuild=True`` empties the tables first. Both leave the same rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from newsevents.clusters import EventCluster, EventMention
from newsevents.records import ActorRef
from newsevents.registry import Registry
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


def _stored(conn: sqlite3.Connection, skip: frozenset[str] = frozenset()) -> dict[str, tuple[Row, list[Row]]]:
    """The rows already stored (but the clusters ``skip`` names), in the shape ``cluster_rows`` gives."""
    members: dict[str, list[Row]] = {}
    for m in conn.execute("SELECT * FROM event_cluster_members ORDER BY cluster_id, event_id"):
        if m["cluster_id"] not in skip:
            members.setdefault(m["cluster_id"], []).append(tuple(m))
    return {r["id"]: (tuple(r), members.get(r["id"], [])) for r in conn.execute("SELECT * FROM event_clusters") if r["id"] not in skip}


def write_clusters(conn: sqlite3.Connection, clusters: list[EventCluster], clusterer: str, *, rebuild: bool = False,
                   state: tuple[int, ...] | None = None, registry: Registry | None = None,
                   kept: frozenset[str] = frozenset()) -> dict[str, int] | None:  # fmt: skip
    """Make the stored clusters equal ``clusters``; return how many clusters were written, deleted and kept.

    With ``state`` (``store.registry.corpus_state`` when the events were read), nothing is written
    and None returned when articles or corrections have been stored since. With ``registry`` (the
    one whose actor keys made ``clusters``), it is written in the same transaction, so the stored
    clusters always match the stored registry (``update_clusters_keeping`` relies on that). ``kept`` names
    clusters known to equal their stored rows (``update_clusters_keeping``): they are neither compared nor written.
    """
    from newsevents.store.registry import corpus_state, registry_writer

    kept = frozenset() if rebuild else kept
    wanted = cluster_rows([c for c in clusters if c.id not in kept], clusterer)
    write_registry = registry_writer(conn, registry) if registry is not None else None
    with immediate(conn):
        if state is not None and corpus_state(conn) != state:
            return None
        if write_registry is not None:
            write_registry()
        if rebuild:
            conn.execute("DELETE FROM event_cluster_members")
            conn.execute("DELETE FROM event_clusters")
        stored = _stored(conn, skip=kept)
        gone = sorted(cid for cid in stored if stored[cid] != wanted.get(cid))
        new = sorted(cid for cid in wanted if stored.get(cid) != wanted[cid])
        for chunk in range(0, len(gone), 500):
            ids = gone[chunk : chunk + 500]
            marks = ",".join("?" * len(ids))
            conn.execute(f"DELETE FROM event_cluster_members WHERE cluster_id IN ({marks})", ids)
            conn.execute(f"DELETE FROM event_clusters WHERE id IN ({marks})", ids)
        conn.executemany("INSERT INTO event_clusters VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [wanted[c][0] for c in new])
        conn.executemany("INSERT INTO event_cluster_members VALUES (?,?,?,?,?,?)", [m for c in new for m in wanted[c][1]])
    return {"written": len(new), "deleted": len(set(gone) - set(wanted)), "kept": len(wanted) - len(new) + len(kept)}


def update_clusters_keeping(conn: sqlite3.Connection, registry: Registry, clusterer: str, *,
                            rebuild: bool = False) -> tuple[list[EventCluster], frozenset[str]]:  # fmt: skip
    """The clusters of every stored event with ``registry``'s actor keys; scored again only where something changed.

    Starts from the stored clusters (``clusters.incremental``) when they can be trusted: made by
    this clusterer, with the stored registry's keys (``write_clusters(registry=...)`` writes both
    at once), and no event resolved by a registry write but left out of the clusters. Otherwise,
    or with ``rebuild``, every event is clustered from scratch. Either way the result is the same.
    Also returns the ids of the stored clusters kept as they were (for ``write_clusters(kept=...)``).
    """
    from newsevents.clusters import cluster_events
    from newsevents.clusters.incremental import recluster_keeping
    from newsevents.store.registry import stored_registry

    mentions = read_mentions(conn)
    new_key = _by_name(registry)
    if rebuild or not _trusted(conn, clusterer):
        return cluster_events(mentions, actor_key=new_key), frozenset()
    stored = {r[0]: r[1] for r in conn.execute("SELECT event_id, cluster_id FROM event_cluster_members")}
    return recluster_keeping(mentions, stored, _by_name(stored_registry(conn)), new_key)


def _by_name(registry: Registry) -> Callable[[ActorRef], str]:
    """``registry.key_for``, cached on what it reads (name, country, sector): a corpus repeats a few thousand of them."""
    cached = lru_cache(maxsize=None)(lambda name, country, sector: registry.key_for(ActorRef(name, None, country, sector)))
    return lambda ref: cached(ref.name, ref.country, ref.sector)


def _trusted(conn: sqlite3.Connection, clusterer: str) -> bool:
    """True when the stored clusters were all made by ``clusterer`` and with the stored registry's keys."""
    other = conn.execute("SELECT EXISTS (SELECT 1 FROM event_clusters WHERE clusterer != ?)", (clusterer,)).fetchone()[0]
    orphan = conn.execute(  # resolved by a registry write that did not write its clusters (a run stopped between the two)
        "SELECT EXISTS (SELECT 1 FROM events e JOIN event_actors ea ON ea.event_id = e.id WHERE ea.canonical_id IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM event_cluster_members m WHERE m.event_id = e.id))"
    ).fetchone()[0]
    return not other and not orphan
