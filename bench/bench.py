"""`make bench`: the whole ingest pipeline against bare spaCy ``nlp.pipe`` on the same texts, same run.

Builds a corpus of at least 2,000 varied articles from the example corpus (paragraphs recombined,
so no two are identical), half as noisy text dumps and half as JSONL, then measures in separate
processes: (1) bare ``nlp.pipe`` over the article bodies with the same model and worker count;
(2) ``newsevents ingest`` end to end into a fresh database, with and without event coding, and with
events while parsing only candidate sentences (``NEWSEVENTS_PARSE=candidates``; issue #9 item 5).
Prints articles/s, words/s and peak RSS (summed over the process tree) and the ratio to bare spaCy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


def corpus_articles() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of every article in the example corpus, through our own ingest and clean."""
    from newsevents.clean import BoilerplateTable, clean_document
    from newsevents.ingest import iter_inputs
    from newsevents.settings import Settings

    loaded = list(iter_inputs([str(CORPUS)], Settings.make()))
    table = BoilerplateTable.learn(d for item in loaded for d in item.documents)
    out = []
    for item in loaded:
        for raw in item.documents:
            for art in clean_document(raw, table):
                out.append((art.title, list(art.paragraphs)))
    return out


def build(folder: Path, n: int, seed: int = 7) -> list[str]:
    """Write ``n`` varied articles as dumps and JSONL under ``folder``; return their body texts."""
    rng = random.Random(seed)
    base = corpus_articles()
    pool = [p for _, paras in base for p in paras if len(p.split()) > 6]
    bodies: list[str] = []
    dumps: list[str] = []
    jsonl = []
    for i in range(n):
        title, paras = rng.choice(base)
        title = f"{title} ({i})"
        k = rng.randint(3, 8)
        chosen = rng.sample(paras, min(len(paras), k // 2 + 1)) + rng.sample(pool, k - k // 2 - 1)
        bodies.append("\n\n".join(chosen))
        if i % 2:
            jsonl.append(json.dumps({"title": title, "text": "\n\n".join(chosen), "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "source": "Bench Wire"}))
        else:
            caption = f"A general view of the scene ({rng.choice(['Reuters', 'AFP', 'AP'])})"
            dumps.append(f"{title}\n\n{caption}\n{caption}\nTT\n\n{title}\n\n{caption}\n\n" + "\n\n".join(chosen))
    (folder / "dumps").mkdir(parents=True, exist_ok=True)
    for j in range(0, len(dumps), 10):
        (folder / "dumps" / f"d{j:05d}.txt").write_text("\n\n\n\n".join(dumps[j : j + 10]), encoding="utf-8")
    (folder / "feed.jsonl").write_text("\n".join(jsonl) + "\n", encoding="utf-8")
    return bodies


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run ``cmd``; return (seconds, peak RSS in MB summed over its process tree, stdout)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_rss_mb(proc.pid))
        time.sleep(0.05)
    out, err = proc.communicate()
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"benchmark step failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    return elapsed, peak, out


def tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants, in MB (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                parts = f.read().rsplit(")", 1)[1].split()
            pid, ppid = int(entry), int(parts[1])
            rss[pid] = int(parts[21]) * os.sysconf("SC_PAGE_SIZE")
            children.setdefault(ppid, []).append(pid)
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total / 1e6


BARE = """
import sys, json, time
from newsevents.nlp.pipeline import load_model
from newsevents.settings import Settings
texts = json.load(open(sys.argv[1]))
workers = int(sys.argv[2])
nlp = load_model(Settings.make(parse="all"))  # every component on every sentence, whatever the environment says
t0 = time.perf_counter()
n = sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=workers))
print(n, time.perf_counter() - t0)
"""


#: (label, extra ingest flags, parse setting) of the newsevents runs
RUNS = (
    ("newsevents ingest (entities only)", ["--no-events"], "all"),
    ("newsevents ingest (with events)", [], "all"),
    ("newsevents ingest (with events, parse candidates)", [], "candidates"),
)
#: issue #9: the full pipeline with events at this many times bare spaCy's articles/s
TARGET = 1.5


def main() -> None:
    """Build the corpus, run both sides, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bodies = build(folder / "corpus", args.articles)
        words = sum(len(b.split()) for b in bodies)
        (folder / "texts.json").write_text(json.dumps(bodies))
        py = sys.executable
        cli = str(Path(py).parent / "newsevents")
        rows = []
        t, rss, out = run_measured([py, "-c", BARE, str(folder / "texts.json"), str(args.workers)])
        rows.append(("bare spaCy nlp.pipe", t, rss))
        for label, extra, parse in RUNS:
            db = folder / f"bench{len(rows)}.db"
            env = {**os.environ, "NEWSEVENTS_PARSE": parse}
            cmd = [cli, "ingest", str(folder / "corpus"), "--db", str(db), "--workers", str(args.workers), "--quiet", *extra]
            t, rss, out = run_measured(cmd, env)
            rows.append((label, t, rss))
            stored = sqlite3.connect(db).execute("SELECT count(*), (SELECT count(*) FROM events) FROM articles").fetchone()
            print(f"{label}: {stored[0]} articles stored, {stored[1]} events", file=sys.stderr)
    base = rows[0][1]
    print(f"\nbenchmark: {len(bodies)} generated articles, {words:,} words, {args.workers} workers, model sm (wall time incl. model load)")
    print(f"machine load (1-min average) before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: "
          "ratios mean little unless both stay low")
    print(f"{'run':<44} {'seconds':>8} {'articles/s':>11} {'words/s':>10} {'peak RSS MB':>12} {'vs bare':>8}")
    for label, t, rss in rows:
        print(f"{label:<44} {t:>8.1f} {len(bodies) / t:>11.1f} {words / t:>10.0f} {rss:>12.0f} {base / t:>7.2f}x")
    for label, t, _ in rows[1:]:
        if "with events" in label:
            print(f"{label} vs bare spaCy nlp.pipe (all components), articles/s: {base / t:.2f}x (issue #9 target: >= {TARGET}x)")


if __name__ == "__main__":
    main()
