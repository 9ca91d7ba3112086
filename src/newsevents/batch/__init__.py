"""Runners that map a pure per-batch function (process.annotate_batch, ...) over batches: local processes or Ray."""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from newsevents.batch.local import BatchFn
from newsevents.batch.local import map_batches as map_local
from newsevents.process import annotate_batch
from newsevents.settings import Settings


def map_batches(batches: Iterable[Sequence], settings: Settings, fn: BatchFn = annotate_batch, *,
                runner: str | None = None, address: str | None = None) -> Iterator[list]:  # fmt: skip
    """Yield ``fn(batch, settings)`` for each batch, in order, on the runner named by ``runner`` (default ``settings.runner``)."""
    name = runner or settings.runner
    if name == "ray":
        from newsevents.batch.ray_runner import map_batches as map_ray  # Ray is an optional extra, imported only here

        return map_ray(batches, settings, fn, address=address)
    if name != "local":
        from newsevents.errors import SettingsError

        raise SettingsError(f"runner {name!r} is not known; use local or ray (--runner)")
    return map_local(batches, settings, fn)


__all__ = ["map_batches"]
