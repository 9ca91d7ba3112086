"""The month-partitioned Parquet dataset of `ingest --out`: exact round trip, and `load` that stores each article once."""

from __future__ import annotations

import dataclasses
import sqlite3

import pyarrow.parquet as pq
import pytest
from factories import make_document

from newsevents.batch.dataset import DatasetWriter, load_dataset, month_of, read_dataset, write_dataset
from newsevents.errors import NewseventsError
from newsevents.records import Attribution, InputFailure, TextSpan
from newsevents.settings import Settings


def documents():
    """Five hand-made documents over two months and one undated, one with attributions and evidence spans."""
    docs = [make_document(n, published=p) for n, p in enumerate(["2024-05-02", "2024-05-30T08:00:00Z", "2024-06-01", "", "2024-06"])]
    first = docs[0]
    said = first.article.text.index("said")
    attribution = Attribution("a1", "direct", TextSpan(0, 5, first.article.text[:5]), cue=TextSpan(said, said + 4, "said"),
                              speaker="Vladimir Putin", speaker_entity="e1")  # fmt: skip
    event = dataclasses.replace(first.events[0], evidence=(TextSpan(3, 6, first.article.text[3:6]),), reciprocal=True, historical=True)
    docs[0] = dataclasses.replace(first, attributions=(attribution,), events=(event, *first.events[1:]))
    docs[3] = dataclasses.replace(docs[3], article=dataclasses.replace(docs[3].article, published=None))
    return docs


def test_round_trip_is_exact_and_partitioned_by_month(tmp_path):
    docs = documents()
    failure = InputFailure("bad.txt", "annotation failed")
    summary = write_dataset([docs[:2] + [failure], docs[2:]], tmp_path)
    assert (summary.documents, summary.failures, summary.files) == (5, [failure], 3)
    months = sorted(p.name for p in tmp_path.iterdir())
    assert months == ["month=2024-05", "month=2024-06", "month=undated"]
    back = list(read_dataset(tmp_path))
    assert sorted(back, key=lambda d: d.article.id) == sorted(docs, key=lambda d: d.article.id)  # every field, floats and tuples included
    table = pq.read_table(next((tmp_path / "month=2024-05").glob("*.parquet")))
    assert table.column("id").to_pylist() == [docs[0].article.id, docs[1].article.id]
    assert table.column("events").to_pylist() == [2, 2]


def test_writer_splits_files_and_two_writers_never_clash(tmp_path):
    docs = documents()[:2]  # both May
    with DatasetWriter(tmp_path, rows_per_file=1) as writer:
        writer.write(docs)
    with DatasetWriter(tmp_path) as again:
        again.write(docs)
    assert len(list((tmp_path / "month=2024-05").glob("*.parquet"))) == 3
    assert len(list(read_dataset(tmp_path))) == 4


def test_month_of():
    assert [month_of(p) for p in ("2024-05-02", "2024-05", "2024", None, "")] == ["2024-05", "2024-05", "undated", "undated", "undated"]


def test_load_stores_each_article_once(tmp_path):
    docs = documents()
    write_dataset([docs], tmp_path / "out")
    write_dataset([docs[:2]], tmp_path / "out")  # the same articles written by a second run
    settings = Settings.make(db=str(tmp_path / "news.db"))
    first = load_dataset(tmp_path / "out", settings)
    assert (first.documents, first.duplicates) == (5, 2)
    again = load_dataset(tmp_path / "out", settings)
    assert (again.documents, again.duplicates) == (0, 7)
    conn = sqlite3.connect(settings.db)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 10
    assert conn.execute("SELECT COUNT(*) FROM articles WHERE language = 'en'").fetchone()[0] == 5
    from newsevents.store import open_store

    with open_store(settings.db, readonly=True) as store:
        stored = store.read_document(docs[2].article.id)
    assert [(e.id, e.type, e.actors[0].name) for e in stored.events] == [(e.id, e.type, e.actors[0].name) for e in docs[2].events]


def test_reading_a_folder_without_a_dataset_says_what_to_give(tmp_path):
    with pytest.raises(NewseventsError, match="ingest --out"):
        list(read_dataset(tmp_path))


def test_load_command_twice(tmp_path):
    from click.testing import CliRunner

    from newsevents.cli import main

    write_dataset([documents()], tmp_path / "out")
    db = str(tmp_path / "news.db")
    first = CliRunner().invoke(main, ["load", str(tmp_path / "out"), "--db", db])
    assert first.exit_code == 0, first.output
    assert "articles: 5 new, 0 already stored" in first.output
    again = CliRunner().invoke(main, ["load", str(tmp_path / "out"), "--db", db])
    assert "articles: 0 new, 5 already stored" in again.output
