"""Content ids: the same article gets the same id whatever file, encoding or spacing it came in."""

from __future__ import annotations

import hashlib
from typing import Sequence

from newsevents.clean.text import fold

ID_LENGTH = 16


def article_id(title: str, paragraphs: Sequence[str]) -> str:
    """16 hex digits of SHA-256 over the folded title and body (case, spacing, quote and dash styles ignored)."""
    body = " ".join(fold(paragraph) for paragraph in paragraphs)
    payload = f"{fold(title)}\x1f{body}".encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:ID_LENGTH]
