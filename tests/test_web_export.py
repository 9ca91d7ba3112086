"""Downloads from the API's list routes (format=csv|json|parquet): every match of the filter, streamed, in the export's rows."""

from __future__ import annotations

import csv
import io

import httpx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_clusters_store import told_by
from test_registry_store import store_documents, surname_document
from test_web_data import ServerThread, build_web_db, served_client

from newsevents.query import MAX_LIMIT


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """A server over the hand-made web database."""
    db = build_web_db(tmp_path_factory.mktemp("export") / "web.db")
    yield from served_client(db)


@pytest.fixture(scope="module")
def registry_client(tmp_path_factory):
    """A server over a database with the actor registry and clusters built, as ingest leaves it."""
    db = tmp_path_factory.mktemp("export-registry") / "web.db"
    store_documents(db, [told_by(1, "Wire A"), told_by(2, "Wire B"), told_by(3, "Wire C", status="denied"), surname_document(4)])
    yield from served_client(db)


def every_item(client: httpx.Client, url: str, **params: str) -> list[dict]:
    """Every item of a paged JSON list."""
    items, cursor = [], None
    while True:
        page = client.get(url, params={**params, "limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        items += page["items"]
        if not (cursor := page["next"]):
            return items


def rows_of(r: httpx.Response, fmt: str) -> list[dict]:
    """The rows of a download, checking its type and file name."""
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith({"csv": "text/csv", "json": "application/json", "parquet": "application/vnd.apache.parquet"}[fmt])
    assert r.headers["content-disposition"].startswith("attachment; filename=") and r.headers["content-disposition"].endswith(f'.{fmt}"')
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(r.text)))
    if fmt == "json":
        return r.json()
    return pq.read_table(pa.BufferReader(r.content)).to_pylist()


LISTS = [("/api/events", {}, "id"), ("/api/events", {"country": "IRN", "type": "ACCUSE"}, "id"), ("/api/articles", {}, "id"),
         ("/api/articles", {"q": "Putin"}, "id"), ("/api/actors", {}, "id"), ("/api/quotes", {}, "text"),
         ("/api/attributions", {"kind": "direct"}, "content_text"), ("/api/roles", {"country": "RUS"}, "person")]  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
@pytest.mark.parametrize(("url", "params", "key"), LISTS)
def test_a_download_holds_every_match_of_the_filter(client, url, params, key, fmt):
    expected = [str(item[key]) for item in every_item(client, url, **params)]
    got = rows_of(client.get(url, params={**params, "format": fmt}), fmt)
    assert [str(row[key]) for row in got] == expected and expected


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
@pytest.mark.parametrize(("url", "params"), [("/api/entities", {"type": "PERSON", "limit": 3}), ("/api/places", {"country": "IRN"})])
def test_ranked_lists_download_what_they_list(client, url, params, fmt):
    expected = [item["name"] for item in client.get(url, params=params).json()["items"]]
    assert [row["name"] for row in rows_of(client.get(url, params={**params, "format": fmt}), fmt)] == expected and expected


def test_event_rows_carry_evidence_article_and_url(client):
    rows = rows_of(client.get("/api/events", params={"format": "csv", "type": "ACCUSE"}), "csv")
    assert len(rows) == 7
    for row in rows:
        assert row["sentence"] and row["article_id"] and row["article_url"].startswith("https://example.org/web/")
        assert {"actor_ids", "target_ids", "quad_class", "goldstein", "status", "confidence"} <= set(row)


def test_event_rows_carry_canonical_actor_ids(registry_client):
    rows = rows_of(registry_client.get("/api/events", params={"format": "json", "actor": "Putin"}), "json")
    assert len(rows) == 4 and {r["actor_ids"] for r in rows} == {"person:vladimir-putin"}
    assert all(r["target_ids"] for r in rows)
    table = rows_of(registry_client.get("/api/events", params={"format": "parquet", "actor": "Putin"}), "parquet")
    assert [r["actor_ids"] for r in table] == [r["actor_ids"] for r in rows]


def test_dyad_and_happening_downloads(client, registry_client):
    dyad = client.get("/api/dyads/RUS/IRN").json()
    rows = rows_of(client.get("/api/dyads/RUS/IRN", params={"format": "csv"}), "csv")
    assert [r["id"] for r in rows] == [e["id"] for e in dyad["events"]] and rows[0]["sentence"]
    cluster = registry_client.get("/api/clusters").json()["items"][0]
    members = rows_of(registry_client.get(f"/api/clusters/{cluster['id']}", params={"format": "csv"}), "csv")
    assert len(members) == cluster["mentions"] and all(m["sentence"] and m["url"] for m in members)


