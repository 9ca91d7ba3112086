"""Choosing the runner of a job: the local process pool, or a distributed engine (``settings.runner``)."""

from __future__ import annotations

from typing import Iterable, Iterator, Protocol, Sequence

from newsevents.batch.local import BatchFn, LocalRunner
from newsevents.errors import SettingsError
from newsevents.settings import Settings


class Runner(Protocol):
    """Maps a pure per-batch function over batches, yielding each batch's results in order."""

    def map(self, fn: BatchFn, batches: Iterable[Sequence]) -> Iterator[list]: ...

    def __enter__(self) -> "Runner": ...

    def __exit__(self, *exc: object) -> None: ...


def open_runner(settings: Settings, address: str | None = None) -> Runner:
    """The runner ``settings.runner`` names, to use as a context manager for one job (``address``: a Ray cluster)."""
    if settings.runner == "local":
        return LocalRunner(settings)
    if settings.runner == "ray":
        from newsevents.batch.ray_runner import RayRunner  # optional extra: pip install 'newsevents[ray]'

        return RayRunner(settings, address)
    raise SettingsError(f"runner {settings.runner!r} is not known; use local or ray (--runner)")
