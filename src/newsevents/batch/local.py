"""The local runner: pure per-batch functions mapped in-process or on one pool of worker processes."""

from __future__ import annotations

import multiprocessing as mp
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from newsevents.process import annotate_batch
from newsevents.settings import Settings

T = TypeVar("T")
R = TypeVar("R")
#: a module-level function ``fn(batch, settings) -> results``: it touches no store, so any runner can map it
BatchFn = Callable[[Sequence[T], Settings], list[R]]

_WORKER_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS  # per worker process, set once by the pool initializer
    _WORKER_SETTINGS = settings


def _run(task: tuple[Callable, Sequence]) -> list:
    assert _WORKER_SETTINGS is not None
    fn, batch = task
    return fn(batch, _WORKER_SETTINGS)


class LocalRunner:
    """Maps per-batch functions over batches, in order, with ``settings.workers`` processes kept for the whole run.

    Use as a context manager; with one worker everything runs in this process. The model and tables are
    loaded once in the parent before the pool forks, so the workers share that memory.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pool: Any = None

    def __enter__(self) -> "LocalRunner":
        if self.settings.workers > 1:
            from newsevents.process import warm

            warm(self.settings)
            ctx = mp.get_context("fork")
            self._pool = ctx.Pool(self.settings.workers, initializer=_init_worker, initargs=(self.settings,))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate() if exc[0] is not None else self._pool.close()
            self._pool.join()
            self._pool = None

    def map(self, fn: BatchFn, batches: Iterable[Sequence[T]]) -> Iterator[list[R]]:
        """Yield ``fn(batch, settings)`` for each batch, in order."""
        if self._pool is None:
            for batch in batches:
                yield fn(batch, self.settings)
            return
        yield from self._pool.imap(_run, ((fn, batch) for batch in batches), chunksize=1)


def map_batches(batches: Iterable[Sequence[T]], settings: Settings, fn: BatchFn = annotate_batch) -> Iterator[list[R]]:
    """Yield ``fn(batch, settings)`` for each batch, in order, using ``settings.workers`` processes."""
    with LocalRunner(settings) as runner:
        yield from runner.map(fn, batches)
