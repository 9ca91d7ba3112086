"""The analytics dataset (issue #9 item 4) answers as the store's query layer does, and follows the store as it grows."""

from __future__ import annotations

import dataclasses
import itertools
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("duckdb", reason="analytics needs DuckDB: pip install newsevents[analytics]")

from click.testing import CliRunner  # noqa: E402
from factories import make_document  # noqa: E402
from test_registry_store import store_documents  # noqa: E402

from newsevents import query  # noqa: E402
from newsevents.analytics import Analytics, build  # noqa: E402
from newsevents.analytics.build import build_from  # noqa: E402
from newsevents.analytics.synthetic import synthetic_raw  # noqa: E402
from newsevents.cli_analytics import analytics  # noqa: E402
from newsevents.records import Document  # noqa: E402


def told(n: int, published: str, date: str | None, source: str = "Test Wire") -> Document:
    """The factory article published on ``published``, its meeting dated ``date`` (a day, a month, or none)."""
    doc = make_document(n, published=published)
    met = dataclasses.replace(doc.events[0], date=date, date_text=date)
    return dataclasses.replace(doc, article=dataclasses.replace(doc.article, source=source), events=(met, doc.events[1]))


FIRST = [told(1, "2024-07-27", "2024-07-25", "Wire A"), told(2, "2024-07-28", "2024-07-25", "Wire B"),
         told(3, "2024-09-03", None), told(4, "2024-10-15", "2024-10")]  # fmt: skip
LATER = [told(5, "2025-01-09", "2025-01-08"), told(6, "2025-02-11", None, "Wire C")]


def sqlite_rows(db: Path, sql: str) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql)]
    finally:
        conn.close()


# What the store counts for the two rollups the query layer has no function for, written against the store's own
# definitions: an event's day is query.EVENT_DAY; a pair is two registry actors on opposite sides (or together).
TYPE_MONTH = (
    f"SELECT substr({query.EVENT_DAY}, 1, 7) AS month, e.type, count(*) AS events, round(sum(e.goldstein), 2) AS goldstein "
    f"FROM events e WHERE {query.EVENT_DAY} IS NOT NULL GROUP BY month, e.type ORDER BY month, e.type"
)
TOP_PAIRS = (
    "SELECT a, x.name AS a_name, b, y.name AS b_name, count(*) AS events, round(sum(g), 2) AS goldstein FROM ("
    "SELECT DISTINCT p.canonical_id AS a, q.canonical_id AS b, e.id, e.goldstein AS g FROM event_actors p "
    "JOIN event_actors q ON q.event_id = p.event_id AND p.canonical_id < q.canonical_id JOIN events e ON e.id = p.event_id "
    "WHERE q.role <> p.role OR (e.reciprocal AND p.role = 'actor' AND q.role = 'actor')) "
    "LEFT JOIN registry_actors x ON x.id = a LEFT JOIN registry_actors y ON y.id = b GROUP BY a, b ORDER BY events DESC, a, b"
)


def names(db: Path) -> list[str]:
    """Every way the tests name a participant: registry ids, names as written, countries as codes and names, a stranger."""
    ids = [r["id"] for r in sqlite_rows(db, "SELECT DISTINCT canonical_id AS id FROM event_actors ORDER BY id")]
    written = [r["name"] for r in sqlite_rows(db, "SELECT DISTINCT name FROM event_actors ORDER BY name")]
    return ids + written + ["Iran", "Russian", "Putin", "nobody"]


def assert_same_as_store(db: Path, out: Path) -> None:
    """Every dyad series, the type and month counts, top actors and top pairs equal the store's answers."""
    an = Analytics(out)
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        compared = 0
        for a, b in itertools.combinations(names(db), 2):
            for by, count in (("day", "clusters"), ("month", "mentions"), ("week", "clusters"), ("year", "mentions")):
                want = query.dyad_series(conn, a, b, by=by, count=count)["series"]
                assert an.dyad_series(a, b, by=by, count=count)["series"] == want, (a, b, by, count)
                compared += bool(want)
            bounded = query.dyad_series(conn, a, b, by="day", since="2024-07-26", until="2024-12")["series"]
            assert an.dyad_series(a, b, by="day", since="2024-07-26", until="2024-12")["series"] == bounded, (a, b)
        assert compared >= 20  # the comparison is not between empty series
        store_actors = query.list_actors(conn, limit=200)["items"]
        assert an.top_actors(len(store_actors)) == store_actors
    finally:
        conn.close()
    assert an.counts_by_type_month() == sqlite_rows(db, TYPE_MONTH)
    pairs = sqlite_rows(db, TOP_PAIRS)
    assert pairs and an.top_pairs(len(pairs)) == pairs
    an.close()


