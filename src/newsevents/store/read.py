"""Rebuild stored documents as records, so the export and ``process_text`` share one serialiser."""

from __future__ import annotations

import json
import sqlite3

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


def read_events(conn: sqlite3.Connection, article_id: str | None = None) -> dict[str, list[Event]]:
    """The events of one article (or, without ``article_id``, of every article, in a few queries) by article id, in stored order."""
    only = "WHERE ev.article_id=?" if article_id is not None else ""
    params: tuple[str, ...] = (article_id,) if article_id is not None else ()
    parts: dict[tuple[str, str], list[ActorRef]] = {}
    for p in conn.execute(
        f"SELECT ea.* FROM event_actors ea JOIN events ev ON ev.id = ea.event_id {only} ORDER BY ea.event_id, ea.role, ea.position",
        params,
    ):
        parts.setdefault((p["event_id"], p["role"]), []).append(
            ActorRef(name=p["name"], entity=p["entity"], country=p["country"], sector=p["sector"], start=p["start"], end=p["end"])
        )
    spans: dict[str, list[TextSpan]] = {}
    for s in conn.execute(
        f"SELECT ee.* FROM event_evidence ee JOIN events ev ON ev.id = ee.event_id {only} ORDER BY ee.event_id, ee.position",
        params,
    ):
        spans.setdefault(s["event_id"], []).append(TextSpan(s["start"], s["end"], s["text"]))
    events: dict[str, list[Event]] = {}
    for r in conn.execute(f"SELECT * FROM events ev {only} ORDER BY rowid", params):
        loc = None
        if r["location_name"] is not None:
            loc = Location(r["location_name"], r["location_country"], r["lat"], r["lon"], r["location_start"], r["location_end"])
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
