"""The JSON API's list envelope: one page of items with the total of matches and where the page sits.

Every JSON list route under /api answers the same object, and sends the total as a header too::

    {"items": [...], "next": "<cursor>" | null, "total": 1204, "limit": 50, "offset": 100}
    X-Total-Count: 1204

``total`` counts every match of the current filter (not the page); ``limit`` is the page size used,
``offset`` the position of the page's first item among the matches. A ranked, unpaged list (roles,
entities, places) has ``offset`` 0, ``next`` null and ``limit`` its cap (null when it has none), and
its ``total`` still counts every match, so a client sees when the cap cut it short.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Callable, Hashable

from starlette.requests import Request
from starlette.responses import Response

from newsevents.query import page_args
from newsevents.query_listing import Listing, count, page
from newsevents.web.deps import cached, json_bytes

TOTAL_HEADER = "X-Total-Count"


def envelope(items: list[Any], nxt: str | None, total: int, limit: int | None, offset: int) -> dict[str, Any]:
    """The list object every JSON list route answers."""
    return {"items": items, "next": nxt, "total": total, "limit": limit, "offset": offset}


def paged(result: dict[str, Any], total: int, limit: int | None, cursor: str | None) -> dict[str, Any]:
    """A list function's ``{"items", "next", ...}`` page with its total and paging (other keys, e.g. suggestions, kept)."""
    size, offset = page_args(limit, cursor)
    return {**result, **envelope(result["items"], result["next"], total, size, offset)}


def respond(body: dict[str, Any] | bytes, total: int) -> Response:
    """A JSON answer with the total also in the X-Total-Count header."""
    content = body if isinstance(body, bytes) else json_bytes(body)
    return Response(content, media_type="application/json", headers={TOTAL_HEADER: str(total)})


def listed(request: Request, conn: sqlite3.Connection, listing: Listing, limit: int | None, cursor: str | None) -> Response:
    """One page of ``listing`` with its total (the count is cached until the database changes, as on the pages)."""
    result = page(conn, listing, limit, cursor)
    total = cached(request, count, conn, listing)
    return respond(paged(result, total, limit, cursor), total)


def cached_listed(request: Request, fn: Callable[..., dict[str, Any]], counter: Callable[..., int], conn: sqlite3.Connection,
                  limit: int | None, cursor: str | None, **filters: Any) -> Response:  # fmt: skip
    """``fn(conn, limit=, cursor=, **filters)`` with ``counter(conn, **filters)`` as its total, the encoded body cached."""

    def build() -> tuple[dict[str, Any], int]:
        total = counter(conn, **filters)
        return paged(fn(conn, limit=limit, cursor=cursor, **filters), total, limit, cursor), total

    return cached_counted(request, ("listed", fn.__name__, limit, cursor, tuple(sorted(filters.items()))), build)


def cached_counted(request: Request, key: Hashable, build: Callable[[], tuple[dict[str, Any], int]]) -> Response:
    """The answer ``build()`` gives as (body, total), its encoded body and total kept in the app's result cache under ``key``."""

    def encoded() -> tuple[bytes, int]:
        body, total = build()
        return json_bytes(body), total

    content, total = request.app.state.cache.get(key, encoded)
    return respond(content, total)


def whole(items: list[Any], total: int | None = None, limit: int | None = None) -> Response:
    """An unpaged list (at most ``limit`` items) and the number of all its matches (default: the items)."""
    total = len(items) if total is None else total
    return respond(envelope(items, None, total, limit, 0), total)
