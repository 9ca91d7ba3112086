"""Accuracy gate: named entity mentions on ../shared/meantime_dev stay at or above their floors."""

from __future__ import annotations

import json

from conftest import ROOT, shared_path

from newsevents.evaluation.entities import _detokenize, predicted_spans, score_document
from newsevents.records import Entity, Mention


def test_entity_f1_meets_floor(nlp) -> None:
    from newsevents.evaluation.entities import evaluate

    shared = shared_path("meantime_dev/README.txt").parents[1]
    result = evaluate(shared, nlp)
    floors = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))
    print(
        f"\nMEANTIME names: lenient F1 {result['entity_f1']:.4f} (P {result['entity_precision']:.4f}, "
        f"R {result['entity_recall']:.4f}), exact F1 {result['entity_f1_exact']:.4f}, "
        f"{result['entity_gold_mentions']} gold mentions in {result['entity_docs']} articles, "
        f"{result['entity_seconds']:.1f}s; floors {floors['entity_f1']} / {floors['entity_f1_exact']} "
        "[data: NewsReader MEANTIME, CC BY 4.0]"
    )
    assert result["entity_docs"] == 60
    assert result["entity_f1"] >= floors["entity_f1"], f"entity F1 fell below its floor; worst: {result['entity_worst']}"
    assert result["entity_f1_exact"] >= floors["entity_f1_exact"]


def test_detokenize_keeps_token_offsets() -> None:
    tokens = ["Boeing", "(", "BA", ")", "said", "``", "yes", "''", ",", "US$", "40", "billion", "."]
    text, spans = _detokenize(tokens)
    assert text == 'Boeing (BA) said "yes", US$40 billion.'
    for token, (start, end) in zip(tokens, spans):
        assert text[start:end] == token.replace("``", '"').replace("''", '"')


def test_scoring_exact_lenient_and_unscored() -> None:
    gold = [(0, 10, "ORG"), (20, 30, "PERSON")]
    unscored = [(40, 50)]
    predicted = [(4, 10, "ORG"), (20, 30, "ORG"), (42, 45, "ORG"), (60, 65, "LOC")]
    exact = score_document(predicted, gold, unscored, lenient=False)
    lenient = score_document(predicted, gold, unscored, lenient=True)
    assert (exact["tp"], exact["fp"], exact["fn"], exact["ignored"]) == (0, 3, 2, 1)
    assert (lenient["tp"], lenient["fp"], lenient["fn"], lenient["ignored"]) == (1, 2, 1, 1)


def test_norp_naming_a_state_scores_as_loc() -> None:
    entities = [
        Entity("e1", "German", "NORP", (Mention(0, 6, "German"),), country="DEU"),
        Entity("e2", "Kurdish", "NORP", (Mention(10, 17, "Kurdish"),)),
        Entity("e3", "2008", "DATE", (Mention(20, 24, "2008"),)),
    ]
    assert predicted_spans(entities) == [(0, 6, "LOC")]
