"""The registry over the real pipeline: three wire stories of examples/corpus coded, then resolved to actors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.registry import Dictionary, Registry, facts_of

WIRE = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "feeds" / "wire.jsonl"
STORIES = (1, 3, 5)  # Iran and Saudi Arabia resume relations; Putin tells Erdogan ...; US sanctions after Navalny's death


@pytest.fixture(scope="module")
def facts():
    from newsevents.api import process_text

    lines = WIRE.read_text(encoding="utf-8").splitlines()
    out = []
    for number in STORIES:
        record = json.loads(lines[number - 1])
        for document in process_text(record["text"], published=record["published"]):
            out.append(facts_of(document))
    return out


def _names_of(registry: Registry, actor_id: str) -> set[str]:
    return {a.name for a in registry.assignments if a.actor == actor_id}


@pytest.mark.slow
@pytest.mark.parametrize("dictionary", [None, Dictionary()], ids=["our-dictionary", "no-dictionary"])
def test_iran_and_putin_resolve_to_one_actor_each(facts, dictionary) -> None:
    registry = Registry.build(facts, dictionary=dictionary)
    iran = _names_of(registry, "IRN")
    assert {"Iran", "Tehran"} <= iran
    assert registry.lookup("Iranian").id == "IRN"
    putin = registry.lookup("Putin")
    assert putin is not None and putin.id == "person:vladimir-putin"
    assert {"Putin", "Vladimir Putin"} <= _names_of(registry, putin.id)
    alone = [(f.article, e.id) for f in facts for e in f.entities if e.type == "PERSON" and e.name == "Putin"]
    assert alone  # the sanctions story names him "Putin" only
    assert {registry.entity_actor(article, entity) for article, entity in alone} == {putin.id}
    assert registry.actor("RUS").name == "Russia"
    assert all(a.actor in {x.id for x in registry.actors} for a in registry.assignments)


@pytest.mark.slow
def test_the_surname_joins_by_inference_with_evidence(facts) -> None:
    registry = Registry.build(facts, dictionary=Dictionary())
    evidence = {(m.name, m.rule) for m in registry.merges if m.actor == "person:vladimir-putin"}
    assert ("Putin", "surname") in evidence
    assert Registry.build(list(reversed(facts)), dictionary=Dictionary()) == registry
