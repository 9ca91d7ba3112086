"""Runners that map a pure per-batch function (process.annotate_batch, ...) over batches: local processes or Ray."""

from __future__ import annotations

import dataclasses
from typing import Iterable, Iterator, Sequence

from newsevents.batch.local import BatchFn
from newsevents.batch.runners import open_runner
from newsevents.process import annotate_batch
from newsevents.settings import Settings


def map_batches(batches: Iterable[Sequence], settings: Settings, fn: BatchFn = annotate_batch, *,
                runner: str | None = None, address: str | None = None) -> Iterator[list]:  # fmt: skip
    """Yield ``fn(batch, settings)`` for each batch, in order, on the runner named by ``runner`` (default ``settings.runner``)."""
    if runner is not None:
        settings = dataclasses.replace(settings, runner=runner)
    with open_runner(settings, address) as chosen:
        yield from chosen.map(fn, batches)


__all__ = ["map_batches", "open_runner"]
