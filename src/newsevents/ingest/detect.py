"""Tell an input's format from its first few kilobytes: JSON, an RSS or Atom feed, HTML or plain text.

JSON: starts with ``{`` followed by ``"`` or ``}``, or with ``[`` followed by ``{``, ``[``, ``"``
or ``]`` (so a text opening with "[Reuters]" stays text). HTML: opens with a doctype, an XML
declaration, or a tag, and shows an ``<html``/``<head``/``<body`` tag or many tags early on.
A feed: its root element, after any XML prologue, is ``rss``, ``feed`` or ``rdf:RDF``.
Everything else is plain text. ``--format`` (Settings.input_format) overrides the guess.
Web archives are told from their bytes before any decoding (``is_warc``): a WARC opens with
``WARC/1.x``, an ARC with ``filedesc://``, either possibly inside gzip members.
"""

from __future__ import annotations

import re
import zlib

FORMATS = ("text", "html", "json", "warc", "feed")
_ARCHIVE_HEADS = (b"WARC/1.", b"WARC/0.", b"filedesc://")
_GZIP_MAGIC = b"\x1f\x8b"
_HEAD = 4096
_JSON_START = re.compile(r'\s*(?:\{\s*["}]|\[\s*[\[{"\]])')
_PAGE_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main)[\s>]", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_MIN_TAGS = 8
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_PROLOGUE = re.compile(r"\s*(?:<\?xml[^>]*\?>\s*|<!--.*?-->\s*|<\?xml-stylesheet[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*", re.DOTALL)


def detect_format(text: str) -> str:
    """'json', 'feed', 'html' or 'text' for a decoded input, judged from its start."""
    head = text[:_HEAD]
    if _JSON_START.match(head):
        return "json"
    if is_feed(head):
        return "feed"
    stripped = head.lstrip()
    if stripped.startswith("<"):
        if _PAGE_TAG.search(head) or len(_ANY_TAG.findall(head)) >= _MIN_TAGS:
            return "html"
    return "text"


def is_feed(text: str) -> bool:
    """True when a decoded input is an RSS or Atom feed (its root element after any XML prologue)."""
    head = text[:_HEAD]
    start = _PROLOGUE.match(head)
    return bool(_FEED_ROOT.match(head, start.end() if start else 0))


def resolve_format(text: str, forced: str) -> str:
    """The format to read ``text`` as: ``forced`` unless it is 'auto'."""
    return detect_format(text) if forced == "auto" else forced


def is_warc(raw: bytes) -> bool:
    """True when the bytes are a WARC or ARC web archive, plain or gzip-compressed."""
    return archive_head(raw).startswith(_ARCHIVE_HEADS)


def archive_head(raw: bytes) -> bytes:
    """The first bytes of an input, unpacked when it is gzip (b"" when that gzip is damaged)."""
    if not raw.startswith(_GZIP_MAGIC):
        return raw[:64].lstrip(b"\r\n")
    try:
        return zlib.decompressobj(wbits=31).decompress(raw[:4096], 64)
    except zlib.error:
        return b""
