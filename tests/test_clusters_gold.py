"""The cluster evaluation set (examples/clusters, eval/clusters/gold.jsonl) is sound, and the pipeline clusters it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsevents.evaluation.clusters import ARTICLES, GOLD, annotate, gold_problems, load_gold, score


def articles() -> dict[str, dict]:
    """Every example article by URL."""
    found = {}
    for path in ARTICLES:
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert rec["url"] not in found, f"{rec['url']} appears twice"
            found[rec["url"]] = rec
    return found


def test_gold_validates_against_the_articles() -> None:
    clusters, mentions = load_gold(GOLD)
    assert gold_problems(clusters, mentions, {url: rec["text"] for url, rec in articles().items()}) == []


def test_every_article_has_a_source_a_date_and_a_gold_mention() -> None:
    _, mentions = load_gold(GOLD)
    reported = {m.article for m in mentions}
    for url, rec in articles().items():
        assert rec["source"] and len(rec["published"]) == 10 and rec["title"], url
        assert url in reported, f"{url} has no gold mention"


def test_main_events_have_three_or_four_outlets_and_distractors_a_twin() -> None:
    clusters, mentions = load_gold(GOLD)
    sources = {url: rec["source"] for url, rec in articles().items()}
    main = [c for c in clusters.values() if c.id.startswith("E")]
    assert len(main) >= 12
    for cluster in main:
        outlets = [sources[m.article] for m in mentions if m.cluster == cluster.id]
        assert 3 <= len(set(outlets)) == len(outlets) <= 4, cluster.id
    for cluster in clusters.values():
        if cluster.id.startswith("D"):
            parties = set(cluster.actors + cluster.targets)
            twins = [c for c in main if (c.type, c.split) == (cluster.type, cluster.split) and parties & set(c.actors + c.targets)]
            assert twins, f"distractor {cluster.id} has no main event of its type with a party in common"


def test_dev_and_test_split_by_event() -> None:
    clusters, _ = load_gold(GOLD)
    splits = Counter(c.split for c in clusters.values() if c.id.startswith("E"))
    assert splits == {"dev": 8, "test": 8}


@pytest.mark.slow
def test_the_pipeline_clusters_a_few_articles(tmp_path: Path) -> None:
    """The Kharkiv strike told four times (one a denial), the strike a week later and the Odesa attack that night."""
    wanted = ("kharkiv-missile-barrage", "kharkiv-strike", "2025-03-12-kharkiv", "moscow-denies-kharkiv-hospital",
              "kharkiv-hit-again", "odesa-drones")  # fmt: skip
    lines = [line for line in ARTICLES[0].read_text(encoding="utf-8").splitlines() if json.loads(line)["url"].endswith(wanted)]
    path = tmp_path / "few.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    figures = score(annotate([path]))
    assert figures["clusters_found"] == 6
    assert figures["clusters_dev_precision"] == 1.0 and figures["clusters_dev_recall"] == 1.0


@pytest.mark.slow
def test_accuracy_on_the_whole_set() -> None:
    """The accuracy gate: pairwise F1 >= 0.90 over the gold mentions found, precision >= 0.95 in each split."""
    figures = score(annotate())
    assert figures["clusters_all_f1"] >= 0.90
    assert figures["clusters_dev_precision"] >= 0.95 and figures["clusters_test_precision"] >= 0.95
    assert figures["clusters_all_typed_f1"] >= 0.95
