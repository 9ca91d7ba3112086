"""Rebuild stored documents as records, so the export and ``process_text`` share one serialiser; read events in windows (by article, by day)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from datetime import date as Date
from datetime import timedelta

from newsevents.records import ActorRef, Article, Caption, Document, Entity, Event, Location, Mention, Quote, Role, TextSpan
from newsevents.store.attributions import read_attributions


def read_document(conn: sqlite3.Connection, article_id: str) -> Document | None:
    """The document of ``article_id`` with entities, events, quotes, roles and attributions, or None."""
    row = conn.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
    if row is None:
        return None
    text = row["text"]
    spans = conn.execute("SELECT start, end FROM paragraphs WHERE article_id=? ORDER BY position", (article_id,)).fetchall()
    captions = tuple(
        Caption(r["text"], r["credit"]) for r in conn.execute("SELECT text, credit FROM captions WHERE article_id=? ORDER BY position", (article_id,))
    )
    article = Article(
        id=row["id"], title=row["title"], paragraphs=tuple(text[s:e] for s, e in spans), captions=captions,
        source=row["source"], url=row["url"], published=row["published"], author=row["author"], origin=row["origin"] or "",
    )
    mentions: dict[str, list[Mention]] = {}
    for m in conn.execute("SELECT entity_id, start, end, text FROM mentions WHERE article_id=? ORDER BY start", (article_id,)):
        mentions.setdefault(m["entity_id"], []).append(Mention(m["start"], m["end"], m["text"]))
    entities = tuple(
        Entity(id=e["id"], name=e["name"], type=e["type"], mentions=tuple(mentions.get(e["id"], ())), country=e["country"], title=e["title"])
        for e in conn.execute("SELECT * FROM entities WHERE article_id=? ORDER BY rowid", (article_id,))
    )
    quotes = tuple(
        Quote(text=q["text"], start=q["start"], end=q["end"], speaker=q["speaker"], speaker_entity=q["speaker_entity"])
        for q in conn.execute("SELECT * FROM quotes WHERE article_id=? ORDER BY position", (article_id,))
    )
    roles = tuple(
        Role(person=r["person"], office=r["office"], country=r["country"], seen=r["seen"], entity=r["entity"])
        for r in conn.execute("SELECT * FROM roles WHERE article_id=? ORDER BY rowid", (article_id,))
    )
    return Document(article=article, entities=entities, events=_read_events(conn, article_id), quotes=quotes, roles=roles,
                    attributions=read_attributions(conn, article_id))


def _read_events(conn: sqlite3.Connection, article_id: str) -> tuple[Event, ...]:
    return tuple(read_events(conn, article_id).get(article_id, ()))


_CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on variables


def read_events(conn: sqlite3.Connection, article_id: str | None = None, *,
                articles: Collection[str] | None = None) -> dict[str, list[Event]]:  # fmt: skip
    """The events by article id, in stored order: of one article, of the articles ``articles`` names, or of every article.

    ``articles`` is a window: only those articles' rows are read (by id, through the
    ``events_article`` index, a few hundred at a time), so reading costs what the window holds,
    not what the store holds. Without either, every event is read in a few queries.
    """
    if article_id is not None:
        articles = (article_id,)
    if articles is None:
        return _events_where(conn, "", ())
    out: dict[str, list[Event]] = {}
    ids = sorted(set(articles))
    for at in range(0, len(ids), _CHUNK):
        part = tuple(ids[at : at + _CHUNK])
        out.update(_events_where(conn, f"WHERE ev.article_id IN ({','.join('?' * len(part))})", part))
    return out


def events_on_days(conn: sqlite3.Connection, types: Collection[str], days: Collection[str]) -> list[tuple[str, str, str, str]]:
    """(event id, article id, type, day) of the events of ``types`` whose day is one of ``days``, as the event clusters file them.

    An event's day is its own date when known to the day, else (unless it is background told as
    long past) its article's publication day. Days close together are read as one range, through
    the ``events_type`` and ``events_undated_published`` indexes, so the cost follows the days asked for.
    """
    kinds = sorted(set(types))
    marks = ",".join("?" * len(kinds))
    wanted = set(days)
    out: list[tuple[str, str, str, str]] = []
    for low, high in _ranges(wanted, 0):
        after = (Date.fromisoformat(high) + timedelta(days=1)).isoformat()
        out.extend(conn.execute(f"SELECT id, article_id, type, date FROM events WHERE type IN ({marks}) AND date BETWEEN ? AND ? "
                                f"AND length(date) = 10", (*kinds, low, high)))  # fmt: skip
        out.extend(conn.execute(  # through events_undated_published (0015); the type is tested below, or SQLite takes the type index
            "SELECT id, article_id, type, substr(published, 1, 10) FROM events WHERE (date IS NULL OR length(date) <> 10) "
            "AND published >= ? AND published < ? AND historical = 0", (low, after)))  # fmt: skip
    return [tuple(r) for r in out if r[3] in wanted and r[2] in types]  # type: ignore[misc]


def party_countries(conn: sqlite3.Connection, events: Collection[str]) -> dict[str, tuple[list[str | None], list[str | None]]]:
    """Event id -> (its actors' countries, its targets' countries), in stored order, for the events ``events`` names."""
    out: dict[str, tuple[list[str | None], list[str | None]]] = {}
    ids = sorted(set(events))
    for at in range(0, len(ids), _CHUNK):
        part = ids[at : at + _CHUNK]
        for event, role, country in conn.execute(f"SELECT event_id, role, country FROM event_actors WHERE event_id IN "
                                                 f"({','.join('?' * len(part))}) ORDER BY event_id, role, position", part):  # fmt: skip
            out.setdefault(event, ([], []))[0 if role == "actor" else 1].append(country)
    return out


def articles_near(conn: sqlite3.Connection, articles: Collection[str], reach_days: int) -> set[str]:
    """A window around ``articles``: them and every article with an event whose day is within ``reach_days`` days of one of theirs.

    An event's day is its own date when known to the day, else its article's publication day (as
    the event clusters file it; a superset for background events, which they leave undated). Days
    close together are read as one range, through the ``events_date`` and ``events_undated_published``
    indexes, so the cost follows the window, not the store.
    """
    days: set[str] = set()
    ids = sorted(set(articles))
    for at in range(0, len(ids), _CHUNK):
        part = ids[at : at + _CHUNK]
        rows = conn.execute(f"SELECT ev.date, a.published FROM events ev JOIN articles a ON a.id = ev.article_id "
                            f"WHERE ev.article_id IN ({','.join('?' * len(part))})", part)  # fmt: skip
        days.update(day for date, published in rows if (day := date if date and len(date) == 10 else (published or "")[:10]))
    out = set(ids)
    for low, high in _ranges(days, reach_days):
        after = (Date.fromisoformat(high) + timedelta(days=1)).isoformat()
        out.update(r[0] for r in conn.execute("SELECT DISTINCT article_id FROM events WHERE date BETWEEN ? AND ? AND length(date) = 10",
                                              (low, high)))  # fmt: skip
        out.update(r[0] for r in conn.execute("SELECT DISTINCT article_id FROM events WHERE (date IS NULL OR length(date) <> 10) "
                                              "AND published >= ? AND published < ?", (low, after)))  # fmt: skip
    return out


def articles_of_actors(conn: sqlite3.Connection, actors: Collection[str]) -> set[str]:
    """The articles with a participant resolved to one of ``actors`` (registry ids), through the ``event_actors_canonical`` index."""
    out: set[str] = set()
    ids = sorted(set(actors))
    for at in range(0, len(ids), _CHUNK):
        part = ids[at : at + _CHUNK]
        out.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT ev.article_id FROM event_actors ea JOIN events ev ON ev.id = ea.event_id "
            f"WHERE ea.canonical_id IN ({','.join('?' * len(part))})", part))  # fmt: skip
    return out


def by_articles(conn: sqlite3.Connection, sql: str, column: str, articles: Collection[str] | None,
                order: str = "") -> Iterator[sqlite3.Row]:  # fmt: skip
    """The rows of ``sql`` (a SELECT, with or without a WHERE) of every article, or only of those whose ``column`` is in ``articles``, a few hundred ids at a time.

    With ``order`` (an ORDER BY list that starts with ``column``) the rows come in that order.
    """
    by = f" ORDER BY {order}" if order else ""
    if articles is None:
        yield from conn.execute(sql + by)
        return
    joiner = " AND " if " WHERE " in sql.upper() else " WHERE "
    ids = sorted(set(articles))
    for at in range(0, len(ids), _CHUNK):
        part = ids[at : at + _CHUNK]
        yield from conn.execute(f"{sql}{joiner}{column} IN ({','.join('?' * len(part))}){by}", part)


def _ranges(days: Collection[str], reach: int) -> list[tuple[str, str]]:
    """ISO day ranges that cover every day within ``reach`` days of one of ``days``, overlapping ones merged."""
    spans = sorted((Date.fromisoformat(d) - timedelta(days=reach), Date.fromisoformat(d) + timedelta(days=reach)) for d in days)
    merged: list[list[Date]] = []
    for low, high in spans:
        if merged and low <= merged[-1][1] + timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [(low.isoformat(), high.isoformat()) for low, high in merged]


def _events_where(conn: sqlite3.Connection, where: str, params: tuple[str, ...]) -> dict[str, list[Event]]:
    """The events that ``where`` (a WHERE clause over ``events ev``) selects, by article id, in stored order."""
    parts: dict[tuple[str, str], list[ActorRef]] = {}
    for p in conn.execute(
        f"SELECT ea.* FROM event_actors ea JOIN events ev ON ev.id = ea.event_id {where} ORDER BY ea.event_id, ea.role, ea.position",
        params,
    ):
        parts.setdefault((p["event_id"], p["role"]), []).append(
            ActorRef(name=p["name"], entity=p["entity"], country=p["country"], sector=p["sector"], start=p["start"], end=p["end"])
        )
    spans: dict[str, list[TextSpan]] = {}
    for s in conn.execute(
        f"SELECT ee.* FROM event_evidence ee JOIN events ev ON ev.id = ee.event_id {where} ORDER BY ee.event_id, ee.position",
        params,
    ):
        spans.setdefault(s["event_id"], []).append(TextSpan(s["start"], s["end"], s["text"]))
    events: dict[str, list[Event]] = {}
    rows = conn.execute(f"SELECT * FROM events ev {where} ORDER BY rowid", params)
    # a store opened read-only before migration 0017 has no location_precision column: None there
    precise = any(d[0] == "location_precision" for d in rows.description or ())
    for r in rows:
        loc = None
        if r["location_name"] is not None:
            loc = Location(r["location_name"], r["location_country"], r["lat"], r["lon"], r["location_start"], r["location_end"],
                           r["location_precision"] if precise else None)
        events.setdefault(r["article_id"], []).append(
            Event(
                id=r["id"], type=r["type"], mode=r["mode"], context=tuple(json.loads(r["context"])), cameo=r["cameo"],
                quad_class=r["quad_class"], goldstein=r["goldstein"],
                actors=tuple(parts.get((r["id"], "actor"), ())), targets=tuple(parts.get((r["id"], "target"), ())),
                date=r["date"], date_text=r["date_text"], location=loc, status=r["status"], sentence=r["sentence"],
                sentence_start=r["sentence_start"], evidence_start=r["evidence_start"], evidence_end=r["evidence_end"],
                confidence=r["confidence"], reciprocal=bool(r["reciprocal"]), coder=r["coder"], lexicon=r["lexicon"],
                historical=bool(r["historical"]), evidence=tuple(spans.get(r["id"], ())), claim_source=r["claim_source"],
            )
        )
    return events
