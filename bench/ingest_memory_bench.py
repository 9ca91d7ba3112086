"""Peak memory of a streaming ingest as the input grows (#9 item 1): 1x, 10x and 100x the example corpus, and one big dump.

The example corpus (ours) is ingested once to get its clean articles. Each scale writes that many
times its article count as one-article text files, each an example title with six example paragraphs
drawn at random (seeded), so no file is an exact or near duplicate and every one is annotated. The
dump is such articles back to back in one file, three blank lines apart (with two, the clean stage read
them as fewer, longer articles), until it reaches ``--dump-mb``.
Each run is a fresh process (``newsevents.pipeline.run_ingest`` with the default window, a large input
cut into parts); the figures are the peak resident memory (VmHWM) of the parent (which lists, screens and
writes) and of the largest worker (which reads, cleans and annotates), sampled from /proc every half
second, with the windows started and articles/s beside them. ``--timeout`` stops a run that takes too
long on a shared machine: its peaks and counts are then those reached so far (marked ``*``).

Usage: .venv/bin/python bench/ingest_memory_bench.py [--scales 1 10 100] [--dump-mb 20] [--dumps-mb 5 40] [--window-mb 8 1]
       [--workers 2] [--timeout 600]
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
import json, sys, time
import newsevents.pipeline as pipeline
from newsevents.settings import Settings
windows = pipeline._windows
def counted(sources, limit):
    for window in windows(sources, limit):
        print("window", len(window), file=sys.stderr, flush=True)
        yield window
pipeline._windows = counted
start = time.perf_counter()
summary = pipeline.run_ingest([sys.argv[1]], Settings.make(db=sys.argv[2], workers=int(sys.argv[3])), window_bytes=int(sys.argv[4]))
print(json.dumps({"stored": summary.stored, "failed": summary.failed, "seconds": time.perf_counter() - start}))
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
        size += len(parts[-1].encode("utf-8")) + 3
    path.write_text("\n\n\n".join(parts), encoding="utf-8")
    return len(parts)


def _peak_kb(pid: int) -> int:
    """A process's peak resident memory (VmHWM), 0 once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((line for line in status.splitlines() if line.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1])


def _children(pid: int) -> list[int]:
    """The child processes of ``pid``."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def measure(path: Path, db: Path, workers: int, timeout: float, window: int) -> dict:
    """Run one ingest in a fresh process, sampling its and its workers' peak memory; stop it after ``timeout`` s."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", RUN, str(path), str(db), str(workers), str(window)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    parent = worker = 0
    workers_seen: dict[int, int] = {}
    while proc.poll() is None and time.perf_counter() - start < timeout:
        parent = max(parent, _peak_kb(proc.pid))
        for child in _children(proc.pid):
            workers_seen[child] = max(workers_seen.get(child, 0), _peak_kb(child))
        time.sleep(0.5)
    stopped = proc.poll() is None
    if stopped:
        proc.terminate()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    worker = max(workers_seen.values(), default=0)
    if not stopped and proc.returncode != 0:
        raise SystemExit(f"ingest of {path} failed: {err[-2000:]}")
    windows = sum(1 for line in err.splitlines() if line.startswith("window"))
    got = json.loads(out.strip().splitlines()[-1]) if not stopped else {}
    if stopped:
        conn = sqlite3.connect(db)
        got = {"stored": conn.execute("SELECT count(*) FROM articles").fetchone()[0]}
        conn.close()
    return {"stored": got["stored"], "seconds": got.get("seconds", seconds), "parent_mb": parent / 1024, "worker_mb": worker / 1024,
            "windows": windows, "stopped": stopped}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="*", default=[1, 10, 100])
    parser.add_argument("--dump-mb", type=float, default=20.0, help="size of the one-file dump; 0 skips it")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds after which a run is stopped and its peaks so far shown")
    parser.add_argument("--window-mb", type=float, nargs="*", default=[8.0], help="ingest window sizes to run each input with (MiB)")
    parser.add_argument("--dumps-mb", type=float, nargs="*", default=[], help="more one-file dumps of these sizes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsevents-membench-") as tmp:
        work = Path(tmp)
        heads, paragraphs = example_articles(work)
        articles = Articles(heads, paragraphs)
        print(f"example corpus: {len(heads)} articles, {len(paragraphs)} paragraphs; workers {args.workers}")
        print(f"{'input':<22}{'window':>7}{'articles':>9}{'MB in':>8}{'windows':>8}{'stored':>8}{'s':>8}{'art/s':>8}{'parent MB':>11}{'worker MB':>11}")
        runs: list[tuple[str, Path, int]] = []
        for scale in args.scales:
            folder = work / f"x{scale}"
            runs.append((f"{scale}x example corpus", folder, write_scale(folder, articles, scale * len(heads))))
        for megabytes in ([args.dump_mb] if args.dump_mb else []) + args.dumps_mb:
            dump = work / f"dump{megabytes:g}.txt"
            runs.append((f"one {megabytes:g} MB dump", dump, write_dump(dump, articles, megabytes)))
        for label, path, count in runs:
            size = sum(p.stat().st_size for p in path.rglob("*")) if path.is_dir() else path.stat().st_size
            for window in args.window_mb:
                got = measure(path, work / f"{path.name}-{window:g}.db", args.workers, args.timeout, int(window * 2**20))
                rate = got["stored"] / got["seconds"] if got["seconds"] else 0.0
                mark = "*" if got["stopped"] else ""
                print(f"{label:<22}{window:>6g}M{count:>9}{size / 2**20:>8.1f}{got['windows']:>8}{got['stored']:>8}{got['seconds']:>7.0f}{mark:1}"
                      f"{rate:>8.1f}{got['parent_mb']:>11.0f}{got['worker_mb']:>11.0f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
