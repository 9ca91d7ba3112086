"""Peak memory of a streaming ingest as the input grows (#9 item 1): 1x, 10x and 100x the example corpus, and one big dump.

The example corpus (ours) is ingested once to get its clean articles. Each scale writes that many
times its article count as one-article text files, each an example title with six example paragraphs
drawn at random (seeded), so no file is an exact or near duplicate and every one is annotated. The
dump is such articles back to back in one file, until it reaches ``--dump-mb``.
Each run is a fresh process (``newsevents.pipeline.run_ingest`` with the default window); the figures
are the peak resident memory of the parent (which lists, screens and writes) and of the largest
worker (which reads, cleans and annotates), from getrusage, with articles/s beside them.

Usage: .venv/bin/python bench/ingest_memory_bench.py [--scales 1 10 100] [--dump-mb 20] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
RUN = """
import json, resource, sys, time
from newsevents.pipeline import run_ingest
from newsevents.settings import Settings
start = time.perf_counter()
summary = run_ingest([sys.argv[1]], Settings.make(db=sys.argv[2], workers=int(sys.argv[3])))
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"stored": summary.stored, "failed": summary.failed, "seconds": seconds, "parent_mb": own / 1024, "worker_mb": children / 1024}))
"""


def example_articles(work: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """The example corpus' clean articles' (title, date) and all their paragraphs, from one ordinary ingest."""
    db = work / "examples.db"
    subprocess.run([sys.executable, "-c", "from newsevents.cli import main; main()", "ingest", str(CORPUS), "--db", str(db), "--quiet"], check=False,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    conn = sqlite3.connect(db)
    heads = conn.execute("SELECT title, published FROM articles WHERE skipped IS NULL AND title != '' ORDER BY id").fetchall()
    paragraphs = [row[0] for row in conn.execute(
        "SELECT substr(a.text, p.start + 1, p.end - p.start) FROM paragraphs p JOIN articles a ON a.id = p.article_id "
        "WHERE a.skipped IS NULL ORDER BY a.id, p.position")]  # fmt: skip
    conn.close()
    return [(title, (published or "2024-05-01")[:10]) for title, published in heads], [p for p in paragraphs if len(p.split()) >= 8]


class Articles:
    """Synthetic articles: an example title and date with six example paragraphs drawn at random (seeded).

    Drawn bodies share too few 5-word runs to be near-duplicates of each other, so each one is annotated.
    """

    def __init__(self, heads: list[tuple[str, str]], paragraphs: list[str]) -> None:
        self.heads, self.paragraphs, self.rng = heads, paragraphs, random.Random(2024)

    def text(self, n: int) -> str:
        title, date = self.heads[n % len(self.heads)]
        body = self.rng.sample(self.paragraphs, 6)
        return f"{title} (report {n})\n\n{date}\n\n" + "\n\n".join(body) + "\n"


def write_scale(folder: Path, articles: Articles, count: int) -> int:
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"a{n:05d}.txt").write_text(articles.text(n), encoding="utf-8")
    return count


def write_dump(path: Path, articles: Articles, megabytes: float) -> int:
    parts: list[str] = []
    size = 0
    while size < megabytes * 2**20:
        parts.append(articles.text(len(parts)))
        size += len(parts[-1].encode("utf-8")) + 2
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return len(parts)


def measure(path: Path, db: Path, workers: int) -> dict:
    out = subprocess.run([sys.executable, "-c", RUN, str(path), str(db), str(workers)], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"ingest of {path} failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="*", default=[1, 10, 100])
    parser.add_argument("--dump-mb", type=float, default=20.0, help="size of the one-file dump; 0 skips it")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsevents-membench-") as tmp:
        work = Path(tmp)
        heads, paragraphs = example_articles(work)
        articles = Articles(heads, paragraphs)
        print(f"example corpus: {len(heads)} articles, {len(paragraphs)} paragraphs; workers {args.workers}")
        print(f"{'input':<22}{'articles':>9}{'MB in':>8}{'stored':>8}{'s':>8}{'art/s':>8}{'parent MB':>11}{'worker MB':>11}")
        runs: list[tuple[str, Path, int]] = []
        for scale in args.scales:
            folder = work / f"x{scale}"
            runs.append((f"{scale}x example corpus", folder, write_scale(folder, articles, scale * len(heads))))
        if args.dump_mb:
            dump = work / "dump.txt"
            runs.append((f"one {args.dump_mb:g} MB dump", dump, write_dump(dump, articles, args.dump_mb)))
        for label, path, count in runs:
            size = sum(p.stat().st_size for p in path.rglob("*")) if path.is_dir() else path.stat().st_size
            start = time.perf_counter()
            got = measure(path, work / f"{path.name}.db", args.workers)
            _ = time.perf_counter() - start
            rate = got["stored"] / got["seconds"] if got["seconds"] else 0.0
            print(f"{label:<22}{count:>9}{size / 2**20:>8.1f}{got['stored']:>8}{got['seconds']:>8.1f}{rate:>8.1f}"
                  f"{got['parent_mb']:>11.0f}{got['worker_mb']:>11.0f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
