"""Issue #11, hardening: each attack from the issue replayed against a real server on 127.0.0.1.

Huge and malformed pagination cursors, ``javascript:`` URLs in a record's ``url``, foreign Host
headers, an unexpected exception (still a 500 *with* the security headers), and a probe of every
route with hostile values for each of its parameters: never a 5xx, always the security headers.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import socket
import time
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from factories import make_document
from test_web_data import ServerThread, build_web_db, free_port
from newsevents.store import open_store
from newsevents.web.security import HEADERS

API_LISTS = ["/api/articles", "/api/events", "/api/actors", "/api/quotes"]
PAGE_LISTS = ["/events", "/actors", "/search"]


def cursor_of(obj: Any) -> str:
    """A cursor the way the server writes them, around any JSON (or raw bytes)."""
    raw = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
    return base64.urlsafe_b64encode(raw).decode()


#: cursors that decode to an offset nothing can page to, or to no offset at all
BAD_CURSORS = [
    cursor_of({"o": 1e30}), cursor_of({"o": 2**63}), cursor_of({"o": 2**64}), cursor_of({"o": 2**31 + 1}), cursor_of({"o": -1}),
    cursor_of({"o": 1.5}), cursor_of({"o": "10"}), cursor_of({"o": True}), cursor_of({"o": None}), cursor_of({"o": [1]}),
    cursor_of({"o": float("nan")}), cursor_of({"o": float("inf")}), cursor_of({"p": 1}), cursor_of([1, 2]), cursor_of("o"),
    cursor_of(b'{"o": ' + b"9" * 5000 + b"}"), cursor_of(b"\xff\xfe\x00"), cursor_of(b"not json"),
    "not-a-cursor", "%%%", "====", "A" * 10_000, "\x00", "eyJvIjogMTB9" + "\x00",
]


def assert_headers(r: httpx.Response) -> None:
    """Every security header of web/security.py, with its value."""
    for name, value in HEADERS:
        assert r.headers.get(name.decode()) == value.decode(), f"{r.request.url}: {name.decode()} missing ({r.status_code})"


def assert_error(r: httpx.Response, status: int) -> str:
    """The API's one JSON error shape with ``status`` and the security headers; return the message."""
    assert r.status_code == status, (r.request.url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["message"]
    assert_headers(r)
    return str(body["error"]["message"])


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_web_db(tmp_path_factory.mktemp("hardening") / "web.db")


@pytest.fixture(scope="module")
def server(db):
    with ServerThread(db) as srv:
        yield srv


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=20) as c:
        yield c


# -- 1. cursors ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", API_LISTS)
@pytest.mark.parametrize("cursor", BAD_CURSORS, ids=range(len(BAD_CURSORS)))
def test_bad_cursor_is_400_in_the_error_shape_on_the_api(client, url, cursor):
    assert "cursor" in assert_error(client.get(url, params={"cursor": cursor}), 400)


@pytest.mark.parametrize("url", PAGE_LISTS)
@pytest.mark.parametrize("cursor", BAD_CURSORS, ids=range(len(BAD_CURSORS)))
def test_bad_cursor_is_a_400_page(client, url, cursor):
    r = client.get(url, params={"cursor": cursor})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html"), (r.status_code, r.text[:300])
    assert "cursor" in r.text
    assert_headers(r)


@pytest.mark.parametrize("url", API_LISTS)
def test_largest_allowed_cursor_is_an_empty_page(client, url):
    page = client.get(url, params={"cursor": cursor_of({"o": 2**31})}).json()
    assert page["items"] == [] and page["next"] is None and page["offset"] == 2**31 and page["total"] < 2**31
    assert client.get(url, params={"cursor": cursor_of({"o": 0})}).status_code == 200


