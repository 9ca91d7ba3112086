"""Event clusters in the store: read stored events as mentions, write the clusters they form (issue #8).

A full build reads every stored event (``api.cluster_events(rebuild=True)``); a refresh
(``update_clusters_keeping``) reads and scores only a window around what changed
(``window_update``) and keeps every other stored cluster. Clusters are written here in one write
transaction, with the registry whose actor keys made them. Written in place (``rebuild=False``),
only the clusters that changed are deleted and inserted again; ``rebuild=True`` empties the
tables first. Both leave the same rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from functools import lru_cache
from typing import Any

from newsevents.clusters import ClusterPolicy, EventCluster, EventMention, default_policy
from newsevents.clusters.index import blocks, meets, mention_blocks
from newsevents.records import ActorRef
from newsevents.registry import Registry
from newsevents.store.migrate import immediate
from newsevents.store.read import by_articles, events_on_days, party_countries, read_events

Row = tuple[Any, ...]


def read_mentions(conn: sqlite3.Connection, articles: Collection[str] | None = None) -> list[EventMention]:
    """Every stored event (or those of ``articles``) as a mention: with its article's id, source, publication date and named persons."""
    events = read_events(conn, articles=articles)
    people: dict[str, set[str]] = {}
    # By id, the type is tested here: SQLite would otherwise walk entities_name over every person in the store.
    sql = "SELECT article_id, id, type FROM entities" + (" WHERE type = 'PERSON'" if articles is None else "")
    for e in by_articles(conn, sql, "article_id", articles):
        if e["type"] == "PERSON":
            people.setdefault(e["article_id"], set()).add(e["id"])
    out = []
    rows = by_articles(conn, "SELECT id, source, published FROM articles", "id", articles)
    for a in sorted(rows, key=lambda a: a["id"]):
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


@dataclass(frozen=True)
class Window:
    """What a windowed refresh (``update_clusters_keeping``) replaces: the stored clusters ``replaced`` names; every other is kept as stored."""

    replaced: frozenset[str]


def _stored(conn: sqlite3.Connection, only: Collection[str] | None = None) -> dict[str, tuple[Row, list[Row]]]:
    """The rows already stored (of the clusters ``only`` names, else of all), in the shape ``cluster_rows`` gives."""
    members: dict[str, list[Row]] = {}
    for m in by_articles(conn, "SELECT * FROM event_cluster_members", "cluster_id", only):
        members.setdefault(m["cluster_id"], []).append(tuple(m))
    rows = by_articles(conn, "SELECT * FROM event_clusters", "id", only)
    return {r["id"]: (tuple(r), sorted(members.get(r["id"], []))) for r in rows}


