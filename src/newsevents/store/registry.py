"""The actor registry in the store: read what it is built from, write what it gives back (issue #8).

After each ingest the registry is refreshed (``api._refresh``): built from every stored article's totals, re-assigned where they changed.
``keep_observed`` reads the participants, entities, roles and text of the articles stored since the
last build (``read_facts``), keeps what the registry makes of each (``registry_observed``) and adds
it to the totals by node (``registry_nodes``, ``registry.observed.NodeTotals``), which is all the
corpus-wide step reads. ``refresh_registry`` builds from those totals and gives the assignments of the
articles that changed only: the new ones and those holding a node (``registry_keys``) that now
resolves otherwise; ``build_registry`` gives every article's, reading every observation.
``write_registry`` (or ``store.clusters.write_clusters(registry=...)``, with the clusters made from
it) replaces the ``registry_*`` tables and sets the ``event_actors.canonical_id`` that changed in one
write transaction; ``stored_registry`` reads back what the clusters were last made with. Corrections
(``registry_corrections``) are the one input the user makes; they are kept across rebuilds and
applied again in their order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from newsevents.names import name_key
from newsevents.records import ActorRef, Entity, Mention, Role
from newsevents.errors import StoreError
from newsevents.registry import Actor, Alias, ArticleFacts, Correction, Merge, Registry
from newsevents.registry.build import build_totals
from newsevents.registry.dictionary import load_dictionary
from newsevents.registry.facts import article_date
from newsevents.registry.observed import (Observed, Totals, add_totals, corpus_totals, decode, decode_totals, encode, encode_totals,
                                          observe, observer_version, unique_observed)  # fmt: skip
from newsevents.store.migrate import immediate
from newsevents.store.read import by_articles


def read_facts(conn: sqlite3.Connection, only: set[str] | None = None) -> list[ArticleFacts]:
    """What the registry reads of every stored article (or of the articles ``only`` names), as ``facts_of`` gives it, by id."""
    refs: dict[str, list[ActorRef]] = {}
    rows = by_articles(conn, "SELECT ev.article_id, ea.* FROM event_actors ea JOIN events ev ON ev.id = ea.event_id", "ev.article_id",
                       only, "ev.article_id, ev.rowid, ea.role, ea.position")  # fmt: skip
    for r in rows:
        refs.setdefault(r["article_id"], []).append(
            ActorRef(name=r["name"], entity=r["entity"], country=r["country"], sector=r["sector"], start=r["start"], end=r["end"])
        )
    mentions: dict[tuple[str, str], list[Mention]] = {}
    for m in by_articles(conn, "SELECT article_id, entity_id, start, end, text FROM mentions", "article_id", only, "article_id, start"):
        mentions.setdefault((m["article_id"], m["entity_id"]), []).append(Mention(m["start"], m["end"], m["text"]))
    entities: dict[str, list[Entity]] = {}
    for e in by_articles(conn, "SELECT article_id, id, name, type, country, title FROM entities", "article_id", only, "article_id, rowid"):
        entities.setdefault(e["article_id"], []).append(
            Entity(id=e["id"], name=e["name"], type=e["type"], mentions=tuple(mentions.get((e["article_id"], e["id"]), ())),
                   country=e["country"], title=e["title"])  # fmt: skip
        )
    roles: dict[str, list[Role]] = {}
    for r in by_articles(conn, "SELECT article_id, person, office, country, seen, entity FROM roles", "article_id", only, "article_id, rowid"):
        roles.setdefault(r["article_id"], []).append(Role(person=r["person"], office=r["office"], country=r["country"], seen=r["seen"], entity=r["entity"]))
    return [
        ArticleFacts(a["id"], article_date(a["published"]), tuple(refs.get(a["id"], ())), tuple(entities.get(a["id"], ())),
                     tuple(roles.get(a["id"], ())), a["text"] or "")  # fmt: skip
        for a in by_articles(conn, "SELECT id, published, text FROM articles", "id", only, "id")
    ]


def article_stamps(conn: sqlite3.Connection) -> dict[str, str]:
    """Article id -> what its stored facts are, in brief (the observer's version and counts): a cached observation is good while it is the same."""
    version = observer_version()
    counts: dict[str, list[object]] = {a: [version, 0, "", "", 0, 0, 0] for (a,) in conn.execute("SELECT id FROM articles")}
    queries = (
        ("SELECT ev.article_id, count(*), min(ev.id), max(ev.id) FROM event_actors ea JOIN events ev ON ev.id = ea.event_id "
         "GROUP BY ev.article_id", 1),
        ("SELECT article_id, count(*) FROM entities GROUP BY article_id", 4),
        ("SELECT article_id, count(*) FROM mentions GROUP BY article_id", 5),
        ("SELECT article_id, count(*) FROM roles GROUP BY article_id", 6),
    )  # fmt: skip
    for sql, at in queries:
        for row in conn.execute(sql):
            if row[0] in counts:
                counts[row[0]][at : at + len(row) - 1] = list(row[1:])
    return {a: "|".join(map(str, values)) for a, values in counts.items()}


@dataclass(frozen=True)
class Kept:
    """What ``keep_observed`` read and kept: the registry's totals by node and the observations a build needs."""

    totals: Totals
    observed: list[Observed]  # every article's when ``whole`` (or asked for), else only those observed now
    new: frozenset[str]  # the articles observed now (new, or changed since they were kept)
    whole: bool  # the totals were summed again from every article (a first build, a changed or removed article)


def observe_stored(conn: sqlite3.Connection, fresh: bool = False) -> list[Observed]:
    """Every stored article's observations: kept ones whose facts did not change, the others observed now and kept."""
    return keep_observed(conn, fresh, every=True).observed


def keep_observed(conn: sqlite3.Connection, fresh: bool = False, every: bool = False) -> Kept:
    """Observe the articles stored or changed since the last build, keep their observations and add them to the totals by node.

    With ``fresh`` every article is observed again (``newsevents actors rebuild``). The kept
    observations and totals are written in their own short transaction: they are a cache, good
    while an article's stamp (``article_stamps``) is the same, whatever else is written or not.
    Only new articles are added to the stored totals; when a kept article changed or went (or a
    store has observations from before 0018) they are summed again from every article. Read from
    ``registry_nodes`` and the new articles alone otherwise, unless ``every`` asks for all observations.
    """
    for _ in range(5):
        kept = _keep_observed(conn, fresh, every)
        if kept is not None:
            return kept
    raise StoreError("the registry's kept observations kept changing while they were read; run `newsevents actors rebuild`")


def _keep_observed(conn: sqlite3.Connection, fresh: bool, every: bool) -> Kept | None:
    """``keep_observed`` once; None when another process kept observations meanwhile."""
    stamps = article_stamps(conn)
    kept: dict[str, tuple[str, int]] = {}
    if not fresh:
        kept = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT article_id, stamp, counted FROM registry_observed")}
    seen = (len(kept), sum(c for _, c in kept.values()))
    good = {a for a, (stamp, _) in kept.items() if stamps.get(a) == stamp}
    todo = set(stamps) - good
    whole = fresh or len(good) < len(kept) or seen[1] < seen[0]
    new = [observe(f) for f in read_facts(conn, only=None if len(todo) == len(stamps) else todo)] if todo else []
    old: list[Observed] = []
    if whole or every:
        rows = conn.execute("SELECT article_id, observed FROM registry_observed") if good else ()
        old = [decode(a, text) for a, text in rows if a in good]
    if whole:
        totals = corpus_totals(old + new)
        changed = totals
    else:
        totals = {r[0]: decode_totals(r[1]) for r in conn.execute("SELECT node, totals FROM registry_nodes")}
        changed = corpus_totals(new)
        add_totals(totals, changed)
    with immediate(conn):
        now = conn.execute("SELECT count(*), coalesce(sum(counted), 0) FROM registry_observed").fetchone()
        if not fresh and tuple(now) != seen:
            return None
        _write_kept(conn, new, stamps, whole, {n: totals[n] for n in changed}, old + new if whole else new)
    return Kept(totals, old + new if whole or every else new, frozenset(o.article for o in new), whole)


def _write_kept(conn: sqlite3.Connection, new: list[Observed], stamps: dict[str, str], whole: bool, nodes: Totals,
                keyed: list[Observed]) -> None:  # fmt: skip
    """Write the observations made now, the totals of the nodes they changed (of every node when ``whole``) and ``keyed``'s keys."""
    ex = conn.executemany
    if whole:
        conn.execute("DELETE FROM registry_observed WHERE article_id NOT IN (SELECT id FROM articles)")
        conn.execute("DELETE FROM registry_keys")
        conn.execute("UPDATE registry_observed SET counted = 1")
        # what nodes resolved to is unknown until the registry is written: a refresh stopped after this commit leaves
        # the next one to re-assign every article, not only those whose node resolves otherwise than before
        conn.execute("UPDATE registry_nodes SET resolved = NULL")
        gone = [(n,) for (n,) in conn.execute("SELECT node FROM registry_nodes") if n not in nodes]
        ex("DELETE FROM registry_nodes WHERE node = ?", gone)
    ex("INSERT INTO registry_observed (article_id, stamp, observed, counted) VALUES (?, ?, ?, 1) ON CONFLICT (article_id) "
       "DO UPDATE SET stamp = excluded.stamp, observed = excluded.observed, counted = 1",
       [(o.article, stamps[o.article], encode(o)) for o in new])  # fmt: skip
    ex("INSERT INTO registry_nodes (node, totals) VALUES (?, ?) ON CONFLICT (node) DO UPDATE SET totals = excluded.totals",
       [(n, encode_totals(t)) for n, t in sorted(nodes.items())])  # fmt: skip
    ex("INSERT INTO registry_keys (node, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
       sorted({(s.node, o.article) for o in keyed for s in o.sightings}))  # fmt: skip


def read_corrections(conn: sqlite3.Connection) -> list[Correction]:
    """The user's corrections, in the order they were made."""
    rows = conn.execute("SELECT op, actor, other, actor_name, other_name FROM registry_corrections ORDER BY position")
    return [Correction(r["op"], r["actor"], r["other"], r["actor_name"], r["other_name"]) for r in rows]


def add_correction(conn: sqlite3.Connection, correction: Correction) -> int:
    """Store one more correction (applied after those before it); return its position."""
    with immediate(conn):
        cur = conn.execute(
            "INSERT INTO registry_corrections (position, op, actor, other, actor_name, other_name, made_at) "
            "VALUES ((SELECT coalesce(max(position), 0) + 1 FROM registry_corrections), ?, ?, ?, ?, ?, ?)",
            (correction.op, correction.actor, correction.other, correction.actor_name, correction.other_name,
             datetime.now(timezone.utc).isoformat(timespec="seconds")),
        )  # fmt: skip
        return int(cur.lastrowid or 0)


def corpus_state(conn: sqlite3.Connection) -> tuple[int, ...]:
    """What the registry and the clusters are built from, in brief: the articles and corrections stored so far."""
    row = conn.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT coalesce(max(rowid), 0) FROM articles), "
        "(SELECT count(*) FROM registry_corrections), (SELECT coalesce(max(position), 0) FROM registry_corrections)"
    ).fetchone()
    return tuple(row)


