"""Trusted Host names: answer only requests addressed to a name we serve (guards against DNS rebinding).

A web page on another site can point its own domain at 127.0.0.1 and then read a loopback server
from the browser; such requests carry that domain in their Host header. So the server answers
only the names in the ``trusted_hosts`` setting (loopback by default), and 400 to any other.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Iterable, MutableMapping

from starlette.responses import JSONResponse

from newsevents.web.errors import error_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ANY = "*"


def normalise(name: str) -> str:
    """A host name for comparison: lower case, no brackets around IPv6, no trailing dot."""
    name = name.lower()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    return name[:-1] if name.endswith(".") else name


def parse_trusted(value: str | Iterable[str]) -> frozenset[str]:
    """The trusted names from the setting: a comma-separated string or a list ("*" accepts any host)."""
    names = value.split(",") if isinstance(value, str) else [n for part in value for n in str(part).split(",")]
    return frozenset(normalise(n.strip()) for n in names if n.strip())


def host_name(header: str) -> str | None:
    """The name in a Host header without its port ("[::1]:8000" -> "::1"); None when malformed."""
    header = header.strip()
    if header.startswith("["):
        end = header.find("]")
        if end < 0:
            return None
        name, rest = header[1:end], header[end + 1:]
        if rest and not (rest.startswith(":") and (rest[1:].isdigit() or rest == ":")):
            return None
        return normalise(name) or None
    if header.count(":") > 1:  # a bare IPv6 address is not a valid Host header
        return None
    name, _, port = header.partition(":")
    if port and not port.isdigit():
        return None
    return normalise(name) or None


def allowed(header: str | None, trusted: frozenset[str]) -> bool:
    """Whether a request with this Host header (None when missing) may be answered."""
    if ANY in trusted:
        return True
    name = host_name(header) if header is not None else None
    return name is not None and name in trusted


class TrustedHosts:
    """ASGI middleware: 400 in the error shape for a Host header not in ``trusted``."""

    def __init__(self, app: ASGIApp, trusted: str | Iterable[str]) -> None:
        self.app = app
        self.trusted = parse_trusted(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        values = [v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == b"host"]
        header = values[0] if len(values) == 1 else None  # a missing or repeated Host is refused too
        if allowed(header, self.trusted):
            await self.app(scope, receive, send)
            return
        shown = "no Host header" if header is None and not values else f"Host {', '.join(values)[:200]!r}"
        message = (
            f"{shown} is not served here: this server answers {', '.join(sorted(self.trusted)) or 'no host'}. "
            "To allow it, set NEWSEVENTS_TRUSTED_HOSTS (comma-separated names, '*' for any) or pass "
            "`newsevents serve --trusted-hosts NAMES`"
        )
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await JSONResponse(error_body(400, message), status_code=400)(scope, receive, send)
