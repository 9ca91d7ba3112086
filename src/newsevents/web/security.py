"""ASGI middleware: the security headers on every response, trusted Host names, read-only methods only."""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Iterable, MutableMapping

from starlette.requests import Request
from starlette.responses import JSONResponse

from newsevents.web.errors import error_body, error_response
from newsevents.web.hosts import TrustedHosts

log = logging.getLogger("newsevents.web")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: scripts and styles only from our own static files; no inline code, no frames, no plugins
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
READ_METHODS = ("GET", "HEAD")


LOOPBACK_HOSTS = "127.0.0.1,localhost,::1"


class ReadOnlySecurity:
    """The outermost layer: security headers on all answers (errors and 500s too), Host check, GET only.

    It wraps the whole app, Starlette's 500 handler included, so no answer leaves without the
    headers; an exception that escapes everything still answers 500 in the error shape.
    """

    def __init__(self, app: ASGIApp, trusted_hosts: str | Iterable[str] = LOOPBACK_HOSTS) -> None:
        self.app = app
        self.checked = TrustedHosts(self._read_only, trusted_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.checked(scope, receive, send)
            return
        status, finished = 0, False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, finished
            if message["type"] == "http.response.start":
                status = message["status"]
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                finished = True
            await send(message)

        try:
            await self.checked(scope, receive, send_with_headers)
        except Exception:
            if finished and status == 500:  # Starlette's handler (errors.on_any) logged it and answered: keep the connection
                return
            if status:  # part of an answer is out: let the server log it and drop the connection
                raise
            log.exception("unexpected error on %s", scope.get("path"))
            response = error_response(Request(scope), 500, "internal error; the server log has the details")
            await response(scope, receive, send_with_headers)

    async def _read_only(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer every write method with 405 in the error shape."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in READ_METHODS:
            message = f"{scope['method']} is not allowed on {scope['path']}: newsevents serves a read-only API (GET only)"
            response = JSONResponse(error_body(405, message), status_code=405, headers={"Allow": ", ".join(READ_METHODS)})
            await response(scope, receive, send)
            return
        if scope["method"] == "HEAD":  # routes are GET; the server drops the body of a HEAD answer
            scope = dict(scope, method="GET")
        await self.app(scope, receive, send)
