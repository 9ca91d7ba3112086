"""Find the input files behind the paths a user gives and read each one's bytes exactly once.

Rules, so a run never stops on one bad input:

* a file is read as given; a directory is walked recursively, sorted by relative path, skipping
  hidden names (``.git``, ``.DS_Store``), not following linked directories, and refusing
  entries that are not regular files (a FIFO in a directory would block the run); a FIFO or
  device named explicitly (``<(zcat x)``) is read; a directory with no files is one failure;
* an ``http://`` or ``https://`` address is fetched (``fetch``: timeout, polite rate, conditional
  GET); a 304 Not Modified answer is a Source marked ``unchanged``, with nothing to read;
* ``-`` reads standard input; gzip data (by its magic bytes, whatever the name) is unpacked; a
  damaged ``.warc.gz`` is passed on packed, so the WARC reader keeps its records before the damage;
* anything that cannot be read becomes a :class:`Source` with a one-line ``failure``.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from newsevents.ingest.detect import is_warc

if TYPE_CHECKING:
    from newsevents.ingest.parts import Part

STDIN_ORIGIN = "<stdin>"
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Source:
    """The bytes of one input (after gunzip), or why they could not be read."""

    origin: str
    data: bytes | None = None
    failure: str | None = None
    unchanged: bool = False  # a URL whose server said nothing changed since the last run (HTTP 304)
    part: "Part | None" = None  # one part of a large input cut at article or record boundaries (ingest/parts.py)


def iter_sources(paths: Sequence[str], max_bytes: int, stdin: BinaryIO | None = None,
                 fetch: Callable[[str], Source] | None = None) -> Iterator[Source]:
    """Yield one Source per input file found under ``paths`` (``-`` is standard input, a URL is ``fetch``-ed)."""
    for entry in paths:
        given = os.fspath(entry)
        if fetch is not None and given.lower().startswith(("http://", "https://")):
            yield fetch(given)
        elif given == "-":
            yield _read_stdin(stdin, max_bytes)
        elif os.path.isdir(given):
            yield from _walk(given, max_bytes)
        else:
            yield read_path(given, max_bytes, explicit=True)


def _walk(directory: str, max_bytes: int) -> Iterator[Source]:
    """Every visible file under ``directory``, recursively, sorted by relative path."""
    errors: list[OSError] = []
    found = list_files(directory, errors)
    for path in found:
        yield read_path(path, max_bytes, explicit=False)
    for error in errors:
        where = str(error.filename or directory)
        yield Source(where, failure=f"cannot list this directory ({_os_reason(error)}); check its permissions")
    if not found and not errors:
        yield Source(directory, failure="directory holds no input files (hidden files are skipped); check the path")


def list_files(directory: str, errors: list[OSError] | None = None) -> list[str]:
    """The visible files under ``directory``, recursively, sorted by relative path; listing errors go to ``errors``."""
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirnames, filenames in os.walk(directory, onerror=errors.append if errors is not None else None):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith("."):
                path = os.path.join(root, name)
                found.append((tuple(os.path.relpath(path, directory).split(os.sep)), path))
    return [path for _, path in sorted(found)]


def read_path(path: str, max_bytes: int, *, explicit: bool) -> Source:
    """Read one file's bytes, refusing missing, special, oversized or damaged files."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return Source(path, failure="broken symbolic link: its target does not exist; fix or remove the link")
        return Source(path, failure="no such file or directory; check the path")
    except OSError as error:
        return Source(path, failure=f"cannot read it ({_os_reason(error)}); check the path and its permissions")
    except ValueError as error:  # a NUL byte in the name
        return Source(path, failure=f"not a usable path ({error}); check the path")
    if stat.S_ISREG(info.st_mode):
        if info.st_size > max_bytes:
            return Source(path, failure=_too_large(max_bytes, info.st_size))
    elif not explicit:
        kind = _special_kind(info.st_mode)
        return Source(path, failure=f"not a regular file ({kind}); pass it by name, or as '-' on standard input")
    try:
        with open(path, "rb") as handle:
            raw = _read_limited(handle, max_bytes)
    except OSError as error:
        return Source(path, failure=f"cannot read it ({_os_reason(error)}); check its permissions")
    return unpack_bytes(path, raw, max_bytes)


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> Source:
    """Read standard input (``stdin`` or ``sys.stdin.buffer``) up to the size limit."""
    stream = stdin
    if stream is None:
        stream = getattr(sys.stdin, "buffer", None) if sys.stdin is not None else None
    if stream is None:
        return Source(STDIN_ORIGIN, failure="there is no standard input to read; pipe a file in or pass its path")
    try:
        raw = _read_limited(stream, max_bytes)
    except (OSError, ValueError) as error:
        return Source(STDIN_ORIGIN, failure=f"cannot read standard input ({error}); pass a file path instead")
    return unpack_bytes(STDIN_ORIGIN, raw, max_bytes)


def _read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes, enough to tell an oversized input."""
    parts, total = [], 0
    while total <= max_bytes:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        if isinstance(chunk, str):  # a text stream was passed where bytes were expected
            chunk = chunk.encode("utf-8")
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def unpack_bytes(origin: str, raw: bytes, max_bytes: int) -> Source:
    """Gunzip gzip data and apply the size limit to what will be read."""
    if len(raw) > max_bytes:  # max_bytes + 1 means "read up to the limit and there was more"
        return Source(origin, failure=_too_large(max_bytes, None if len(raw) == max_bytes + 1 else len(raw)))
    if not raw.startswith(_GZIP_MAGIC):
        return Source(origin, data=raw)
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as unzipped:
            data = _read_limited(unzipped, max_bytes)  # type: ignore[arg-type]
    except EOFError:
        if is_warc(raw):
            return Source(origin, data=raw)  # the WARC reader keeps the records before the damage
        return Source(origin, failure="truncated gzip file (it ends early); copy or download it again")
    except (OSError, zlib.error) as error:
        if is_warc(raw):
            return Source(origin, data=raw)
        return Source(origin, failure=f"damaged gzip file ({error}); copy or download it again")
    if len(data) > max_bytes:
        return Source(origin, failure=_too_large(max_bytes, unpacked=True))
    return Source(origin, data=data)


def _too_large(limit: int, size: int | None = None, *, unpacked: bool = False) -> str:
    """The one-line reason for an input over the size limit (``size`` None: not read to the end)."""
    amount = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    what = "unpacked, it has" if unpacked else "it has"
    return (
        f"too large: {what} {amount}, over the {limit:,}-byte limit; split it, or raise the limit "
        "with --max-input-bytes (NEWSEVENTS_MAX_INPUT_BYTES)"
    )


def _special_kind(mode: int) -> str:
    """A word for a non-regular file's kind."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _os_reason(error: OSError) -> str:
    """The operating system's words for an error, without the repeated file name."""
    return error.strerror or type(error).__name__
