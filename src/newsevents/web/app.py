"""The app factory: API and pages on one read-only connection pool, our own docs, strict headers."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, AsyncIterator, Iterable

import anyio.to_thread
from fastapi import FastAPI
from starlette.responses import HTMLResponse
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents import __version__
from newsevents.web import apidocs, api, errors, pages
from newsevents.web.cache import ResultCache
from newsevents.web.pool import ReadPool
from newsevents.web.render import environment
from newsevents.web.security import LOOPBACK_HOSTS, ReadOnlySecurity

log = logging.getLogger("newsevents.web")
#: request threads: SQLite releases the GIL while a query runs, so a few threads overlap queries;
#: more only fight over the GIL and widen the latency tail (bench/web_bench.py, 10 clients, 2 cores)
READ_THREADS = 4
DESCRIPTION = (
    "Read-only access to a newsevents database: articles with their annotations, coded events, actors with "
    "their roles, quotes and dyad time series. Lists answer `{\"items\": [...], \"next\": cursor, \"total\", \"limit\", \"offset\"}` "
    "(`total`: every match of the filter, also in the `X-Total-Count` header); pass `next` back as `cursor` for the "
    "following page. Add `format=csv`, `json` or `parquet` to a list route to download every match of its filters as "
    "one file (streamed, not one page; events as the export's flat rows). Every error answers "
    "`{\"error\": {\"status\", \"code\", \"message\"}}`."
)


#: The docs site that `make docs` builds, beside src/ in a checkout (an editable install).
DOCS_SITE = Path(__file__).resolve().parents[3] / "site"
#: MkDocs Material's executable inline scripts (not its JSON config block), whose hashes the docs' policy allows.
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def _short_page(title: str, body: str) -> str:
    """A minimal HTML page in the dashboard's style (no script)."""
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<link rel=\"stylesheet\" href=\"/static/style.css\"></head><body><main><h1>{title}</h1>{body}</main></body></html>")


NO_DOCS_PAGE = _short_page(
    "Documentation not built",
    "<p>The documentation site is not built on this machine. In the newsevents checkout run <code>make docs</code>, "
    "then restart <code>newsevents serve</code>; this page will show the codebook, the data dictionary and the "
    "accuracy figures.</p><p><a href=\"/\">Back to the dashboard</a></p>",
)
DOCS_HERE_PAGE = _short_page("Documentation", "<p>The documentation is at <a href=\"/docs/index.html\">/docs/index.html</a>.</p>")


class DocsSite:
    """The built docs site as static files, under a policy that allows exactly its own inline scripts.

    The app's policy forbids inline scripts; MkDocs Material has two small ones on every page. Their
    sha256 hashes, read from the built pages when the app starts, are added to ``script-src`` of the
    site's HTML answers; the security layer adds its other headers and keeps this policy (it only
    fills headers that are missing). Other answers (assets, the not-found page) keep the app's policy.
    """

    def __init__(self, directory: Path) -> None:
        self.files = StaticFiles(directory=str(directory), html=True)
        scripts = {m.group(1) for page in directory.rglob("*.html") for m in _INLINE_SCRIPT.finditer(page.read_text("utf-8"))}
        hashes = " ".join(sorted(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts))
        self.policy = (
            f"default-src 'self'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            "frame-ancestors 'none'"
        ).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_policy(message: Message) -> None:
            headers = dict(message.get("headers", []))
            page = message["type"] == "http.response.start" and message["status"] == 200
            if page and headers.get(b"content-type", b"").startswith(b"text/html"):
                message["headers"] = [*message["headers"], (b"content-security-policy", self.policy)]
            await send(message)

        await self.files(scope, receive, send_with_policy)


def mount_docs(app: FastAPI, site: Path) -> None:
    """Serve the built docs site under /docs/, or a page saying how to build it.

    Bare ``/docs`` answers 404 either way (where FastAPI would put Swagger UI, which we keep off: it
    loads from a CDN), with a link to the site's first page when it is built.
    """
    built = (site / "index.html").is_file()

    @app.get("/docs", include_in_schema=False)
    def docs_bare() -> HTMLResponse:
        """Not a page: point to the docs site (or say how to build it)."""
        return HTMLResponse(DOCS_HERE_PAGE if built else NO_DOCS_PAGE, status_code=404)

    if built:
        app.mount("/docs", DocsSite(site), name="docs")
        return

    @app.get("/docs/{path:path}", include_in_schema=False)
    def docs_missing(path: str) -> HTMLResponse:
        """The docs site is not built: say how to build it."""
        return HTMLResponse(NO_DOCS_PAGE, status_code=404)


class NewsEventsApp(FastAPI):
    """FastAPI with our security layer outside everything, Starlette's own 500 handler included."""

    def build_middleware_stack(self) -> ASGIApp:
        return ReadOnlySecurity(super().build_middleware_stack(), self.state.trusted_hosts)


def build_app(db: str, cache_size: int = 128, trusted_hosts: str | Iterable[str] = LOOPBACK_HOSTS,
              docs_site: Path | None = None) -> FastAPI:
    """Create the app for database ``db`` (opened read-only; fails now if it cannot be opened).

    ``trusted_hosts``: the Host names answered (comma-separated or a list; "*" for any).
    ``docs_site``: the built docs site served under /docs/ (default: ``DOCS_SITE``, what ``make docs`` builds);
    when it is not built, /docs/ answers a page saying how to build it.
    """
    pool = ReadPool(db)
    if pool.pending:
        log.warning("database %s lacks migrations %s; the API works but may be slow. Apply them with any write, "
                    "e.g. `newsevents ingest` into it", db, ", ".join(pool.pending))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = READ_THREADS
        yield
        pool.close()

    app = NewsEventsApp(
        title="newsevents", version=__version__, description=DESCRIPTION, lifespan=lifespan,
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    app.state.pool = pool
    app.state.db = db
    app.state.trusted_hosts = trusted_hosts
    app.state.cache = ResultCache(db, cache_size)
    app.state.templates = environment()
    errors.install(app)
    app.include_router(api.router)
    app.include_router(apidocs.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(resources.files("newsevents.web") / "static")), name="static")
    mount_docs(app, docs_site or DOCS_SITE)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's description, with its 422 answers removed: bad parameters answer 400 in our error shape."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    for methods in spec.get("paths", {}).values():
        for op in methods.values():
            op.get("responses", {}).pop("422", None)
    for name in ("HTTPValidationError", "ValidationError"):
        spec.get("components", {}).get("schemas", {}).pop(name, None)
    if not spec.get("components", {}).get("schemas"):
        spec.pop("components", None)
    app.openapi_schema = spec
    return spec
