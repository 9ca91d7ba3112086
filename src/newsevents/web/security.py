"""ASGI middleware: read-only methods only, and the security headers on every response."""

from __future__ import annotations

from typing import Any, Awaitable, Callable, MutableMapping

from starlette.responses import JSONResponse

from newsevents.web.errors import error_body

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


class ReadOnlySecurity:
    """Answer every write method with 405 in the error shape; add the security headers to all answers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        if scope["method"] not in READ_METHODS:
            message = f"{scope['method']} is not allowed on {scope['path']}: newsevents serves a read-only API (GET only)"
            response = JSONResponse(error_body(405, message), status_code=405, headers={"Allow": ", ".join(READ_METHODS)})
            await response(scope, receive, send_with_headers)
            return
        if scope["method"] == "HEAD":  # routes are GET; the server drops the body of a HEAD answer
            scope = dict(scope, method="GET")
        await self.app(scope, receive, send_with_headers)
