"""Numbered pages for the dashboard's tables: the total of matches, page N of M, previous and next, the page size.

Pages take ``page`` (from 1) and ``size`` (one of ``SIZES``); an API ``cursor`` still works (its
offset picks the page). The lists are read with the cursor of the page's first row, so the pages
show exactly what the API pages hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any, Mapping

from fastapi import Query

from newsevents.query import DEFAULT_LIMIT, cursor_at, page_args
from newsevents.web.render import with_params

SIZES = (25, 50, 100, 200)
#: the last page anyone can ask for (its offset stays far below what SQLite takes)
MAX_PAGE = 1_000_000
#: parameters that choose a page, not the rows: dropped from download links and filter forms
PAGE_PARAMS = ("page", "size", "cursor")
PageNo = Annotated[int | None, Query(alias="page", ge=1, le=MAX_PAGE, description="Page number, from 1")]
Size = Annotated[int | None, Query(ge=1, le=max(SIZES), description=f"Rows per page: {', '.join(map(str, SIZES))}")]


@dataclass(frozen=True)
class Page:
    """Which page of a table to show: its number and size."""

    number: int
    size: int

    @property
    def cursor(self) -> str | None:
        """The cursor the list functions take for this page."""
        offset = (self.number - 1) * self.size
        return cursor_at(offset) if offset else None


def chosen(page: int | None, size: int | None, cursor: str | None, default: int = DEFAULT_LIMIT) -> Page:
    """The page asked for by ``page`` and ``size``, or by an API ``cursor`` (QueryError naming a bad cursor)."""
    size = size or default
    if cursor:
        _, offset = page_args(size, cursor)
        return Page(offset // size + 1, size)
    return Page(page or 1, size)


def pager(page: Page, total: int, base: str, params: Mapping[str, Any], more: bool | None = None) -> dict[str, Any]:
    """What the pager shows: the total, page N of M, links to the previous and next page and to each page size.

    ``more`` (the list's own "next" cursor, when known) decides the next link; else the total does.
    """
    kept = {k: v for k, v in params.items() if k not in PAGE_PARAMS}
    pages = max(1, math.ceil(total / page.size))
    size = None if page.size == DEFAULT_LIMIT else page.size
    has_next = more if more is not None else page.number < pages
    link = lambda n: base + with_params(kept, page=n if n > 1 else None, size=size)  # noqa: E731
    return {
        "total": total, "number": page.number, "pages": pages, "size": page.size,
        "prev": link(page.number - 1) if page.number > 1 else None, "next": link(page.number + 1) if has_next else None,
        "sizes": [{"size": s, "href": base + with_params(kept, size=None if s == DEFAULT_LIMIT else s), "current": s == page.size}
                  for s in SIZES],
    }  # fmt: skip


def download_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The filter of a page without its page choice: what its downloads carry."""
    return {k: v for k, v in params.items() if k not in PAGE_PARAMS}
