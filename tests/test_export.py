"""Exports: JSONL is the JSON contract; CSV and Parquet hold flat rows per table."""

from __future__ import annotations

import csv
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from factories import make_document
from newsevents.errors import SettingsError
from newsevents.export import csv_chunks, export, json_chunks, parquet_chunks, write_parquet


def test_jsonl_is_to_dict(tmp_path):
    docs = [make_document(1), make_document(2)]
    out = tmp_path / "a.jsonl"
    assert export(docs, "jsonl", str(out)) == 2
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert lines == [d.to_dict() for d in docs]


def test_csv_and_parquet_tables(tmp_path):
    docs = [make_document(1), make_document(2)]
    assert export(docs, "csv", str(tmp_path / "e.csv"), table="events") == 4
    with (tmp_path / "e.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["type"] == "CONSULT" and rows[0]["actor_country"] == "RUS" and rows[0]["target_country"] == "IRN"
    assert export(docs, "parquet", str(tmp_path / "n.parquet"), table="entities") == 6
    table = pq.read_table(tmp_path / "n.parquet")
    assert set(table.column("type").to_pylist()) == {"PERSON", "LOC"}


def test_bad_export_arguments_say_what_to_do(tmp_path):
    with pytest.raises(SettingsError, match="--out"):
        export([make_document(1)], "parquet", None)
    with pytest.raises(SettingsError, match="--format"):
        export([make_document(1)], "xml", str(tmp_path / "x"))


def test_event_rows_carry_the_article_url_and_canonical_ids(tmp_path):
    doc = make_document(1)
    ids = {ev.id: {"actor": ["RUS"], "target": ["person:x", None]} for ev in doc.events}
    out = tmp_path / "e.csv"
    export([doc], "csv", str(out), table="events", canonical=lambda article_id: ids if article_id == doc.article.id else {})
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows and all(r["article_url"] == doc.article.url and r["sentence"] for r in rows)
    assert {(r["actor_ids"], r["target_ids"]) for r in rows} == {("RUS", "person:x;")}
    export([doc], "csv", str(out), table="events")  # without the registry: the columns are there, empty
    assert {(r["actor_ids"], r["target_ids"]) for r in csv.DictReader(io.StringIO(out.read_text()))} == {("", "")}


def test_writers_stream_in_chunks_and_row_groups(tmp_path):
    items = [{"n": i, "name": None if i < 3 else f"x{i}", "tags": [i]} for i in range(7)]
    chunks = list(csv_chunks(items, size=3))
    assert len(chunks) == 3 and chunks[0].startswith("n,name,tags\r\n")
    assert [r["tags"] for r in csv.DictReader(io.StringIO("".join(chunks)))] == [f"[{i}]" for i in range(7)]
    assert json.loads("".join(json_chunks(items, size=3))) == items and json.loads("".join(json_chunks([]))) == []
    assert write_parquet(items, tmp_path / "g.parquet", group=3) == 7
    meta = pq.ParquetFile(tmp_path / "g.parquet").metadata
    assert meta.num_row_groups == 3 and meta.num_rows == 7  # a column empty in the first group is text, filled later
    assert pq.read_table(tmp_path / "g.parquet").column("name").to_pylist() == [None] * 3 + [f"x{i}" for i in range(3, 7)]


def event_like_rows(n: int, seen: list[int]):
    """``n`` rows shaped like exported events, counting in ``seen`` how many were read."""
    for i in range(n):
        seen[0] += 1
        yield {"id": f"{i:016x}", "type": "ACCUSE", "goldstein": -2.0, "actors": [{"name": "Russia", "country": "RUS"}],
               "sentence": f"Russia accused Iran of delaying the talks, report {i}.", "article_url": f"https://example.org/{i}"}


def test_parquet_bytes_leave_one_row_group_at_a_time():
    """Each row group's bytes are handed over before the next group's rows are read, and the file reads back whole."""
    seen = [0]
    read_when_sent, parts = [], []
    for part in parquet_chunks(event_like_rows(2_500, seen), group=1_000):
        read_when_sent.append(seen[0])
        parts.append(part)
    assert read_when_sent == [1_000, 2_000, 2_500] and all(parts)  # groups of 1,000 and 500, then the footer
    data = pa.BufferReader(b"".join(parts))
    assert pq.ParquetFile(data).metadata.num_row_groups == 3
    table = pq.read_table(pa.BufferReader(b"".join(parts)))
    assert table.num_rows == 2_500 and table.column("id").to_pylist() == [f"{i:016x}" for i in range(2_500)]


def test_a_large_parquet_stream_holds_about_one_row_group(tmp_path):
    """50,000 rows: Python memory peaks below what 5,000 held rows take, and the file reads back with every row."""
    import tracemalloc

    seen = [0]
    b"".join(parquet_chunks(event_like_rows(10, [0])))  # pyarrow's lazy imports happen here, not in the measurement
    tracemalloc.start()
    all_rows = list(event_like_rows(5_000, [0]))
    held = tracemalloc.get_traced_memory()[0]  # what 5,000 rows take when held (all 50,000: ten times this)
    del all_rows
    tracemalloc.reset_peak()
    start = tracemalloc.get_traced_memory()[0]
    with open(tmp_path / "big.parquet", "wb") as handle:
        for part in parquet_chunks(event_like_rows(50_000, seen), group=1_000):
            handle.write(part)
    peak = tracemalloc.get_traced_memory()[1] - start
    tracemalloc.stop()
    assert seen[0] == 50_000 and peak < held, (peak, held)
    table = pq.read_table(tmp_path / "big.parquet")
    assert table.num_rows == 50_000 and table.column("id").to_pylist()[-1] == f"{49_999:016x}"
