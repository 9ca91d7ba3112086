"""The windowed event reader (store.read): a window's events are read by id and equal the same articles' events read whole."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from registry_bench import Corpus, write  # noqa: E402

from newsevents.store.read import articles_near, articles_of_actors, read_events  # noqa: E402


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    db = str(tmp_path_factory.mktemp("window") / "w.db")
    write(db, Corpus(3).documents(0, 1200))
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    return connection


def _day(event, published: str) -> str:
    return event.date if event.date and len(event.date) == 10 else published[:10]


def test_a_window_reads_exactly_its_articles_events(conn: sqlite3.Connection) -> None:
    everything = read_events(conn)
    chosen = sorted(everything)[::7] + ["no-such-article"]  # more than one chunk of ids
    window = read_events(conn, articles=chosen)
    assert window == {a: everything[a] for a in chosen if a in everything}
    one = chosen[0]
    assert read_events(conn, one) == {one: everything[one]}


def test_the_window_around_articles_holds_every_article_with_an_event_within_reach(conn: sqlite3.Connection) -> None:
    everything = read_events(conn)
    published = {r["id"]: r["published"] for r in conn.execute("SELECT id, published FROM articles")}
    days = {a: {dt.date.fromisoformat(_day(e, published[a])) for e in events} for a, events in everything.items()}
    seeds = sorted(everything)[:5]
    reach = 3
    near = articles_near(conn, seeds, reach)
    wanted = set(seeds) | {a for a, own in days.items()
                           if any(abs((d - s).days) <= reach for d in own for seed in seeds for s in days[seed])}  # fmt: skip
    assert near == wanted and len(near) < len(everything)


def test_the_window_reads_through_the_indexes(conn: sqlite3.Connection) -> None:
    def plan(sql: str, *args: str) -> str:
        return " ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", args))

    assert "events_date" in plan("SELECT DISTINCT article_id FROM events WHERE date BETWEEN ? AND ? AND length(date) = 10", "a", "b")
    assert "articles_published" in plan("SELECT a.id FROM articles a CROSS JOIN events ev ON ev.article_id = a.id "
                                         "WHERE a.published >= ? AND a.published < ? AND (ev.date IS NULL OR length(ev.date) <> 10)", "a", "b")
    assert "event_actors_canonical" in plan("SELECT ea.event_id FROM event_actors ea WHERE ea.canonical_id IN (?)", "IRN")


def test_articles_of_actors_are_those_with_a_participant_resolved_to_them(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE event_actors SET canonical_id = country")
    rows = conn.execute("SELECT DISTINCT ev.article_id FROM event_actors ea JOIN events ev ON ev.id = ea.event_id WHERE ea.country = 'IRN'")
    assert articles_of_actors(conn, ["IRN"]) == {r[0] for r in rows}
    assert articles_of_actors(conn, []) == set()
