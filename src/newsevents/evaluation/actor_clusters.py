"""B-cubed precision, recall and F1 of actor clusters: how well mentions were grouped into actors.

For every gold mention m, with P(m) the predicted cluster holding it and G(m) its gold cluster:
precision(m) = |P(m) ∩ G(m)| / |P(m)| and recall(m) = |P(m) ∩ G(m)| / |G(m)|; the scores are the
means over gold mentions (Bagga and Baldwin's B-cubed). Only gold mentions are scored: a mention
the prediction lacks counts as a cluster of its own, one the gold lacks is left out. Cluster
labels are compared only for equality, so predicted ids and gold ids need not match.

On our gold (``eval/actors``, see ``newsevents.evaluation.actor_gold``): each split's articles are
ingested into a temporary store through the real pipeline (``api.ingest``: clean, annotate, code,
store, registry rebuild); every gold mention takes the canonical id of the stored span that
overlaps it and ends where it does (an event participant's ``event_actors.canonical_id``, else the
registry's actor of the entity whose mention it is, or of a description it read outside any event
("Iran's president", ``registry.phrases``); an exact span first, then a participant). A gold
mention no stored span names is *not found*: it counts as a cluster of its own, so it lowers recall.
A second F1 scores the found mentions alone: the registry's grouping of what the pipeline saw.

The third split, ``clusterset`` (the articles of ``examples/clusters``, each with its actors marked),
is scored the same way in its own store and reported beside dev and test; it is for measuring only.

Run: ``python -m newsevents.evaluation.actor_clusters [--split dev|test|clusterset] [--show]``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsevents.errors import QueryError

#: A stored span that may name a gold mention: (start, end, is an event participant, canonical id).
Span = tuple[int, int, bool, str]


def _members(assignment: Mapping[Hashable, Hashable], keys: set[Hashable]) -> dict[Hashable, frozenset[Hashable]]:
    """Mention -> the set of mentions (among ``keys``) in its cluster."""
    clusters: dict[Hashable, set[Hashable]] = defaultdict(set)
    for key in keys:
        clusters[assignment[key]].add(key)
    frozen = {label: frozenset(members) for label, members in clusters.items()}
    return {key: frozen[assignment[key]] for key in keys}


def bcubed(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> tuple[float, float, float]:
    """(precision, recall, F1) of the predicted clustering ``pred`` against ``gold``, both mention -> cluster."""
    if not gold:
        raise QueryError("bcubed needs at least one gold mention; give gold as {mention: cluster}")
    keys = set(gold)
    missing = object()
    filled = {k: (pred[k] if k in pred else (missing, k)) for k in keys}  # a missing mention is a singleton
    predicted, actual = _members(filled, keys), _members(gold, keys)
    precision = recall = 0.0
    for key in keys:
        overlap = len(predicted[key] & actual[key])
        precision += overlap / len(predicted[key])
        recall += overlap / len(actual[key])
    precision, recall = precision / len(keys), recall / len(keys)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def ingest_gold(articles: Sequence[dict[str, Any]], folder: Path) -> Path:
    """Ingest gold articles into a new store in ``folder`` with the default settings; the database path."""
    from newsevents.api import ingest
    from newsevents.settings import Settings

    source = folder / "articles.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for a in articles:
            record = {"source": a["source"], "published": a["published"], "url": a["url"], "title": a["title"],
                      "text": "\n\n".join(a["paragraphs"])}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    db = folder / "gold.db"
    ingest([str(source)], Settings.make(db=str(db)))
    return db


def stored_spans(conn: sqlite3.Connection) -> tuple[dict[str, str], dict[str, list[Span]], dict[str, str]]:
    """URL -> article id, article id -> its spans with canonical ids, and article id -> stored body text."""
    from newsevents.store.registry import build_registry

    registry = build_registry(conn)
    urls, texts = {}, {}
    for a in conn.execute("SELECT id, url, text FROM articles"):
        urls[a["url"]], texts[a["id"]] = a["id"], a["text"]
    spans: dict[str, list[Span]] = defaultdict(list)
    rows = conn.execute("SELECT ev.article_id, ea.start, ea.end, ea.canonical_id FROM event_actors ea "
                        "JOIN events ev ON ev.id = ea.event_id WHERE ea.start IS NOT NULL AND ea.canonical_id IS NOT NULL")  # fmt: skip
    for r in rows:
        spans[r["article_id"]].append((r["start"], r["end"], True, r["canonical_id"]))
    for m in conn.execute("SELECT article_id, entity_id, start, end FROM mentions"):
        actor = registry.entity_actor(m["article_id"], m["entity_id"])
        if actor is not None:
            spans[m["article_id"]].append((m["start"], m["end"], False, actor))
    for d in registry.descriptions():
        spans[d.article].append((d.start, d.end, False, d.actor))
    return urls, spans, texts


def best_span(start: int, end: int, spans: Sequence[Span]) -> Span | None:
    """The stored span naming a gold mention: one that overlaps it and ends where it ends; exact first, then a participant.

    The head of an English name or description is its last word, so "Putin" names "President
    Putin" and "police" names "Iran's police", but "Iran" does not name "Iran's president".
    """
    hits = [s for s in spans if s[0] < end and s[1] == end]
    if not hits:
        return None
    return max(hits, key=lambda s: ((s[0], s[1]) == (start, end), s[2], min(end, s[1]) - max(start, s[0]), -s[0], s[3]))


def predict(articles: Sequence[dict[str, Any]], db: Path) -> dict[tuple[str, int], str]:
    """(article id, mention start) -> the canonical id the store gives each gold mention it covers."""
    from newsevents.errors import DataFileError

    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        urls, spans, texts = stored_spans(conn)
    finally:
        conn.close()
    out = {}
    for a in articles:
        stored = urls.get(a["url"])
        if stored is None:
            continue  # an article the pipeline refused: its mentions are not found
        if texts[stored] != "\n\n".join(a["paragraphs"]):
            raise DataFileError(f"gold article {a['id']}: the stored text differs from the gold paragraphs, so offsets "
                                "cannot be matched; keep the gold text free of what cleaning changes")  # fmt: skip
        for m in a["mentions"]:
            hit = best_span(m["start"], m["end"], spans.get(stored, []))
            if hit is not None:
                out[(a["id"], m["start"])] = hit[3]
    return out


def score_split(articles: Sequence[dict[str, Any]], predicted: Mapping[tuple[str, int], str], show: bool = False) -> dict[str, float]:
    """B-cubed P/R/F1 of the predicted ids over the gold mentions of ``articles``, and how many were found."""
    gold = {(a["id"], m["start"]): m["actor"] for a in articles for m in a["mentions"]}
    precision, recall, f1 = bcubed({k: v for k, v in predicted.items() if k in gold}, gold)
    found = {k: v for k, v in gold.items() if k in predicted}
    found_f1 = bcubed(predicted, found)[2] if found else 0.0
    if show:
        texts = {(a["id"], m["start"]): m["text"] for a in articles for m in a["mentions"]}
        _show(gold, predicted, texts)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "found": len(found), "gold": len(gold), "found_f1": round(found_f1, 4)}  # fmt: skip


def _show(gold: Mapping[tuple[str, int], str], predicted: Mapping[tuple[str, int], str], texts: Mapping[tuple[str, int], str]) -> None:
    """Print every gold actor split over several predicted ids and every predicted id holding several gold actors."""
    by_gold: dict[str, Counter[str]] = defaultdict(Counter)
    by_pred: dict[str, Counter[str]] = defaultdict(Counter)
    for key, actor in sorted(gold.items()):
        got = predicted.get(key, "NOT FOUND")
        by_gold[actor][f"{got} <- {texts[key]!r} ({key[0]})"] += 1
        if key in predicted:
            by_pred[got][actor] += 1
    for actor, found in sorted(by_gold.items()):
        if len({f.split(" <- ")[0] for f in found}) > 1:
            print(f"  split  {actor}: " + "; ".join(sorted(found)))
    for pred, actors in sorted(by_pred.items()):
        if len(actors) > 1:
            print(f"  merged {pred}: " + ", ".join(f"{a} x{n}" for a, n in sorted(actors.items())))


def evaluate(shared: Path | None = None, splits: Sequence[str] = ("dev", "test", "clusterset"), show: bool = False) -> dict[str, Any]:
    """The actors section: ingest each split of our gold through the pipeline, score, print and return the figures."""
    from newsevents.evaluation.actor_gold import load

    figures: dict[str, Any] = {}
    for split in splits:
        articles = load(split=split)
        with tempfile.TemporaryDirectory(prefix=f"actor-gold-{split}-") as tmp:
            predicted = predict(articles, ingest_gold(articles, Path(tmp)))
        result = score_split(articles, predicted, show=show)
        figures.update({f"actors_{split}_bcubed_{k}": v for k, v in result.items()})
        print(f"actors {split}: B-cubed P {result['precision']:.3f} R {result['recall']:.3f} F1 {result['f1']:.3f} "
              f"over {result['gold']} gold mentions ({len(articles)} articles); {result['found']} found by the pipeline, "
              f"F1 {result['found_f1']:.3f} over those alone")  # fmt: skip
    return figures


def main(argv: list[str] | None = None) -> int:
    """Print the B-cubed figures per split (and with --show the gold actors split or merged)."""
    parser = argparse.ArgumentParser(prog="python -m newsevents.evaluation.actor_clusters", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "clusterset"), action="append",
                        help="score only this split (repeat for several; default: dev, test and clusterset)")
    parser.add_argument("--show", action="store_true", help="print gold actors split over several ids and ids holding several actors")
    args = parser.parse_args(argv)
    evaluate(splits=args.split or ("dev", "test", "clusterset"), show=args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
