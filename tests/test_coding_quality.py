"""Accuracy gate for the event coder: PLOVER gold sentences and PETRARCH-2 validation sentences.

Floors live in eval/floors.json ("plover_type_acc", "plover_actor_f1", "plover_recipient_f1",
"petr2_root_acc", and "petr2_invented_max", a maximum). Data: openeventdata/PLOVER gold
records (CC BY-SA 4.0) and openeventdata/UniversalPetrarch validation sentences (MIT), read from
../shared, never copied.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, shared_path


def _floors() -> dict[str, float]:
    return json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_plover_gold_meets_floors(nlp) -> None:
    from newsevents.evaluation.plover import evaluate

    shared = shared_path("eval/plover_gold_dev.jsonl").parents[1]
    result = evaluate(shared, nlp)
    floors = _floors()
    print(
        f"\nPLOVER gold ({result['plover_sentences']} sentences, {result['plover_seconds']}s): type accuracy "
        f"{result['plover_type_acc']:.4f}, actor F1 {result['plover_actor_f1']:.4f}, recipient F1 "
        f"{result['plover_recipient_f1']:.4f}; most confused {result['plover_confusion']} "
        "[data: openeventdata/PLOVER, CC BY-SA 4.0]"
    )
    assert result["plover_sentences"] == 163
    assert result["plover_type_acc"] >= floors["plover_type_acc"]
    assert result["plover_actor_f1"] >= floors["plover_actor_f1"]
    assert result["plover_recipient_f1"] >= floors["plover_recipient_f1"]


@pytest.mark.slow
def test_petr2_validation_meets_floors(nlp) -> None:
    from newsevents.evaluation.petr2 import evaluate

    shared = shared_path("eval/petr2_validation.jsonl").parents[1]
    result = evaluate(shared, nlp)
    floors = _floors()
    print(
        f"\nPETR-2 validation ({result['petr2_sentences']} sentences, {result['petr2_expected_events']} expected "
        f"events): CAMEO root accuracy {result['petr2_root_acc']:.4f}, events invented where none are expected "
        f"{result['petr2_invented_max']} [data: openeventdata/UniversalPetrarch, MIT]"
    )
    assert result["petr2_sentences"] == 78
    assert result["petr2_root_acc"] >= floors["petr2_root_acc"]
    assert result["petr2_invented_max"] <= floors["petr2_invented_max"]


def test_evaluations_accept_the_shared_folder_or_the_file(tmp_path) -> None:
    from newsevents.evaluation.plover import gold_file

    file = tmp_path / "x.jsonl"
    file.write_text("{}\n", encoding="utf-8")
    assert gold_file(file, "eval/plover_gold_dev.jsonl") == file
    assert gold_file(tmp_path, "eval/plover_gold_dev.jsonl") == tmp_path / "eval" / "plover_gold_dev.jsonl"
