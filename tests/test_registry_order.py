"""The registry depends on the set of articles only: not their order, not how many ``add`` calls, not the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings, strategies as st
from test_registry import article, entity, ref

from newsevents.records import Entity, Mention, Role
from newsevents.registry import Dictionary, Registry, facts_of

CORPUS = [
    article("a1", "2023-03-10", entities=[entity("e1", "PERSON", "Vladimir Putin", country="RUS"), entity("e2", "LOC", "Iran", country="IRN")],
            refs=[ref("Vladimir Putin", "e1", "RUS", "GOV"), ref("Iran", "e2", "IRN")],
            roles=[Role("Vladimir Putin", "President", "RUS", "2023-03-10", "e1")]),
    article("a2", "2023-04-01", entities=[entity("e1", "PERSON", "Putin")], refs=[ref("Putin", "e1"), ref("the Russian president", None, "RUS", "GOV")]),
    article("a3", "2024-08-01", entities=[entity("e1", "PERSON", "Masoud Pezeshkiyan", country="IRN"), entity("e2", "LOC", "Tehran", country="IRN")],
            refs=[ref("Tehran", "e2", "IRN", "GOV"), ref("Iran's police", None, "IRN", "COP")]),
    article("a4", "2024-09-01", entities=[entity("e1", "PERSON", "Masoud Pezeshkian")], refs=[ref("the Iranian president", None, "IRN", "GOV")]),
    article("a5", "2024-01-01", entities=[entity("e1", "ORG", "IRGC"), entity("e2", "ORG", "Islamic Revolutionary Guard Corps")]),
    article("a6", "2024-02-01", entities=[Entity("e1", "Islamic State", "ORG", (Mention(0, 13, "Islamic State"), Mention(15, 19, "ISIL")))]),
    article("a7", None, entities=[entity("e1", "ORG", "ISIL"), entity("e2", "PERSON", "Yulia Navalnaya"), entity("e3", "PERSON", "Navalnaya")]),
    article("a8", "2024-03-01", entities=[entity("e1", "PERSON", "Lyudmila Navalnaya"), entity("e2", "NORP", "Iranians", country="IRN")]),
]
WHOLE = Registry.build(CORPUS, dictionary=Dictionary())


@settings(max_examples=15, deadline=None)
@given(st.permutations(CORPUS), st.integers(0, len(CORPUS)))
def test_order_and_increments_do_not_matter(shuffled, cut) -> None:
    at_once = Registry.build(shuffled, dictionary=Dictionary())
    in_two = Registry.build(shuffled[:cut], dictionary=Dictionary()).add(shuffled[cut:])
    assert at_once == WHOLE
    assert in_two == WHOLE


def test_b_then_a_equals_a_then_b_equals_both_with_our_dictionary() -> None:
    a, b = CORPUS[:4], CORPUS[4:]
    both = Registry.build(CORPUS)
    assert Registry.build(a).add(b) == Registry.build(b).add(a) == both
    assert Registry.build(a).add(b).add(a) == both  # an article given again changes nothing


def test_the_hash_seed_does_not_matter() -> None:
    script = (
        "import sys; sys.path.insert(0, 'tests'); from test_registry_order import WHOLE; "
        "print(repr((WHOLE.actors, WHOLE.aliases, WHOLE.merges, WHOLE.terms, WHOLE.assignments)))"
    )
    root = Path(__file__).resolve().parents[1]
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
        done = subprocess.run([sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert "person:vladimir-putin" in outputs.pop()


def test_a_store_observes_only_new_articles_and_its_registry_equals_a_fresh_build_in_any_order(tmp_path, monkeypatch) -> None:
    import random

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from registry_bench import Corpus

    from newsevents.store import open_store
    from newsevents.store import registry as store_registry

    docs = list(Corpus(3).documents(0, 60))
    seen: list[str] = []
    real = store_registry.observe
    monkeypatch.setattr(store_registry, "observe", lambda facts: seen.append(facts.article) or real(facts))
    results = []
    for seed in (1, 2, 3):
        rnd = random.Random(seed)
        order = rnd.sample(docs, len(docs))
        cuts = [0, *sorted(rnd.sample(range(1, len(docs)), 3)), len(docs)]
        db = tmp_path / f"order{seed}.db"
        for start, end in zip(cuts, cuts[1:]):
            with open_store(db) as store:
                store.write_documents(order[start:end])
                seen.clear()
                stepwise = store_registry.build_registry(store.conn)
                assert sorted(seen) == sorted(d.article.id for d in order[start:end])  # only the new articles are read
        with open_store(db) as store:
            seen.clear()
            assert store_registry.build_registry(store.conn) == stepwise and seen == []
            fresh = store_registry.build_registry(store.conn, fresh=True)
        assert stepwise == fresh == Registry.build(facts_of(d) for d in docs)
        results.append(fresh)
    assert results[0] == results[1] == results[2]
