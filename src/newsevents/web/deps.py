"""Request dependencies shared by the API and the pages: a pooled read-only connection and filters."""

from __future__ import annotations

import json
import sqlite3
from typing import Annotated, Any, Callable, Iterator, TypeVar

from fastapi import Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from newsevents.plover import EVENT_TYPES
from newsevents.query import MAX_LIMIT, STATUSES, EventFilter

T = TypeVar("T")


def connection(request: Request) -> Iterator[sqlite3.Connection]:
    """One read-only connection from the app's pool for this request."""
    with request.app.state.pool.connection() as conn:
        yield conn


Conn = Annotated[sqlite3.Connection, Depends(connection)]


def blank(value: str | None) -> str | None:
    """Treat an empty or all-space form field as not given."""
    return value.strip() if value and value.strip() else None


def event_filter(
    actor: Annotated[str | None, Query(description="Actor (source side): actor id, name, alias or country code, e.g. RUS")] = None,
    target: Annotated[str | None, Query(description="Target side: actor id, name, alias or country code")] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3 code on either side, e.g. IRN")] = None,
    type: Annotated[str | None, Query(description=f"PLOVER event type: {', '.join(EVENT_TYPES)}")] = None,
    status: Annotated[str | None, Query(description=f"Claim status: {', '.join(STATUSES)}")] = None,
    date_from: Annotated[str | None, Query(description="Earliest event day, YYYY-MM-DD (or YYYY-MM, YYYY)")] = None,
    date_to: Annotated[str | None, Query(description="Latest event day, YYYY-MM-DD (or YYYY-MM, YYYY)")] = None,
    text: Annotated[str | None, Query(description="Words in the evidence sentence")] = None,
    article: Annotated[str | None, Query(description="Only events of this article id")] = None,
    place: Annotated[str | None, Query(description="Only events at this place, by name as /api/places lists it, e.g. Moscow")] = None,
    place_country: Annotated[str | None, Query(description="Only events whose place is in this country (ISO 3166 alpha-3)")] = None,
) -> EventFilter:
    """The event filters from query parameters (blank values ignored)."""
    return EventFilter(
        actor=blank(actor), target=blank(target), country=blank(country), type=blank(type), status=blank(status),
        date_from=blank(date_from), date_to=blank(date_to), text=blank(text), article=blank(article),
        place=blank(place), place_country=blank(place_country),
    )


Filters = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int | None, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT} (default 50)")]
Cursor = Annotated[str | None, Query(description="The `next` value of the previous page")]


def cached(request: Request, fn: Callable[..., T], conn: sqlite3.Connection, *args: Any, **kwargs: Any) -> T:
    """``fn(conn, *args, **kwargs)`` through the app's result cache (for aggregates; treat the result as read-only)."""
    key = (fn.__name__, args, tuple(sorted(kwargs.items())))
    return request.app.state.cache.get(key, lambda: fn(conn, *args, **kwargs))


def cached_json(request: Request, fn: Callable[..., Any], conn: sqlite3.Connection, *args: Any, **kwargs: Any) -> Response:
    """Like ``cached``, but keeps the serialised JSON body, so a repeated aggregate costs no encoding either."""
    key = ("json", fn.__name__, args, tuple(sorted(kwargs.items())))
    body = request.app.state.cache.get(key, lambda: json_bytes(fn(conn, *args, **kwargs)))
    return Response(body, media_type="application/json")


def json_bytes(content: Any) -> bytes:
    """Compact UTF-8 JSON, as Starlette's JSONResponse writes it."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
