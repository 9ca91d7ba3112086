"""HTML body extraction accuracy on ../shared/html_dev, by token 4-gram shingle overlap.

The html_dev pages (scrapinghub/article-extraction-benchmark, MIT) come with each page's true
article body. For every page we compare the multiset of word 4-grams ("shingles") of the
extracted body with that of the true body: precision is the share of extracted shingles that
are true, recall the share of true shingles extracted, F1 their harmonic mean. Scores are
averaged over pages. Words are ``\\w+`` runs, case kept; a text of fewer than four words is one
shingle. Run ``python -m newsevents.evaluation.html [SHARED]`` to print the figures.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SHINGLE = 4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Scores:
    """Shingle precision, recall and F1 of one extracted text against the true one."""

    precision: float
    recall: float
    f1: float


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of word n-grams of ``text`` (one short gram when it has fewer words)."""
    words = _WORD.findall(text)
    if len(words) < size:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def shingle_scores(truth: str, extracted: str, size: int = SHINGLE) -> Scores:
    """Precision, recall and F1 of ``extracted`` against ``truth``; two empty texts agree fully."""
    expected, found = shingles(truth, size), shingles(extracted, size)
    if not expected and not found:
        return Scores(1.0, 1.0, 1.0)
    common = sum((expected & found).values())
    if common == 0:
        return Scores(0.0, 0.0, 0.0)
    precision = common / sum(found.values())
    recall = common / sum(expected.values())
    return Scores(precision, recall, 2 * precision * recall / (precision + recall))


def evaluate(shared: Path) -> dict[str, Any]:
    """Extract every html_dev page; mean precision/recall/F1 (``html_f1`` has a floor), timing, worst pages."""
    from newsevents.ingest.html import extract_html

    folder = _dataset(Path(shared))
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    per_page: dict[str, Scores] = {}
    started = time.perf_counter()
    for page_id in sorted(truth):
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        page = extract_html(html, url=truth[page_id].get("url"))
        per_page[page_id] = shingle_scores(truth[page_id]["articleBody"], page.text)
    seconds = time.perf_counter() - started
    count = len(per_page)
    worst = sorted(per_page.items(), key=lambda item: item[1].f1)[:5]
    return {
        "html_pages": count,
        "html_precision": sum(s.precision for s in per_page.values()) / count,
        "html_recall": sum(s.recall for s in per_page.values()) / count,
        "html_f1": sum(s.f1 for s in per_page.values()) / count,
        "html_seconds": seconds,
        "html_worst": [(page_id[:12], round(s.f1, 3)) for page_id, s in worst],
    }


def _dataset(shared: Path) -> Path:
    """The html_dev folder, given the shared folder or html_dev itself."""
    folder = shared / "html_dev" if (shared / "html_dev").is_dir() else shared
    if not (folder / "ground-truth.json").is_file():
        raise FileNotFoundError(
            f"{folder / 'ground-truth.json'} is missing: pass the shared/ folder that holds html_dev/"
        )
    return folder


def main(argv: list[str] | None = None) -> None:
    """Print the figures for the shared folder given (default ../shared)."""
    args = sys.argv[1:] if argv is None else argv
    shared = Path(args[0]) if args else Path(__file__).resolve().parents[3].parent / "shared"
    result = evaluate(shared)
    print(
        f"html_dev ({result['html_pages']} pages, scrapinghub/article-extraction-benchmark, MIT): "
        f"shingle P {result['html_precision']:.4f} R {result['html_recall']:.4f} F1 {result['html_f1']:.4f} "
        f"in {result['html_seconds']:.1f}s"
    )


if __name__ == "__main__":
    main()
