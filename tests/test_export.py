"""Exports: JSONL is the JSON contract; CSV and Parquet hold flat rows per table."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from factories import make_document
from newsevents.errors import SettingsError
from newsevents.export import csv_chunks, export, json_chunks, write_parquet


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
