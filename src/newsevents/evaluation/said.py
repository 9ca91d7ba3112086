"""The `make eval` section for attributions (who said what): our gold's test split, ours against the quote finder.

Gold: ``eval/attributions`` (64 articles of our own, guide in ``eval/attributions/GUIDE.md``);
the scorer is :mod:`newsevents.evaluation.attributions`. It does not read ``../shared``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: figures of the scorer that `make eval` reports (and floors may pin), under an ``attributions_`` prefix
REPORTED = ("direct_recall", "speaker_accuracy", "direct_speaker_accuracy", "indirect_recall", "indirect_precision",
            "source_exact", "cue_exact", "content_exact", "nested_found", "offset_integrity")  # fmt: skip


def evaluate(shared: Path | None = None, split: str = "test") -> dict[str, Any]:
    """Figures of our extractor on one gold split, with today's quote finder as the baseline."""
    from newsevents.evaluation.attributions import evaluate as score_split

    result = score_split(split)
    ours, baseline = result["attributions"], result["baseline_extract_quotes"]
    figures: dict[str, Any] = {f"attributions_{k}": ours[k] for k in REPORTED if ours[k] is not None}
    figures.update({f"attributions_baseline_{k}": baseline[k] for k in ("direct_recall", "speaker_accuracy") if baseline[k] is not None})
    figures["attributions_split"] = f"{split}: {result['articles']} articles, {ours['counts']}"
    return figures
