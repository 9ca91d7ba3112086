"""The read-only JSON API and web dashboard (the ``[web]`` extra): ``create_app(db)`` and ``serve(db)``.

The web stack (FastAPI, Jinja2, uvicorn) is imported only when these functions are called, so
``import newsevents.web`` stays as light as ``import newsevents``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "serve"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def create_app(db: str, *, cache_size: int = 128) -> "FastAPI":
    """The ASGI app serving the API under /api and the dashboard pages, reading ``db`` read-only.

    ``cache_size`` aggregate results (stats, dyads, actors, places) are kept until the database
    changes; 0 turns the cache off.
    """
    from newsevents.web.app import build_app

    return build_app(db, cache_size)


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``create_app(db)`` with uvicorn on ``host``:``port`` until interrupted (loopback by default)."""
    import uvicorn

    app = create_app(db)
    if host not in LOOPBACK:
        print(f"warning: serving on {host}, not loopback: anyone who can reach this address can read {db}")
    print(f"newsevents dashboard on http://{'[' + host + ']' if ':' in host else host}:{port}/  (API docs at /api/docs; Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
