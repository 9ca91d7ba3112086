"""A full disk and a read-only database: one clear line naming the database and what to do, nothing half-written.

The full disk is a small tmpfs where this process may mount one (root), and a file size limit
(RLIMIT_FSIZE with SIGXFSZ ignored, so writes fail with EFBIG) everywhere. Read-only is an
immutable file (``chattr +i``) when running as root, who ignores file modes, else ``chmod 0444``.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from factories import make_document
from newsevents.errors import StoreError
from newsevents.store import open_store

NEWSEVENTS = str(Path(sys.executable).with_name("newsevents"))
DUMP = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "dumps" / "caspian_wire_2024a.txt"
ROOM = 64 * 1024  # the write-ahead log may grow this much: enough for the run's bookkeeping, not for its articles


def _migrated(path: Path) -> Path:
    """A new, migrated database with everything checkpointed into the main file."""
    with open_store(path) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@contextlib.contextmanager
def _file_size_limit(limit: int) -> Iterator[None]:
    """Files this process writes cannot grow past ``limit`` bytes (write() fails with EFBIG)."""
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, old_limit[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)


def _limit_in_child(limit: int):
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


@contextlib.contextmanager
def _small_tmpfs(where: Path, size: int) -> Iterator[Path]:
    where.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root; the file size limit variant covers a full disk")
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, text=True)
    if res.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({res.stderr.strip()}); the file size limit variant covers a full disk")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """Make ``path`` truly unwritable for this user, or skip."""
    if os.geteuid() == 0:
        res = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True) if shutil.which("chattr") else None
        if res is None or res.returncode != 0:
            pytest.skip("running as root, who ignores file modes, and chattr +i is not available here")
        undo = ["chattr", "-i", str(path)]
    else:
        path.chmod(0o444)
        undo = None
    try:
        with pytest.raises(OSError):
            open(path, "r+b").close()
        yield
    finally:
        if undo:
            subprocess.run(undo, check=True)
        path.chmod(0o644)


def _assert_sound_and_whole(db: Path) -> int:
    """The file passes SQLite's checks and every stored article has all its parts; return the article count."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        whole = "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)"
        assert conn.execute(whole).fetchone()[0] == 0
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def _assert_one_clear_line(res: subprocess.CompletedProcess, db: Path, *hints: str) -> str:
    assert res.returncode in (1, 2), res
    assert "Traceback" not in res.stderr, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    assert str(db) in lines[0]
    for hint in hints:
        assert hint in lines[0], lines[0]
    return lines[0]


# -- full disk -------------------------------------------------------------------------------


def test_a_full_disk_stores_nothing_of_the_failed_write_and_a_retry_stores_it_all(tmp_path):
    db = _migrated(tmp_path / "full.db")
    with open_store(db) as store:
        docs = [make_document(i, extra=" More words." * 300) for i in range(40)]
        with _file_size_limit(ROOM), pytest.raises(StoreError) as info:
            store.write_documents(docs)
        message = str(info.value)
        assert str(db) in message and "free some space or choose another --db" in message and "nothing of the failed write was stored" in message
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        assert store.write_documents(docs) == 40  # space again: the same write succeeds whole
    assert _assert_sound_and_whole(db) == 40


@pytest.mark.parametrize("how", ["tmpfs", "rlimit"])
def test_cli_ingest_onto_a_full_disk_is_one_clear_line(tmp_path, how):
    made = _migrated(tmp_path / "made.db")
    if how == "tmpfs":
        with _small_tmpfs(tmp_path / "mnt", made.stat().st_size + 32 * 1024 + ROOM) as mnt:  # file + shared memory + room
            db = mnt / "full.db"
            shutil.copy(made, db)
            res = subprocess.run([NEWSEVENTS, "ingest", str(DUMP), "--db", str(db), "--batch-size", "2", "--quiet"], capture_output=True, text=True, timeout=300)
            line = _assert_one_clear_line(res, db, "free some space or choose another --db")
            assert "the disk is full" in line
            assert _assert_sound_and_whole(db) == 0
    else:
        db = made
        res = subprocess.run(
            [NEWSEVENTS, "ingest", str(DUMP), "--db", str(db), "--batch-size", "2", "--quiet"],
            capture_output=True, text=True, timeout=300, preexec_fn=_limit_in_child(ROOM),
        )
        _assert_one_clear_line(res, db, "free some space or choose another --db")
        assert _assert_sound_and_whole(db) == 0


# -- read-only -------------------------------------------------------------------------------


def test_writing_a_read_only_database_says_so_and_changes_nothing(tmp_path):
    db = tmp_path / "ro.db"
    with open_store(db) as store:
        store.write_documents([make_document(1)])
    before = db.read_bytes()
    with _read_only(db):
        with open_store(db) as store:  # reading still works
            assert store.read_document(make_document(1).article.id) is not None
            with pytest.raises(StoreError) as info:
                store.write_documents([make_document(2)])
            with pytest.raises(StoreError):
                store.begin_run({})
    message = str(info.value)
    assert str(db) in message and "read-only" in message
    assert "make the file and its folder writable" in message and "copy" in message and "--db" in message
    assert db.read_bytes() == before
    assert _assert_sound_and_whole(db) == 1


def test_cli_ingest_into_a_read_only_database_is_one_clear_line(tmp_path):
    db = tmp_path / "ro-cli.db"
    with open_store(db) as store:
        store.write_documents([make_document(1)])
    article = tmp_path / "a.txt"
    article.write_text("Parliament passes budget\n\nLawmakers approved the budget on Tuesday after a long debate.\n", encoding="utf-8")
    with _read_only(db):
        res = subprocess.run([NEWSEVENTS, "ingest", str(article), "--db", str(db), "--quiet"], capture_output=True, text=True, timeout=300)
    _assert_one_clear_line(res, db, "read-only", "writable", "--db")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0  # not even the run was recorded
    conn.close()
    assert _assert_sound_and_whole(db) == 1