def behind(conn: sqlite3.Connection) -> bool:
    """True when some stored event is not yet resolved by the registry or in a cluster (a run killed before its rebuild)."""
    return bool(conn.execute(
        "SELECT EXISTS (SELECT 1 FROM event_actors WHERE canonical_id IS NULL) "
        "OR EXISTS (SELECT 1 FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_cluster_members m WHERE m.event_id = e.id))"
    ).fetchone()[0])


def write_registry(conn: sqlite3.Connection, registry: Registry, state: tuple[int, ...] | None = None) -> bool:
    """Replace the registry tables with ``registry`` and set the canonical ids of its participants (of every article, or of
    ``registry.articles`` only when it is a ``Refreshed``).

    One write transaction: readers see the old registry or the new one, never a mix. With
    ``state`` (``corpus_state`` when the registry was read), nothing is written and False returned
    when articles or corrections have been stored since.
    """
    write = registry_writer(conn, registry)
    with immediate(conn):
        if state is not None and corpus_state(conn) != state:
            return False
        write()
    return True


@dataclass(frozen=True)
class Refreshed(Registry):
    """A registry whose assignments are only those of ``articles`` (None: of every article): the ones a refresh changed.

    ``resolved`` gives what each node whose sightings now resolve otherwise resolves to
    (``registry.summary.Resolver.resolutions``); ``registry_writer`` sets the canonical ids of
    ``articles`` only and keeps ``resolved`` in ``registry_nodes`` for the next refresh to compare.
    """

    articles: frozenset[str] | None = None
    resolved: tuple[tuple[str, str], ...] = ()


