"""A registry refresh reads the kept totals by node and the new articles (store.registry.refresh_registry), yet stores what a full rebuild stores."""

from __future__ import annotations

import random
import sqlite3
import sys
from collections import Counter
from pathlib import Path

import pytest
from test_registry_store import TABLES

from newsevents import api
from newsevents.registry import Correction, Registry
from newsevents.registry.observed import Observed, add_totals, corpus_totals, decode_totals, encode_totals, totals_of
from newsevents.registry.sightings import Link, Sighting
from newsevents.settings import Settings
from newsevents.store import open_store
from newsevents.store import registry as store_registry
from newsevents.store.clusters import update_clusters_keeping, write_clusters
from newsevents.store.registry import add_correction, build_registry, corpus_state, observe_stored, read_corrections, refresh_registry

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from registry_bench import Corpus  # noqa: E402


def refresh(url: str, rebuild: bool = False) -> None:
    """What ``api._refresh`` does, with the registry read through ``refresh_registry``."""
    settings = Settings.make(db=url)
    with open_store(url) as store:
        state = corpus_state(store.conn)
        built = refresh_registry(store.conn, fresh=rebuild)
        made, window = update_clusters_keeping(store.conn, built, settings.clusterer, rebuild=rebuild)
        assert write_clusters(store.conn, made, settings.clusterer, rebuild=rebuild, state=state, registry=built, window=window)


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every registry and cluster table and every canonical id, in a fixed order."""
    with open_store(url) as store:
        return {name: [tuple(r) for r in store.conn.execute(sql).fetchall()] for name, sql in TABLES.items()}


def store_in_batches(url: str, docs: list, rnd: random.Random) -> None:
    """Store ``docs`` shuffled, in three to five batches, refreshing after each."""
    docs = docs[:]
    rnd.shuffle(docs)
    cuts = sorted(rnd.sample(range(1, len(docs)), rnd.randint(2, 4)))
    for part in (docs[a:b] for a, b in zip([0, *cuts], [*cuts, len(docs)])):
        with open_store(url) as store:
            store.write_documents(part)
        refresh(url)


@pytest.mark.parametrize("seed", [3, 11])
def test_refreshes_after_random_batches_equal_a_full_rebuild(store_url: str, seed: int) -> None:
    store_in_batches(store_url, list(Corpus(seed).documents(0, 60)), random.Random(seed))
    stepwise = snapshot(store_url)
    assert stepwise["registry_actors"] and all(row[3] is not None for row in stepwise["canonical"])
    api.rebuild_actors(Settings.make(db=store_url))  # every article observed again, every table rewritten
    assert snapshot(store_url) == stepwise


def forty_and_three_more(url: str, seed: int) -> None:
    """Forty articles stored in random batches and refreshed, then three more stored and not refreshed yet."""
    corpus = Corpus(seed)
    store_in_batches(url, list(corpus.documents(0, 40)), random.Random(seed))
    with open_store(url) as store:
        store.write_documents(list(corpus.documents(40, 3)))


def test_a_refresh_equals_the_full_registry_in_everything_but_the_assignments_it_leaves_out(tmp_path: Path) -> None:
    url = str(tmp_path / "r.db")
    forty_and_three_more(url, 5)
    with open_store(url) as store:
        part, full = refresh_registry(store.conn), build_registry(store.conn)
    assert (part.actors, part.aliases, part.merges, part.terms, part.stale) == (full.actors, full.aliases, full.merges, full.terms, full.stale)
    assert part.articles is not None and {a.article for a in part.assignments} <= part.articles
    assert set(part.assignments) == {a for a in full.assignments if a.article in part.articles}


def test_the_full_registry_from_kept_totals_equals_one_built_from_every_observation(tmp_path: Path) -> None:
    url = str(tmp_path / "f.db")
    forty_and_three_more(url, 9)
    with open_store(url) as store:
        kept = build_registry(store.conn)
        every = Registry.from_observed(observe_stored(store.conn), corrections=read_corrections(store.conn))
    fields = ("actors", "aliases", "merges", "terms", "assignments", "corrections", "stale", "observed")
    assert [getattr(kept, f) for f in fields] == [getattr(every, f) for f in fields]
    assert len(kept.observed) == 43 and kept.assignments


def test_a_refresh_decodes_only_the_new_articles(tmp_path: Path, monkeypatch) -> None:
    url = str(tmp_path / "n.db")
    corpus = Corpus(6)
    with open_store(url) as store:
        store.write_documents(list(corpus.documents(0, 80)))
    refresh(url)
    decoded: list[str] = []
    real = store_registry.decode
    monkeypatch.setattr(store_registry, "decode", lambda article, text: decoded.append(article) or real(article, text))
    with open_store(url) as store:
        store.write_documents(list(corpus.documents(80, 4)))
    refresh(url)
    assert len(decoded) < 40  # the articles whose nodes now resolve otherwise, not the 80 kept
    stepwise = snapshot(url)
    refresh(url, rebuild=True)
    assert snapshot(url) == stepwise


def test_a_correction_and_a_changed_article_are_refreshed_as_a_full_rebuild_would(tmp_path: Path) -> None:
    url = str(tmp_path / "c.db")
    corpus = Corpus(7)
    with open_store(url) as store:
        store.write_documents(list(corpus.documents(0, 50)))
    refresh(url)
    with open_store(url) as store:
        a, b = (r[0] for r in store.conn.execute("SELECT id FROM registry_actors WHERE kind = 'person' ORDER BY id LIMIT 2"))
        add_correction(store.conn, Correction("merge", a, b))
        store.write_documents(list(corpus.documents(50, 2)))
    conn = sqlite3.connect(url)  # as a re-coding that dropped one event would leave it (its cluster member row stays)
    try:
        gone = conn.execute("SELECT id FROM events ORDER BY id LIMIT 1").fetchone()[0]
        for table, column in (("event_evidence", "event_id"), ("event_actors", "event_id"), ("events", "id")):
            conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (gone,))
        conn.commit()
    finally:
        conn.close()
    refresh(url)
    stepwise = snapshot(url)
    assert any(row[0] == a for row in stepwise["registry_merges"] if row[2] == "correction")
    refresh(url, rebuild=True)
    assert snapshot(url) == stepwise


def _observed(article: str, rnd: random.Random) -> Observed:
    """An article's made-up sightings over a few nodes, with a link."""
    nodes = ["person:Ana Lima", "org:harbour union", "country:FRA", "role:FRA|President"]
    sightings = tuple(
        Sighting(article, rnd.randrange(-1, 50), 60, rnd.choice(["Ana Lima", "Lima", "the Union", "France"]), rnd.choice(nodes),
                 rnd.choice(["entity", "mention", "holder", "role", "phrase"]), "e1", rnd.choice([None, "FRA", "DEU"]),
                 rnd.choice([None, "GOV"]), rnd.choice([None, "2024-05-01"]), rnd.random() < 0.5, rnd.choice([None, "President"]))
        for _ in range(rnd.randint(1, 6))
    )  # fmt: skip
    return Observed(article, sightings, (Link("org:harbour union", "org:hu", "bracket", article, 3, 5, "HU"),))


