"""Accuracy gate: HTML body extraction on ../shared/html_dev stays at or above its pinned floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, shared_path

from newsevents.evaluation.html import evaluate, shingle_scores


def test_html_extraction_f1_meets_floor() -> None:
    shared = shared_path("html_dev/ground-truth.json").parents[1]
    result = evaluate(shared)
    floor = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))["html_f1"]
    print(
        f"\nhtml_dev shingle F1 {result['html_f1']:.4f} (P {result['html_precision']:.4f}, "
        f"R {result['html_recall']:.4f}) over {result['html_pages']} pages in {result['html_seconds']:.1f}s; "
        f"floor {floor} "
        "[data: scrapinghub/article-extraction-benchmark, MIT]"
    )
    assert result["html_pages"] == 92
    assert result["html_f1"] >= floor, (
        f"HTML F1 {result['html_f1']:.4f} fell below the floor {floor}; worst pages: {result['html_worst']}"
    )


def test_shingle_scores() -> None:
    truth = "one two three four five six"
    assert shingle_scores(truth, truth).f1 == 1.0
    half = shingle_scores(truth, "one two three four")  # 1 of 3 true shingles, all found ones true
    assert (half.precision, round(half.recall, 3)) == (1.0, 0.333)
    assert shingle_scores(truth, "").f1 == 0.0
    assert shingle_scores("", "").f1 == 1.0
    assert shingle_scores("a b", "a b").f1 == 1.0


def test_evaluate_names_a_missing_dataset(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="ground-truth.json"):
        evaluate(tmp_path)
