"""The read-only JSON API and web dashboard (the ``[web]`` extra): ``create_app(db)`` and ``serve(db)``.

The web stack (FastAPI, Jinja2, uvicorn) is imported only when these functions are called, so
``import newsevents.web`` stays as light as ``import newsevents``.
"""

from __future__ import annotations

import importlib.util
import os
from typing import TYPE_CHECKING, Iterable

from newsevents.errors import MissingExtra, SettingsError

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["app_from_settings", "create_app", "serve"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")
_STACK = ("fastapi", "jinja2", "uvicorn")  # what the [web] extra installs


def require_web() -> None:
    """Raise MissingExtra, naming the pip command, when a package of the ``[web]`` extra is not installed."""
    missing = [name for name in _STACK if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtra(f"the web extra is not installed (no {', '.join(missing)}); run: pip install 'newsevents[web]'")


def create_app(db: str, *, cache_size: int = 128, trusted_hosts: str | Iterable[str] | None = None) -> "FastAPI":
    """The ASGI app serving the API under /api and the dashboard pages, reading ``db`` read-only.

    ``cache_size`` aggregate results (stats, dyads, actors, places) are kept until the database
    changes; 0 turns the cache off. ``trusted_hosts`` are the Host names answered (comma-separated
    or a list, "*" for any); None takes the ``trusted_hosts`` setting (NEWSEVENTS_TRUSTED_HOSTS,
    loopback names by default). Requests naming any other host get 400.
    """
    require_web()
    from newsevents.web.app import build_app

    if trusted_hosts is None:
        from newsevents.settings import Settings

        trusted_hosts = Settings.make().trusted_hosts
    return build_app(db, cache_size, trusted_hosts)


def app_from_settings() -> "FastAPI":
    """The app for the database the settings name (``NEWSEVENTS_DB``, ``NEWSEVENTS_TRUSTED_HOSTS``): what each process of
    ``serve(..., workers=N)`` builds for itself."""
    from newsevents.settings import Settings

    settings = Settings.make()
    return create_app(settings.db, trusted_hosts=settings.trusted_hosts)


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, trusted_hosts: str | Iterable[str] | None = None,
          workers: int = 1) -> None:  # fmt: skip
    """Serve ``create_app(db)`` with uvicorn on ``host``:``port`` until interrupted (loopback by default).

    ``workers`` > 1 runs that many server processes on the one port (uvicorn's workers), each with its
    own connections and result cache: a page's Python work then runs on several cores at once.
    """
    require_web()
    import uvicorn

    if workers < 1:
        raise SettingsError(f"workers must be 1 or more server processes, got {workers}")
    app = create_app(db, trusted_hosts=trusted_hosts)  # fails now, with the store's message, if the database is unusable
    if host not in LOOPBACK:
        print(f"warning: serving on {host}, not loopback: anyone who can reach this address can read {db}")
        print(f"answering only requests for the trusted hosts {app.state.trusted_hosts!r}; allow more names with "
              "NEWSEVENTS_TRUSTED_HOSTS or --trusted-hosts")
    print(f"newsevents dashboard on http://{'[' + host + ']' if ':' in host else host}:{port}/  (API docs at /api/docs; Ctrl+C to stop)")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
        return
    hosts = app.state.trusted_hosts
    os.environ["NEWSEVENTS_DB"] = db  # the worker processes build their app from the settings (app_from_settings)
    os.environ["NEWSEVENTS_TRUSTED_HOSTS"] = hosts if isinstance(hosts, str) else ",".join(hosts)
    uvicorn.run("newsevents.web:app_from_settings", factory=True, workers=workers, host=host, port=port, log_level="info",
                server_header=False)  # fmt: skip
