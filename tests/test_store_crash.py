"""An ingest killed with SIGKILL at random points, then re-run, ends with the same database as a clean run.

The model is loaded once here and every ingest runs in a forked child (as ``--workers`` does), so
a run costs its processing time only and the kills land while articles are coded and written.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from newsevents.api import ingest
from newsevents.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SUBSET = [
    CORPUS / "html" / "meridian_post_israel_iran_strikes.html",
    CORPUS / "html" / "pacific_chronicle_yemen_strikes.html",
    CORPUS / "html" / "atlas_tribune_canada_india_expulsions.html",
    CORPUS / "dumps" / "danube_observer_2024.txt",
    CORPUS / "dumps" / "caspian_wire_2024a.txt",
]
BATCH_SIZE = 2  # several commits per run
KILLS = 5
SEED = 20241202

#: Every table that holds what was ingested; run and input bookkeeping and timestamps are left out.
CONTENT = {
    "articles": "SELECT id, title, source, url, published, author, origin, text FROM articles",
    "captions": "SELECT * FROM captions",
    "paragraphs": "SELECT * FROM paragraphs",
    "entities": "SELECT * FROM entities",
    "mentions": "SELECT * FROM mentions",
    "events": "SELECT * FROM events",
    "event_actors": "SELECT * FROM event_actors",
    "actors": "SELECT * FROM actors",
    "quotes": "SELECT * FROM quotes",
    "roles": "SELECT * FROM roles",
}


def _run(db: str) -> None:
    summary = ingest([str(p) for p in SUBSET], Settings.make(db=db, batch_size=BATCH_SIZE, quiet=True))
    os._exit(0 if summary.ok else 1)


def _start(db: Path) -> multiprocessing.Process:
    proc = multiprocessing.get_context("fork").Process(target=_run, args=(str(db),))
    proc.start()
    return proc


def _content(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        return {table: sorted(json.dumps(list(row)) for row in conn.execute(sql)) for table, sql in CONTENT.items()}
    finally:
        conn.close()


def _health(db: Path) -> list[str]:
    """Problems found by SQLite's own checks (empty when the file is sound)."""
    conn = sqlite3.connect(db)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in conn.execute("PRAGMA foreign_key_check")]
        try:
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        except sqlite3.Error as exc:
            problems.append(f"articles_fts: {exc}")
        dup = conn.execute("SELECT count(*) - count(DISTINCT article_id || '/' || entity_id || '/' || start) FROM mentions").fetchone()[0]
        if dup:
            problems.append(f"{dup} duplicate mentions")
        return problems
    finally:
        conn.close()


@pytest.fixture(scope="module")
def warmed():
    from newsevents.process import warm

    warm(Settings.make())  # forked children share the loaded model and gazetteer


def test_killed_ingests_rerun_to_the_same_database_as_a_clean_run(tmp_path, warmed):
    clean = tmp_path / "clean.db"
    t0 = time.monotonic()
    proc = _start(clean)
    proc.join(120)
    runtime = time.monotonic() - t0
    assert proc.exitcode == 0
    expected = _content(clean)
    assert len(expected["articles"]) >= 6 and len(expected["events"]) >= 10, {k: len(v) for k, v in expected.items()}
    assert _health(clean) == []

    rng = random.Random(SEED)
    report = []
    for trial in range(KILLS):
        db = tmp_path / f"killed{trial}.db"
        delay = rng.uniform(0.05, 0.9 * runtime)  # seeded: the same kill points every run (on a similar machine)
        proc = _start(db)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(30)
        killed = proc.exitcode == -signal.SIGKILL
        stored = len(_content(db)["articles"]) if db.exists() and killed and _has_articles(db) else None
        proc = _start(db)  # the re-run completes what the killed one left
        proc.join(120)
        assert proc.exitcode == 0, f"trial {trial}: re-run exit code {proc.exitcode}"
        got = _content(db)
        diff = sorted(t for t in CONTENT if got[t] != expected[t])
        report.append((trial, round(delay, 2), killed, stored, diff, _health(db)))
    print(f"\nclean run {runtime:.1f} s, {len(expected['articles'])} articles, {len(expected['events'])} events; (trial, kill after s, killed, articles stored at kill, tables differing, problems):")
    for row in report:
        print("  ", row)
    assert [r for r in report if r[4] or r[5]] == [], report
    assert sum(1 for r in report if r[2]) >= KILLS - 1, "most kills must interrupt a running ingest"


def _has_articles(db: Path) -> bool:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE name='articles'").fetchone() is not None
    finally:
        conn.close()
