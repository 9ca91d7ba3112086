"""The actor registry in the store: read what it is built from, write what it gives back (issue #8).

The registry is rebuilt from every stored article after each ingest (``api.rebuild_registry``):
``observe_stored`` reads the participants, entities, roles and text of the articles stored since the
last build (``read_facts``) and keeps what the registry makes of each (``registry_observed``), so the
corpus-wide build reads every other article's observations instead; ``write_registry``
(or ``store.clusters.write_clusters(registry=...)``, with the clusters made from it) replaces the
``registry_*`` tables and sets the ``event_actors.canonical_id`` that changed in one write
transaction; ``stored_registry`` reads back what the clusters were last made with. Corrections (``registry_corrections``) are the one input the user makes; they are
kept across rebuilds and applied again in their order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime, timezone

from newsevents.names import name_key
from newsevents.records import ActorRef, Entity, Mention, Role
from newsevents.registry import Actor, Alias, ArticleFacts, Correction, Merge, Registry
from newsevents.registry.facts import article_date
from newsevents.registry.observed import Observed, decode, encode, observe, observer_version
from newsevents.store.migrate import immediate


def _chunked(conn: sqlite3.Connection, sql: str, column: str, only: set[str] | None, order: str) -> Iterator[sqlite3.Row]:
    """Rows of ``sql`` (a SELECT without WHERE), all of them or only those whose ``column`` is in ``only``."""
    if only is None or len(only) > _FEW:
        yield from (r for r in conn.execute(f"{sql} ORDER BY {order}") if only is None or r[0] in only)
        return
    ids = sorted(only)
    for at in range(0, len(ids), 500):
        part = ids[at : at + 500]
        yield from conn.execute(f"{sql} WHERE {column} IN ({','.join('?' * len(part))}) ORDER BY {order}", part)


_FEW = 2000  # fewer articles than this are read by id; more, by reading every row once


def read_facts(conn: sqlite3.Connection, only: set[str] | None = None) -> list[ArticleFacts]:
    """What the registry reads of every stored article (or of the articles ``only`` names), as ``facts_of`` gives it, by id."""
    refs: dict[str, list[ActorRef]] = {}
    rows = _chunked(conn, "SELECT ev.article_id, ea.* FROM event_actors ea JOIN events ev ON ev.id = ea.event_id", "ev.article_id",
                    only, "ev.article_id, ev.rowid, ea.role, ea.position")  # fmt: skip
    for r in rows:
        refs.setdefault(r["article_id"], []).append(
            ActorRef(name=r["name"], entity=r["entity"], country=r["country"], sector=r["sector"], start=r["start"], end=r["end"])
        )
    mentions: dict[tuple[str, str], list[Mention]] = {}
    for m in _chunked(conn, "SELECT article_id, entity_id, start, end, text FROM mentions", "article_id", only, "article_id, start"):
        mentions.setdefault((m["article_id"], m["entity_id"]), []).append(Mention(m["start"], m["end"], m["text"]))
    entities: dict[str, list[Entity]] = {}
    for e in _chunked(conn, "SELECT article_id, id, name, type, country, title FROM entities", "article_id", only, "article_id, rowid"):
        entities.setdefault(e["article_id"], []).append(
            Entity(id=e["id"], name=e["name"], type=e["type"], mentions=tuple(mentions.get((e["article_id"], e["id"]), ())),
                   country=e["country"], title=e["title"])  # fmt: skip
        )
    roles: dict[str, list[Role]] = {}
    for r in _chunked(conn, "SELECT article_id, person, office, country, seen, entity FROM roles", "article_id", only, "article_id, rowid"):
        roles.setdefault(r["article_id"], []).append(Role(person=r["person"], office=r["office"], country=r["country"], seen=r["seen"], entity=r["entity"]))
    return [
        ArticleFacts(a["id"], article_date(a["published"]), tuple(refs.get(a["id"], ())), tuple(entities.get(a["id"], ())),
                     tuple(roles.get(a["id"], ())), a["text"] or "")  # fmt: skip
        for a in _chunked(conn, "SELECT id, published, text FROM articles", "id", only, "id")
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


def observe_stored(conn: sqlite3.Connection, fresh: bool = False) -> list[Observed]:
    """Every stored article's observations: kept ones whose facts did not change, the others observed now and kept.

    With ``fresh`` every article is observed again (``newsevents actors rebuild``). The kept
    observations are written in their own short transaction: they are a cache, good while an
    article's stamp (``article_stamps``) is the same, whatever else is written or not.
    """
    stamps = article_stamps(conn)
    kept: dict[str, tuple[str, str]] = {}
    if not fresh:
        kept = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT article_id, stamp, observed FROM registry_observed")}
    good = {a for a, (stamp, _) in kept.items() if stamps.get(a) == stamp}
    out = [decode(a, kept[a][1]) for a in sorted(good)]
    todo = set(stamps) - good
    new = [observe(f) for f in read_facts(conn, only=todo)] if todo else []
    gone = sorted(set(kept) - set(stamps))
    if new or gone:
        with immediate(conn):
            conn.executemany("INSERT INTO registry_observed (article_id, stamp, observed) VALUES (?, ?, ?) ON CONFLICT (article_id) "
                             "DO UPDATE SET stamp = excluded.stamp, observed = excluded.observed",
                             [(o.article, stamps[o.article], encode(o)) for o in new])  # fmt: skip
            conn.executemany("DELETE FROM registry_observed WHERE article_id = ?", [(a,) for a in gone])
    return out + new


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
    """Replace the registry tables with ``registry`` and set every participant's canonical id.

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


def registry_writer(conn: sqlite3.Connection, registry: Registry) -> Callable[[], None]:
    """Prepare (outside any transaction) the writes that store ``registry``; the returned call makes them inside one.

    Only participants whose canonical id changes are updated.
    """
    participants = conn.execute(
        "SELECT ea.rowid AS rid, ev.article_id, ea.name, ea.start, ea.end, ea.canonical_id FROM event_actors ea "
        "JOIN events ev ON ev.id = ea.event_id"
    ).fetchall()
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

    Only articles stored (or changed) since the last build are read and observed (``observe_stored``);
    with ``fresh`` all are. Either way the registry is the one a build from every article's facts gives.
    """
    observed = observe_stored(conn, fresh=fresh)
    return Registry.from_observed(observed, dictionary=dictionary or None, corrections=read_corrections(conn))