def refresh_registry(conn: sqlite3.Connection, dictionary: str = "", fresh: bool = False) -> Refreshed:
    """The registry of every stored article, read from the kept totals by node; its assignments only where something changed.

    Equal to ``build_registry`` in its actors, aliases, merges, terms and stale corrections; its
    assignments are those of the articles observed now and of every article holding a node
    (``registry_keys``) whose sightings resolve otherwise than when canonical ids were last
    written, or with a participant not resolved yet. What it reads grows with those, not the store.
    """
    return _registry(conn, dictionary, fresh, every=False)


def _registry(conn: sqlite3.Connection, dictionary: str, fresh: bool, every: bool) -> Refreshed:
    """``refresh_registry``, or with ``every`` every article's assignments and observations (``build_registry``)."""
    kept = keep_observed(conn, fresh, every)
    chosen = load_dictionary(dictionary or None)
    corrections = read_corrections(conn)
    made, resolver = build_totals(kept.totals, chosen, corrections)
    resolutions = resolver.resolutions(kept.totals)
    if kept.whole or every:
        articles, observed, resolved = None, unique_observed(kept.observed), sorted(resolutions.items())
    else:
        before = dict(conn.execute("SELECT node, resolved FROM registry_nodes").fetchall())
        resolved = sorted((n, r) for n, r in resolutions.items() if before.get(n) != r)
        moved = {r[0] for r in by_articles(conn, "SELECT article_id FROM registry_keys", "node", [n for n, _ in resolved])}
        moved |= {r[0] for r in conn.execute("SELECT DISTINCT ev.article_id FROM event_actors ea JOIN events ev ON ev.id = ea.event_id "
                                             "WHERE ea.canonical_id IS NULL")}  # fmt: skip
        moved -= kept.new
        rows = by_articles(conn, "SELECT article_id, observed FROM registry_observed", "article_id", moved)
        observed = unique_observed([*kept.observed, *(decode(a, text) for a, text in rows)])
        articles = frozenset(moved | kept.new)
    return Refreshed(made.actors, made.aliases, made.merges, made.terms, resolver.assignments(observed), tuple(corrections),
                     made.stale, observed if every else (), chosen, articles=articles, resolved=tuple(resolved))  # fmt: skip