@pytest.mark.parametrize("params", [
    {"limit": "1e30"}, {"limit": str(2**63)}, {"limit": "-1"}, {"limit": "NaN"}, {"limit": "1.5"}, {"limit": "0x10"},
    {"date_from": "9999-99-99x"}, {"date_to": "\x00"}, {"sort": "'; DROP TABLE events; --"},
])
def test_bad_numbers_and_dates_are_400(client, params):
    for url in ["/api/events", "/api/places", "/api/articles", "/api/quotes", "/api/actors"]:
        if url == "/api/events" or "limit" in params:
            assert_error(client.get(url, params=params), 400)
    if "limit" not in params:  # the pages take no limit
        for url in ["/events"] + (["/map"] if "sort" not in params else []):  # the map takes no sort
            r = client.get(url, params=params)
            assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
            assert_headers(r)


# -- 1b. an unexpected exception still answers 500 with the headers --------------------------


def _boom(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("boom from a test")


def test_unexpected_exception_is_a_500_with_the_security_headers(client, monkeypatch, caplog):
    from newsevents import query

    monkeypatch.setattr(query, "quotes_listing", _boom)
    monkeypatch.setattr(query, "list_articles", _boom)
    with caplog.at_level("CRITICAL", logger="newsevents.web"):
        message = assert_error(client.get("/api/quotes"), 500)
        assert "internal error" in message and "boom" not in message
        page = client.get("/search")
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html") and "boom" not in page.text
    assert_headers(page)


def _run_asgi(app: Any, path: str = "/api/x", headers: list[tuple[bytes, bytes]] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Call an ASGI app once; return status, headers and body."""
    messages: list[dict[str, Any]] = []
    scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(), "query_string": b"", "scheme": "http",
             "headers": headers if headers is not None else [(b"host", b"127.0.0.1:8000")], "http_version": "1.1",
             "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000), "root_path": ""}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


def test_the_outermost_layer_answers_500_with_headers_when_everything_inside_fails(caplog):
    from newsevents.web.security import ReadOnlySecurity

    async def broken(scope: Any, receive: Any, send: Any) -> None:
        raise ValueError("nothing inside handled this")

    with caplog.at_level("CRITICAL", logger="newsevents.web"):
        status, headers, body = _run_asgi(ReadOnlySecurity(broken))
    assert status == 500 and json.loads(body)["error"]["code"] == "internal_error"
    assert all(headers.get(k.decode()) == v.decode() for k, v in HEADERS)


# -- 2. javascript: and other non-http URLs are never links ----------------------------------

HOSTILE_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "\x01javascript:alert(1)", " java\tscript:alert(1)", "\njavascript:alert(1)",
    "java\nscript:alert(1)", "\x00javascript:alert(1)", "  \x1f JAVASCRIPT:alert(document.domain)", "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "http:evil.example",
    "https:\\\\evil.example", "jav&#x09;ascript:alert(1)", "\u00a0javascript:alert(1)", "ftp://example.org/a", "mailto:a@b.c",
    'https://example.org/" onmouseover="alert(1)', "",
]


@pytest.mark.parametrize("value", HOSTILE_URLS)
def test_safe_href_refuses_anything_but_http_links(value):
    from newsevents.web.render import safe_href

    got = safe_href(value)
    if value.startswith("https://example.org/"):  # a real https link: kept, the template escapes the quote
        assert got == value
    else:
        assert got is None, value


@pytest.mark.parametrize("value, expected", [
    ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"), ("HTTP://Example.org/", "HTTP://Example.org/"),
    (" \thttps://example.org/x\n", "https://example.org/x"), ("http://exa\tmple.org/", "http://example.org/"),
])
def test_safe_href_keeps_http_links(value, expected):
    from newsevents.web.render import safe_href

    assert safe_href(value) == expected


def test_non_http_urls_in_records_render_as_text(tmp_path):
    """Articles whose ``url`` holds a hostile URL: no href other than our own paths and http(s) links."""
    from markupsafe import escape

    from newsevents.web.render import safe_href

    docs = []
    for n, url in enumerate(HOSTILE_URLS + ["https://example.org/fine"], start=1):
        doc = make_document(n)
        docs.append(replace(doc, article=replace(doc.article, url=url)))
    db = tmp_path / "urls.db"
    with open_store(db) as store:
        store.write_documents(docs)
    with ServerThread(db) as srv, httpx.Client(base_url=srv.url, timeout=20) as client:
        for doc in docs:
            r = client.get(f"/articles/{doc.article.id}")
            assert r.status_code == 200
            hrefs = re.findall(r"""href\s*=\s*["']?([^"'\s>]*)""", r.text, re.I)
            assert hrefs and all(re.match(r"(/|#|\?|https?://)", h) for h in hrefs), (doc.article.url, hrefs)
            assert not re.search(r"href\s*=\s*[\"']?\s*[^\"'>]*script:", r.text, re.I)
            assert 'onmouseover="' not in r.text
            href = safe_href(doc.article.url)
            if href:
                assert f'<a href="{escape(href)}" rel="noreferrer nofollow">original</a>' in r.text
            elif doc.article.url:
                assert "original:" in r.text and ">original</a>" not in r.text, doc.article.url
    assert sum(bool(safe_href(d.article.url)) for d in docs) == 2


# -- 3. trusted Host names -------------------------------------------------------------------


@pytest.mark.parametrize("header, name", [
    ("127.0.0.1", "127.0.0.1"), ("127.0.0.1:8000", "127.0.0.1"), ("localhost", "localhost"), ("LocalHost:80", "localhost"),
    ("localhost.", "localhost"), ("[::1]:8000", "::1"), ("[::1]", "::1"), ("[::1]:", "::1"), ("::1", None), ("[::1", None),
    ("[::1]x", None), ("127.0.0.1:port", None), ("", None), (":8000", None), ("news.example.org:443", "news.example.org"),
    ("127.0.0.1:", "127.0.0.1"),
])
def test_host_name_strips_the_port(header, name):
    from newsevents.web.hosts import host_name

    assert host_name(header) == name


def test_trusted_names_and_wildcard():
    from newsevents.web.hosts import allowed, parse_trusted

    loop = parse_trusted("127.0.0.1,localhost,::1")
    assert loop == {"127.0.0.1", "localhost", "::1"}
    assert parse_trusted(" News.Example.org , [::1] ,,") == {"news.example.org", "::1"}
    assert parse_trusted(["a.example", "b.example,c.example"]) == {"a.example", "b.example", "c.example"}
    for good in ["127.0.0.1:1", "localhost", "[::1]:8000", "LOCALHOST"]:
        assert allowed(good, loop), good
    for bad in ["evil.example", "127.0.0.1.nip.io", "localhost.evil.example", "127.0.0.2", "[::2]:80", "0.0.0.0", None, "",
                "127.0.0.1:80:80", "127.0.0.1 :80", "127.0.0.1@evil", "user@127.0.0.1", "127.0.0.1:-1"]:
        assert not allowed(bad, loop), bad
    assert allowed("anything.example:9", parse_trusted("*")) and allowed(None, parse_trusted("*"))


def test_the_default_stays_loopback(tmp_path, monkeypatch):
    from newsevents.settings import Settings
    from newsevents.web import create_app

    monkeypatch.delenv("NEWSEVENTS_TRUSTED_HOSTS", raising=False)
    assert Settings.make().trusted_hosts == "127.0.0.1,localhost,::1"
    app = create_app(str(build_web_db(tmp_path / "d.db")))
    assert app.state.trusted_hosts == "127.0.0.1,localhost,::1"


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io", "localhost.evil.example", "[::2]:8000", "::1"])
@pytest.mark.parametrize("url", ["/api/stats", "/", "/static/app.js", "/api/nowhere"])
def test_foreign_host_is_400_with_a_way_to_allow_it(client, host, url):
    message = assert_error(client.get(url, headers={"Host": host}), 400)
    assert "NEWSEVENTS_TRUSTED_HOSTS" in message and "--trusted-hosts" in message


def test_foreign_host_is_refused_for_writes_too(client):
    assert_error(client.post("/api/stats", headers={"Host": "evil.example"}), 400)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "localhost:1234", "[::1]:8000", "LOCALHOST."])
def test_loopback_hosts_are_served(client, host):
    r = client.get("/api/stats", headers={"Host": host})
    assert r.status_code == 200 and r.json()["articles"] == 7
    assert_headers(r)


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    return out


def test_missing_or_repeated_host_is_refused(server):
    answer = _raw(server.port, b"GET /api/stats HTTP/1.0\r\n\r\n")  # HTTP/1.0 may leave Host out: we refuse it
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400") and b"content-security-policy:" in head.lower(), answer[:300]
    assert b"no Host header" in body and b"NEWSEVENTS_TRUSTED_HOSTS" in body
    # two Host headers: the HTTP parser (h11) refuses them before the app; TrustedHosts would too
    answer = _raw(server.port, b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400"), answer[:300]
    from newsevents.web.hosts import TrustedHosts

    status, headers, body = _run_asgi(TrustedHosts(_never_called, "127.0.0.1"), headers=[(b"host", b"127.0.0.1"), (b"host", b"evil.example")])
    assert status == 400 and b"evil.example" in body


async def _never_called(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("the request should have been refused")


class AppServer(ServerThread):
    """Like ServerThread, with ``create_app`` keyword arguments."""

    def __init__(self, db: Path, **kwargs: Any) -> None:  # noqa: D107
        import threading

        import uvicorn

        from newsevents.web import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(str(db), **kwargs), host="127.0.0.1", port=self.port, log_level="warning", ws="none", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="web-test-server", daemon=True)


def test_trusted_hosts_from_the_setting_and_the_argument(db, monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_TRUSTED_HOSTS", "news.example.org, [::1]")
    with AppServer(db) as srv, httpx.Client(base_url=srv.url, timeout=20) as c:
        assert c.get("/api/stats", headers={"Host": "news.example.org:8000"}).status_code == 200
        assert c.get("/api/stats", headers={"Host": "[::1]:8000"}).status_code == 200
        assert_error(c.get("/api/stats"), 400)  # 127.0.0.1 is no longer listed
    monkeypatch.delenv("NEWSEVENTS_TRUSTED_HOSTS")
    with AppServer(db, trusted_hosts="*") as srv, httpx.Client(base_url=srv.url, timeout=20) as c:
        r = c.get("/api/stats", headers={"Host": "anything.example"})
        assert r.status_code == 200
        assert_headers(r)
    with AppServer(db, trusted_hosts=["testserver"]) as srv, httpx.Client(base_url=srv.url, timeout=20) as c:
        assert c.get("/api/stats", headers={"Host": "testserver"}).status_code == 200
        assert_error(c.get("/api/stats"), 400)


def test_serve_passes_trusted_hosts(db, monkeypatch, capsys):
    import uvicorn

    from newsevents.web import serve

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    serve(str(db), host="0.0.0.0", trusted_hosts="news.example.org")
    assert seen["app"].state.trusted_hosts == "news.example.org"
    assert "NEWSEVENTS_TRUSTED_HOSTS" in capsys.readouterr().out


# -- 5. probe every route with hostile values ------------------------------------------------

#: values for any parameter: numbers out of every range, injections, markup, control characters, huge strings
HOSTILE = [
    "1e30", str(2**63), "-1", str(-(2**63) - 1), "NaN", "1.5", "", "   ", "'; DROP TABLE articles; --", '" OR ""="',
    "<script>alert(1)</script>", "a\x00b", "%00", "%", "\\", "../../../../etc/passwd", 'NEAR(a b)* "', "\u202e\U0001f642é",
    "\ud800", "A" * 10_240, "é" * 2_000, "9999-99-99", "{}", *BAD_CURSORS[:2], BAD_CURSORS[4], BAD_CURSORS[10], cursor_of(b"not json"),
]
#: a valid value for each path parameter, so the other parameters reach the handler
PATH_DEFAULTS = {"article_id": "0000000000000001", "actor_id": "vladimir-putin", "cluster_id": "ec000000000000", "a": "RUS", "b": "IRN", "path": "style.css"}


def _encode(value: str) -> str:
    """Percent-encode a value for a URL; a lone surrogate goes as raw invalid UTF-8 bytes."""
    return "%ED%A0%80".join(quote(part, safe="") for part in value.split("\ud800"))


def _routes(app: Any) -> list[tuple[str, Any]]:
    """(full path, route) for every route, also inside included routers (FastAPI >= 0.16x nests them)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI: app.routes is flat
        return [(route.path, route) for route in app.routes]
    return [(ctx.path, ctx.original_route) for ctx in iter_route_contexts(app.routes)]


def _route_params(app: Any) -> list[tuple[str, list[str], list[str]]]:
    """Every route of the app: (path, path parameter names, query parameter names)."""
    from fastapi.routing import APIRoute
    from starlette.routing import Mount

    def walk(dep: Any) -> tuple[list[str], list[str]]:
        path = [f.alias for f in dep.path_params]
        query = [f.alias for f in dep.query_params]
        for sub in dep.dependencies:
            p, q = walk(sub)
            path += p
            query += q
        return path, query

    out = []
    for full, route in _routes(app):
        if isinstance(route, APIRoute):
            path, query = walk(route.dependant)
            out.append((full, sorted(set(path)), sorted(set(query))))
        elif isinstance(route, Mount):
            out.append((full + "/{path}", ["path"], []))
        elif full:  # the openapi.json route
            out.append((full, [], []))
    return out


def _url(path: str, path_values: dict[str, str], query: dict[str, str]) -> str:
    url = path
    for name, value in path_values.items():
        url = url.replace("{" + name + "}", _encode(value))
    if query:
        url += "?" + "&".join(f"{quote(k, safe='')}={_encode(v)}" for k, v in query.items())
    return url


def probe_urls(app: Any) -> list[str]:
    """One URL per route, parameter and hostile value, plus every value in all parameters at once (short ones)."""
    urls = []
    for path, path_params, query_params in _route_params(app):
        defaults = {p: PATH_DEFAULTS[p] for p in path_params}
        urls.append(_url(path, defaults, {}))
        for value in HOSTILE:
            for p in path_params:
                if value:  # an empty segment is another route
                    urls.append(_url(path, {**defaults, p: value}, {}))
            for q in query_params or ["unknown"]:
                urls.append(_url(path, defaults, {q: value}))
            if len(query_params) > 1 and len(value) < 200:
                urls.append(_url(path, defaults, {q: value for q in query_params}))
    return urls


def test_probe_every_route_with_hostile_values(server, client, capsys):
    app = server.server.config.app
    urls = probe_urls(app)
    routes = _route_params(app)
    assert {"/api/events", "/api/articles/{article_id}", "/events", "/actors/{actor_id}", "/dyads/{a}/{b}", "/static/{path}",
            "/api/openapi.json", "/api/docs"} <= {r[0] for r in routes}
    failures, statuses, started = [], {}, time.monotonic()
    for url in urls:
        try:
            r = client.get(url)
        except httpx.TransportError as exc:  # the server dropped the connection (an unhandled error)
            failures.append(f"{type(exc).__name__} {url[:150]}")
            continue
        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
        missing = [k.decode() for k, v in HEADERS if r.headers.get(k.decode()) != v.decode()]
        if r.status_code >= 500 or missing:
            failures.append(f"{r.status_code} {url[:150]} missing={missing}")
    with capsys.disabled():
        print(f"\nhostile probes: {len(urls)} requests over {len(routes)} routes in {time.monotonic() - started:.1f} s, "
              f"statuses {dict(sorted(statuses.items()))}, {len(failures)} failures (5xx or missing headers)")
    assert not failures, "\n".join(failures[:50])
