"""Turn each input's bytes into a LoadedInput: decoded, its format told, its documents read.

Nothing here raises for a bad input. Every problem becomes ``LoadedInput.failure`` with one
line saying what is wrong and what to do. JSON inputs may be partly good: the good records are
in ``documents`` and ``failure`` counts and lists the skipped ones ("2 of 40 JSON records
skipped (line 3: ...; line 9: ...)"), so a runner must check ``documents`` even when
``failure`` is set. So may web archives (WARC): a truncated or damaged one keeps the pages read
before the damage, with a failure saying where it broke; records that are not article pages
(requests, other statuses, images) are skipped without failing the input. So may feeds: entries
whose page could not be fetched keep the feed's summary, and the failure names them. A feed URL
whose server answers 304 Not Modified loads as a LoadedInput with no documents and no failure.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from newsevents.errors import InputError
from newsevents.ingest.decode import decode_bytes
from newsevents.ingest.detect import is_warc, resolve_format
from newsevents.ingest.fetch import Fetcher
from newsevents.ingest.html import HtmlPage, extract_html
from newsevents.ingest.feeds import read_feed
from newsevents.ingest.jsonrec import NEEDS, JsonRecords, read_json, read_json_lines
from newsevents.ingest.parts import Part
from newsevents.ingest.sources import Source, iter_sources, unpack_bytes
from newsevents.ingest.warc import damage_reason, read_warc
from newsevents.records import InputFailure, LoadedInput, RawDocument
from newsevents.settings import Settings

#: A plain-text line longer than this is not news prose (minified data, a dump without breaks).
MAX_LINE_CHARS = 200_000
_LISTED_BAD = 5
Extractor = Callable[[str, str | None], HtmlPage]
Read = tuple[tuple[RawDocument, ...], str | None]


def iter_inputs(paths: Sequence[str], settings: Settings, stdin: BinaryIO | None = None, fetcher: Fetcher | None = None) -> Iterator[LoadedInput]:
    """One LoadedInput per input file or URL under ``paths`` (``-`` is ``stdin``); never raises for bad input."""
    fetcher = fetcher or make_fetcher(settings)
    for source in iter_sources(paths, settings.max_input_bytes, stdin, fetch=lambda url: fetch_source(fetcher, url)):
        yield load_source(source, settings, fetcher=fetcher)


def make_fetcher(settings: Settings) -> Fetcher:
    """The run's fetcher: its timeout, per-host pause and size limit from ``settings``."""
    return Fetcher(timeout=settings.fetch_timeout, interval=settings.fetch_interval, max_bytes=settings.max_input_bytes)


def fetch_source(fetcher: Fetcher, url: str) -> Source:
    """A URL given as an input, fetched with a conditional GET; gzip bodies are unpacked."""
    fetched = fetcher.get(url, conditional=True)
    if fetched.unchanged:
        return Source(url, unchanged=True)
    if fetched.data is None:
        return Source(url, failure=fetched.failure)
    return unpack_bytes(url, fetched.data, fetcher.max_bytes)


def load_bytes(origin: str, data: bytes, settings: Settings) -> LoadedInput:
    """Load bytes that did not come from a file (an upload, a queue message); gzip is unpacked."""
    return load_source(unpack_bytes(origin, data, settings.max_input_bytes), settings)


def load_source(source: Source, settings: Settings, extract: Extractor = extract_html, fetcher: Fetcher | None = None) -> LoadedInput:
    """Decode, detect and read one Source into a LoadedInput (``fetcher`` fetches feed entries' pages)."""
    if source.unchanged:
        return LoadedInput(origin=source.origin, format="feed")
    if source.data is None:
        return _failed(source.origin, source.failure or "cannot be read")
    raw, part = source.data, source.part
    base = {"origin": source.origin, "sha256": part.sha256 if part else hashlib.sha256(raw).hexdigest(), "size": part.size if part else len(raw)}
    fmt: str | None = None
    try:
        if not raw:
            raise InputError(source.origin, "empty file (0 bytes); check that it was saved or downloaded completely")
        if part is None and settings.input_format in ("auto", "warc") and is_warc(raw):
            fmt = "warc"
            documents, problem = _read_warc(source.origin, raw, extract)
            return LoadedInput(**base, format=fmt, documents=documents, failure=_failure(source.origin, problem) if problem else None)
        text, _encoding = decode_bytes(source.origin, raw)
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise InputError(source.origin, "only blank space, no text; check that it was saved or downloaded completely")
        fmt = part.format if part else resolve_format(text, settings.input_format)
        if part is not None:
            documents, problem = _read_part(source.origin, text, part, extract)
        elif fmt == "feed":
            documents, problem = _read_feed(source.origin, text, extract, fetcher if settings.fetch_links else None)
        else:
            documents, problem = _READERS[fmt](source.origin, text, extract)
    except InputError as error:
        return LoadedInput(**base, format=fmt, failure=_failure(source.origin, error.reason))
    except Exception as error:  # noqa: BLE001 - one odd file must never stop a run
        reason = f"unexpected {type(error).__name__} while reading it ({error}); please report it with the file"
        return LoadedInput(**base, format=fmt, failure=_failure(source.origin, reason))
    failure = _failure(source.origin, problem) if problem else None
    return LoadedInput(**base, format=fmt, documents=documents, failure=failure)


