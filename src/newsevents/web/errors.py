"""One error shape for the API (``{"error": {status, code, message}}``) and an HTML page for the dashboard."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from newsevents.errors import NotFound, QueryError, StoreError

log = logging.getLogger("newsevents.web")

CODES = {
    400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
    413: "too_large", 500: "internal_error", 503: "unavailable",
}


def error_body(status: int, message: str) -> dict[str, Any]:
    """The JSON error object every API error uses."""
    return {"error": {"status": status, "code": CODES.get(status, "error"), "message": message}}


def wants_json(request: Request) -> bool:
    """API paths and non-GET methods answer errors in JSON; dashboard pages answer HTML."""
    return request.url.path.startswith("/api") or request.method not in ("GET", "HEAD")


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The error as JSON for the API, or as the dashboard's error page."""
    if wants_json(request):
        return JSONResponse(error_body(status, message), status_code=status, headers=headers)
    from newsevents.web.render import page

    code = CODES.get(status, "error")
    try:
        response: Response = page(request, "error.html", {"title": f"{status} {code}", "status": status, "code": code, "message": message}, status)
    except Exception:  # the error page itself failed: answer plain text rather than nothing
        log.exception("cannot render the error page")
        response = PlainTextResponse(f"{status} {code}: {message}", status_code=status)
    response.headers.update(headers or {})
    return response


def validation_message(exc: RequestValidationError) -> str:
    """FastAPI's validation errors as one sentence naming each bad parameter and its value."""
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "header", "body")]
        name = ".".join(loc) or "request"
        got = f" (got {err['input']!r})" if "input" in err and not isinstance(err["input"], dict) else ""
        parts.append(f"{name}: {err.get('msg', 'invalid value')}{got}")
    return "; ".join(parts) + "; see /api/docs for the allowed values"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every exception into the error shape (never a bare 500 page)."""

    async def on_query(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, str(exc))

    async def on_not_found(request: Request, exc: Exception) -> Response:
        return error_response(request, 404, str(exc))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 400, validation_message(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or API route at {request.url.path}; see /api/docs for the routes"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}: the API is read-only (GET only)"
        return error_response(request, exc.status_code, message, dict(exc.headers or {}))

    async def on_store(request: Request, exc: Exception) -> Response:
        log.error("database error on %s: %s", request.url.path, exc)
        return error_response(request, 503, "the database cannot be read right now; try again, and check the server log")

    async def on_any(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal error; the server log has the details")

    app.add_exception_handler(QueryError, on_query)
    app.add_exception_handler(NotFound, on_not_found)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(StoreError, on_store)
    app.add_exception_handler(sqlite3.Error, on_store)
    app.add_exception_handler(Exception, on_any)
