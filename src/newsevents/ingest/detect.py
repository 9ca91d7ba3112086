"""Tell an input's format from its first few kilobytes: JSON, HTML or plain text.

JSON: starts with ``{`` followed by ``"`` or ``}``, or with ``[`` followed by ``{``, ``[``, ``"``
or ``]`` (so a text opening with "[Reuters]" stays text). HTML: opens with a doctype, an XML
declaration, or a tag, and shows an ``<html``/``<head``/``<body`` tag or many tags early on.
Everything else is plain text. ``--format`` (Settings.input_format) overrides the guess.
"""

from __future__ import annotations

import re

FORMATS = ("text", "html", "json")
_HEAD = 4096
_JSON_START = re.compile(r'\s*(?:\{\s*["}]|\[\s*[\[{"\]])')
_PAGE_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main)[\s>]", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_MIN_TAGS = 8


def detect_format(text: str) -> str:
    """'json', 'html' or 'text' for a decoded input, judged from its start."""
    head = text[:_HEAD]
    if _JSON_START.match(head):
        return "json"
    stripped = head.lstrip()
    if stripped.startswith("<"):
        if _PAGE_TAG.search(head) or len(_ANY_TAG.findall(head)) >= _MIN_TAGS:
            return "html"
    return "text"


def resolve_format(text: str, forced: str) -> str:
    """The format to read ``text`` as: ``forced`` unless it is 'auto'."""
    return detect_format(text) if forced == "auto" else forced
