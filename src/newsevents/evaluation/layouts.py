"""Dump layouts: titles and article counts of the example corpus' text dumps against our golden expectations.

The golden file ``eval/layouts/golden.json`` (ours) pins the titles, in order, of the three layouts
written for issue #10 (breadcrumbs and share bars, a blog with "Read more" lists and full-stop
headlines, a digest parted by single blank lines only) and the article count of every older dump.
Each dump is read and cleaned as ingest reads it (one dump at a time, no boilerplate table), and:

- ``layouts_title_accuracy``: the share of pinned titles found at their place;
- ``layouts_counts_exact``: the share of dumps (all of them) that give exactly the pinned number of articles.

Run ``python -m newsevents.evaluation.layouts``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsevents.records import Article

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "eval" / "layouts" / "golden.json"
DUMPS = ROOT / "examples" / "corpus" / "dumps"


def read_golden(path: Path = GOLDEN) -> dict[str, Any]:
    """The golden titles (per new layout) and counts (per older dump)."""
    return json.loads(path.read_text(encoding="utf-8"))


def dump_articles(name: str, folder: Path = DUMPS) -> list["Article"]:
    """The clean articles of one example dump, read as ingest reads it (one dump alone, no boilerplate table)."""
    from newsevents.clean import clean_document
    from newsevents.ingest import load_source
    from newsevents.ingest.sources import read_path
    from newsevents.settings import Settings

    loaded = load_source(read_path(str(folder / name), 10_000_000, explicit=True), Settings.make())
    if loaded.failure is not None:
        raise ValueError(f"{name}: {loaded.failure.reason}")
    return [article for doc in loaded.documents for article in clean_document(doc)]


def dump_titles(name: str, folder: Path = DUMPS) -> list[str]:
    """The titles of the clean articles of one example dump."""
    return [article.title for article in dump_articles(name, folder)]


def score(golden: dict[str, Any], folder: Path = DUMPS) -> dict[str, Any]:
    """Title accuracy over the new layouts and exact article counts over every dump, with the misses."""
    right, total, exact, misses = 0, 0, 0, []
    expected = {**{name: len(titles) for name, titles in golden["titles"].items()}, **golden["counts"]}
    for name in sorted(expected):
        found = dump_titles(name, folder)
        exact += len(found) == expected[name]
        if len(found) != expected[name]:
            misses.append(f"{name}: {len(found)} articles for {expected[name]}")
        for n, title in enumerate(golden["titles"].get(name, [])):
            total += 1
            got = found[n] if n < len(found) else None
            right += got == title
            if got != title:
                misses.append(f"{name} #{n + 1}: {got!r} for {title!r}")
    return {"layouts_title_accuracy": round(right / total, 4) if total else 0.0, "layouts_titles": total,
            "layouts_counts_exact": round(exact / len(expected), 4) if expected else 0.0, "layouts_dumps": len(expected),
            "details": misses}  # fmt: skip


def evaluate(shared: Path | None = None) -> dict[str, Any]:
    """The layouts section: score, print one line and the misses, return the figures."""
    figures = score(read_golden())
    print(f"layouts: title accuracy {figures['layouts_title_accuracy']:.4f} over {figures['layouts_titles']} titles of the new layouts; "
          f"exact article count in {figures['layouts_counts_exact']:.4f} of {figures['layouts_dumps']} dumps")
    for miss in figures["details"]:
        print(f"  miss {miss}")
    return figures


if __name__ == "__main__":
    evaluate()
