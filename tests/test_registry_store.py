"""The actor registry in the store: rebuilt from stored articles, canonical ids on participants, corrections kept."""

from __future__ import annotations

import dataclasses
import random
import sqlite3
from pathlib import Path

import pytest
from factories import make_document

from newsevents import api
from newsevents.errors import NotFound, QueryError
from newsevents.records import ActorRef, Document, Entity
from newsevents.settings import Settings
from newsevents.store import open_store

TABLES = {
    "registry_actors": "SELECT * FROM registry_actors ORDER BY id",
    "registry_aliases": "SELECT * FROM registry_aliases ORDER BY key",
    "registry_merges": "SELECT * FROM registry_merges ORDER BY actor_id, name, rule, article_id, start",
    "registry_terms": "SELECT * FROM registry_terms ORDER BY actor_id, country, office, start, end, source",
    "canonical": "SELECT event_id, role, position, canonical_id FROM event_actors ORDER BY event_id, role, position",
    "event_clusters": "SELECT * FROM event_clusters ORDER BY id",
    "event_cluster_members": "SELECT * FROM event_cluster_members ORDER BY cluster_id, event_id",
}


def surname_document(n: int) -> Document:
    """An article that names Putin by his surname alone, as the actor of its meeting."""
    doc = make_document(n, published="2024-07-28")
    putin = Entity("e1", "Putin", "PERSON", (doc.entities[0].mentions[1],), "RUS", None)
    met = dataclasses.replace(doc.events[0], actors=(ActorRef("Putin", "e1", "RUS", "GOV"),))
    return dataclasses.replace(doc, entities=(putin, *doc.entities[1:]), events=(met, doc.events[1]))


def store_documents(db: Path, *batches: list[Document]) -> Settings:
    """Write each batch as one ingest would (store, then rebuild the registry and the clusters)."""
    settings = Settings.make(db=str(db))
    for docs in batches:
        with open_store(db) as store:
            store.write_documents(docs)
        api.rebuild_registry(settings)
        api.cluster_events(settings)
    return settings


def tables(db: Path | str) -> dict[str, list[tuple]]:
    """Every registry and cluster table, in a fixed order."""
    conn = sqlite3.connect(db)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        conn.close()


def canonical(db: Path, name: str) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {r[0] for r in conn.execute("SELECT DISTINCT canonical_id FROM event_actors WHERE name = ?", (name,))}
    finally:
        conn.close()


def test_a_full_name_and_a_surname_get_one_canonical_id(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    store_documents(db, [make_document(1), surname_document(2)])
    assert canonical(db, "Vladimir Putin") == canonical(db, "Putin") == {"person:vladimir-putin"}
    assert canonical(db, "police") == {"IRN-COP"}
    conn = sqlite3.connect(db)
    kind = conn.execute("SELECT kind FROM registry_actors WHERE id = 'person:vladimir-putin'").fetchone()
    alias = conn.execute("SELECT actor_id FROM registry_aliases WHERE key = 'putin'").fetchone()
    evidence = conn.execute("SELECT count(*) FROM registry_merges WHERE actor_id = 'person:vladimir-putin'").fetchone()
    conn.close()
    assert kind == ("person",) and alias == ("person:vladimir-putin",) and evidence[0] >= 1


def test_corrections_are_stored_and_survive_a_later_ingest(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    settings = store_documents(db, [make_document(1)])
    made = api.correct_actors(settings, "alias", "Putin", "The Tsar")
    assert made["actor"] == "person:vladimir-putin" and made["op"] == "alias"
    api.correct_actors(settings, "merge", "Vladimir Putin", "Ebrahim Raisi")
    assert canonical(db, "Ebrahim Raisi") == {"person:vladimir-putin"}
    store_documents(db, [make_document(3), surname_document(4)])
    assert canonical(db, "Ebrahim Raisi") == canonical(db, "Putin") == {"person:vladimir-putin"}
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT actor_id, how FROM registry_aliases WHERE key = 'tsar'").fetchone() == ("person:vladimir-putin", "correction")
    assert [r[0] for r in conn.execute("SELECT op FROM registry_corrections ORDER BY position")] == ["alias", "merge"]
    conn.close()


def test_corrections_refuse_unknown_actors_and_ops_saying_what_to_do(tmp_path: Path) -> None:
    settings = store_documents(tmp_path / "n.db", [make_document(1)])
    with pytest.raises(NotFound, match="actors --search"):
        api.correct_actors(settings, "merge", "Putin", "Nobody Known")
    with pytest.raises(QueryError, match="merge, split, alias"):
        api.correct_actors(settings, "rename", "Putin", "Vova")


def test_tables_do_not_depend_on_order_or_batches(tmp_path: Path) -> None:
    docs = [make_document(1), surname_document(2), make_document(3, published="2024-07-30"), surname_document(4)]
    store_documents(tmp_path / "one.db", docs)
    shuffled = docs[:]
    random.Random(7).shuffle(shuffled)
    store_documents(tmp_path / "two.db", shuffled[:1], shuffled[1:3], shuffled[3:])
    assert tables(tmp_path / "one.db") == tables(tmp_path / "two.db")
    assert tables(tmp_path / "one.db")["registry_actors"]


def test_merging_a_dictionary_actor_moves_its_aliases_and_terms() -> None:
    from newsevents.registry import Registry, facts_of, merge

    registry = merge(Registry.build([facts_of(make_document(1))]), "person:vladimir-putin", "person:ebrahim-raisi")
    ids = {a.id for a in registry.actors}
    assert "person:ebrahim-raisi" not in ids
    assert all(a.actor in ids for a in registry.aliases) and all(t.actor in ids for t in registry.terms)
    assert registry.lookup("Raisi").id == "person:vladimir-putin"


def test_a_write_built_from_an_older_state_is_refused(tmp_path: Path) -> None:
    from newsevents.store.clusters import write_clusters
    from newsevents.store.registry import build_registry, corpus_state, write_registry

    db = tmp_path / "n.db"
    store_documents(db, [make_document(1)])
    with open_store(db) as store:
        state = corpus_state(store.conn)
        old = build_registry(store.conn)
        store.write_documents([surname_document(2)])  # another ingest lands meanwhile
        assert write_registry(store.conn, old, state) is False
        assert write_clusters(store.conn, [], "newsevents.clusters.v1", state=state) is None
        assert write_registry(store.conn, build_registry(store.conn), corpus_state(store.conn)) is True
    assert canonical(db, "Putin") == {"person:vladimir-putin"}


def test_an_ingest_catches_up_after_a_run_killed_before_its_rebuild(tmp_path: Path) -> None:
    """Articles stored without their registry and clusters (a kill between the two) are resolved by the next ingest."""
    db = tmp_path / "k.db"
    settings = Settings.make(db=str(db))
    with open_store(db) as store:
        store.write_documents([make_document(1), surname_document(2)])
    assert canonical(db, "Putin") == {None}
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    api.ingest([str(empty)], settings)  # stores nothing new, yet finds the store behind
    assert canonical(db, "Putin") == {"person:vladimir-putin"}
    reference = tmp_path / "ref.db"
    store_documents(reference, [make_document(1), surname_document(2)])
    assert tables(db) == tables(reference)
