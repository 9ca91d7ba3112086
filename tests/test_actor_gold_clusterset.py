"""The actor gold's third split, clusterset: the articles of examples/clusters with their actors marked."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsevents.evaluation.actor_gold import check, load, load_actors, problems, split_of

ROOT = Path(__file__).resolve().parents[1]
SETS = {"csdev": ROOT / "examples" / "clusters" / "dev.jsonl", "cstest": ROOT / "examples" / "clusters" / "test.jsonl"}


def cluster_articles() -> dict[str, dict]:
    """Every article of examples/clusters under its gold id: csdev-<n> is line n of dev.jsonl, cstest-<n> of test.jsonl."""
    return {f"{group}-{n}": json.loads(line)
            for group, path in SETS.items() for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)}  # fmt: skip


def test_the_clusterset_split_builds_beside_dev_and_test() -> None:
    counts = check()
    assert counts["clusterset"]["articles"] == len(cluster_articles()) == 72
    assert counts["clusterset"]["mentions"] >= 150
    assert counts["all"]["articles"] == sum(counts[s]["articles"] for s in ("dev", "test", "clusterset"))
    assert not any(a["id"].startswith("cs") for split in ("dev", "test") for a in load(split=split))


def test_every_cluster_set_article_is_in_the_gold_with_its_own_text() -> None:
    gold = {a["id"]: a for a in load(split="clusterset")}
    originals = cluster_articles()
    assert set(gold) == set(originals)
    for aid, rec in originals.items():
        article = gold[aid]
        assert "\n\n".join(article["paragraphs"]) == rec["text"], aid
        assert (article["title"], article["source"], article["published"]) == (rec["title"], rec["source"], rec["published"])


def test_the_split_follows_the_group_and_only_a_clusterset_article_may_name_no_actor() -> None:
    assert split_of("csdev-3") == split_of("cstest-40") == "clusterset"
    assert split_of("irn-4") in ("dev", "test")
    article = {"id": "cstest-99", "split": "clusterset", "published": "2025-01-01", "source": "Somewhere Wire",
               "url": "https://somewhere.example/x", "title": "Crowds march", "paragraphs": ["Crowds marched."], "mentions": []}  # fmt: skip
    assert problems(article, load_actors()) == []
    article.update(id="irn-99", split=split_of("irn-99"))
    assert any("non-empty" in p for p in problems(article, load_actors()))


@pytest.mark.slow
def test_the_gold_texts_are_the_bodies_ingest_stores_for_the_cluster_set(tmp_path: Path) -> None:
    from newsevents.api import ingest
    from newsevents.settings import Settings

    db = tmp_path / "clusters.db"
    ingest([str(p) for p in SETS.values()], Settings.make(db=str(db)))
    conn = sqlite3.connect(db)
    try:
        stored = dict(conn.execute("SELECT url, text FROM articles"))
    finally:
        conn.close()
    gold = {a["id"]: "\n\n".join(a["paragraphs"]) for a in load(split="clusterset")}
    for aid, rec in cluster_articles().items():
        assert stored[rec["url"]] == gold[aid], aid
