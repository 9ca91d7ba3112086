"""Location.precision (issue #14 item 4): set from the gazetteer's kind, stored, read back, serialised and exported."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from importlib import resources

from factories import make_document
from newsevents.events.places import PRECISION, PRECISIONS
from newsevents.export import rows
from newsevents.records import Document, Location
from newsevents.serialize import document_to_dict
from newsevents.store import open_store
from newsevents.store import migrate as migrate_module
from newsevents.store.sqlite import document_rows, insert_sql

CITY = Location("Tehran", "IRN", 35.69, 51.42, 10, 16, "city")
COUNTRY = Location("Iran", "IRN", 32.0, 53.0, 20, 24, "country")


def _precise(n: int = 0) -> Document:
    """The factory document with a city place on its first event and a country-only place on its second."""
    doc = make_document(n)
    first, second = doc.events
    return dataclasses.replace(doc, events=(dataclasses.replace(first, location=CITY), dataclasses.replace(second, location=COUNTRY)))


def _stored_locations(db: str, article_id: str, **kwargs) -> list[Location | None]:
    with open_store(db, **kwargs) as store:
        doc = store.read_document(article_id)
    assert doc is not None
    return [ev.location for ev in doc.events]


def test_every_gazetteer_kind_has_a_documented_precision():
    assert set(PRECISION) == {"facility", "city", "region", "country", "water", "continent"}
    assert set(PRECISION.values()) == set(PRECISIONS)
    schema = json.loads((resources.files("newsevents") / "schema" / "article.schema.json").read_text(encoding="utf-8"))
    enum = schema["$defs"]["event"]["properties"]["location"]["properties"]["precision"]["enum"]
    assert set(enum) == set(PRECISIONS) | {None}


def test_precision_and_span_round_trip_through_sqlite(tmp_path):
    db = str(tmp_path / "t.db")
    doc = _precise()
    with open_store(db) as store:
        store.write_documents([doc])
        assert [r[0] for r in store.conn.execute("SELECT location_precision FROM events ORDER BY rowid")] == ["city", "country"]
    assert _stored_locations(db, doc.article.id) == [CITY, COUNTRY]


def test_the_json_contract_and_the_export_carry_it():
    doc = _precise()
    places = [ev["location"] for ev in document_to_dict(doc)["events"]]
    assert places[0] == {"name": "Tehran", "country": "IRN", "lat": 35.69, "lon": 51.42, "precision": "city", "start": 10, "end": 16}
    assert places[1]["precision"] == "country"
    flat = list(rows([doc], "events"))
    assert [r["location_precision"] for r in flat] == ["city", "country"]
    assert list(flat[0]).index("location_precision") == list(flat[0]).index("lon") + 1
    assert [r["location_precision"] for r in rows([make_document(1)], "events")] == [None, None]  # no precision known: empty


def test_the_contract_validates_against_the_schema():
    import jsonschema

    schema = json.loads((resources.files("newsevents") / "schema" / "article.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document_to_dict(_precise()), schema)
    jsonschema.validate(document_to_dict(make_document(2)), schema)  # precision null


def _old_store(db: str, doc: Document, monkeypatch) -> None:
    """A store migrated up to 0016 only, holding ``doc`` as a writer of that time wrote it."""
    scripts = [(name, sql) for name, sql in migrate_module.migration_scripts() if name < "0017"]
    with monkeypatch.context() as patch:
        patch.setattr(migrate_module, "migration_scripts", lambda: scripts)
        conn = sqlite3.connect(db)
        migrate_module.migrate(conn)
    conn.execute("INSERT INTO articles (id, title, source, url, published, author, origin, text, created) VALUES (?,?,?,?,?,?,?,?,?)",
                 (doc.article.id, doc.article.title, doc.article.source, doc.article.url, doc.article.published, None, "old",
                  doc.article.text, "2024-07-27T00:00:00+00:00"))  # fmt: skip
    for table, columns, table_rows in document_rows(doc):
        if table == "events":
            at = columns.index("location_precision")
            columns = columns[:at] + columns[at + 1 :]
            table_rows = [row[:at] + row[at + 1 :] for row in table_rows]
        if table_rows:
            conn.executemany(insert_sql(table, columns), table_rows)
    conn.commit()
    conn.close()


def test_a_store_from_before_0017_reads_none(tmp_path, monkeypatch):
    db = str(tmp_path / "old.db")
    doc = _precise()
    _old_store(db, doc, monkeypatch)
    unprecise = [dataclasses.replace(CITY, precision=None), dataclasses.replace(COUNTRY, precision=None)]
    assert _stored_locations(db, doc.article.id, readonly=True) == unprecise  # not migrated: no column yet
    assert _stored_locations(db, doc.article.id) == unprecise  # migrated now: the column is NULL on old rows
    with open_store(db) as store:
        assert "0017_location_precision" in {r[0] for r in store.conn.execute("SELECT name FROM _migrations")}
        store.write_documents([_precise(1)])
    assert _stored_locations(db, _precise(1).article.id) == [CITY, COUNTRY]


def test_postgresql_stores_and_reads_the_same(tmp_path, emptied_postgres):
    doc = _precise()
    lite = str(tmp_path / "t.db")
    for db in (lite, emptied_postgres):
        with open_store(db) as store:
            store.write_documents([doc])
    assert _stored_locations(emptied_postgres, doc.article.id) == _stored_locations(lite, doc.article.id) == [CITY, COUNTRY]


def test_the_event_listing_of_the_api_carries_precision_and_span(tmp_path):
    from newsevents.query import list_events

    db = str(tmp_path / "t.db")
    doc = _precise()
    with open_store(db) as store:
        store.write_documents([doc])
        listed = list_events(store.conn)["items"]
    by_name = {e["location"]["name"]: e["location"] for e in listed if e["location"]}
    assert by_name[CITY.name]["precision"] == "city" and (by_name[CITY.name]["start"], by_name[CITY.name]["end"]) == (CITY.start, CITY.end)
    assert by_name[COUNTRY.name]["precision"] == "country"