def test_totals_add_up_in_any_order_and_survive_the_store() -> None:
    rnd = random.Random(2)
    items = [_observed(f"a{n}", rnd) for n in range(30)]
    whole = corpus_totals(items)
    shuffled = items[:]
    rnd.shuffle(shuffled)
    stepwise: dict = {}
    for item in shuffled:
        add_totals(stepwise, totals_of(item))
    assert stepwise == whole
    assert {n: decode_totals(encode_totals(t)) for n, t in whole.items()} == whole
    assert whole["org:harbour union"].links == Counter({("org:hu", "bracket"): 30})
    assert sum(t.seen for t in whole.values()) == sum(len(i.sightings) for i in items)


def _rename_a_person(url: str) -> None:
    """Give one participant's PERSON entity another person's name (and one more mention), as a changed article would."""
    conn = sqlite3.connect(url)
    art, ent, was = conn.execute(
        "SELECT ev.article_id, ea.entity, ea.canonical_id FROM event_actors ea JOIN events ev ON ev.id = ea.event_id "
        "JOIN entities e ON e.article_id = ev.article_id AND e.id = ea.entity WHERE e.type = 'PERSON' ORDER BY 1 LIMIT 1").fetchone()
    other = conn.execute(
        "SELECT e.name FROM entities e JOIN event_actors ea ON ea.entity = e.id JOIN events ev ON ev.id = ea.event_id "
        "AND ev.article_id = e.article_id WHERE e.type = 'PERSON' AND ea.canonical_id != ? ORDER BY 1 LIMIT 1", (was,)).fetchone()[0]
    conn.execute("UPDATE entities SET name = ? WHERE article_id = ? AND id = ?", (other, art, ent))
    columns = [d[1] for d in conn.execute("PRAGMA table_info(mentions)")]
    mention = conn.execute("SELECT * FROM mentions WHERE article_id = ? AND entity_id = ? LIMIT 1", (art, ent)).fetchone()
    conn.execute(f"INSERT INTO mentions ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                 tuple(v + 10000 if k in ("start", "end") else v for k, v in zip(columns, mention)))
    conn.commit()
    conn.close()


def test_a_refresh_stopped_after_reading_the_store_whole_is_finished_by_the_next(tmp_path: Path) -> None:
    url = str(tmp_path / "stopped.db")
    with open_store(url) as store:
        store.write_documents(list(Corpus(8).documents(0, 40)))
    refresh(url)
    _rename_a_person(url)  # a changed article: the next refresh reads every article again (whole)
    with open_store(url) as store:
        assert store_registry.keep_observed(store.conn).whole  # its first step commits; then the process dies
    refresh(url)
    stepwise = snapshot(url)
    api.rebuild_actors(Settings.make(db=url))
    assert stepwise == snapshot(url)


def test_a_store_from_before_the_kept_totals_refreshes_to_a_full_rebuild(tmp_path: Path) -> None:
    url = str(tmp_path / "old.db")
    with open_store(url) as store:
        store.write_documents(list(Corpus(5).documents(0, 30)))
    refresh(url)
    with open_store(url) as store:  # as migration 0018 leaves a store that had kept observations: none counted, no totals
        store.conn.execute("UPDATE registry_observed SET counted = 0")
        store.conn.execute("DELETE FROM registry_nodes")
        store.conn.execute("DELETE FROM registry_keys")
        store.conn.commit()
    with open_store(url) as store:
        store.write_documents(list(Corpus(5).documents(30, 40)))
    refresh(url)
    stepwise = snapshot(url)
    api.rebuild_actors(Settings.make(db=url))
    assert stepwise == snapshot(url)