def registry_writer(conn: sqlite3.Connection, registry: Registry) -> Callable[[], None]:
    """Prepare (outside any transaction) the writes that store ``registry``; the returned call makes them inside one.

    Only participants whose canonical id changes are updated; of a ``Refreshed`` registry, only
    those of its articles are read. Another registry leaves what the nodes resolved to unknown.
    """
    only = registry.articles if isinstance(registry, Refreshed) else None
    participants = by_articles(conn, "SELECT ea.rowid AS rid, ev.article_id, ea.name, ea.start, ea.end, ea.canonical_id "
                               "FROM event_actors ea JOIN events ev ON ev.id = ea.event_id", "ev.article_id", only)  # fmt: skip
    actor_at = registry.actor_at
    canonical = [(actor, rid) for rid, article, name, start, end, stored in participants
                 if (actor := actor_at(article, start, end, name)) != stored]  # fmt: skip
    aliases = {name_key(a.text): (a.text, a.actor, a.how) for a in registry.aliases}  # as Registry.lookup reads them

    def write() -> None:
        for table in ("registry_aliases", "registry_merges", "registry_terms", "registry_actors"):
            conn.execute(f"DELETE FROM {table}")
        ex = conn.executemany
        ex("INSERT INTO registry_actors (id, name, kind, country, sector) VALUES (?,?,?,?,?)",
           [(a.id, a.name, a.kind, a.country, a.sector) for a in sorted(registry.actors)])  # fmt: skip
        ex("INSERT INTO registry_aliases (key, text, actor_id, how) VALUES (?,?,?,?)", [(k, *v) for k, v in sorted(aliases.items())])
        ex("INSERT INTO registry_merges (actor_id, name, rule, article_id, start, end) VALUES (?,?,?,?,?,?)",
           [(m.actor, m.name, m.rule, m.article, m.start, m.end) for m in sorted(registry.merges, key=_merge_order)])  # fmt: skip
        ex("INSERT INTO registry_terms (country, office, start, end, actor_id, source) VALUES (?,?,?,?,?,?)",
           [(t.country, t.office, t.start, t.end, t.actor, t.source) for t in sorted(registry.terms)])  # fmt: skip
        ex("UPDATE event_actors SET canonical_id = ? WHERE rowid = ?", canonical)
        if isinstance(registry, Refreshed):
            ex("UPDATE registry_nodes SET resolved = ? WHERE node = ?", [(r, n) for n, r in registry.resolved])
        else:
            conn.execute("UPDATE registry_nodes SET resolved = NULL")

    return write


