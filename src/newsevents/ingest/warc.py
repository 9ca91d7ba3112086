"""Read web archives (WARC, ARC, and their ``.gz`` forms with one gzip member per record) with warcio.

Each ``response`` record holding an HTML page with HTTP status 200 goes through the same
extraction as an HTML file (``ingest/html.py``); its URL is the record's ``WARC-Target-URI``,
its date the page's own publication date or else the record's ``WARC-Date`` (when it was
fetched). Every other record is skipped and counted by reason: request and metadata records,
other statuses, other content types, pages with no article text. An archive that ends early
(truncated) or holds a damaged record keeps the pages read before the damage and reports it.

Record N's origin is ``path#N``, N counting every record of the archive from 1. warcio is an
optional extra, imported on first use: without it the reason says to install ``newsevents[warc]``.
"""

from __future__ import annotations

import io
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from newsevents.errors import InputError
from newsevents.ingest.decode import decode_bytes
from newsevents.ingest.detect import archive_head
from newsevents.ingest.html import HtmlPage
from newsevents.records import RawDocument

INSTALL_HINT = "reading WARC files needs warcio; install it with: pip install 'newsevents[warc]'"
_GZIP_MAGIC = b"\x1f\x8b"
_CHARSET = "charset="
_CHUNK = 65_536

HtmlExtractor = Callable[[str, str | None], HtmlPage]


@dataclass(frozen=True)
class WarcRecords:
    """What one archive gave: its article pages, the records skipped by reason, and any damage."""

    documents: tuple[RawDocument, ...]
    skipped: dict[str, int]  # reason -> count: "request record", "status 404", "not HTML (image/png)", ...
    total: int  # records read, including skipped ones
    damage: str | None = None  # why reading stopped early, when it did

    def summary(self) -> str:
        """One line: pages read and records skipped by reason."""
        parts = ", ".join(f"{count} {reason}" for reason, count in sorted(self.skipped.items()))
        skipped = f"; skipped {sum(self.skipped.values())} ({parts})" if self.skipped else ""
        return f"{len(self.documents)} of {self.total} WARC records read as articles{skipped}"


def read_warc(origin: str, data: bytes, extract: HtmlExtractor) -> WarcRecords:
    """The article pages of a WARC/ARC archive (plain or gzip members); raise InputError when warcio is missing."""
    try:
        from warcio.archiveiterator import ArchiveIterator, WARCIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise InputError(origin, INSTALL_HINT) from None
    data, damage = _complete_members(data) if data.startswith(_GZIP_MAGIC) else (data, None)
    stream = io.BytesIO(data)
    # a WARC is read as WARC throughout (junk inside it is damage); an ARC's records are read as WARC ones
    records = WARCIterator(stream) if archive_head(data).startswith(b"WARC/") else ArchiveIterator(stream, arc2warc=True)
    documents: list[RawDocument] = []
    skipped: Counter[str] = Counter()
    total = 0
    try:
        for total, record in enumerate(records, start=1):
            doc, reason = _read_record(f"{origin}#{total}", record, extract)
            _check_complete(record)
            if doc is not None:
                documents.append(doc)
            elif reason is not None:
                skipped[reason] += 1
    except _Truncated as cut:
        total -= 1
        damage = damage or f"record {total + 1} ({cut.uri}) ends early: the archive is truncated"
    except (ArchiveLoadFailed, ValueError, EOFError, zlib.error) as error:
        damage = f"record {total + 1} cannot be read ({' '.join(str(error).split())[:160]})"
    return WarcRecords(tuple(documents), dict(skipped), total, damage)


def damage_reason(result: WarcRecords) -> str:
    """One line for a damaged archive: where it broke, what was kept, what to do."""
    return (
        f"damaged WARC archive: {result.damage}; {result.summary()} before it; "
        "copy or download the archive again to read the rest"
    )


class _Truncated(Exception):
    """A record whose block is shorter than its Content-Length says."""

    def __init__(self, uri: str | None) -> None:
        super().__init__(uri)
        self.uri = uri or "no URI"


def _check_complete(record: Any) -> None:
    """Read the rest of a record; raise _Truncated when its block is shorter than its Content-Length."""
    stream = record.raw_stream
    while stream.read(65_536):
        pass
    if getattr(stream, "limit", 0) > 0:
        raise _Truncated(record.rec_headers.get_header("WARC-Target-URI"))


def _read_record(origin: str, record: Any, extract: HtmlExtractor) -> tuple[RawDocument | None, str | None]:
    """One record as an article document, or the reason it is skipped (None for the archive's own header)."""
    if record.rec_type != "response":
        return None, None if record.rec_type in ("warcinfo",) else f"{record.rec_type} record"
    headers = record.http_headers
    if headers is None:
        return None, "response without HTTP headers"
    status = headers.get_statuscode() or "?"
    if status != "200":
        return None, f"status {status}"
    ctype = (headers.get_header("Content-Type") or "").strip()
    mime = ctype.split(";", 1)[0].strip().lower()
    if "html" not in mime:
        return None, f"not HTML ({mime or 'no content type'})"
    body = record.content_stream().read()
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        page = extract(_decode(origin, body, ctype), url)
    except InputError:
        return None, "body not text"
    except Exception as error:  # noqa: BLE001 - one odd page must never sink the archive
        return None, f"page the extractor failed on ({type(error).__name__})"
    if not page.text:
        return None, "page without article text"
    fetched = record.rec_headers.get_header("WARC-Date")
    page = replace(page, url=url or page.url, published=page.published or fetched)
    return page.to_raw(origin, format="html"), None


def _decode(origin: str, body: bytes, content_type: str) -> str:
    """The page's text: in the charset its HTTP header names, else as any HTML file is decoded."""
    low = content_type.lower()
    if _CHARSET in low:
        charset = low.split(_CHARSET, 1)[1].split(";", 1)[0].strip(" \"'")
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(origin, body)[0]


def _complete_members(data: bytes) -> tuple[bytes, str | None]:
    """The leading complete gzip members of ``data``, and why the rest was cut (None when all are whole)."""
    view, pos, members = memoryview(data), 0, 0
    while pos < len(data):
        if not data.startswith(_GZIP_MAGIC, pos):
            if data[pos:].strip(b"\0\r\n "):
                return data[:pos], f"bytes after gzip member {members} are not gzip data"
            break
        inflater, at = zlib.decompressobj(wbits=31), pos
        try:
            while not inflater.eof and at < len(data):
                inflater.decompress(view[at : at + _CHUNK], _CHUNK * 64)
                while inflater.unconsumed_tail and not inflater.eof:
                    inflater.decompress(inflater.unconsumed_tail, _CHUNK * 64)
                at += _CHUNK
        except zlib.error as error:
            return data[:pos], f"gzip member {members + 1} is damaged ({error})"
        if not inflater.eof:
            return data[:pos], f"gzip member {members + 1} ends early: the archive is truncated"
        members += 1
        pos = min(at, len(data)) - len(inflater.unused_data)
    return data, None
