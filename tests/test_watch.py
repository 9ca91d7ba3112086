"""newsevents watch: a cycle reads only new or changed files, resumes without duplicates, stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.errors import StoreError
from newsevents.ingest.watch import Snapshot, Stop, watch

ARTICLE = (
    "Talks on the river treaty resume in Kessel\n\n"
    "Negotiators from Norland and Vestria resumed talks on the river treaty in Kessel on Monday, the foreign ministry said.\n\n"
    "The two delegations are due to meet again on Thursday to discuss the sharing of water during the summer months.\n"
)
SECOND = (
    "Vestria recalls its ambassador from Norland\n\n"
    "Vestria recalled its ambassador from Norland on Tuesday after a dispute over fishing rights in the northern bay, "
    "the Vestrian government said in a statement.\n\n"
    "Norland's foreign minister called the decision regrettable and said the door to dialogue remained open.\n"
)


def _summary(stored: int = 0, failures: tuple[str, ...] = ()) -> SimpleNamespace:
    return SimpleNamespace(stored=stored, duplicates=0, events=0, failed=len(failures), near_duplicates=0, not_english={},
                           failures=[SimpleNamespace(origin=o, reason="bad") for o in failures])  # fmt: skip


def test_a_cycle_reads_only_new_or_changed_files_and_retries_failed_ones(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "b.txt").write_text("two", encoding="utf-8")
    (tmp_path / ".hidden").write_text("x", encoding="utf-8")
    snapshot = Snapshot()
    todo, stamps = snapshot.changed([str(tmp_path), "https://news.example/rss.xml"])
    assert todo == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "https://news.example/rss.xml"]
    snapshot.remember(stamps, failed={str(tmp_path / "b.txt")})
    todo, _ = snapshot.changed([str(tmp_path)])
    assert todo == [str(tmp_path / "b.txt")], "the failed file is read again, the stored one is not"
    (tmp_path / "a.txt").write_text("one, changed", encoding="utf-8")
    assert snapshot.changed([str(tmp_path)])[0] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_the_loop_prints_a_line_per_cycle_and_survives_a_busy_database(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    calls: list[list[str]] = []
    lines: list[str] = []

    def ingest(todo: list[str]) -> SimpleNamespace:
        calls.append(todo)
        if len(calls) == 1:
            raise StoreError("database news.db is busy; wait for it to finish and try again")
        return _summary(stored=1)

    done = watch([str(tmp_path)], ingest, every=0.0, cycles=3, echo=lines.append)
    assert done == 3 and len(lines) == 3
    assert "cycle 1: error: database news.db is busy" in lines[0]
    assert "cycle 2: 1 input read: 1 new articles" in lines[1], "the file is read again after the error"
    assert lines[2].endswith("cycle 3: nothing new")
    assert calls == [[str(tmp_path / "a.txt")]] * 2


def test_a_stop_ends_the_pause_at_once() -> None:
    stop = Stop()
    lines: list[str] = []

    def ingest(todo: list[str]) -> SimpleNamespace:
        stop.event.set()  # as SIGTERM would, during the cycle
        return _summary()

    started = time.monotonic()
    assert watch(["https://news.example/rss.xml"], ingest, every=600.0, echo=lines.append, stop=stop) == 1
    assert time.monotonic() - started < 5


@pytest.mark.slow
def test_watch_resumes_without_duplicates(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "news.db")
    first = CliRunner().invoke(main, ["watch", str(inbox), "--db", db, "--every", "0.001", "--cycles", "2"])
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert "cycle 1: 1 input read: 1 new articles" in lines[0] and lines[1].endswith("cycle 2: nothing new")
    assert lines[2].startswith("stopped after 2 cycles")
    (inbox / "two.txt").write_text(SECOND, encoding="utf-8")
    again = CliRunner().invoke(main, ["watch", str(inbox), "--db", db, "--every", "0.001", "--cycles", "1"])
    assert again.exit_code == 0, again.output
    assert "cycle 1: 2 inputs read: 1 new articles, 1 duplicate" in again.output, "a restart reads all again, stores only the new"


@pytest.mark.slow
def test_sigterm_stops_the_watch_cleanly(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text(ARTICLE, encoding="utf-8")
    command = [str(Path(sys.executable).parent / "newsevents"), "watch", str(inbox), "--db", str(tmp_path / "news.db"), "--every", "10"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # blocks until the first cycle is done (the model loads first)
        assert "cycle 1: 1 input read: 1 new articles" in first, first + process.stderr.read() if process.stderr else first
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert out.startswith("stopped after 1 cycle;"), out
