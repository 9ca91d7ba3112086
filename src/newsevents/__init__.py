"""newsevents: raw news in, clean articles, resolved actors and evidence-backed events out.

Importing this package is light: spaCy, the store and the web stack load only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newsevents.records import Document

__all__ = ["process_text", "__version__"]


def process_text(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    **settings: Any,
) -> "list[Document]":
    """Clean, annotate and code one text (a dump may hold several articles); return its documents.

    A text that reads as another language than English raises InputError; ``language="en"`` codes it anyway.
    """
    from newsevents.api import process_text as _process_text

    return _process_text(text, published=published, source=source, url=url, **settings)
