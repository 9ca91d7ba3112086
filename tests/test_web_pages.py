"""The dashboard pages over a hand-made database: rendered, escaped, linked, self-contained."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from test_web_data import MARKUP_ID, XSS, build_web_db, served_client

PAGES = ["/", "/articles/0000000000000001", f"/articles/{MARKUP_ID}", "/events", "/events?type=ACCUSE&sort=-goldstein",
         "/events?size=5&page=3", "/actors?size=25&page=1", "/clusters", "/quotes", "/quotes?source=Putin&kind=direct&q=together", "/roles", "/roles?country=RUS",
         "/map", "/actors", "/actors/vladimir-putin", "/dyads/RUS/IRN", "/dyads/RUS/IRN?by=week", "/search", "/search?q=Putin", "/api/docs"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """An HTTP client for a server over the hand-made database."""
    db = build_web_db(tmp_path_factory.mktemp("pages") / "web.db")
    yield from served_client(db)


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
    assert client.get("/dyads/RUS/IRN", params={"by": "quarter"}).status_code == 400


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


def total_of(html: str) -> int:
    """The number of matches a table page states."""
    return int(re.search(r'<strong class="count" data-total="(\d+)">', html).group(1))


def test_list_pages_state_the_number_of_matches(client):
    assert total_of(client.get("/events").text) == 18
    html = client.get("/events", params={"type": "ACCUSE", "country": "IRN"}).text
    assert total_of(html) == 7 and "<strong class=\"count\" data-total=\"7\">7</strong> events" in html
    assert total_of(client.get("/actors").text) == 8
    assert total_of(client.get("/search", params={"q": "Putin"}).text) == 5
    assert total_of(client.get("/clusters").text) == 0 and "0</strong> happenings" in client.get("/clusters").text


def test_events_pages_are_numbered_with_a_chosen_size(client):
    html = client.get("/events", params={"size": 5, "page": 2, "sort": "-goldstein"}).text
    assert "page 2 of 4" in html and html.count('<tr class="q') == 5
    assert '<a class="prev" rel="prev" href="/events?sort=-goldstein&amp;size=5">' in html
    assert '<a class="next" rel="next" href="/events?sort=-goldstein&amp;page=3&amp;size=5">' in html
    last = client.get("/events", params={"size": 5, "page": 4}).text
    assert "page 4 of 4" in last and last.count('<tr class="q') == 3 and 'rel="next"' not in last
    sizes = re.search(r'<span class="sizes">.*?</span>', client.get("/events", params={"size": 100}).text, re.S).group(0)
    assert re.findall(r">(\d+)</a>", sizes) == ["25", "50", "100", "200"] and 'aria-current="true">100<' in sizes
    ids = lambda page: re.findall(r'#ev-(w\d+e\d+)"', client.get("/events", params={"size": 5, "page": page}).text)  # noqa: E731
    seen = [i for page in (1, 2, 3, 4) for i in ids(page)]
    assert len(seen) == len(set(seen)) == 18  # the pages hold every event once


def test_a_bad_page_or_size_is_a_400_page(client):
    for params in ({"page": 0}, {"page": "two"}, {"size": 7000}, {"size": -1}):
        r = client.get("/events", params=params)
        assert r.status_code == 400 and "text/html" in r.headers["content-type"]
        assert list(params)[0] in r.text


def test_download_links_carry_exactly_the_filter(client):
    html = client.get("/events", params={"type": "ACCUSE", "country": "IRN", "size": 5, "page": 2}).text
    links = re.findall(r'<a href="(/api/events\?[^"]+)" download data-format="(\w+)">', html)
    assert [fmt for _, fmt in links] == ["csv", "json", "parquet"]
    for href, fmt in links:
        assert href.replace("&amp;", "&") == f"/api/events?type=ACCUSE&country=IRN&format={fmt}"
        assert client.get(href.replace("&amp;", "&")).status_code == 200
    for url, api in [("/actors?country=IRN", "/api/actors?country=IRN&amp;format=csv"), ("/search?q=Putin", "/api/articles?q=Putin&amp;format=csv"),
                     ("/dyads/RUS/IRN", "/api/dyads/RUS/IRN?format=csv"), ("/clusters?type=ACCUSE", "/api/clusters?type=ACCUSE&amp;format=csv")]:
        assert f'href="{api}" download' in client.get(url).text, url


def test_event_headers_explain_goldstein_quad_class_confidence_and_status(client):
    head = re.search(r"<thead>.*?</thead>", client.get("/events").text, re.S).group(0)
    tips = dict((label, tip) for tip, label in re.findall(r'<th[^>]* title="([^"]+)"[^>]*>(?:<a [^>]+>)?([\w.]+)', head))
    assert "-10" in tips["Goldstein"] and "+10" in tips["Goldstein"]
    assert "quad class" in tips["Type"] and "material conflict" in tips["Type"]
    assert "0 to 1" in tips["Conf."] and "alleged" in tips["Status"] and "denied" in tips["Status"]


@pytest.fixture(scope="module")
def reciprocal_client(tmp_path_factory):
    """A server over one article with a reciprocal meeting (two parties, no target) and an event whose two sides are one actor."""
    from dataclasses import replace

    from test_web_data import make_doc

    from newsevents.records import ActorRef
    from newsevents.store import open_store

    text = "Vladimir Putin met Ebrahim Raisi in Moscow. Vladimir Putin praised Vladimir Putin."
    doc = make_doc(9, "Putin and Raisi meet", (text,), "2024-08-01", [
        {"trigger": "met", "type": "CONSULT", "actor": "Vladimir Putin", "target": "Ebrahim Raisi", "place": "Moscow"},
        {"trigger": "praised", "type": "AGREE", "actor": "Vladimir Putin", "target": "Vladimir Putin"},
    ], people=("Vladimir Putin", "Ebrahim Raisi"), places=("Moscow",))
    met, praised = doc.events
    together = replace(met, actors=(*met.actors, ActorRef("Ebrahim Raisi", met.targets[0].entity, "IRN", "GOV")), targets=(), reciprocal=True)
    db = tmp_path_factory.mktemp("reciprocal") / "web.db"
    with open_store(db) as store:
        store.write_documents([replace(doc, events=(together, replace(praised, date="2019-03", historical=True)))])
    yield from served_client(db)


def test_reciprocal_events_show_both_ways_and_no_page_links_to_a_self_dyad(reciprocal_client):
    events = reciprocal_client.get("/events").text
    cell = re.search(r"<td colspan=\"2\">(.*?)</td>", events, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", cell).split() == ["Vladimir", "Putin", "RUS", "↔", "Ebrahim", "Raisi", "IRN"]
    article = reciprocal_client.get("/articles/0000000000000009").text
    assert "<dt>Parties</dt>" in article and "Vladimir Putin ↔ Ebrahim Raisi over time »" in article
    assert 'href="/dyads/vladimir-putin/ebrahim-raisi"' in article
    for url in ["/", "/events", "/articles/0000000000000009", "/actors", "/actors/vladimir-putin", "/actors/ebrahim-raisi", "/clusters"]:
        html = reciprocal_client.get(url).text
        assert not [pair for pair in re.findall(r'href="/dyads/([^/"]+)/([^/"?]+)', html) if pair[0] == pair[1]], url
    r = reciprocal_client.get("/dyads", params={"a": "RUS", "b": "rus"})
    assert r.status_code == 400 and "two different actors" in r.text


def test_dyad_page_switches_period_and_date_range_and_counts_events(client):
    html = client.get("/dyads/RUS/IRN", params={"by": "month", "count": "mentions"}).text
    switch = re.search(r'<nav class="switch" aria-label="period">.*?</nav>', html, re.S).group(0)
    assert re.findall(r">By (\w+)<", switch) == ["day", "week", "month", "year"]
    assert 'href="?by=year&amp;count=mentions">By year' in switch
    assert 'aria-current="true">By month' in switch
    assert '<input type="date" name="since"' in html and '<input type="hidden" name="count" value="mentions">' in html
    counts = re.search(r'<svg class="chart counts" id="dyad-counts".*?</svg>', html, re.S).group(0)
    assert counts.count('<rect class="bar count"') == 1 and "2024-07: 15 events" in counts
    ranged = client.get("/dyads/RUS/IRN", params={"since": "2024-07-20"}).text
    assert 'value="2024-07-20"' in ranged and 'href="?by=day">All dates</a>' in ranged
    assert re.search(r'<svg class="chart" id="dyad-chart".*?</svg>', ranged, re.S).group(0).count('<rect class="bar q1"') == 2


def test_dyad_chart_draws_no_line_across_days_without_events(client):
    svg = re.search(r'<svg class="chart" id="dyad-chart".*?</svg>', client.get("/dyads/RUS/IRN").text, re.S).group(0)
    lines = [len(points.split()) for points in re.findall(r'<polyline class="net" points="([^"]+)"', svg)]
    assert lines == [2]  # 15 and 16 July are adjacent; 18, 24 and 29 July stand alone between empty days
    assert svg.count('<circle class="net-dot"') == 5


def test_dyad_page_of_an_unknown_name_says_did_you_mean(client):
    html = client.get("/dyads/Vladimir Putn/IRN").text
    note = re.search(r'<p class="error" role="alert" id="dyad-unknown">.*?</p>', html, re.S).group(0)
    assert "Vladimir Putn" in note and "Did you mean" in note and 'href="/dyads/Vladimir%20Putin/IRN?by=day">Vladimir Putin</a>' in note
    assert 'id="dyad-unknown"' not in client.get("/dyads/USA/RUS").text


def test_events_table_shows_the_article_and_a_historical_date_apart_from_publication(reciprocal_client):
    html = reciprocal_client.get("/events").text
    rows = re.findall(r'<tr class="q\d">.*?</tr>', html, re.S)
    old = next(r for r in rows if ">AGREE<" in r)
    assert "2019-03-01" in old and "(month)" in old and ">historical<" in old and "published 2024-08-01" in old
    met = next(r for r in rows if ">CONSULT<" in r)
    assert "published" not in met and "historical" not in met  # dated by its article: nothing to set apart
    assert re.search(r'<td class="article"><a href="/articles/0000000000000009">Putin and Raisi meet</a><div class="muted small">Test Wire</div></td>', met)


def test_actor_page_counts_every_event_and_downloads_them(client):
    html = client.get("/actors/sergei-lavrov").text
    assert '<span id="actor-totals">5 events as actor, 0 as target</span>' in html
    assert 'href="/api/events?actor=sergei-lavrov&amp;format=csv" download' in html
    assert 'href="/api/events?target=sergei-lavrov&amp;format=parquet" download' in html


def test_quotes_page_searches_by_speaker_words_and_kind(client):
    html = client.get("/quotes", params={"source": "Raisi"}).text
    assert total_of(html) == 1 and "No &lt;script&gt;alert(1)&lt;/script&gt; here," in html and "<script>alert" not in html
    together = client.get("/quotes", params={"q": "stand together", "kind": "direct"}).text
    assert total_of(together) == 5 and together.count('href="/articles/') >= 10
    assert 'href="/api/attributions?q=stand+together&amp;kind=direct&amp;format=csv" download' in together
    assert '<a href="/articles/0000000000000005#said-a1">' in together
    bad = client.get("/quotes", params={"kind": "rumour"})
    assert bad.status_code == 400 and "kind must be one of direct, mixed, indirect" in bad.text
    assert 'href="/quotes"' in client.get("/").text  # in the main navigation


def test_search_filters_by_source_and_dates_and_sorts(client):
    titles = lambda html: re.findall(r'<a class="title" href="/articles/[0-9a-f]+">([^<]+)</a>', html)  # noqa: E731
    oldest = client.get("/search", params={"sort": "oldest", "since": "2024-07-18", "until": "2024-07-24"}).text
    assert titles(oldest) == ["Putin and Raisi meet, round 3", "Blinken accuses Iran", "Putin and Raisi meet, round 4"] and total_of(oldest) == 3
    assert 'value="2024-07-18"' in oldest and '<option value="oldest" selected>' in oldest
    assert '<option value="Test Wire">Test Wire (7)</option>' in client.get("/search").text
    assert total_of(client.get("/search", params={"source": "Test Wire"}).text) == 7
    assert total_of(client.get("/search", params={"source": "Nobody Wire"}).text) == 0
    best = client.get("/search", params={"q": "Blinken", "sort": "relevance"}).text
    assert titles(best) == ["Blinken accuses Iran"]
    assert client.get("/search", params={"sort": "relevance"}).status_code == 200  # no words: newest first
    bad = client.get("/search", params={"since": "July"})
    assert bad.status_code == 400 and "since must be a date" in bad.text


def test_roles_page_draws_a_timeline_per_office_and_country(client):
    html = client.get("/roles").text
    offices = re.findall(r'<section class="card office" id="office-\d+">\s*<h2>([^<]+?) <span class="cc">(\w+)</span>', html)
    assert offices == [("President", "IRN"), ("Foreign Minister", "RUS"), ("President", "RUS")]
    assert html.count('<rect class="span"') == 3 and ">Vladimir Putin</text>" in html
    assert "Vladimir Putin, President (RUS): seen 2024-07-15 to 2024-07-29 in 5 articles" in html
    assert 'href="/api/roles?format=csv" download' in html
    narrowed = client.get("/roles", params={"office": "minister"}).text
    assert narrowed.count('<rect class="span"') == 1 and 'href="/api/roles?office=minister&amp;format=csv" download' in narrowed
    assert "No role matches these filters." in client.get("/roles", params={"person": "Nobody"}).text


def test_a_plover_type_has_one_badge_colour_everywhere(client):
    badges = set()
    for url in ("/", "/events", "/events?sort=-goldstein&size=200", "/dyads/RUS/IRN", "/actors/sergei-lavrov", "/articles/0000000000000005"):
        badges |= set(re.findall(r'<a class="badge (q\d)" href="/docs/codebook/types.html#(\w+)"', client.get(url).text))
    colours: dict[str, set[str]] = {}
    for css, etype in badges:
        colours.setdefault(etype, set()).add(css)
    assert colours and all(len(c) == 1 for c in colours.values()), colours
    assert colours["accuse"] == {"q3"} and colours["consult"] == {"q1"}


def test_dyad_page_splits_reports_by_direction_with_the_sum(client):
    table = re.search(r'<table class="compact totals" id="dyad-directions">.*?</table>', client.get("/dyads/RUS/IRN").text, re.S).group(0)
    cells = dict(re.findall(r'data-direction="(\w+)">([^<]+)</td>', table))
    assert cells == {"a_to_b": "10 events · -5.0", "b_to_a": "5 events · -22.0", "together": "0 events · +0.0", "sum": "15 events · -27.0"}
    assert "RUS → IRN" in table and "IRN → RUS" in table and "RUS ↔ IRN" in table


def test_a_reciprocal_event_counts_as_together_on_the_dyad(reciprocal_client):
    table = re.search(r'id="dyad-directions">.*?</table>', reciprocal_client.get("/dyads/vladimir-putin/ebrahim-raisi").text, re.S).group(0)
    assert 'data-direction="together">1 event ·' in table and 'data-direction="a_to_b">0 events' in table


@pytest.mark.parametrize(("url", "fields"), [("/events", ("date_from", "date_to")), ("/map", ("date_from", "date_to")),
                                             ("/clusters", ("since", "until")), ("/search", ("since", "until")),
                                             ("/dyads/RUS/IRN", ("since", "until"))])  # fmt: skip
def test_date_fields_are_date_pickers_that_keep_a_month_or_year(client, url, fields):
    html = client.get(url).text
    for name in fields:
        assert f'<input type="date" name="{name}" value=""' in html
    kept = client.get(url, params={fields[0]: "2024-07", fields[1]: "2024-07-20"}).text
    assert f'<input name="{fields[0]}" value="2024-07"' in kept  # a month stays visible as typed: a picker holds only days
    assert f'<input type="date" name="{fields[1]}" value="2024-07-20"' in kept


def test_map_counts_its_places_and_downloads_them(client):
    html = client.get("/map", params={"country": "IRN"}).text
    total = int(re.search(r'<h2>Places <span class="count[^"]*" data-total="(\d+)"', html).group(1))
    assert total == client.get("/api/places", params={"country": "IRN"}).json()["total"] > 0
    assert 'href="/api/places?country=IRN&amp;limit=500&amp;format=csv" download' in html


def test_search_shows_the_publication_day(client):
    html = client.get("/search").text
    days = re.findall(r'<div class="muted small">([^<]*?) ·', html)
    assert days and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}|undated", d) for d in days), days
