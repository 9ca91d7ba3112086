"""Watch folders, files and feed URLs: every N minutes, ingest what is new; a line per cycle.

Each cycle hands the ingest only the files that are new or changed (size or modification time)
since the last cycle that read them without failure, and every URL (a feed's conditional GET makes
an unchanged one cheap). Nothing is kept on disk for this: after a crash, Ctrl-C or a restart the
first cycle reads everything again, and the content ids make that store nothing twice, so the
watch resumes without duplicates. SIGTERM stops it cleanly: a cycle under way finishes (its
writes are whole transactions either way), then the watch ends with exit code 0.

The ingest itself is passed in (``api.ingest``), so this module stays below the API.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from newsevents.errors import NewseventsError
from newsevents.ingest.fetch import is_url
from newsevents.ingest.sources import list_files

Stamp = tuple[int, int]  # size, modification time in nanoseconds


@dataclass
class Snapshot:
    """The size and modification time of each file as last read without failure."""

    seen: dict[str, Stamp] = field(default_factory=dict)

    def changed(self, paths: Sequence[str]) -> tuple[list[str], dict[str, Stamp]]:
        """The inputs to read this cycle (new or changed files, every URL), and the stamps they had."""
        todo: list[str] = []
        stamps: dict[str, Stamp] = {}
        for path in _files(paths):
            if is_url(path):
                todo.append(path)
                continue
            try:
                info = os.stat(path)
            except OSError:
                todo.append(path)  # let the ingest say what is wrong with it
                continue
            stamp = (info.st_size, info.st_mtime_ns)
            if self.seen.get(path) != stamp:
                todo.append(path)
                stamps[path] = stamp
        return todo, stamps

    def remember(self, stamps: dict[str, Stamp], failed: set[str]) -> None:
        """Keep the stamps of the files read without failure, so the next cycle skips them."""
        self.seen.update({path: stamp for path, stamp in stamps.items() if path not in failed})


def _files(paths: Sequence[str]) -> Iterator[str]:
    """Every URL and every visible file under ``paths`` (directories walked as ingest walks them)."""
    for given in paths:
        if is_url(given) or not os.path.isdir(given):
            yield given
        else:
            yield from list_files(given)


@dataclass
class Stop:
    """Set by SIGTERM: the watch ends after the cycle under way, without waiting out its pause."""

    event: threading.Event = field(default_factory=threading.Event)

    def install(self) -> Callable[[], None]:
        """Catch SIGTERM; return what puts the previous handler back."""
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: self.event.set())
        return lambda: signal.signal(signal.SIGTERM, previous)


def watch(
    paths: Sequence[str],
    ingest: Callable[[list[str]], Any],
    *,
    every: float,
    cycles: int | None = None,
    echo: Callable[[str], None] = print,
    stop: Stop | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Run cycles ``every`` seconds (at most ``cycles`` of them) until SIGTERM; return how many ran."""
    stop = stop or Stop()
    snapshot = Snapshot()
    done = 0
    while not stop.event.is_set() and (cycles is None or done < cycles):
        started = clock()
        todo, stamps = snapshot.changed(paths)
        done += 1
        if not todo:
            echo(f"{_now()} cycle {done}: nothing new")
        else:
            try:
                summary = ingest(todo)
            except NewseventsError as error:  # a busy or full database: say so, try again next cycle
                echo(f"{_now()} cycle {done}: error: {error}")
            else:
                snapshot.remember(stamps, {f.origin for f in summary.failures})
                echo(f"{_now()} cycle {done}: {cycle_line(summary, len(todo))}")
        if cycles is not None and done >= cycles:
            break
        stop.event.wait(max(0.0, every - (clock() - started)))
    return done


def cycle_line(summary: Any, inputs: int) -> str:
    """'3 inputs read: 2 new articles, 1 duplicate, 1 not English, 0 near-duplicates, 12 events, 0 failed'."""
    not_english = sum(getattr(summary, "not_english", {}).values())
    return (f"{inputs} input{'s' if inputs != 1 else ''} read: {summary.stored} new articles, {summary.duplicates} duplicate, "
            f"{not_english} not English, {getattr(summary, 'near_duplicates', 0)} near-duplicates, "
            f"{summary.events} events, {summary.failed} failed")  # fmt: skip


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
