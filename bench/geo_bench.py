"""Gazetteer bench (issue #14, Figures): how long the gazetteer takes to load, and place resolution per article.

1. Loading: the gazetteer index in a fresh process, once from the on-disk cache (what every run
   after the first pays; ``newsevents.nlp.geonames.cached``) and once built from the package data
   with the cache pointed at an empty folder (what the first run after an install pays).
2. Resolution: over our own geo gold (``eval/geo/articles.jsonl``), parsed and typed once, the time
   of ``article_places`` per article (context, dateline and every place mention resolved) and of
   ``resolve_mention`` per mention, with the look-up cache cleared before each article so that
   every name is looked up afresh.

Prints seconds. Run: ``python bench/geo_bench.py [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

_LOAD = "import time; t = time.perf_counter(); from newsevents.nlp.gazetteer import warm; warm(); print(time.perf_counter() - t)"


def load_seconds(cache_dir: str | None) -> float:
    """Seconds to load the gazetteer in a fresh interpreter (with ``cache_dir`` as its cache when given)."""
    env = dict(os.environ)
    if cache_dir is not None:
        env["NEWSEVENTS_CACHE_DIR"] = cache_dir
    out = subprocess.run([sys.executable, "-c", _LOAD], env=env, check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def resolution_seconds(repeat: int) -> tuple[int, int, float, float]:
    """(articles, mentions, best seconds per article for article_places, per mention for resolve_mention)."""
    from newsevents.events import places
    from newsevents.evaluation.geo_gold import load
    from newsevents.nlp.entities import extract_entities
    from newsevents.nlp.gazetteer import warm
    from newsevents.nlp.pipeline import load_model
    from newsevents.records import Article
    from newsevents.settings import Settings

    warm()
    nlp = load_model(Settings.make())
    articles = load()
    texts = ["\n\n".join(a["paragraphs"]) for a in articles]
    parsed = []
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=16)):
        entities = extract_entities(doc, Article(id=article["id"], title="", paragraphs=tuple(article["paragraphs"])))
        parsed.append((doc, entities, [(p["text"], p["end"]) for p in article["places"] if p["kind"] != "actor"]))
    mentions = sum(len(marks) for _, _, marks in parsed)
    per_article = per_mention = float("inf")
    for _ in range(repeat):
        whole = one = 0.0
        for doc, entities, marks in parsed:
            _clear(places)
            start = time.perf_counter()
            places.article_places(doc, entities)
            whole += time.perf_counter() - start
            _clear(places)
            context = places.place_context(doc.text, entities)
            places._resolve.cache_clear()  # the context looked some names up already
            start = time.perf_counter()
            for name, end in marks:
                places.resolve_mention(doc.text, name, end, context)
            one += time.perf_counter() - start
        per_article = min(per_article, whole / len(parsed))
        per_mention = min(per_mention, one / max(mentions, 1))
    return len(parsed), mentions, per_article, per_mention


def _clear(places_module: object) -> None:
    """Empty the per-process caches of place resolution, so each article pays its own look-ups."""
    for name in ("_resolve", "place_context", "article_divisions", "article_countries"):
        getattr(places_module, name).cache_clear()


def main(argv: list[str] | None = None) -> int:
    """Print the load times and the resolution times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the articles; the fastest counts (default 3)")
    args = parser.parse_args(argv)
    load_seconds(None)  # make sure the cache exists
    cached = load_seconds(None)
    with tempfile.TemporaryDirectory() as empty:
        built = load_seconds(empty)
    print(f"gazetteer load: {cached:.2f} s from the on-disk cache, {built:.2f} s built from the package data")
    articles, mentions, per_article, per_mention = resolution_seconds(args.repeat)
    print(
        f"place resolution over eval/geo ({articles} articles, {mentions} gold mentions): "
        f"{per_article * 1000:.1f} ms per article (article_places), {per_mention * 1000:.2f} ms per mention (resolve_mention)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
