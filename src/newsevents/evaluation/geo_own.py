"""Toponym resolution on our own geo gold (``eval/geo``), dev and test splits, scored like GeoVirus.

The articles are ours (``newsevents.evaluation.geo_gold``): world news with datelines, ambiguous
names (Alexandria, Paris, Georgia, Victoria, Tripoli, Hyderabad ...), towns of 1,000 to 50,000
people, "City, State" patterns and spelling variants (Kiev, Bombay). Each split is scored by
``newsevents.evaluation.geo.score`` at 161 km. A place named as a government ("Tehran denied") is
marked as an actor, not a place: ``geo_own_actors_listed`` is the share of those mentions that
``article_places`` lists anyway (lower is better; informative, not pinned). Develop on dev; the
test split is what the floors pin. ``python -m newsevents.evaluation.geo_own --misses`` prints
the dev split's misses.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.evaluation.geo import GoldArticle, score
from newsevents.evaluation.geo_gold import SPLITS, load

if TYPE_CHECKING:
    from spacy.language import Language


def _items(articles: list[dict[str, Any]]) -> list[GoldArticle]:
    """Gold articles as the scorer reads them: text and located places (actors left out)."""
    return [
        ("\n\n".join(a["paragraphs"]),
         [(p["text"], p["start"], p["end"], p["lat"], p["lon"]) for p in a["places"] if p["kind"] != "actor"])
        for a in articles
    ]  # fmt: skip


def _actors_listed(articles: list[dict[str, Any]], nlp: Language) -> tuple[int, int]:
    """(actor mentions that article_places lists as places, actor mentions)."""
    from newsevents.events.places import article_places
    from newsevents.nlp.entities import extract_entities
    from newsevents.records import Article

    listed = total = 0
    articles = [a for a in articles if any(p["kind"] == "actor" for p in a["places"])]  # only these count
    texts = ["\n\n".join(a["paragraphs"]) for a in articles]
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=16)):
        actors = [p for p in article["places"] if p["kind"] == "actor"]
        if not actors:
            continue
        entities = extract_entities(doc, Article(id=article["id"], title="", paragraphs=tuple(article["paragraphs"])))
        places = article_places(doc, entities)
        for actor in actors:
            total += 1
            listed += any((loc.start or 0) < actor["end"] and (loc.end or 0) > actor["start"] for loc in places)
    return listed, total


def evaluate(shared: Path, nlp: Language) -> dict[str, Any]:
    """Both splits' figures (``geo_own_dev_...``, ``geo_own_test_...``); ``shared`` is not read."""
    del shared  # our own gold lives in this repository
    articles = load()
    figures: dict[str, Any] = {}
    details: list[dict[str, Any]] = []
    for split in SPLITS:
        chosen = [a for a in articles if a["split"] == split]
        result = score(_items(chosen), nlp, prefix=f"geo_own_{split}")
        if split == "dev":
            details = result["details"]
        figures.update({k: v for k, v in result.items() if k != "details"})
    listed, total = _actors_listed(articles, nlp)
    figures["geo_own_actors_listed"] = round(listed / total, 3) if total else 0.0
    figures["details"] = details
    print(
        f"geo_own (our eval/geo): dev resolution {figures['geo_own_dev_resolution']:.3f}, end to end "
        f"{figures['geo_own_dev_end_to_end']:.3f}; test resolution {figures['geo_own_test_resolution']:.3f}, end to end "
        f"{figures['geo_own_test_end_to_end']:.3f} within 161 km"
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    """Print the figures, and with --misses every dev-split place missed."""
    from newsevents.nlp.pipeline import load_model
    from newsevents.settings import Settings

    args = sys.argv[1:] if argv is None else argv
    figures = evaluate(Path("."), load_model(Settings.make()))
    if "--misses" in args:
        for row in figures["details"]:
            print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
