"""The Ray runner against the local runner, same workers, same articles, same run (#9: target ratio >= 0.85).

Cleans the example corpus into articles, repeats them with new ids up to ``--articles`` (the
annotations do not depend on the id), and maps ``process.annotate_batch`` over the same batches
with (1) the local runner (a pool of ``--workers`` forked processes) and (2) the Ray runner on a
local Ray it starts with ``--workers`` CPUs (one actor each). Prints articles/s for each, over the
whole map (start-up and model loads included) and from the first batch back to the last (steady
state), and the ratio Ray / local. Both runs must give the same Documents.

Usage: .venv/bin/python bench/ray_bench.py [--articles 600] [--workers 2] [--batch-size 32]
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path
from typing import Callable, Iterator

from newsevents.records import Article
from newsevents.settings import Settings

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def corpus(n: int) -> list[Article]:
    """``n`` articles: the example corpus' articles over and over, each copy with its own id."""
    from newsevents.clean import BoilerplateTable, clean_document
    from newsevents.ingest import iter_inputs

    loaded = list(iter_inputs([str(CORPUS)], Settings.make()))
    table = BoilerplateTable.learn(d for item in loaded for d in item.documents)
    base = [a for item in loaded for raw in item.documents for a in clean_document(raw, table)]
    return [dataclasses.replace(base[i % len(base)], id=f"{base[i % len(base)].id}-{i}") for i in range(n)]


def timed(results: Iterator[list]) -> tuple[list, float, float]:
    """Drain ``results``; (all results, seconds in all, seconds from the first batch back to the last)."""
    start = time.perf_counter()
    out, first = [], None
    for batch in results:
        out.append(batch)
        first = first or time.perf_counter()
    end = time.perf_counter()
    return out, end - start, end - (first or end)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    from newsevents.batch.local import map_batches as map_local
    from newsevents.batch import map_batches

    articles = corpus(args.articles)
    settings = Settings.make(workers=args.workers, batch_size=args.batch_size)
    batches = [articles[i : i + args.batch_size] for i in range(0, len(articles), args.batch_size)]
    after_first = len(articles) - len(batches[0])
    runs: dict[str, tuple[list, float, float]] = {}
    mappers: dict[str, Callable[[], Iterator[list]]] = {"local": lambda: map_local(batches, settings), "ray": lambda: map_batches(batches, settings, runner="ray")}
    for name, run in mappers.items():
        runs[name] = timed(run())
    assert runs["ray"][0] == runs["local"][0], "the Ray runner's Documents differ from the local runner's"
    print(f"ray vs local runner: {len(articles)} articles in batches of {args.batch_size}, {args.workers} workers, model sm")
    print(f"{'runner':8} {'wall s':>8} {'art/s':>8} {'steady art/s':>13}")
    rates = {}
    for name, (_, wall, steady) in runs.items():
        rates[name] = (len(articles) / wall, after_first / steady if steady else float("nan"))
        print(f"{name:8} {wall:8.1f} {rates[name][0]:8.1f} {rates[name][1]:13.1f}")
    print(f"ratio ray/local: {rates['ray'][0] / rates['local'][0]:.2f} (whole map), {rates['ray'][1] / rates['local'][1]:.2f} (steady)")


if __name__ == "__main__":
    main()
