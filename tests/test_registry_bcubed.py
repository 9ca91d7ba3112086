"""B-cubed scores of actor clusters (newsevents.evaluation.actor_clusters)."""

from __future__ import annotations

import pytest

from newsevents.errors import QueryError
from newsevents.evaluation.actor_clusters import bcubed


def test_identical_clusterings_score_one_whatever_the_labels() -> None:
    gold = {"m1": "A", "m2": "A", "m3": "B"}
    assert bcubed({"m1": 7, "m2": 7, "m3": 8}, gold) == (1.0, 1.0, 1.0)


def test_one_big_cluster_keeps_recall_and_loses_precision() -> None:
    gold = {"m1": "A", "m2": "A", "m3": "B", "m4": "B"}
    p, r, f = bcubed({k: "all" for k in gold}, gold)
    assert (p, r) == (0.5, 1.0)
    assert f == pytest.approx(2 / 3)


def test_singletons_keep_precision_and_lose_recall() -> None:
    gold = {"m1": "A", "m2": "A", "m3": "A", "m4": "B"}
    p, r, _ = bcubed({k: k for k in gold}, gold)
    assert p == 1.0
    assert r == pytest.approx((1 / 3 * 3 + 1) / 4)


def test_the_textbook_example() -> None:
    gold = {1: "x", 2: "x", 3: "x", 4: "y", 5: "y"}
    pred = {1: "p", 2: "p", 3: "q", 4: "q", 5: "q"}
    p, r, _ = bcubed(pred, gold)
    assert p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)


def test_missing_predictions_are_singletons_and_extra_ones_are_ignored() -> None:
    gold = {"m1": "A", "m2": "A"}
    assert bcubed({"m1": "A", "zz": "A"}, gold) == (1.0, 0.5, pytest.approx(2 / 3))


def test_empty_gold_is_refused() -> None:
    with pytest.raises(QueryError, match="at least one gold mention"):
        bcubed({"m1": 1}, {})