def write_clusters(conn: sqlite3.Connection, clusters: list[EventCluster], clusterer: str, *, rebuild: bool = False,
                   state: tuple[int, ...] | None = None, registry: Registry | None = None,
                   window: Window | None = None) -> dict[str, int] | None:  # fmt: skip
    """Make the stored clusters equal ``clusters``; return how many clusters there are, and were written, deleted and kept.

    With ``state`` (``store.registry.corpus_state`` when the events were read), nothing is written
    and None returned when articles or corrections have been stored since. With ``registry`` (the
    one whose actor keys made ``clusters``), it is written in the same transaction, so the stored
    clusters always match the stored registry (``update_clusters_keeping`` relies on that). A ``window``
    (``update_clusters_keeping``) says that ``clusters`` are only those of a window: the stored clusters it
    replaces and the ones given are compared and written, every other stored cluster is left alone.
    """
    from newsevents.store.registry import corpus_state, registry_writer

    replaced = window.replaced if window is not None and not rebuild else None
    wanted = cluster_rows(clusters, clusterer)
    write_registry = registry_writer(conn, registry) if registry is not None else None
    with immediate(conn):
        if state is not None and corpus_state(conn) != state:
            return None
        if write_registry is not None:
            write_registry()
        if rebuild:
            conn.execute("DELETE FROM event_cluster_members")
            conn.execute("DELETE FROM event_clusters")
        stored = _stored(conn, only=None if replaced is None else replaced | set(wanted))
        gone = sorted(cid for cid in stored if stored[cid] != wanted.get(cid))
        new = sorted(cid for cid in wanted if stored.get(cid) != wanted[cid])
        for chunk in range(0, len(gone), 500):
            ids = gone[chunk : chunk + 500]
            marks = ",".join("?" * len(ids))
            conn.execute(f"DELETE FROM event_cluster_members WHERE cluster_id IN ({marks})", ids)
            conn.execute(f"DELETE FROM event_clusters WHERE id IN ({marks})", ids)
        conn.executemany("INSERT INTO event_clusters VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [wanted[c][0] for c in new])
        conn.executemany("INSERT INTO event_cluster_members VALUES (?,?,?,?,?,?)", [m for c in new for m in wanted[c][1]])
        total = conn.execute("SELECT count(*) FROM event_clusters").fetchone()[0]
    return {"clusters": total, "written": len(new), "deleted": len(set(gone) - set(wanted)), "kept": total - len(new)}


def update_clusters_keeping(conn: sqlite3.Connection, registry: Registry, clusterer: str, *,
                            rebuild: bool = False) -> tuple[list[EventCluster], Window | None]:  # fmt: skip
    """The clusters of the stored events with ``registry``'s actor keys; scored again only where something changed.

    Starts from the stored clusters (``clusters.incremental``) when they can be trusted: made by
    this clusterer, with the stored registry's keys (``write_clusters(registry=...)`` writes both
    at once), and no event resolved by a registry write but left out of the clusters. Then only a
    window of events is read (``window_update``) and its clusters returned with the ``Window`` of
    stored clusters they replace. Otherwise, or with ``rebuild``, every event is read and clustered
    from scratch. Either way the stored clusters ``write_clusters`` leaves are the same.
    """
    from newsevents.clusters import cluster_events

    new_key = _by_name(registry)
    if rebuild or not _trusted(conn, clusterer):
        return cluster_events(read_mentions(conn), actor_key=new_key), None
    return window_update(conn, registry, new_key)


def window_update(conn: sqlite3.Connection, registry: Registry, new_key: Callable[[ActorRef], str]) -> tuple[list[EventCluster], Window]:
    """The clusters of a window around what changed since the stored clusters, and the stored ones they replace.

    The seeds are what the stored clusters cannot vouch for (as ``clusters.incremental.seeds_of``):
    events in no stored cluster, and every member of a stored cluster that lost a member or that
    holds a participant whose name the registry now resolves to another actor. The window starts
    with the seeds' articles and every article with an event ``ClusterIndex`` may score against a
    seed (``_near``: within reach, of its type group, filed under a country it meets), and grows
    until it holds those of every mention of the strong components the seeds are in; those
    components are scored and linked again, exactly as in one batch, and every other stored
    cluster is kept. What it reads grows with the seeds and the events of their days, not the store.
    """
    from newsevents.clusters import ClusterIndex

    fresh = {r[0]: r[1] for r in conn.execute(
        "SELECT e.id, e.article_id FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_cluster_members m WHERE m.event_id = e.id)")}  # fmt: skip
    doubtful = {r[0] for r in conn.execute(  # the store never changes an event in place: a changed one is gone, its new self fresh
        "SELECT DISTINCT m.cluster_id FROM event_cluster_members m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id)")}
    doubtful |= {r[0] for r in by_articles(conn, "SELECT DISTINCT m.cluster_id FROM event_actors ea JOIN event_cluster_members m "
                                           "ON m.event_id = ea.event_id", "ea.name", _renamed(conn, registry))}  # fmt: skip
    seeds = dict(fresh)
    seeds.update({r[0]: r[1] for r in by_articles(conn, "SELECT event_id, article_id FROM event_cluster_members", "cluster_id", doubtful)})
    policy = default_policy()
    mentions = {m.key: m for m in read_mentions(conn, set(seeds.values()))}
    loaded = set(seeds.values())
    filed: Filed = {}
    need = _near(conn, [m for m in mentions.values() if m.event.id in seeds], policy, filed) - loaded
    made: list[EventCluster] | None = None
    region: set[str] = set()
    while made is None or need:
        mentions.update((m.key, m) for m in read_mentions(conn, need))
        loaded |= need
        known = [k for k, m in mentions.items() if m.event.id not in fresh]
        made, region = ClusterIndex(policy, new_key).rescore(mentions.values(), known, [k for k, m in mentions.items() if m.event.id in seeds])
        need = _near(conn, [mentions[k] for k in region], policy, filed) - loaded
    events = sorted({mentions[k].event.id for k in region})
    replaced = doubtful | {r[0] for r in by_articles(conn, "SELECT cluster_id FROM event_cluster_members", "event_id", events)}
    return made, Window(frozenset(replaced))


Filed = dict[tuple[str, str], list[tuple[str, frozenset[str]]]]  # (day, type group) -> (article id, countries filed under) of its events


def _near(conn: sqlite3.Connection, mentions: Iterable[EventMention], policy: ClusterPolicy, filed: Filed) -> set[str]:
    """The articles with an event that ``ClusterIndex`` may score against one of ``mentions``: within reach, of their type group, filed with them.

    ``filed`` keeps what was read for each (day, type group), so a growing window reads each once.
    """
    reach = max(policy.window_event_days, policy.window_published_days)
    wanted: dict[tuple[str, str], set[str]] = {}  # (day, type group) -> countries filed with it; "?" meets every one
    for m in mentions:
        if m.day is None:
            continue
        group, start = policy.type_group(m.event.type), Date.fromisoformat(m.day)
        countries = mention_blocks(m, policy.symmetric)
        for offset in range(-reach, reach + 1):
            wanted.setdefault(((start + timedelta(days=offset)).isoformat(), group), set()).update(countries)
    missing: dict[str, set[str]] = {}
    for day, group in wanted:
        if (day, group) not in filed:
            missing.setdefault(group, set()).add(day)
            filed[(day, group)] = []
    for group in sorted(missing):
        found = events_on_days(conn, policy.group_types(group), missing[group])
        parties = party_countries(conn, [r[0] for r in found])
        for event, article, type_, day in found:
            filed[(day, group)].append((article, blocks(type_, *parties.get(event, ([], [])), policy.symmetric)))
    return {article for at, countries in wanted.items() for article, filed_under in filed[at] if meets(filed_under, countries)}


def _renamed(conn: sqlite3.Connection, registry: Registry) -> list[str]:
    """The participant names that the stored registry and ``registry`` look up as different actors (so their keys differ)."""
    from newsevents.store.registry import stored_registry

    old = stored_registry(conn)
    out = []
    for (name,) in conn.execute("SELECT DISTINCT name FROM event_actors"):
        was, now = old.lookup(name), registry.lookup(name)
        if (was.id if was else None) != (now.id if now else None):
            out.append(name)
    return out


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
