"""The app factory: API and pages on one read-only connection pool, our own docs, strict headers."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any, AsyncIterator, Iterable

import anyio.to_thread
from fastapi import FastAPI
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

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
    "their roles, quotes and dyad time series. Lists answer `{\"items\": [...], \"next\": cursor}`; pass `next` "
    "back as `cursor` for the following page. Every error answers "
    "`{\"error\": {\"status\", \"code\", \"message\"}}`."
)


class NewsEventsApp(FastAPI):
    """FastAPI with our security layer outside everything, Starlette's own 500 handler included."""

    def build_middleware_stack(self) -> ASGIApp:
        return ReadOnlySecurity(super().build_middleware_stack(), self.state.trusted_hosts)


def build_app(db: str, cache_size: int = 128, trusted_hosts: str | Iterable[str] = LOOPBACK_HOSTS) -> FastAPI:
    """Create the app for database ``db`` (opened read-only; fails now if it cannot be opened).

    ``trusted_hosts``: the Host names answered (comma-separated or a list; "*" for any).
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
