"""Clustering again from the stored clusters (clusters.incremental, store.clusters.update_clusters_keeping) equals one batch."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

from hypothesis import given, settings, strategies as st
from test_clusters import event, mention
from test_clusters_store import told_by
from test_registry_store import store_documents, tables

from newsevents import api
from newsevents.clusters import ClusterIndex, EventMention, cluster_events, default_actor_key
from newsevents.clusters import index as index_module
from newsevents.clusters.incremental import recluster, recluster_keeping, seeds_of
from newsevents.records import ActorRef, Location
from newsevents.store import open_store
from newsevents.store.clusters import _trusted
from newsevents.store.registry import build_registry, write_registry

FORMS = {"RUS": ("Russia", "Russian forces", "Moscow"), "UKR": ("Ukraine", "Kyiv"), "BLR": ("Belarus", "Minsk")}
TARGETS = (ActorRef("Kharkiv", "e2", "UKR"), ActorRef("Odesa", "e3", "UKR"), ActorRef("Poland", "e4", "POL"))
PLACES = (Location("Kharkiv", "UKR", 49.99, 36.23), Location("Odesa", "UKR", 46.48, 30.73), Location("Warsaw", "POL", 52.23, 21.01))


def pool(rnd: random.Random, happenings: int = 12) -> list[EventMention]:
    """Happenings on nearby days, each told by one to four outlets with other name forms; unique event ids."""
    out = []
    for h in range(happenings):
        country = rnd.choice(sorted(FORMS))
        t = rnd.randrange(len(TARGETS))
        day = f"2025-03-{10 + rnd.randrange(6):02d}"
        kind = rnd.choice(("ASSAULT", "ASSAULT", "COERCE"))
        for k in range(rnd.randint(1, 4)):
            name = rnd.choice(FORMS[country])
            actor = ActorRef(name, None if name.endswith("forces") else "e1", country, "MIL" if name.endswith("forces") else None)
            ev = event(kind, (actor,), (TARGETS[t],), rnd.choice((day, None)), f"{name} struck {TARGETS[t].name} at dawn.",
                       location=PLACES[t], start=10 * k)  # fmt: skip
            out.append(mention(dataclasses.replace(ev, id=f"ev{h}-{k}"), f"a{h}-{k}", f"Outlet {k}", day))
    return out


def registry_key(ref: ActorRef) -> str:
    """A resolver that, like a registry that has learnt more, folds a country's forms into its code."""
    return ref.country if ref.country in FORMS and ref.sector is None else default_actor_key(ref)


def stored_of(mentions: list[EventMention], key) -> dict[str, str]:
    """Event id -> cluster id of a batch clustering."""
    return {m.event.id: c.id for c in cluster_events(mentions, actor_key=key) for m in c.mentions}


def scenario(seed: int, keys_change: bool) -> tuple[list[EventMention], dict[str, str], object]:
    """Mentions now, the stored clustering of an earlier subset, and the keys it was made with."""
    rnd = random.Random(seed)
    mentions = pool(rnd)
    before = [m for m in mentions if rnd.random() < 0.7]
    now = [m for m in mentions if m not in before or rnd.random() < 0.9]  # new ones arrive, a few old ones are gone
    old_key = default_actor_key if keys_change else registry_key
    return now, stored_of(before, old_key), old_key


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.booleans())
def test_reclustering_from_a_stored_clustering_equals_one_batch(seed: int, keys_change: bool) -> None:
    now, stored, old_key = scenario(seed, keys_change)
    assert recluster(now, stored, old_key, registry_key) == cluster_events(now, actor_key=registry_key)


def test_reclustering_equals_one_batch_where_seeding_only_new_mentions_would_not() -> None:
    naive_wrong = 0
    for seed in range(150):
        now, stored, old_key = scenario(seed, True)
        expected = cluster_events(now, actor_key=registry_key)
        assert recluster(now, stored, old_key, registry_key) == expected, seed
        known = {m.key: stored[m.event.id] for m in now if m.event.id in stored}
        naive_wrong += ClusterIndex(None, registry_key).update(now, known, set()) != expected
    assert naive_wrong > 0  # the scenarios do hit clusters that changed keys must re-open


def test_only_what_changed_is_scored_again(monkeypatch) -> None:
    mentions = pool(random.Random(3), happenings=30)
    stored = stored_of(mentions, registry_key)
    late = mention(event(date="2025-04-30", sentence="Russia struck Kharkiv at dawn."), "late", "Outlet 9", "2025-04-30")
    expected = cluster_events([*mentions, late], actor_key=registry_key)
    calls = []
    real = index_module.score_pair
    monkeypatch.setattr(index_module, "score_pair", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert recluster([*mentions, late], stored, registry_key, registry_key) == expected
    assert calls == []  # nothing else is near April 30: no pair is scored
    assert seeds_of([*mentions, late], stored, registry_key, registry_key) == {late.key}
    made, kept = recluster_keeping([*mentions, late], stored, registry_key, registry_key)
    assert made == expected and kept == set(stored.values())  # every stored cluster kept whole: none needs writing
    assert {c.id for c in made} - kept == {expected_late.id for expected_late in expected if late in expected_late.mentions}


def test_kept_clusters_are_exactly_their_stored_selves_after_a_key_change() -> None:
    mentions = pool(random.Random(5))
    stored = stored_of(mentions, default_actor_key)
    made, kept = recluster_keeping(mentions, stored, default_actor_key, registry_key)
    assert made == cluster_events(mentions, actor_key=registry_key)
    before = {c.id: c for c in cluster_events(mentions, actor_key=default_actor_key)}
    assert kept < set(before)
    assert all(c == before[c.id] for c in made if c.id in kept)


def test_a_changed_key_seeds_its_whole_stored_cluster() -> None:
    mentions = pool(random.Random(5))
    stored = stored_of(mentions, default_actor_key)
    seeds = seeds_of(mentions, stored, default_actor_key, registry_key)
    changed = {m.key for m in mentions if any(default_actor_key(r) != registry_key(r) for r in m.event.actors + m.event.targets)}
    assert changed <= seeds
    for m in mentions:
        if m.key in seeds and m.event.id in stored:
            assert {x.key for x in mentions if stored.get(x.event.id) == stored[m.event.id]} <= seeds


def test_refresh_after_each_batch_equals_a_full_rebuild(tmp_path: Path) -> None:
    docs = [told_by(n, f"Wire {n % 3}") for n in range(9)]
    docs = [dataclasses.replace(d, article=dataclasses.replace(d.article, published=f"2024-07-{20 + n % 4:02d}")) for n, d in enumerate(docs)]
    step = tmp_path / "step.db"
    settings = store_documents(step, docs[:3], docs[3:5], docs[5:])
    stepwise = tables(step)
    api.cluster_events(settings, rebuild=True)
    assert tables(step) == stepwise
    once = tmp_path / "once.db"
    store_documents(once, docs)
    assert tables(once) == stepwise


def test_a_registry_written_without_its_clusters_is_not_trusted(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    docs = [told_by(n, f"Wire {n}") for n in range(4)]
    settings = store_documents(db, docs[:2])
    with open_store(db) as store:
        store.write_documents(docs[2:])
        write_registry(store.conn, build_registry(store.conn))  # a run that stopped after the registry, before its clusters
        assert not _trusted(store.conn, "newsevents.clusters.v1")
    api.cluster_events(settings)
    after = tables(db)
    api.cluster_events(settings, rebuild=True)
    assert tables(db) == after