def test_a_download_is_not_capped_at_a_page(tmp_path):
    """More events than the largest page: the download still holds them all."""
    from test_web_data import make_doc

    from newsevents.store import open_store

    docs = [make_doc(n, f"Accusation {n}", (f"Russia accused Iran of plot number {n}.",), "2024-07-01", [{"trigger": "accused", "type": "ACCUSE", "actor": "Russia",
                                                                     "target": "Iran"}]) for n in range(1, MAX_LIMIT + 60)]  # fmt: skip
    with open_store(tmp_path / "big.db") as store:
        store.write_documents(docs)
    with ServerThread(tmp_path / "big.db") as server, httpx.Client(base_url=server.url, timeout=20) as c:
        for fmt in ("csv", "json", "parquet"):
            assert len(rows_of(c.get("/api/events", params={"format": fmt}), fmt)) == MAX_LIMIT + 59


def error_message(r: httpx.Response) -> str:
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/json"), r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["status"] == 400 and body["error"]["code"] == "bad_request"
    return body["error"]["message"]


@pytest.mark.parametrize("url", ["/api/events", "/api/articles", "/api/actors", "/api/quotes", "/api/attributions", "/api/roles",
                                 "/api/dyads/RUS/IRN", "/api/entities", "/api/places", "/api/clusters"])  # fmt: skip
def test_an_unsupported_format_is_refused_in_the_error_shape(client, url):
    message = error_message(client.get(url, params={"format": "xlsx"}))
    assert "format" in message and "csv" in message and "parquet" in message


def test_a_bad_filter_is_refused_before_the_download_starts(client):
    assert "PLOVER" in error_message(client.get("/api/events", params={"format": "csv", "type": "NOPE"}))
    assert "sort" in error_message(client.get("/api/events", params={"format": "parquet", "sort": "sideways"}))


def test_an_empty_result_is_an_empty_file(client):
    assert rows_of(client.get("/api/events", params={"format": "csv", "text": "nothing says this"}), "csv") == []
    assert rows_of(client.get("/api/events", params={"format": "json", "text": "nothing says this"}), "json") == []
    assert rows_of(client.get("/api/events", params={"format": "parquet", "text": "nothing says this"}), "parquet") == []


def test_listing_stream_reads_one_chunk_at_a_time(tmp_path):
    """``stream`` converts ``chunk`` rows at a time through one cursor, in the listing's order."""
    import sqlite3

    from newsevents.query_listing import Listing, count, stream

    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    conn.execute("CREATE TABLE t (n INTEGER)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(25)])
    sizes: list[int] = []
    listing = Listing("SELECT n FROM t ORDER BY n DESC", (), "SELECT count(*) FROM t", (),
                      lambda c, rows: sizes.append(len(rows)) or [dict(r) for r in rows])  # fmt: skip
    assert [r["n"] for r in stream(conn, listing, chunk=10)] == list(range(24, -1, -1))
    assert sizes == [10, 10, 5] and count(conn, listing) == 25


def test_csv_and_json_writers_hold_one_chunk_in_memory():
    """60,000 rows through the CSV and JSON writers: memory peaks at about one chunk, a small part of what is written."""
    import tracemalloc

    from newsevents.export import csv_chunks, json_chunks

    def rows(n):
        for i in range(n):
            yield {"id": f"{i:016x}", "type": "ACCUSE", "sentence": "Russia accused Iran of delaying the talks.", "goldstein": -2.0}

    for writer in (csv_chunks, json_chunks):
        tracemalloc.start()
        written = sum(len(chunk) for chunk in writer(rows(60_000)))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert written > 4_000_000 and peak < 600_000, (writer.__name__, written, peak)


def test_a_dyad_download_keeps_the_date_range(client):
    rows = rows_of(client.get("/api/dyads/RUS/IRN", params={"format": "csv", "since": "2024-07-20"}), "csv")
    assert len(rows) == 6 and all(r["date"] >= "2024-07-20" for r in rows)
    page = client.get("/dyads/RUS/IRN", params={"since": "2024-07-20"}).text
    assert 'href="/api/dyads/RUS/IRN?since=2024-07-20&amp;format=csv" download' in page and "all 6 events between them in these dates" in page


def test_a_parquet_download_is_streamed_a_row_group_at_a_time(client, monkeypatch):
    """Parquet leaves the server a row group at a time, no file written: several groups, every row back, in order."""
    import tempfile
    from pathlib import Path

    from newsevents.web import download

    monkeypatch.setattr(download, "ROWS_PER_GROUP", 5)
    before = set(Path(tempfile.gettempdir()).glob("newsevents-*"))
    expected = [item["id"] for item in every_item(client, "/api/events")]
    r = client.get("/api/events", params={"format": "parquet"})
    assert "content-length" not in r.headers  # sent as it is written, not from a finished file
    assert [row["id"] for row in rows_of(r, "parquet")] == expected and len(expected) == 18
    assert pq.ParquetFile(pa.BufferReader(r.content)).metadata.num_row_groups == 4
    with client.stream("GET", "/api/events", params={"format": "parquet"}) as partial:
        next(partial.iter_bytes(), None)  # the client goes away after the first block
    assert set(Path(tempfile.gettempdir()).glob("newsevents-*")) <= before