def test_answers_equal_the_store_query_layer(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    store_documents(db, FIRST)
    build(db, tmp_path / "out")
    assert_same_as_store(db, tmp_path / "out")


def test_loading_more_events_writes_only_the_new_months_and_equals_a_fresh_build(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    store_documents(db, FIRST)
    first = build(db, tmp_path / "out")
    assert first.months_written == ("2024-07", "2024-09", "2024-10")
    assert build(db, tmp_path / "out").months_written == ()  # nothing new: nothing written
    store_documents(db, LATER)
    later = build(db, tmp_path / "out")
    assert set(later.months_written) >= {"2025-01", "2025-02"} and later.events == 12
    assert_same_as_store(db, tmp_path / "out")
    build(db, tmp_path / "fresh")
    grown, fresh = Analytics(tmp_path / "out"), Analytics(tmp_path / "fresh")
    for an in (grown, fresh):
        assert [r["month"] for r in an.counts_by_type_month(since="2025")] == ["2025-01", "2025-01", "2025-02", "2025-02"]
    assert grown.top_pairs(50) == fresh.top_pairs(50) and grown.top_actors(50, since="2025-01") == fresh.top_actors(50, since="2025-01")


def test_rollup_and_pair_scan_give_the_same_series_on_synthetic_events(tmp_path: Path) -> None:
    build_from(synthetic_raw(5_000, seed=3), tmp_path / "out")
    an = Analytics(tmp_path / "out")
    top = [r["id"] for r in an.top_actors(12)]
    checked = 0
    for a, b in itertools.combinations(top, 2):
        for by, count in (("month", "clusters"), ("week", "mentions")):
            rollup = an.dyad_series(a, b, by=by, count=count, since="2017-03", until="2023")["series"]
            scanned = an._scan([a], [b], by, count, "2017-03", "2023-99")  # the path a side of several keys takes
            assert rollup == scanned, (a, b, by, count)
            checked += bool(rollup)
    assert checked > 20
    for since, until in (("2016-03", "2022-08"), ("2019", None), (None, "2015-02"), ("2030", None)):
        low, high = since or "", (until or "9999") + ("-99" if until and len(until) == 4 else "")
        summed = an.cursor().execute(  # what the running totals must give: the months between, summed
            "SELECT a, b, sum(events)::BIGINT AS events, round(sum(goldstein), 2) AS goldstein FROM r.pair_month "
            "WHERE month >= ? AND month <= ? GROUP BY a, b ORDER BY events DESC, a, b LIMIT 30", [low, high]).fetchall()
        assert [(r["a"], r["b"], r["events"], r["goldstein"]) for r in an.top_pairs(30, since=since, until=until)] == summed, (since, until)
    months = an.counts_by_type_month()
    assert sum(r["events"] for r in months) == an.cursor().execute("SELECT count(*) FROM events WHERE day IS NOT NULL").fetchone()[0]


def test_cached_answers_are_the_same_answers(tmp_path: Path) -> None:
    build_from(synthetic_raw(2_000, seed=5), tmp_path / "out")
    plain, cached = Analytics(tmp_path / "out"), Analytics(tmp_path / "out", cache_size=8)
    for _ in range(2):
        assert cached.dyad_series("S00", "S01", by="month") == plain.dyad_series("S00", "S01", by="month")
        assert cached.top_pairs(5, since="2020") == plain.top_pairs(5, since="2020")


def test_cli_builds_and_queries(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    store_documents(db, FIRST)
    runner = CliRunner()
    built = runner.invoke(analytics, ["build", "--db", str(db), "--out", str(tmp_path / "out")])
    assert built.exit_code == 0 and "8 events in 3 months; 3 months written" in built.output, built.output
    dyad = runner.invoke(analytics, ["query", "dyad", "Putin", "Raisi", "--by", "month", "--out", str(tmp_path / "out")])
    assert dyad.exit_code == 0 and "2024-07" in dyad.output, dyad.output
    bad = runner.invoke(analytics, ["query", "types", "--since", "2024-07-02", "--out", str(tmp_path / "out")])
    assert bad.exit_code != 0 and "rollups hold whole months" in str(bad.exception or bad.output)
