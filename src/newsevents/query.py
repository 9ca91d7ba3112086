"""Read-side queries shared by the CLI, the JSON API and the dashboard: plain SQL in, plain dicts out."""

from __future__ import annotations

import base64
import json
import re
import sqlite3
from dataclasses import dataclass, fields
from typing import Any, Iterator

from newsevents.errors import NotFound, QueryError
from newsevents.plover import EVENT_TYPES
from newsevents.query_actors import Side, has_registry, registry_actor, search_actors, side, side_match, side_sql
from newsevents.query_clusters import get_cluster, has_clusters, list_clusters
from newsevents.query_listing import CHUNK, Listing, count, page, stream

__all__ = ["get_cluster", "list_clusters"]  # cluster queries live in query_clusters; listed here for the CLI and web

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
STATUSES = ("reported", "alleged", "denied", "planned", "hypothetical")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: The day an event counts on in date filters, sorting, charts and dyad series. A dated event counts on
#: its own date: a full date as it is; a month or year counts on the article's day when it holds that day
#: ("this month", "this year"), else on its first day ("in 2019" -> 2019-01-01). An undated event counts on
#: the article's day, unless it is historical (told as background, ``events/history.py``): then it has no
#: day at all and stays out of every time series.
EVENT_DAY = (
    "(CASE WHEN length(e.date) = 10 THEN e.date"
    " WHEN e.date IS NOT NULL AND substr(e.published, 1, length(e.date)) = e.date THEN substr(e.published, 1, 10)"
    " WHEN length(e.date) = 7 THEN e.date || '-01'"
    " WHEN length(e.date) = 4 THEN e.date || '-01-01'"
    " WHEN e.historical <> 0 THEN NULL"
    " ELSE substr(e.published, 1, 10) END)"
)


def page_args(limit: int | None, cursor: str | None) -> tuple[int, int]:
    """Validate a page size and decode an opaque cursor into (limit, offset)."""
    limit = DEFAULT_LIMIT if limit is None else limit
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    if not cursor:
        return limit, 0
    bad = QueryError(f"cursor {cursor[:100]!r} is not valid; pass the 'next' value of the previous page")
    try:
        offset = json.loads(base64.b64decode(cursor.encode(), altchars=b"-_", validate=True).decode())["o"] if len(cursor) <= 100 else None
    except Exception:
        raise bad from None
    if not isinstance(offset, int) or isinstance(offset, bool):  # our cursors hold a plain JSON integer
        raise bad
    if offset < 0:
        raise QueryError("cursor points before the first item; start again without a cursor")
    if offset > 2**31:  # SQLite takes 64-bit offsets only; no real page is this far
        raise QueryError("cursor points past any page; start again without a cursor")
    return limit, offset


def cursor_at(offset: int) -> str:
    """The opaque cursor of the row at ``offset`` (what ``page_args`` decodes)."""
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode()


