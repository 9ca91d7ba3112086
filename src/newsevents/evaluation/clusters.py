"""Cross-article event clusters on our own set (eval/clusters): pairwise P/R/F1 over the gold mentions the coder finds.

``examples/clusters/{dev,test}.jsonl`` hold 72 short articles by fictional outlets; ``eval/clusters/gold.jsonl``
names the happening each reported event belongs to (16 told by 3 or 4 outlets, plus distractors of
the same type between the same parties on other days or in other places). We run the whole
pipeline on the articles, align each gold mention to the coded event whose evidence overlaps it,
cluster every coded event with ``newsevents.clusters.v1`` and count pairs of found gold mentions:
precision is the share of predicted same-cluster pairs that are gold same-cluster pairs, recall
the reverse. A second F1 counts only the mentions coded with the gold type or a neighbour type
(a coder's type error can never cluster; this F1 measures the clustering alone). Dev (E01-E08
and their distractors) set the policy; test (E09-E16) did not.

Run: ``python -m newsevents.evaluation.clusters [--show] [--resolver default|registry]``; ``registry``
resolves actors through the actor registry built from the same articles (``Registry.key_for``), as
``newsevents ingest`` does, instead of the clusterer's default (country and folded name).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from newsevents.clusters import EventMention, cluster_events, default_policy, mentions_of
from newsevents.clusters.evidence import ActorKey
from newsevents.records import Document, Event

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "eval" / "clusters" / "gold.jsonl"
ARTICLES = (ROOT / "examples" / "clusters" / "dev.jsonl", ROOT / "examples" / "clusters" / "test.jsonl")
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class GoldMention:
    """A reported event in the gold: which article, the words that state it, the happening it belongs to."""

    cluster: str
    article: str  # the article's URL
    evidence: str  # a substring of the article's text


@dataclass(frozen=True)
class GoldCluster:
    """A happening in the gold: its split, type, actor and target countries, date and place."""

    id: str
    split: str
    type: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    date: str
    place: str | None
    summary: str


def load_gold(path: Path = GOLD) -> tuple[dict[str, GoldCluster], list[GoldMention]]:
    """The gold clusters by id and the gold mentions in file order."""
    clusters: dict[str, GoldCluster] = {}
    mentions: list[GoldMention] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec["kind"] == "cluster":
            clusters[rec["id"]] = GoldCluster(rec["id"], rec["split"], rec["type"], tuple(rec["actors"]),
                                              tuple(rec["targets"]), rec["date"], rec["place"], rec["summary"])  # fmt: skip
        else:
            mentions.append(GoldMention(rec["cluster"], rec["article"], rec["evidence"]))
    return clusters, mentions


def gold_problems(clusters: dict[str, GoldCluster], mentions: list[GoldMention], texts: dict[str, str]) -> list[str]:
    """What is wrong with the gold against the articles' texts (URL -> text); empty when it is sound."""
    problems = []
    for m in mentions:
        if m.cluster not in clusters:
            problems.append(f"mention {m.evidence!r} names unknown cluster {m.cluster}")
        if m.article not in texts:
            problems.append(f"mention {m.evidence!r} names unknown article {m.article}")
        elif texts[m.article].count(m.evidence) != 1:
            problems.append(f"{m.article}: evidence {m.evidence!r} occurs {texts[m.article].count(m.evidence)} times, not once")
    for cid, cluster in clusters.items():
        if cluster.split not in SPLITS:
            problems.append(f"cluster {cid}: split {cluster.split!r} is not one of {SPLITS}")
        if not any(m.cluster == cid for m in mentions):
            problems.append(f"cluster {cid} has no mention")
    return problems


def annotate(paths: Sequence[Path] = ARTICLES) -> list[Document]:
    """Read, clean and annotate the articles with the default settings (the spaCy pipeline runs here)."""
    from newsevents.ingest import iter_inputs
    from newsevents.pipeline import clean_inputs
    from newsevents.process import annotate_batch
    from newsevents.settings import Settings

    settings = Settings.make()
    loaded = list(iter_inputs([str(p) for p in paths], settings))
    articles = [a for _, result in clean_inputs(loaded) if isinstance(result, list) for a in result]
    return [d for d in annotate_batch(articles, settings) if isinstance(d, Document)]


