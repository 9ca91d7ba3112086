"""Choosing the runner of a job: the local process pool, or a distributed engine (``settings.runner``)."""

from __future__ import annotations

from typing import Iterable, Iterator, Protocol, Sequence

from newsevents.batch.local import BatchFn, LocalRunner
from newsevents.settings import Settings


class Runner(Protocol):
    """Maps a pure per-batch function over batches, yielding each batch's results in order."""

    def map(self, fn: BatchFn, batches: Iterable[Sequence]) -> Iterator[list]: ...

    def __enter__(self) -> "Runner": ...

    def __exit__(self, *exc: object) -> None: ...


def open_runner(settings: Settings) -> Runner:
    """The runner ``settings.runner`` names ('local' unless set), to use as a context manager for one job."""
    name = getattr(settings, "runner", "local") or "local"
    if name == "local":
        return LocalRunner(settings)
    if name == "ray":
        from newsevents.batch.ray_runner import RayRunner  # optional extra: pip install 'newsevents[ray]'

        return RayRunner(settings)
    raise ValueError(f"unknown runner {name!r}; use 'local' or 'ray'")
