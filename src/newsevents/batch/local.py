"""The local runner: batches through ``annotate_batch`` in-process or on a pool of worker processes."""

from __future__ import annotations

import multiprocessing as mp
from typing import Iterable, Iterator, Sequence

from newsevents.process import annotate_batch
from newsevents.records import Article, Document, InputFailure
from newsevents.settings import Settings

_WORKER_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS  # per worker process, set once by the pool initializer
    _WORKER_SETTINGS = settings


def _run(batch: Sequence[Article]) -> list[Document | InputFailure]:
    assert _WORKER_SETTINGS is not None
    return annotate_batch(batch, _WORKER_SETTINGS)


def map_batches(batches: Iterable[Sequence[Article]], settings: Settings) -> Iterator[list[Document | InputFailure]]:
    """Yield ``annotate_batch`` results for each batch, in order, using ``settings.workers`` processes."""
    if settings.workers <= 1:
        for batch in batches:
            yield annotate_batch(batch, settings)
        return
    from newsevents.process import warm

    warm(settings)  # load model and tables once in the parent: forked workers share its memory
    ctx = mp.get_context("fork")
    with ctx.Pool(settings.workers, initializer=_init_worker, initargs=(settings,)) as pool:
        yield from pool.imap(_run, batches, chunksize=1)
