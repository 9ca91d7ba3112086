"""Several processes writing one database: creation and migration race, busy waits with a bound and a clear message."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from factories import make_document
from newsevents.errors import StoreError
from newsevents.store import open_store
from newsevents.store.migrate import migration_scripts

NEWSEVENTS = str(Path(sys.executable).with_name("newsevents"))

# No place names: a place would build the gazetteer index, seconds of CPU per process.
ARTICLES = [
    ("Parliament passes budget after long debate", "Lawmakers approved the budget on Tuesday after a debate that lasted two days. The finance minister said the plan would cut the deficit."),
    ("Ministers agree to meet again", "The two ministers met on Monday to discuss the new rules. They agreed to meet again next month."),
    ("Police arrest dozens of protesters", "Police arrested dozens of protesters on Friday. The interior ministry said the march had not been authorised."),
    ("Minister promises flood aid", "The minister visited the flooded districts on Sunday and promised aid. Local officials asked for more rescue teams."),
    ("Negotiators resume trade talks", "Negotiators resumed trade talks on Wednesday. Both sides said progress had been made."),
    ("Opposition calls for new elections", "The opposition leader called for early elections on Thursday. The ruling party rejected the demand."),
]


def _open_and_write(path: str, n: int, start: multiprocessing.Event, out: multiprocessing.Queue) -> None:
    start.wait(10)
    try:
        with open_store(path, busy_timeout=20) as store:
            run = store.begin_run({"n": n})
            store.write_documents([make_document(n)], run_id=run)
            store.finish_run(run, inputs=1, stored=1, duplicates=0, failed=0)
        out.put((n, None))
    except Exception as exc:  # reported to the test, which fails with it
        out.put((n, f"{type(exc).__name__}: {exc}"))


def test_processes_creating_one_new_database_at_once_all_succeed(tmp_path):
    """8 processes open a database that does not exist yet, released at the same instant, 5 times over."""
    ctx = multiprocessing.get_context("fork")
    names = [n for n, _ in migration_scripts()]
    for trial in range(5):
        path = str(tmp_path / f"race{trial}.db")
        start, out = ctx.Event(), ctx.Queue()
        procs = [ctx.Process(target=_open_and_write, args=(path, n, start, out)) for n in range(8)]
        for p in procs:
            p.start()
        time.sleep(0.2)
        start.set()
        results = dict(out.get(timeout=60) for _ in procs)
        for p in procs:
            p.join(30)
        assert {n: e for n, e in results.items() if e} == {}, f"trial {trial}"
        conn = sqlite3.connect(path)
        assert [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")] == names
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 8
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 16
        assert conn.execute("SELECT count(*) FROM runs WHERE finished IS NOT NULL").fetchone()[0] == 8
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()


def test_concurrent_cli_ingests_into_a_new_database_store_every_article(tmp_path):
    """The report of issue #11: parallel `newsevents ingest` into a fresh --db lost articles to migration races.

    Each process loads the spaCy model (seconds of CPU), so this runs one trial of six; the many-trial race is above.
    """
    files = []
    for i, (title, body) in enumerate(ARTICLES):
        f = tmp_path / f"a{i}.txt"
        f.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        files.append(f)
    for trial in range(1):
        db = tmp_path / f"cli{trial}.db"
        procs = [
            subprocess.Popen([NEWSEVENTS, "ingest", str(f), "--db", str(db), "--no-events", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for f in files
        ]
        outs = [(p.wait(120), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        assert [rc for rc, _ in outs] == [0] * len(files), [err for _, err in outs]
        conn = sqlite3.connect(db)
        titles = {r[0] for r in conn.execute("SELECT title FROM articles")}
        assert titles == {t for t, _ in ARTICLES}, f"trial {trial}"
        assert conn.execute("SELECT count(*) FROM runs WHERE finished IS NOT NULL").fetchone()[0] == len(files)
        conn.close()


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_busy_database_is_waited_for_then_fails_with_a_clear_message(tmp_path):
    path = tmp_path / "busy.db"
    open_store(path).close()
    other = _hold_write_lock(path)
    try:
        with open_store(path, busy_timeout=0.5) as store:  # opening needs no write lock once migrated
            t0 = time.monotonic()
            with pytest.raises(StoreError) as info:
                store.begin_run({})
            waited = time.monotonic() - t0
    finally:
        other.rollback()
        other.close()
    message = str(info.value)
    assert 0.4 <= waited < 5
    assert str(path) in message and "another process holds the write lock" in message
    assert "NEWSEVENTS_BUSY_TIMEOUT" in message and "busy_timeout" in message and "0.5 s" in message
    assert "\n" not in message


def test_a_write_waits_for_a_lock_released_within_the_timeout(tmp_path):
    path = tmp_path / "wait.db"
    open_store(path).close()
    other = _hold_write_lock(path)
    other.execute("INSERT INTO runs(started, settings) VALUES ('x', '{}')")
    timer = threading.Timer(0.4, other.commit)
    timer.start()
    try:
        with open_store(path, busy_timeout=10) as store:
            assert store.write_documents([make_document(1), make_document(2)]) == 2
    finally:
        timer.join()
        other.close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 1


def test_creating_a_database_another_process_has_locked_is_bounded(tmp_path):
    """An exclusively locked, not yet migrated file: the WAL switch and the migration wait, then give up clearly."""
    path = tmp_path / "locked.db"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("CREATE TABLE placeholder (x)")
    try:
        t0 = time.monotonic()
        with pytest.raises(StoreError, match="another process holds the write lock"):
            open_store(path, busy_timeout=0.3)
        assert time.monotonic() - t0 < 5
    finally:
        other.rollback()
        other.close()
    with open_store(path, busy_timeout=1) as store:  # and works once the lock is gone
        assert store.write_documents([make_document(3)]) == 1


def test_cli_ingest_into_a_busy_database_is_one_line_and_honours_the_setting(tmp_path):
    path = tmp_path / "cli-busy.db"
    open_store(path).close()
    article = tmp_path / "a.txt"
    article.write_text(f"{ARTICLES[0][0]}\n\n{ARTICLES[0][1]}\n", encoding="utf-8")
    other = _hold_write_lock(path)
    try:
        env = {**os.environ, "NEWSEVENTS_BUSY_TIMEOUT": "0.5"}
        t0 = time.monotonic()
        res = subprocess.run([NEWSEVENTS, "ingest", str(article), "--db", str(path), "--quiet"], capture_output=True, text=True, env=env, timeout=120)
        elapsed = time.monotonic() - t0
    finally:
        other.rollback()
        other.close()
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and str(path) in lines[0] and "0.5 s" in lines[0]
    assert elapsed < 30  # waited half a second, not the 30 s default