def stored_registry(conn: sqlite3.Connection) -> Registry:
    """The stored registry's actors and aliases: enough for ``Registry.lookup`` and ``key_for`` as the last rebuild had them."""
    actors = tuple(Actor(r["id"], r["name"], r["kind"], r["country"], r["sector"]) for r in conn.execute("SELECT * FROM registry_actors"))
    aliases = tuple(Alias(r["text"], r["actor_id"], r["how"]) for r in conn.execute("SELECT text, actor_id, how FROM registry_aliases ORDER BY key"))
    return Registry(actors=tuple(sorted(actors)), aliases=aliases)


def _merge_order(m: Merge) -> tuple[str, str, str, str, int, int]:
    """Merges sorted with a missing article or offset first (a dictionary merge has none)."""
    return (m.actor, m.name, m.rule, m.article or "", -1 if m.start is None else m.start, -1 if m.end is None else m.end)


def build_registry(conn: sqlite3.Connection, dictionary: str = "", fresh: bool = False) -> Registry:
    """The registry of every stored article, over our dictionary (and ``dictionary``, a user's TSV, when given).

    Only articles stored (or changed) since the last build are read and observed (``keep_observed``);
    with ``fresh`` all are. Either way the registry is the one a build from every article's facts
    gives (``Registry.from_observed``), with every article's assignments and observations.
    """
    made = _registry(conn, dictionary, fresh, every=True)
    return Registry(made.actors, made.aliases, made.merges, made.terms, made.assignments, made.corrections, made.stale,
                    made.observed, made.dictionary)  # fmt: skip
