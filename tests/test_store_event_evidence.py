"""Events a researcher can trust, once stored (#7): every mention, date precision, historical flags,
reciprocal dyads, the day an event counts on, exports and the article page's evidence marks."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import replace
from importlib import resources

import jsonschema
import pytest

from factories import make_document
from newsevents import query
from newsevents.export import export
from newsevents.records import ActorRef, Document, TextSpan
from newsevents.store import open_store
from newsevents.store.actors import actor_key
from newsevents.store.migrate import migration_scripts, split_statements
from newsevents.web import highlight

SCHEMA = json.loads((resources.files("newsevents") / "schema" / "article.schema.json").read_text())
RUS, IRN, CHN = ActorRef("Russia", None, "RUS", None), ActorRef("Iran", None, "IRN", None), ActorRef("China", None, "CHN", None)


def trusted_document(n: int = 0, published: str = "2024-07-27") -> Document:
    """The factory article with a three-party reciprocal meeting mentioned twice and a historical undated arrest."""
    doc = make_document(n, published=published)
    meeting, arrest = doc.events
    text = doc.article.text
    again = text.index("Putin", text.index("\u201c"))  # a second mention of the meeting
    meeting = replace(
        meeting, actors=(RUS, IRN, CHN), targets=(), reciprocal=True, date="2024-07",
        evidence=(TextSpan(meeting.evidence_start, meeting.evidence_end, "met"), TextSpan(again, again + 5, "Putin")),
    )
    arrest = replace(arrest, historical=True)
    return replace(doc, events=(meeting, arrest))


@pytest.fixture()
def store(store_url):
    with open_store(store_url) as s:  # on SQLite, then on PostgreSQL
        yield s


def test_mentions_precision_and_history_round_trip_and_match_the_schema(store) -> None:
    doc = trusted_document(1)
    store.write_documents([doc])
    back = store.read_document(doc.article.id)
    assert back is not None and back.to_dict() == doc.to_dict()
    jsonschema.validate(back.to_dict(), SCHEMA)
    meeting, arrest = back.to_dict()["events"]
    assert meeting["evidence_spans"] == [{"start": s.start, "end": s.end, "text": s.text} for s in doc.events[0].evidence]
    assert (meeting["date_precision"], meeting["historical"], meeting["targets"]) == ("month", False, [])
    assert (arrest["date_precision"], arrest["historical"]) == (None, True)
    text = back.article.text
    assert all(text[s["start"] : s["end"]] == s["text"] for ev in back.to_dict()["events"] for s in ev["evidence_spans"])
    listed = query.list_events(store.conn, query.EventFilter(article=doc.article.id))["items"]
    assert {len(e["evidence_spans"]) for e in listed} == {1, 2} and {e["historical"] for e in listed} == {True, False}


def test_a_reciprocal_event_counts_for_every_pair_of_its_parties_and_never_for_a_party_with_itself(store) -> None:
    store.write_documents([trusted_document(2)])
    conn = store.conn
    for a, b in (("RUS", "IRN"), ("IRN", "RUS"), ("IRN", "CHN"), ("Russia", "China")):
        between = query.list_events_between(conn, a, b)
        assert [e["type"] for e in between] == ["CONSULT"], (a, b)
        assert sum(r["events"] for r in query.dyad_series(conn, a, b)["series"]) == 1
    for same in ("RUS", "Iran", "china", actor_key("Russia", "RUS", named=False)):
        assert query.list_events_between(conn, same, same) == []
        assert query.dyad_series(conn, same, same)["series"] == []
    # two different Iranian parties (police and protesters) are a domestic dyad, not a party with itself
    assert [e["type"] for e in query.list_events_between(conn, "IRN", "IRN")] == ["COERCE"]
    partners = query.get_actor(conn, actor_key("Iran", "IRN", named=False))["partners"]
    assert sorted(p["country"] for p in partners) == ["CHN", "RUS"]


def test_series_put_dated_events_at_their_date_and_leave_undated_history_out(store) -> None:
    store.write_documents([trusted_document(3, published="2024-07-27")])
    later = trusted_document(4, published="2024-09-10")
    store.write_documents([replace(later, events=later.events[:1])])
    conn = store.conn
    days = {e["id"]: e["day"] for e in query.list_events(conn, limit=50)["items"]}
    assert days["ev3a"] == "2024-07-27"  # "this month" holds the article's day: it counts on that day
    assert days["ev4a"] == "2024-07-01"  # July seen from September: the month's first day, not the article's
    assert days["ev3b"] is None  # historical and undated: no day at all
    periods = [r["period"] for r in query.dyad_series(conn, "RUS", "CHN")["series"]]
    assert periods == ["2024-07-01", "2024-07-27"]
    filtered = query.list_events(conn, query.EventFilter(date_from="2024-01-01"), limit=50)["items"]
    assert sorted(e["id"] for e in filtered) == ["ev3a", "ev4a"]  # a date filter never counts undated history


def test_migration_0006_keeps_old_events_readable_with_one_span_and_each_party_once(tmp_path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    for name, sql in migration_scripts():
        if name >= "0006":
            break
        for statement in split_statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO _migrations VALUES (?, 'then')", (name,))
    conn.execute("INSERT INTO articles(id, title, text, created) VALUES ('a', 't', 'Iran and Russia met on 2 May 2024.', 'then')")
    conn.execute(
        "INSERT INTO events(id, article_id, type, status, sentence, sentence_start, evidence_start, evidence_end, confidence, reciprocal, date)"
        " VALUES ('x', 'a', 'CONSULT', 'reported', 'Iran and Russia met on 2 May 2024.', 0, 16, 19, 0.8, 1, '2024-05-02')"
    )
    conn.execute("INSERT INTO actors VALUES ('iran', 'Iran', 'IRN', NULL), ('russia', 'Russia', 'RUS', NULL)")
    for role in ("actor", "target"):
        conn.execute(f"INSERT INTO event_actors VALUES ('x', '{role}', 0, 'iran', 'Iran', NULL, 'IRN', NULL, 0, 4)")
        conn.execute(f"INSERT INTO event_actors VALUES ('x', '{role}', 1, 'russia', 'Russia', NULL, 'RUS', NULL, 9, 15)")
    conn.commit()
    conn.close()
    with open_store(path) as s:
        (ev,) = s.read_document("a").events
    assert [a.name for a in ev.actors] == ["Iran", "Russia"] and ev.targets == ()
    assert ev.evidence == (TextSpan(16, 19, "met"),) and ev.date_precision == "day" and not ev.historical


def test_exports_carry_precision_history_and_every_mention(tmp_path) -> None:
    export([trusted_document(5)], "csv", str(tmp_path / "e.csv"), table="events")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "e.csv").read_text(encoding="utf-8"))))
    assert [(r["date_precision"], r["historical"], r["mentions"]) for r in rows] == [("month", "False", "2"), ("", "True", "1")]
    assert [s["text"] for s in json.loads(rows[0]["evidence_spans"])] == ["met", "Putin"]
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    export([trusted_document(5)], "parquet", str(tmp_path / "e.parquet"), table="events")
    table = pq.read_table(tmp_path / "e.parquet")
    assert {"date_precision", "historical", "mentions", "evidence_spans"} <= set(table.column_names)


def test_the_article_page_marks_every_mention_and_anchors_each_event_once() -> None:
    article = trusted_document(6).to_dict()
    paras = highlight.highlighted(article)
    marked = [(s.text, s.layers[-1].attrs["data-events"]) for p in paras for s in p if s.layers and s.layers[-1].kind == "ev"]
    assert ("met", "ev6a") in marked and ("Putin", "ev6a") in marked
    anchors = [a for p in paras for s in p for a in s.anchors]
    assert anchors.count("ev-ev6a") == 1 and anchors.count("ev-ev6b") == 1
