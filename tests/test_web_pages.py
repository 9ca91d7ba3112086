"""The dashboard pages over a hand-made database: rendered, escaped, linked, self-contained."""

from __future__ import annotations

import re
import subprocess
import sys

import httpx
import pytest

from test_web_data import MARKUP_ID, XSS, ServerThread, build_web_db

PAGES = ["/", "/articles/0000000000000001", f"/articles/{MARKUP_ID}", "/events", "/events?type=ACCUSE&sort=-goldstein",
         "/map", "/actors", "/actors/vladimir-putin", "/dyads/RUS/IRN", "/dyads/RUS/IRN?by=week", "/search", "/search?q=Putin", "/api/docs"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """An HTTP client for a server over the hand-made database."""
    db = build_web_db(tmp_path_factory.mktemp("pages") / "web.db")
    with ServerThread(db) as server, httpx.Client(base_url=server.url, timeout=10) as c:
        yield c


@pytest.mark.parametrize("url", PAGES)
def test_page_renders_self_contained(client, url):
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/app.js" defer>'], "scripts come from static files only"
    assert " style=" not in html and "<style" not in html, "no inline styles (CSP style-src 'self')"
    assert not re.search(r"""<(script|link|img)\b[^>]*(src|href)=["']?(https?:)?//""", html), "no asset from another host"
    assert re.search(r"<[a-zA-Z][^<>]*\son[a-z]+\s*=", html) is None, "no inline event handlers"


def test_static_assets_are_shipped_with_their_types(client):
    for path, kind in [("/static/style.css", "text/css"), ("/static/app.js", "javascript"), ("/static/favicon.svg", "image/svg+xml")]:
        r = client.get(path)
        assert r.status_code == 200 and kind in r.headers["content-type"]


def test_markup_in_an_article_shows_as_text(client):
    html = client.get(f"/articles/{MARKUP_ID}").text
    assert XSS not in html and "<img src=x" not in html and "<b>attack" not in html and "<b>Credit" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4  # title, heading, caption, body, quote
    search = client.get("/search", params={"q": "reader posted"}).text
    assert XSS not in search and "&lt;script&gt;" in search


def test_article_highlights_entities_quotes_and_event_triggers(client):
    html = client.get("/articles/0000000000000001").text
    assert re.search(r'<span class="anchor" id="ev-w1e0"></span><mark class="ev q1" data-events="w1e0"[^>]*>met</mark>', html)
    assert re.search(r'<mark class="ev q3" data-events="w1e1"[^>]*>accused</mark>', html)
    assert re.search(r'<span class="ent ent-PERSON"[^>]*>Vladimir Putin</span>', html)
    assert re.search(r'<span class="quote said-direct" data-attribution="a1" title="quoted — Vladimir Putin"[^>]*>Our countries stand together,</span>', html)
    assert re.search(r'<span class="said-cue" data-attribution="a1"[^>]*>said</span>', html)
    assert 'id="said-a1"' in html and "Who said what" in html
    assert 'id="card-w1e1"' in html and 'href="/actors/sergei-lavrov"' in html
    assert "Kremlin Press Office" in html  # caption credit


def test_events_rows_link_to_their_evidence(client):
    html = client.get("/events", params={"actor": "sergei-lavrov"}).text
    links = re.findall(r'href="/articles/([0-9a-f]+)#ev-(w\d+e\d+)"', html)
    assert len(links) == 5 and all(ev.startswith(f"w{int(aid, 16)}e") for aid, ev in links)
    assert 'href="/events?actor=sergei-lavrov&amp;sort=-date"' in html  # the date header flips the order


def test_events_page_shows_a_bad_filter_in_the_form(client):
    r = client.get("/events", params={"type": "PARTY"})
    assert r.status_code == 400 and "is not a PLOVER event type" in r.text and '<form class="filters"' in r.text


def test_unknown_pages_answer_an_html_error(client):
    for url in ["/articles/nope", "/actors/nobody", "/nowhere"]:
        r = client.get(url)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "404" in r.text
    assert client.get("/dyads/RUS/IRN", params={"by": "month"}).status_code == 400


def test_dyad_chart_is_drawn_server_side(client):
    html = client.get("/dyads/RUS/IRN").text
    svg = re.search(r'<svg class="chart" id="dyad-chart".*?</svg>', html, re.S).group(0)
    assert svg.count('<rect class="bar q1"') == 5 and svg.count('<rect class="bar q3"') == 5
    week = client.get("/dyads/RUS/IRN", params={"by": "week"}).text
    assert re.search(r'<svg class="chart" id="dyad-chart".*?<rect class="bar q1"', week, re.S)
    empty = client.get("/dyads/USA/RUS").text
    assert "No dated events between USA and RUS" in empty


def test_compare_form_redirects_to_the_dyad(client):
    r = client.get("/dyads", params={"a": "RUS", "b": "Iran government"})
    assert r.status_code == 303 and r.headers["location"] == "/dyads/RUS/Iran%20government"


def test_map_plots_places_on_a_graticule(client):
    html = client.get("/map").text
    assert html.count('<circle class="place') == 4 and 'class="grat' in html
    assert client.get("/map", params={"country": "USA"}).text.count('<circle class="place') == 3


def test_web_package_imports_light():
    code = "import sys, newsevents.web; print(sorted(m for m in ('fastapi', 'uvicorn', 'jinja2', 'starlette') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_create_app_fails_clearly_without_a_database(tmp_path):
    from newsevents.errors import StoreError
    from newsevents.web import create_app

    with pytest.raises(StoreError, match="does not exist"):
        create_app(str(tmp_path / "missing.db"))


def test_serve_binds_loopback_by_default(tmp_path, monkeypatch):
    import uvicorn

    from newsevents.web import serve

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    serve(str(build_web_db(tmp_path / "s.db")))
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000 and seen["app"].title == "newsevents"