def align(documents: Sequence[Document], clusters: dict[str, GoldCluster],
          mentions: Sequence[GoldMention]) -> list[EventMention | None]:  # fmt: skip
    """For each gold mention, the coded event that states it (evidence overlap, then same sentence and type), or None."""
    policy = default_policy()
    by_url = {d.article.url: d for d in documents}
    found: list[EventMention | None] = []
    for gold in mentions:
        doc = by_url.get(gold.article)
        start = doc.article.text.find(gold.evidence) if doc else -1
        if doc is None or start < 0:
            found.append(None)
            continue
        end, want = start + len(gold.evidence), clusters[gold.cluster].type

        def overlaps(ev: Event) -> bool:
            return any(span.start < end and span.end > start for span in ev.evidence_spans())

        def same_sentence(ev: Event) -> bool:
            return ev.sentence_start <= start < ev.sentence_start + len(ev.sentence) and policy.types_compatible(ev.type, want)

        best = None
        for test in (overlaps, same_sentence):
            hits = [ev for ev in doc.events if test(ev)]
            if hits:
                best = min(hits, key=lambda ev: (ev.type != want, -ev.confidence, ev.evidence_start))
                break
        found.append(EventMention(best, doc.article.id, doc.article.source, doc.article.published) if best else None)
    return found


def pairwise(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a predicted clustering against gold labels (same length)."""
    tp = fp = fn = 0
    for i, j in combinations(range(len(gold)), 2):
        same_gold, same_pred = gold[i] == gold[j], predicted[i] == predicted[j]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def actor_key_of(documents: Sequence[Document], resolver: str) -> ActorKey | None:
    """The actor resolver: None for the clusterer's default, or the registry built from ``documents``."""
    if resolver == "default":
        return None
    from functools import lru_cache

    from newsevents.registry import Registry, facts_of

    return lru_cache(maxsize=None)(Registry.build(facts_of(d) for d in documents).key_for)


def score(documents: Sequence[Document], show: bool = False, resolver: str = "default") -> dict[str, Any]:
    """Cluster every coded event of ``documents`` and score the clustering of the gold mentions, per split."""
    clusters, mentions = load_gold()
    aligned = align(documents, clusters, mentions)
    predicted = cluster_events((m for d in documents for m in mentions_of(d)), actor_key=actor_key_of(documents, resolver))
    cluster_of = {m.key: c.id for c in predicted for m in c.mentions}
    figures: dict[str, Any] = {"clusters_articles": len(documents), "clusters_gold_mentions": len(mentions),
                               "clusters_found": sum(a is not None for a in aligned)}  # fmt: skip
    policy = default_policy()
    for split in (*SPLITS, "all"):
        rows = [(g.cluster, cluster_of[a.key], policy.types_compatible(a.event.type, clusters[g.cluster].type))
                for g, a in zip(mentions, aligned) if a is not None and split in ("all", clusters[g.cluster].split)]
        result = pairwise([g for g, _, _ in rows], [p for _, p, _ in rows])
        typed = pairwise([g for g, _, ok in rows if ok], [p for _, p, ok in rows if ok])
        total = sum(split in ("all", clusters[g.cluster].split) for g in mentions)
        figures.update({f"clusters_{split}_{k}": v for k, v in result.items()})
        figures.update({f"clusters_{split}_typed_{k}": v for k, v in typed.items()})
        figures[f"clusters_{split}_found"], figures[f"clusters_{split}_gold"] = len(rows), total
        figures[f"clusters_{split}_typed"] = sum(ok for _, _, ok in rows)
    if show:
        for g, a in zip(mentions, aligned):
            where = f"{cluster_of[a.key]} {a.event.type} {a.day}" if a else "NOT FOUND"
            print(f"  {g.cluster:4} {where:32} {g.evidence[:60]}")
    return figures


def evaluate(shared: Path | None = None, show: bool = False, resolver: str = "default") -> dict[str, Any]:
    """The clusters section: annotate the example articles, cluster, print and return the figures."""
    figures = score(annotate(), show=show, resolver=resolver)
    for split in (*SPLITS, "all"):
        print(f"clusters {split}: pairwise P {figures[f'clusters_{split}_precision']:.3f} "
              f"R {figures[f'clusters_{split}_recall']:.3f} F1 {figures[f'clusters_{split}_f1']:.3f} "
              f"over {figures[f'clusters_{split}_found']}/{figures[f'clusters_{split}_gold']} gold mentions found by the coder; "
              f"F1 {figures[f'clusters_{split}_typed_f1']:.3f} over the {figures[f'clusters_{split}_typed']} "
              f"coded with the gold type or a neighbour")  # fmt: skip
    return figures


def main(argv: list[str] | None = None) -> int:
    """Print the figures (and with --show each gold mention's predicted cluster)."""
    parser = argparse.ArgumentParser(prog="python -m newsevents.evaluation.clusters", description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print each gold mention with its predicted cluster")
    parser.add_argument("--resolver", choices=("default", "registry"), default="default",
                        help="how actors are resolved: the clusterer's default, or the actor registry as ingest does")
    args = parser.parse_args(argv)
    evaluate(show=args.show, resolver=args.resolver)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