def _page(rows: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    """Cut one extra fetched row into a ``next`` cursor."""
    more = len(rows) > limit
    return {"items": rows[:limit], "next": cursor_at(offset + limit) if more else None}


def _check_date(name: str, value: str | None) -> str | None:
    if value is not None and not _DATE.match(value):
        raise QueryError(f"{name} must be a date like 2024-07-22 (or 2024-07, 2024), got {value!r}")
    return value


def _day_end(until: str | None) -> str | None:
    """The last day an ``until`` date covers, compared as text: 2024-07 reaches up to "2024-07-99"."""
    return until + "-99" if until and len(until) < 10 else until


# -- overview -------------------------------------------------------------------------------


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts of everything stored, events by type and the recent ingest runs."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "entities": one("SELECT count(*) FROM entities"),
        "events": one("SELECT count(*) FROM events"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "attributions_by_kind": {r[0]: r[1] for r in conn.execute("SELECT kind, count(*) FROM attributions GROUP BY kind ORDER BY kind")},
        "actors": one("SELECT count(*) FROM registry_actors") if has_registry(conn) else one("SELECT count(*) FROM actors"),
        "actors_in_events": one("SELECT count(DISTINCT coalesce(canonical_id, actor_id)) FROM event_actors") if has_registry(conn)
        else one("SELECT count(DISTINCT actor_id) FROM event_actors"),
        "clusters": one("SELECT count(*) FROM event_clusters") if has_clusters(conn) else 0,
        "inputs": one("SELECT count(*) FROM inputs"),
        "events_by_type": {r[0]: r[1] for r in conn.execute("SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) DESC")},
        "entities_by_type": {r[0]: r[1] for r in conn.execute("SELECT type, count(*) FROM entities GROUP BY type ORDER BY count(*) DESC")},
        "runs": recent_runs(conn, 5),
    }


def recent_runs(conn: sqlite3.Connection, limit: int = 10) -> list[dict[str, Any]]:
    """The latest ingest runs with their counts."""
    rows = conn.execute("SELECT id, started, finished, inputs, stored, duplicates, failed FROM runs ORDER BY id DESC LIMIT ?", (limit,))
    return [dict(r) for r in rows]


def run_inputs(conn: sqlite3.Connection, run_id: int) -> list[dict[str, Any]]:
    """What became of each input of one run."""
    rows = conn.execute("SELECT origin, format, status, reason, articles, duplicates FROM inputs WHERE run_id=? ORDER BY id", (run_id,))
    return [dict(r) for r in rows]


# -- articles and entities ------------------------------------------------------------------


def list_articles(conn: sqlite3.Connection, *, q: str | None = None, source: str | None = None, language: str | None = None,
                  limit: int | None = None, cursor: str | None = None, since: str | None = None, until: str | None = None,
                  sort: str = "newest") -> dict[str, Any]:  # fmt: skip
    """Articles, newest first; ``q`` is a full-text query over titles and bodies, ``language`` an ISO 639-1 code (see ``articles_listing``)."""
    return page(conn, articles_listing(q=q, source=source, language=language, since=since, until=until, sort=sort), limit, cursor)


def article_sources(conn: sqlite3.Connection, limit: int = MAX_LIMIT) -> list[dict[str, Any]]:
    """The sources articles come from, with how many each, most first."""
    sql = "SELECT source, count(*) AS articles FROM articles WHERE source IS NOT NULL GROUP BY source ORDER BY articles DESC, source LIMIT ?"
    return [dict(r) for r in conn.execute(sql, (limit,))]


#: article orders: newest first, oldest first, or best full-text match first (with words to search)
ARTICLE_SORTS = {"newest": "a.published IS NULL, a.published DESC, a.rowid DESC", "oldest": "a.published IS NULL, a.published, a.rowid",
                 "relevance": "f.rank, a.published DESC, a.rowid DESC"}  # fmt: skip


def articles_listing(*, q: str | None = None, source: str | None = None, language: str | None = None, since: str | None = None,
                     until: str | None = None, sort: str = "newest") -> Listing:  # fmt: skip
    """Articles with a snippet and their event count (``list_articles`` reads one page of it).

    ``since`` and ``until`` bound the publication day (YYYY-MM-DD, YYYY-MM or YYYY); ``sort`` is one of
    ``ARTICLE_SORTS`` (relevance only with ``q``).
    """
    if sort not in ARTICLE_SORTS or (sort == "relevance" and not q):
        raise QueryError(f"sort {sort!r} is not known; use newest, oldest or (with words to search) relevance")
    where, params = [], []
    join = ""
    if q:
        join = "JOIN (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ?) f ON f.rowid = a.rowid"  # as store/dialect.py expects
        params.append(fts_query(q))
    if source:
        where.append("a.source = ?")
        params.append(source)
    if language:
        where.append("a.language = ?")
        params.append(language.strip().lower())
    if _check_date("since", since):
        where.append("substr(a.published, 1, 10) >= ?")
        params.append(since)
    if _check_date("until", until):
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(_day_end(until))
    body = f"FROM articles a {join} {'WHERE ' + ' AND '.join(where) if where else ''}"
    select = ("SELECT a.id, a.title, a.source, a.url, a.published, a.language, substr(a.text, 1, 240) AS snippet, "
              "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events")  # fmt: skip
    order = ARTICLE_SORTS[sort]
    # a search sorts its matches: a page picks its articles first, so snippets and event counts are made for its rows only
    picked = None if sort == "relevance" or not q else (
        f"{select} FROM articles a WHERE a.rowid IN (SELECT a.rowid {body} ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}")
    return Listing(f"{select} {body} ORDER BY {order}", tuple(params), f"SELECT count(*) {body}", tuple(params), page_sql=picked)


def fts_query(text: str) -> str:
    """Turn user words into a safe FTS5 query: each word quoted, all required."""
    words = re.findall(r"\w+", text)
    if not words:
        raise QueryError(f"search text {text!r} has no words to look for")
    return " ".join(f'"{w}"' for w in words)


def get_article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    """One article in the export's JSON shape."""
    from newsevents.store.read import read_document

    doc = read_document(conn, article_id)
    if doc is None:
        raise NotFound(f"article {article_id!r} not found; list articles with `newsevents articles`")
    return doc.to_dict()


def top_entities(conn: sqlite3.Connection, *, type: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Most-mentioned entities across articles (by article count, then mentions)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    sql = (
        "SELECT en.name, en.type, max(en.country) AS country, count(DISTINCT en.article_id) AS articles, "
        "(SELECT count(*) FROM mentions m JOIN entities x ON x.article_id = m.article_id AND x.id = m.entity_id "
        " WHERE x.name = en.name AND x.type = en.type) AS mentions "
        "FROM entities en WHERE (? IS NULL OR en.type = ?) GROUP BY en.name, en.type "
        "ORDER BY articles DESC, mentions DESC, en.name LIMIT ?"
    )
    return [dict(r) for r in conn.execute(sql, (type, type, limit))]


# -- events ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventFilter:
    """Filters over events; every field is optional."""

    actor: str | None = None  # actor id, name, alias or country code, as source
    target: str | None = None
    country: str | None = None  # as either side
    type: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str | None = None  # words in the evidence sentence
    article: str | None = None
    place: str | None = None  # the event's place, by name as the map lists it
    place_country: str | None = None  # the country code of the event's place

    def validated(self) -> "EventFilter":
        """Check values; raise QueryError naming the bad one and what is allowed."""
        if self.type and self.type.upper() not in EVENT_TYPES:
            raise QueryError(f"type {self.type!r} is not a PLOVER event type; use one of {', '.join(EVENT_TYPES)}")
        if self.status and self.status not in STATUSES:
            raise QueryError(f"status {self.status!r} is not known; use one of {', '.join(STATUSES)}")
        _check_date("date_from", self.date_from)
        _check_date("date_to", self.date_to)
        return self


#: a side with at least this many participant rows is tested event by event when a page is read in date order, so the
#: page reads the newest events from the event-day index and stops once it is full; a rarer side is first looked up
#: as a list of event ids (newest-first scanning would pass over most events to find its few)
COMMON_SIDE = 2000


def _side_clauses(conn: sqlite3.Connection, role: str, value: str, in_order: bool) -> tuple[str, str, list[Any]]:
    """Match an actor on one side by its registry id (through any alias), id, name (case-insensitive) or country code.

    Two clauses selecting the same events, sharing one parameter list: for counting, a list of event
    ids looked up once through the participant indexes; for reading a page in date order
    (``in_order``), a side common enough (``COMMON_SIDE``) is tested for each event instead.
    """
    match, params = side_match(conn, "x", value)
    listed = f"e.id IN (SELECT x.event_id FROM event_actors x WHERE x.role = '{role}' AND {match})"
    if in_order:
        if _common(conn, f"event_actors x WHERE x.role = '{role}' AND {match}", params):
            return f"EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.role = '{role}' AND {match})", listed, params
    return listed, listed, params


def _event_where(conn: sqlite3.Connection, f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause over ``events e`` selecting ``f``'s events, and its parameters."""
    _, counted, params = _event_wheres(conn, f)
    return counted, params


def _event_wheres(conn: sqlite3.Connection, f: EventFilter, in_order: bool = False) -> tuple[str, str, list[Any]]:
    """Two WHERE clauses over ``events e`` selecting ``f``'s events (for reading a page in date order when ``in_order``,
    and for counting; see ``_side_clauses``) and the parameters they share."""
    f = f.validated()
    where: list[str] = []
    counted: list[str] = []
    params: list[Any] = []
    for role, value in (("actor", f.actor), ("target", f.target)):
        if value:
            clause, count_clause, p = _side_clauses(conn, role, value, in_order)
            where.append(clause)
            counted.append(count_clause)
            params += p
    sides = len(counted)  # the clauses after the sides are the same in both
    if f.country:
        where.append("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.country = ?)")
        params.append(f.country.upper())
    if f.type:
        where.append("e.type = ?")
        params.append(f.type.upper())
    if f.status:
        where.append("e.status = ?")
        params.append(f.status)
    if f.date_from:
        where.append(f"{EVENT_DAY} >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append(f"{EVENT_DAY} <= ?")
        params.append(_day_end(f.date_to))
    if f.text:
        where.append("e.sentence LIKE ? ESCAPE '\\'")
        params.append("%" + f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if f.article:
        where.append("e.article_id = ?")
        params.append(f.article)
    counted += where[sides:]
    country = f.place_country.upper() if f.place_country else None
    # a busy place written as an expression is not looked up in events_place: the planner then reads the event-day index
    # in order and stops at the page instead of sorting every event there (an index on place and day would serve both)
    busy = in_order and f.place and _common_place(conn, f.place, country)
    for column, value in (("location_name", f.place), ("location_country", country)):
        if value:
            counted.append(f"e.{column} = ?")
            where.append(f"coalesce(e.{column}, '') = ?" if busy else f"e.{column} = ?")
            params.append(value)
    return ("WHERE " + " AND ".join(where)) if where else "", ("WHERE " + " AND ".join(counted)) if counted else "", params


def _common_place(conn: sqlite3.Connection, name: str, country: str | None) -> bool:
    """True when at least ``COMMON_SIDE`` events happened at this place."""
    return _common(conn, "events e WHERE e.location_name = ? AND (? IS NULL OR e.location_country = ?)", [name, country, country])


def _common(conn: sqlite3.Connection, rows: str, params: list[Any]) -> bool:
    """True when ``FROM {rows}`` has at least ``COMMON_SIDE`` rows (it stops counting there)."""
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {rows} LIMIT {COMMON_SIDE}) AS c"
    return conn.execute(sql, tuple(params)).fetchone()[0] >= COMMON_SIDE


_SORTS = {"date": f"{EVENT_DAY} DESC, e.id", "-date": f"{EVENT_DAY} ASC, e.id", "goldstein": "e.goldstein ASC, e.id", "-goldstein": "e.goldstein DESC, e.id", "confidence": "e.confidence DESC, e.id", "type": "e.type, e.id"}


def list_events(conn: sqlite3.Connection, f: EventFilter | None = None, *, sort: str = "date", limit: int | None = None, cursor: str | None = None) -> dict[str, Any]:
    """Events matching ``f``, newest first by default, with their actors and targets."""
    if sort not in _SORTS:
        raise QueryError(f"sort {sort!r} is not known; use one of {', '.join(_SORTS)}")
    return page(conn, events_listing(conn, f, sort=sort), limit, cursor)


#: the article columns every API event carries beside the event's own
_EVENT_ARTICLE = "a.title AS article_title, a.url AS article_url, a.source AS article_source"


def events_listing(conn: sqlite3.Connection, f: EventFilter | None = None, *, sort: str = "date") -> Listing:
    """Events matching ``f`` in ``sort`` order, as API objects (``list_events`` reads one page of it)."""
    if sort not in _SORTS:
        raise QueryError(f"sort {sort!r} is not known; use one of {', '.join(_SORTS)}")
    where, counted, params = _event_wheres(conn, f or EventFilter(), in_order=sort in ("date", "-date"))
    return _events_in_order(where, tuple(params), _SORTS[sort], (counted, tuple(params)))


def _events_in_order(where: str, params: tuple[Any, ...], order: str, counted: tuple[str, tuple[Any, ...]] | None = None) -> Listing:
    """API events of ``events e`` matching ``where`` in ``order``; a page picks its ids first (from the event-day index
    when the order allows), then reads and joins only those rows. ``counted``: another WHERE clause (and parameters)
    selecting the same events, faster to count."""
    select = f"SELECT e.*, {EVENT_DAY} AS day, {_EVENT_ARTICLE} FROM events e JOIN articles a ON a.id = e.article_id"
    picked = f"{select} WHERE e.id IN (SELECT e.id FROM events e {where} ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}"
    count_where, count_params = counted or (where, params)
    return Listing(f"{select} {where} ORDER BY {order}", params, f"SELECT count(*) FROM events e {count_where}", count_params, _event_rows, picked)


def canonical_ids(conn: sqlite3.Connection, article_id: str) -> dict[str, dict[str, list[str | None]]]:
    """The registry ids of the actors and targets of one article's events: event id -> role -> ids in order."""
    out: dict[str, dict[str, list[str | None]]] = {}
    if not has_registry(conn):
        return out
    for r in conn.execute("SELECT x.event_id, x.role, x.canonical_id FROM event_actors x JOIN events e ON e.id = x.event_id "
                          "WHERE e.article_id = ? ORDER BY x.event_id, x.role, x.position", (article_id,)):  # fmt: skip
        out.setdefault(r[0], {}).setdefault(r[1], []).append(r[2])
    return out


def _event_rows(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Event rows as API objects, with participants fetched in one query."""
    ids = [r["id"] for r in rows]
    parts: dict[str, dict[str, list[dict[str, Any]]]] = {i: {"actor": [], "target": []} for i in ids}
    spans: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        marks = ",".join("?" * len(ids))
        found = conn.execute(f"SELECT * FROM event_actors WHERE event_id IN ({marks}) ORDER BY event_id, role, position", ids)
        canonical = "canonical_id" in [d[0] for d in found.description]  # a database from before the registry has none
        for p in found:
            parts[p["event_id"]][p["role"]].append(
                {"id": p["actor_id"], "name": p["name"], "entity": p["entity"], "country": p["country"], "sector": p["sector"],
                 "canonical_id": p["canonical_id"] if canonical else None}
            )
        for s in conn.execute(f"SELECT * FROM event_evidence WHERE event_id IN ({marks}) ORDER BY event_id, position", ids):
            spans[s["event_id"]].append({"start": s["start"], "end": s["end"], "text": s["text"]})
    out = []
    precise = bool(rows) and "location_precision" in rows[0].keys()  # none before migration 0017
    for r in rows:
        loc = None
        if r["location_name"] is not None:
            loc = {"name": r["location_name"], "country": r["location_country"], "lat": r["lat"], "lon": r["lon"],
                   "start": r["location_start"], "end": r["location_end"],
                   "precision": r["location_precision"] if precise else None}
        out.append(
            {
                "id": r["id"], "article_id": r["article_id"], "article_title": r["article_title"],
                "article_url": r["article_url"], "article_source": r["article_source"], "published": r["published"],
                "type": r["type"], "mode": r["mode"], "context": json.loads(r["context"]), "cameo": r["cameo"],
                "quad_class": r["quad_class"], "goldstein": r["goldstein"],
                "actors": parts[r["id"]]["actor"], "targets": parts[r["id"]]["target"], "reciprocal": bool(r["reciprocal"]),
                "date": r["date"], "date_text": r["date_text"], "date_precision": r["date_precision"],
                "historical": bool(r["historical"]), "day": r["day"], "location": loc, "status": r["status"],
                "sentence": r["sentence"], "evidence": {"start": r["evidence_start"], "end": r["evidence_end"]},
                "evidence_spans": spans[r["id"]], "confidence": r["confidence"], "coder": r["coder"], "lexicon": r["lexicon"],
            }
        )
    return out


# -- actors, roles, quotes, dyads -----------------------------------------------------------


def list_actors(conn: sqlite3.Connection, *, q: str | None = None, country: str | None = None, limit: int | None = None, cursor: str | None = None) -> dict[str, Any]:
    """Actors with how many events they took part in: the registry's canonical actors when it is built.

    With ``q``, the actor it names exactly (by id, name or any alias) comes first, then names
    starting with it, then names and aliases holding it; when nothing matches but close names
    exist, ``suggestions`` lists them (the key is there only then).
    """
    limit, offset = page_args(limit, cursor)
    if has_registry(conn):
        rows, suggestions = search_actors(conn, q, country, limit, offset)
        return {**_page(rows, limit, offset), **({"suggestions": suggestions} if suggestions else {})}
    result = page(conn, _legacy_actors(q, country), limit, cursor)
    from newsevents.query_actors import close_names

    suggestions = close_names(conn, q) if q and not result["items"] and offset == 0 else []
    return {**result, **({"suggestions": suggestions} if suggestions else {})}


def _legacy_actors(q: str | None, country: str | None) -> Listing:
    """Actors of a database without a registry (the store's actors table), most active first."""
    cc = country.upper() if country else None
    grouped = (
        "SELECT ac.id, ac.name, ac.country, ac.sector, "
        "count(CASE WHEN ea.role = 'actor' THEN 1 END) AS as_actor, count(CASE WHEN ea.role = 'target' THEN 1 END) AS as_target "
        "FROM actors ac JOIN event_actors ea ON ea.actor_id = ac.id "
        "WHERE (? IS NULL OR ac.name LIKE '%' || ? || '%') AND (? IS NULL OR ac.country = ?) GROUP BY ac.id"
    )
    sql = f"{grouped} ORDER BY ac.name = ? COLLATE NOCASE DESC, count(*) DESC, ac.name"
    return Listing(sql, (q, q, cc, cc, q), f"SELECT count(*) FROM ({grouped}) AS g", (q, q, cc, cc))


def actor_rows(conn: sqlite3.Connection, *, q: str | None = None, country: str | None = None) -> Iterator[dict[str, Any]]:
    """Every actor ``list_actors`` lists for these filters, in its order, read a chunk at a time."""
    if not has_registry(conn):
        yield from stream(conn, _legacy_actors(q, country))
        return
    offset = 0
    while True:
        rows, _ = search_actors(conn, q, country, CHUNK, offset)
        yield from rows[:CHUNK]
        if len(rows) <= CHUNK:
            return
        offset += CHUNK


def count_actors(conn: sqlite3.Connection, *, q: str | None = None, country: str | None = None) -> int:
    """How many actors ``list_actors`` lists for these filters."""
    if not has_registry(conn):
        return count(conn, _legacy_actors(q, country))
    return sum(1 for _ in actor_rows(conn, q=q, country=country))


def get_actor(conn: sqlite3.Connection, actor_id: str) -> dict[str, Any]:
    """One actor (by id, name or alias): offices over time, events as actor and target, partners; aliases and merges from the registry."""
    canonical = registry_actor(conn, actor_id)
    if canonical is not None:
        names = {a["text"] for a in canonical["aliases"]}
        roles = [r for r in list_roles(conn) if r["actor_id"] == canonical["id"] or r["person"] in names]
        return _actor_page(conn, canonical, roles, _CANONICAL_PARTNERS)
    row = conn.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        role = conn.execute("SELECT person, country FROM roles WHERE actor_id = ? LIMIT 1", (actor_id,)).fetchone()
        if role is None:
            raise NotFound(f"actor {actor_id!r} not found; list actors with `newsevents actors`")
        actor = {"id": actor_id, "name": role["person"], "country": role["country"], "sector": "GOV"}
    else:
        actor = dict(row)
    return _actor_page(conn, actor, list_roles(conn, actor=actor_id), _PARTNERS)


_PARTNERS = (
    "SELECT o.actor_id AS id, max(o.name) AS name, max(o.country) AS country, count(DISTINCT o.event_id) AS events FROM event_actors me "
    "JOIN event_actors o ON o.event_id = me.event_id AND o.actor_id != me.actor_id "
    "WHERE me.actor_id = ? GROUP BY o.actor_id ORDER BY events DESC, name LIMIT 10"
)
_CANONICAL_PARTNERS = (
    "SELECT o.canonical_id AS id, coalesce(ra.name, max(o.name)) AS name, ra.country, count(DISTINCT o.event_id) AS events "
    "FROM event_actors me JOIN event_actors o ON o.event_id = me.event_id AND o.canonical_id != me.canonical_id "
    "LEFT JOIN registry_actors ra ON ra.id = o.canonical_id WHERE me.canonical_id = ? "
    "GROUP BY o.canonical_id, ra.name, ra.country ORDER BY events DESC, name LIMIT 10"
)


def _actor_page(conn: sqlite3.Connection, actor: dict[str, Any], roles: list[dict[str, Any]], partners: str) -> dict[str, Any]:
    """An actor with its roles, its events on each side and (by the ``partners`` SQL) the actors it meets most."""
    actor["roles"] = roles
    actor["events_as_actor"] = list_events(conn, EventFilter(actor=actor["id"]), limit=MAX_LIMIT)["items"]
    actor["events_as_target"] = list_events(conn, EventFilter(target=actor["id"]), limit=MAX_LIMIT)["items"]
    actor["partners"] = [dict(r) for r in conn.execute(partners, (actor["id"],))]
    return actor


def list_roles(conn: sqlite3.Connection, *, person: str | None = None, country: str | None = None, office: str | None = None, actor: str | None = None) -> list[dict[str, Any]]:
    """Who held which office when: first and last date seen, per person, office and country."""
    sql = (
        "SELECT person, max(actor_id) AS actor_id, office, country, min(seen) AS first_seen, max(seen) AS last_seen, "
        "count(DISTINCT article_id) AS articles FROM roles "
        "WHERE (? IS NULL OR person LIKE '%' || ? || '%') AND (? IS NULL OR country = ?) "
        "AND (? IS NULL OR office LIKE '%' || ? || '%') AND (? IS NULL OR actor_id = ?) "
        "GROUP BY person, office, country ORDER BY country, office, first_seen"
    )
    cc = country.upper() if country else None
    return [dict(r) for r in conn.execute(sql, (person, person, cc, cc, office, office, actor, actor))]


def list_quotes(conn: sqlite3.Connection, *, speaker: str | None = None, q: str | None = None, limit: int | None = None, cursor: str | None = None) -> dict[str, Any]:
    """Direct quotes with their speakers, newest article first."""
    return page(conn, quotes_listing(speaker=speaker, q=q), limit, cursor)


def quotes_listing(*, speaker: str | None = None, q: str | None = None) -> Listing:
    """Direct quotes with their speakers and article, newest article first."""
    body = ("FROM quotes qu JOIN articles a ON a.id = qu.article_id "
            "WHERE (? IS NULL OR qu.speaker LIKE '%' || ? || '%') AND (? IS NULL OR qu.text LIKE '%' || ? || '%')")  # fmt: skip
    sql = ("SELECT qu.article_id, qu.position, qu.text, qu.speaker, qu.speaker_entity, qu.start, qu.end, a.title AS article_title, "
           f"a.published, a.url AS article_url {body} ORDER BY a.published DESC, qu.article_id, qu.position")  # fmt: skip
    params = (speaker, speaker, q, q)
    return Listing(sql, params, f"SELECT count(*) {body}", params)


ATTRIBUTION_KINDS = ("direct", "mixed", "indirect")


def list_attributions(conn: sqlite3.Connection, *, kind: str | None = None, source: str | None = None, q: str | None = None,
                      limit: int | None = None, cursor: str | None = None) -> dict[str, Any]:
    """Who said what: attributions with source, cue and content, newest article first, each with the events it states.

    ``kind`` is direct, mixed or indirect; ``source`` is part of the speaker's name or of the source as
    written ("ministry"); ``q`` is words in the content.
    """
    return page(conn, attributions_listing(kind=kind, source=source, q=q), limit, cursor)


def attributions_listing(*, kind: str | None = None, source: str | None = None, q: str | None = None) -> Listing:
    """Attributions matching the filters of ``list_attributions``, newest article first, each with the events it states."""
    if kind is not None and kind not in ATTRIBUTION_KINDS:
        raise QueryError(f"kind must be one of {', '.join(ATTRIBUTION_KINDS)}, got {kind!r}")
    body = (
        "FROM attributions at JOIN articles a ON a.id = at.article_id WHERE (? IS NULL OR at.kind = ?) "
        "AND (? IS NULL OR at.speaker LIKE '%' || ? || '%' OR at.source_text LIKE '%' || ? || '%') "
        "AND (? IS NULL OR at.content_text LIKE '%' || ? || '%')"
    )
    sql = (
        "SELECT at.article_id, at.id, at.kind, at.speaker, at.speaker_entity, at.source_text, at.source_start, at.source_end, "
        "at.cue_text, at.cue_start, at.cue_end, at.content_text, at.content_start, at.content_end, at.parent, at.date, "
        f"a.title AS article_title, a.published, a.url AS article_url {body} ORDER BY a.published DESC, at.article_id, at.content_start, at.id"
    )
    params = (kind, kind, source, source, source, q, q)
    return Listing(sql, params, f"SELECT count(*) {body}", params, _stated_events)


def _stated_events(conn: sqlite3.Connection, found: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Attribution rows as dicts, each with the events it states."""
    rows = [dict(r) for r in found]
    articles = sorted({row["article_id"] for row in rows})
    stated: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in conn.execute(
        f"SELECT article_id, claim_source, id, type, status FROM events WHERE claim_source IS NOT NULL "
        f"AND article_id IN ({', '.join('?' * len(articles))}) ORDER BY evidence_start, id", articles,
    ):  # one query for the page, not one per attribution
        stated.setdefault((e["article_id"], e["claim_source"]), []).append({"id": e["id"], "type": e["type"], "status": e["status"]})
    for row in rows:
        row["events"] = stated.get((row["article_id"], row["id"]), [])
    return rows


@dataclass(frozen=True)
class Between:
    """A and B resolved once (``between``), and SQL selecting the ids of the events between them."""

    a: Side
    b: Side
    ids_sql: str  # a subquery over event_actors, or (fetched) the ids themselves through json_each
    params: tuple[Any, ...]


def between(conn: sqlite3.Connection, a: str, b: str, *, fetch: bool = False) -> Between:
    """The events between A and B: A on one side and B on the other, either way round.

    In a reciprocal event every pair of its parties counts, each party listed once as an actor. A
    party is never paired with itself. A and B are matched as event filters are
    (``query_actors.side``), each looked up once. With ``fetch`` the ids are read now, once, so that
    the several queries of one dyad share them instead of each joining the participants again.
    """
    sa, sb = side(conn, a), side(conn, b)
    left, pa = side_sql(sa, "x")
    right, pb = side_sql(sb, "y")
    sql = (
        "SELECT x.event_id FROM event_actors x JOIN event_actors y ON y.event_id = x.event_id AND y.actor_id != x.actor_id "
        f"WHERE {left} AND {right} AND (y.role != x.role OR (x.role = 'actor' AND y.role = 'actor' "
        "AND EXISTS (SELECT 1 FROM events p WHERE p.id = x.event_id AND p.reciprocal <> 0)))"
    )  # the reciprocal flag is read only for the few actor-actor pairs, not for every pair
    if not fetch:
        return Between(sa, sb, sql, (*pa, *pb))
    ids = [r[0] for r in conn.execute(f"SELECT DISTINCT d.event_id FROM ({sql}) AS d", (*pa, *pb))]
    return Between(sa, sb, "SELECT value FROM json_each(?)", (json.dumps(ids),))


COUNTS = ("clusters", "mentions")


#: the period of a dyad series: its key from an event's day (YYYY-MM-DD)
PERIODS = {"day": "day", "week": "strftime('%Y-W%W', day)", "month": "substr(day, 1, 7)", "year": "substr(day, 1, 4)"}


def dyad_series(conn: sqlite3.Connection, a: str, b: str, *, by: str = "day", count: str = "clusters",
                since: str | None = None, until: str | None = None) -> dict[str, Any]:  # fmt: skip
    """Per day, week, month or year: how many happenings and their summed Goldstein by quad class, between A and B.

    By default a happening reported by several articles counts once (``count="clusters"``: one
    event cluster, on its earliest day between A and B, with its mean Goldstein; an event in no
    cluster counts as itself); ``count="mentions"`` counts every coded event. Each event counts on its
    day (``EVENT_DAY``): its own date when it has one, the article's date when it has none; a
    historical event without a date has no day and is left out of the series. ``since`` and ``until``
    bound the days (YYYY-MM-DD, YYYY-MM or YYYY). ``events`` holds the newest 200 events between them
    within those days, ``events_total`` counts them all. A name that matches no participant at all is
    listed under ``suggestions`` with the close names that do (the key is there only then).

    A and B are looked up once and the events between them found once for the whole answer.
    """
    if by not in PERIODS:
        raise QueryError(f"by must be one of {', '.join(PERIODS)}, got {by!r}")
    _check_date("since", since)
    _check_date("until", until)
    if count not in COUNTS:
        raise QueryError(f"count must be 'clusters' or 'mentions', got {count!r}")
    pair = between(conn, a, b, fetch=True)
    unit = "coalesce(m.cluster_id, e.id)" if count == "clusters" and has_clusters(conn) else "e.id"
    join = "LEFT JOIN event_cluster_members m ON m.event_id = e.id" if unit != "e.id" else ""
    sql = (
        f"SELECT {PERIODS[by]} AS period, quad_class, count(*) AS events, round(sum(goldstein), 2) AS goldstein FROM ("
        f"SELECT {unit} AS unit, min({EVENT_DAY}) AS day, min(e.quad_class) AS quad_class, avg(e.goldstein) AS goldstein "
        f"FROM events e {join} WHERE e.id IN ({pair.ids_sql}) AND {EVENT_DAY} IS NOT NULL GROUP BY unit) "
        "AS u WHERE (? IS NULL OR day >= ?) AND (? IS NULL OR day <= ?) GROUP BY period, quad_class ORDER BY period, quad_class"
    )
    end = _day_end(until)
    rows = [dict(r) for r in conn.execute(sql, (*pair.params, since, since, end, end))]
    listing = _between_listing(pair, since, until)
    events = page(conn, listing, MAX_LIMIT, None)["items"]
    out = {"a": a, "b": b, "by": by, "count": count, "since": since, "until": until, "series": rows, "events": events,
           "events_total": _total(conn, listing, events),
           "directions": _directions(conn, pair, since, until)}  # fmt: skip
    unknown = {s.value: close_names_of(conn, s.value) for s in (pair.a, pair.b) if not rows and not events and not _participates(conn, s)}
    return {**out, **({"suggestions": unknown} if unknown else {})}


def _total(conn: sqlite3.Connection, listing: Listing, first: list[dict[str, Any]]) -> int:
    """How many rows ``listing`` holds, given its first page of ``MAX_LIMIT`` (counted only when that page is full)."""
    return len(first) if len(first) < MAX_LIMIT else count(conn, listing)


def _participates(conn: sqlite3.Connection, found: Side) -> bool:
    """True when the resolved side matches some participant of some event (as event filters match it)."""
    match, params = side_sql(found, "x")
    return conn.execute(f"SELECT 1 FROM event_actors x WHERE {match} LIMIT 1", params).fetchone() is not None


def close_names_of(conn: sqlite3.Connection, name: str) -> list[str]:
    """Known actor names spelled close to ``name`` (for "did you mean …")."""
    from newsevents.query_actors import close_names

    return close_names(conn, name)


def list_events_between(conn: sqlite3.Connection, a: str, b: str, limit: int = MAX_LIMIT, *, since: str | None = None,
                        until: str | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Events with A on one side and B on the other (or both among a reciprocal event's parties), newest first."""
    return page(conn, between_listing(conn, a, b, since=since, until=until), limit, None)["items"]


def _between_where(pair: Between, since: str | None, until: str | None) -> tuple[str, tuple[Any, ...]]:
    """The WHERE clause over ``events e`` selecting the events between A and B whose day is within ``since``/``until``."""
    where, params = f"WHERE e.id IN ({pair.ids_sql})", pair.params
    for bound, op in ((_check_date("since", since), ">="), (_check_date("until", until), "<=")):
        if bound:
            where += f" AND {EVENT_DAY} {op} ?"
            params = (*params, _day_end(bound) if op == "<=" else bound)
    return where, params


def between_listing(conn: sqlite3.Connection, a: str, b: str, *, since: str | None = None, until: str | None = None) -> Listing:
    """Every event between A and B (as ``list_events_between`` orders them), as API objects; ``since``/``until`` bound their days."""
    return _between_listing(between(conn, a, b), since, until)


def _between_listing(pair: Between, since: str | None, until: str | None) -> Listing:
    where, params = _between_where(pair, since, until)
    return _events_in_order(where, params, _SORTS["date"])


DIRECTIONS = ("a_to_b", "b_to_a", "together")


def dyad_directions(conn: sqlite3.Connection, a: str, b: str, *, since: str | None = None, until: str | None = None) -> dict[str, dict[str, Any]]:
    """Every report between A and B by direction: A on the actor side (a_to_b), B on it (b_to_a), or both acting together
    (a reciprocal event); each with its number of events and summed Goldstein score."""
    return _directions(conn, between(conn, a, b), since, until)


def _directions(conn: sqlite3.Connection, pair: Between, since: str | None, until: str | None) -> dict[str, dict[str, Any]]:
    where, params = _between_where(pair, since, until)
    side_a, side_params = side_sql(pair.a, "x")
    sql = (
        "SELECT CASE WHEN e.reciprocal <> 0 THEN 'together' WHEN EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id "
        f"AND x.role = 'actor' AND {side_a}) THEN 'a_to_b' ELSE 'b_to_a' END AS direction, count(*) AS events, "
        f"round(coalesce(sum(e.goldstein), 0), 2) AS goldstein FROM events e {where} GROUP BY direction"
    )
    found = {r["direction"]: {"events": r["events"], "goldstein": r["goldstein"]} for r in conn.execute(sql, (*side_params, *params))}
    return {d: found.get(d, {"events": 0, "goldstein": 0.0}) for d in DIRECTIONS}


def filter_fields() -> list[str]:
    """Names of the event filters (for help texts and the API)."""
    return [f.name for f in fields(EventFilter)]


# added for web: the dashboard's map of event locations
def event_places(conn: sqlite3.Connection, f: EventFilter | None = None, *, limit: int = MAX_LIMIT) -> list[dict[str, Any]]:
    """Places of events matching ``f`` with coordinates: event count and cooperation/conflict split, busiest first."""
    if not 1 <= limit <= 1000:
        raise QueryError(f"limit must be between 1 and 1000, got {limit}")
    where, params = _event_where(conn, f or EventFilter())
    has_point = "e.lat IS NOT NULL AND e.lon IS NOT NULL"
    where = f"{where} AND {has_point}" if where else f"WHERE {has_point}"
    sql = (
        "SELECT e.location_name AS name, e.location_country AS country, round(e.lat, 2) AS lat, round(e.lon, 2) AS lon, "
        "count(*) AS events, count(CASE WHEN e.quad_class IN (1, 2) THEN 1 END) AS cooperation, "
        "count(CASE WHEN e.quad_class IN (3, 4) THEN 1 END) AS conflict "
        f"FROM events e {where} GROUP BY e.location_name, e.location_country, e.lat, e.lon "
        "ORDER BY events DESC, name LIMIT ?"
    )
    return [dict(r) for r in conn.execute(sql, (*params, limit))]
