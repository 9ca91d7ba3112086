"""Exports: JSONL is the JSON contract; CSV and Parquet hold flat rows per table."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from factories import make_document
from newsevents.errors import SettingsError
from newsevents.export import export


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
