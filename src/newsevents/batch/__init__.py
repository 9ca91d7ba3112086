"""Runners that map the pure per-batch function (process.annotate_batch) over batches."""

from newsevents.batch.local import map_batches

__all__ = ["map_batches"]
