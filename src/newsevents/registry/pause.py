"""Pause CPython's cyclic garbage collector while the registry and the clusters are built.

A build over a corpus allocates hundreds of thousands of small objects that live until it ends
(sightings, references, mentions, rows). Each allocation burst triggers the cyclic collector, whose
full passes walk every live object again: on a 20,000-article store that was more than half of a
refresh. Nothing made during a build needs the cyclic collector (reference counting frees it), so
it is paused for the build and set back as it was after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off; it is on again after if it was on before."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