def _read_text(origin: str, text: str, extract: Extractor) -> Read:
    """A plain-text dump: one unstructured document (the clean stage splits articles)."""
    longest = _longest_line(text)
    if longest > MAX_LINE_CHARS:
        raise InputError(
            origin,
            f"one line of {longest:,} characters: not a news text; split it into lines, "
            "or pass --format html or --format json if it is a web page or JSON",
        )
    return (RawDocument(origin=origin, format="text", text=text, structured=False),), None


def _read_html(origin: str, text: str, extract: Extractor) -> Read:
    """An HTML page: its article body and metadata."""
    page = extract(text, None)
    if not page.text:
        raise InputError(
            origin,
            "HTML page with no article text (only navigation, scripts or a few words); "
            "pass the article's own page, or --format text to read it as plain text",
        )
    return (page.to_raw(origin),), None


def _read_json(origin: str, text: str, extract: Extractor) -> Read:
    """JSON records: the good ones, and a reason listing the bad ones."""
    result = read_json(origin, text, extract)
    return result.documents, _bad_records_reason(result) if result.bad else None


def _read_part(origin: str, text: str, part: Part, extract: Extractor) -> Read:
    """One part of a large input, read in the format decided for the whole (ingest/parts.py)."""
    if part.format == "text":
        return _read_text(origin, text, extract)
    result = read_json_lines(origin, text, extract, part.first_line)
    if not result.documents and not result.bad:
        raise InputError(origin, f"lines {part.first_line} on hold no JSON record; check the file")
    return result.documents, _bad_records_reason(result) if result.bad else None


def _read_warc(origin: str, raw: bytes, extract: Extractor) -> Read:
    """A web archive: its article pages, and a reason when it is damaged or holds no article page."""
    result = read_warc(origin, raw, extract)
    if result.damage:
        return result.documents, damage_reason(result)
    if not result.documents:
        raise InputError(origin, f"web archive with no article page: {result.summary()}; check that it holds HTML news pages")
    return result.documents, None


def _read_feed(origin: str, text: str, extract: Extractor, fetcher: Fetcher | None) -> Read:
    """An RSS or Atom feed: an article per entry, and a reason naming the entries whose page could not be had."""
    result = read_feed(origin, text, extract, fetcher)
    if not result.problems:
        return result.documents, None
    listed = "; ".join(result.problems[:_LISTED_BAD]) + (f"; and {len(result.problems) - _LISTED_BAD} more" if len(result.problems) > _LISTED_BAD else "")
    if not result.documents:
        raise InputError(origin, f"none of the {result.total} feed entries can be read ({listed}); check the feed and its links")
    return result.documents, f"{len(result.problems)} of {result.total} feed entries not read in full ({listed}); run again later to fetch them"


def _bad_records_reason(result: JsonRecords) -> str:
    """One line counting and listing the skipped records (the first few), and what to do."""
    bad = result.bad
    listed = "; ".join(f"{b.where}: {b.reason}" for b in bad[:_LISTED_BAD])
    if len(bad) > _LISTED_BAD:
        listed += f"; and {len(bad) - _LISTED_BAD} more"
    todo = NEEDS if any(b.reason.startswith("no text or html") for b in bad) else "fix them"
    if result.total == 1:
        return f"the JSON record cannot be read: {bad[0].reason}; {todo}"
    if not result.documents:
        return f"none of the {result.total} JSON records can be read ({listed}); {todo}"
    return (
        f"{len(bad)} of {result.total} JSON records skipped ({listed}); "
        f"{todo} and run again (the other {len(result.documents)} were read)"
    )


def _longest_line(text: str) -> int:
    """Length of the longest line, without copying the text."""
    longest, start = 0, 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            return max(longest, len(text) - start)
        longest = max(longest, end - start)
        start = end + 1


def _failure(origin: str, reason: str) -> InputFailure:
    """An InputFailure whose reason is a single line."""
    return InputFailure(origin, " ".join(reason.split()))


def _failed(origin: str, reason: str) -> LoadedInput:
    """A LoadedInput for an input whose bytes could not be read."""
    return LoadedInput(origin=origin, failure=_failure(origin, reason))


def _not_warc(origin: str, text: str, extract: Extractor) -> Read:
    """Refuse a file read as a web archive that does not start like one."""
    raise InputError(origin, "not a web archive: it does not start with 'WARC/' or 'filedesc://'; drop --format warc")


_READERS: dict[str, Callable[[str, str, Extractor], Read]] = {
    "warc": _not_warc,
    "text": _read_text,
    "html": _read_html,
    "json": _read_json,
}
