"""The local runner: a pure per-batch function mapped in-process or on a pool of worker processes."""

from __future__ import annotations

import multiprocessing as mp
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from newsevents.process import annotate_batch
from newsevents.settings import Settings

T = TypeVar("T")
R = TypeVar("R")
#: a module-level function ``fn(batch, settings) -> results``: it touches no store, so any runner can map it
BatchFn = Callable[[Sequence[T], Settings], list[R]]

_WORKER: tuple[Settings, Callable] | None = None


def _init_worker(settings: Settings, fn: Callable) -> None:
    global _WORKER  # per worker process, set once by the pool initializer
    _WORKER = (settings, fn)


def _run(batch: Sequence) -> list:
    assert _WORKER is not None
    settings, fn = _WORKER
    return fn(batch, settings)


def map_batches(batches: Iterable[Sequence[T]], settings: Settings, fn: BatchFn = annotate_batch) -> Iterator[list[R]]:
    """Yield ``fn(batch, settings)`` for each batch, in order, using ``settings.workers`` processes.

    ``batches`` is consumed lazily, a few batches ahead of the results, so a streaming source stays streaming.
    """
    if settings.workers <= 1:
        for batch in batches:
            yield fn(batch, settings)
        return
    from newsevents.process import warm

    warm(settings)  # load model and tables once in the parent: forked workers share its memory
    ctx = mp.get_context("fork")
    with ctx.Pool(settings.workers, initializer=_init_worker, initargs=(settings, fn)) as pool:
        yield from pool.imap(_run, batches, chunksize=1)
