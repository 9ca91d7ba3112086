"""The JSON API over a hand-made database, through a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import re

import httpx
import pytest

from test_web_data import MARKUP_ID, XSS, build_web_db, served_client, web_documents
from newsevents.query import MAX_LIMIT


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """An HTTP client for a server over the hand-made database."""
    db = build_web_db(tmp_path_factory.mktemp("web") / "web.db")
    yield from served_client(db)


def error_of(r: httpx.Response, status: int) -> str:
    """Assert the one error shape with ``status``; return the message."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]["message"]


def collect(client: httpx.Client, url: str, **params) -> list[dict]:
    """Every item of a paged list, following ``next`` cursors; each page's total, limit and offset agree with what was read."""
    items, cursor, totals = [], None, set()
    for _ in range(100):
        r = client.get(url, params={**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        page = r.json()
        assert {"items", "next", "total", "limit", "offset"} <= set(page) <= {"items", "next", "total", "limit", "offset", "suggestions"}
        assert page["offset"] == len(items) and page["limit"] == params.get("limit", 50) and len(page["items"]) <= page["limit"]
        assert r.headers["x-total-count"] == str(page["total"])
        totals.add(page["total"])
        items += page["items"]
        cursor = page["next"]
        if cursor is None:
            assert totals == {len(items)}, (url, params, totals, len(items))
            return items
    raise AssertionError("pagination did not end")


def test_stats_counts_everything(client):
    st = client.get("/api/stats").json()
    assert st["articles"] == 7 and st["events"] == 18 and st["quotes"] == 6
    assert st["events_by_type"]["ACCUSE"] == 7


def test_articles_page_with_cursor_and_search(client):
    items = collect(client, "/api/articles", limit=2)
    assert len(items) == 7 and len({a["id"] for a in items}) == 7
    assert [a["published"] for a in items] == sorted((a["published"] for a in items), reverse=True)
    hits = client.get("/api/articles", params={"q": "Blinken arming"}).json()["items"]
    assert [h["title"] for h in hits] == ["Blinken accuses Iran"]
    assert client.get("/api/articles", params={"q": "nothingmatcheshere"}).json() == {"items": [], "next": None, "total": 0, "limit": 50, "offset": 0}


def test_one_article_is_the_export_shape(client):
    doc = web_documents()[0]
    got = client.get(f"/api/articles/{doc.article.id}").json()
    assert got == doc.to_dict()
    assert "not found" in error_of(client.get("/api/articles/does-not-exist"), 404)


def test_markup_article_comes_back_verbatim_as_json(client):
    got = client.get(f"/api/articles/{MARKUP_ID}").json()
    assert XSS in got["text"] and XSS in got["title"]


def test_events_filters_combine(client):
    items = collect(client, "/api/events", country="IRN", type="ACCUSE")
    assert len(items) == 7
    for ev in items:
        assert ev["type"] == "ACCUSE"
        assert "IRN" in {p["country"] for p in ev["actors"] + ev["targets"]}
    alleged = collect(client, "/api/events", status="alleged")
    assert {e["status"] for e in alleged} == {"alleged"} and len(alleged) == 3
    by_actor = collect(client, "/api/events", actor="vladimir-putin", target="IRN")
    assert len(by_actor) == 5 and all(e["actors"][0]["id"] == "vladimir-putin" for e in by_actor)
    dated = collect(client, "/api/events", date_from="2024-07-16", date_to="2024-07-18")
    assert {e["day"] for e in dated} == {"2024-07-16", "2024-07-18"}
    assert len(collect(client, "/api/events", text="arming Russia")) == 1
    assert collect(client, "/api/events", type="accuse", country="irn") == items  # case-insensitive codes
    assert collect(client, "/api/events", actor="", type="") == collect(client, "/api/events")  # blank form fields ignored


def test_events_sort_and_pagination_visit_each_event_once(client):
    all_items = collect(client, "/api/events", limit=4, sort="-goldstein")
    assert len(all_items) == 18 and len({e["id"] for e in all_items}) == 18
    scores = [e["goldstein"] for e in all_items]
    assert scores == sorted(scores, reverse=True)
    ev = all_items[0]
    assert {"id", "article_id", "type", "quad_class", "goldstein", "actors", "targets", "day", "location", "status", "evidence", "confidence"} <= set(ev)


@pytest.mark.parametrize("params", [
    {"limit": MAX_LIMIT + 1}, {"limit": 0}, {"limit": "ten"}, {"type": "PARTY"}, {"status": "rumoured"},
    {"date_from": "July"}, {"date_to": "2024-7-1"}, {"sort": "random"}, {"cursor": "not-a-cursor"},
])
def test_bad_event_parameters_answer_400_in_the_error_shape(client, params):
    message = error_of(client.get("/api/events", params=params), 400)
    assert any(str(k) in message for k in params) or "cursor" in message


def test_page_size_is_capped(client):
    assert len(client.get("/api/events", params={"limit": MAX_LIMIT}).json()["items"]) == 18
    assert "200" in error_of(client.get("/api/actors", params={"limit": 1000}), 400)


def test_actors_list_and_one_actor(client):
    actors = collect(client, "/api/actors")
    assert {"vladimir-putin", "ebrahim-raisi", "sergei-lavrov"} <= {a["id"] for a in actors}
    assert all(a["country"] == "RUS" for a in collect(client, "/api/actors", country="rus"))
    putin = client.get("/api/actors/vladimir-putin").json()
    assert putin["name"] == "Vladimir Putin" and putin["country"] == "RUS"
    assert [(r["office"], r["first_seen"], r["last_seen"]) for r in putin["roles"]] == [("President", "2024-07-15", "2024-07-29")]
    assert len(putin["events_as_actor"]) == 5 and putin["events_as_target"] == []
    assert putin["partners"][0]["id"] == "ebrahim-raisi"
    assert "not found" in error_of(client.get("/api/actors/nobody-at-all"), 404)


def test_quotes_roles_entities_places(client):
    quotes = collect(client, "/api/quotes", speaker="Putin")
    assert len(quotes) == 5 and {q["text"] for q in quotes} == {"Our countries stand together,"}
    roles = client.get("/api/roles", params={"country": "IRN"}).json()["items"]
    assert [r["person"] for r in roles] == ["Ebrahim Raisi"]
    ents = client.get("/api/entities", params={"type": "PERSON", "limit": 3}).json()["items"]
    assert ents[0]["name"] == "Ebrahim Raisi"
    places = client.get("/api/places").json()["items"]
    assert places[0]["name"] == "Moscow" and places[0]["events"] == 10
    assert error_of(client.get("/api/places", params={"limit": 5000}), 400)


def test_attributions_by_kind_and_source(client):
    every = collect(client, "/api/attributions")
    assert {a["kind"] for a in every} <= {"direct", "mixed", "indirect"} and len(every) >= len(collect(client, "/api/quotes"))
    direct = collect(client, "/api/attributions", kind="direct", source="Putin")
    assert direct and all(a["kind"] == "direct" and "Putin" in a["speaker"] for a in direct)
    assert {a["content_text"] for a in direct} >= {"Our countries stand together,"}
    assert error_of(client.get("/api/attributions", params={"kind": "rumour"}), 400)


def test_dyad_series_by_day_and_week(client):
    day = client.get("/api/dyads/RUS/IRN").json()
    assert day["by"] == "day" and len(day["events"]) == 15
    coop = [r for r in day["series"] if r["quad_class"] == 1]
    assert [r["period"] for r in coop] == ["2024-07-15", "2024-07-16", "2024-07-18", "2024-07-24", "2024-07-29"]
    week = client.get("/api/dyads/RUS/IRN", params={"by": "week"}).json()
    assert {r["period"] for r in week["series"]} == {"2024-W29", "2024-W30", "2024-W31"}
    assert sum(r["events"] for r in week["series"]) == 15
    assert "month" in error_of(client.get("/api/dyads/RUS/IRN", params={"by": "quarter"}), 400)
    assert client.get("/api/dyads/vladimir-putin/ebrahim-raisi").json()["series"][0]["events"] == 1


def test_dyad_series_by_month_and_year_within_a_date_range(client):
    month = client.get("/api/dyads/RUS/IRN", params={"by": "month"}).json()
    assert {(r["period"], r["quad_class"], r["events"]) for r in month["series"]} == {("2024-07", 1, 5), ("2024-07", 3, 10)}
    year = client.get("/api/dyads/RUS/IRN", params={"by": "year"}).json()
    assert {r["period"] for r in year["series"]} == {"2024"} and sum(r["events"] for r in year["series"]) == 15
    late = client.get("/api/dyads/RUS/IRN", params={"since": "2024-07-20", "until": "2024-07-29"}).json()
    assert sorted({r["period"] for r in late["series"]}) == ["2024-07-24", "2024-07-29"] and late["since"] == "2024-07-20"
    assert client.get("/api/dyads/RUS/IRN", params={"until": "2024-06"}).json()["series"] == []
    assert "since" in error_of(client.get("/api/dyads/RUS/IRN", params={"since": "last week"}), 400)


def test_dyad_of_an_unknown_name_suggests_close_ones(client):
    got = client.get("/api/dyads/Vladimir Putn/IRN").json()
    assert got["series"] == [] and got["suggestions"] == {"Vladimir Putn": ["Vladimir Putin"]}
    assert "suggestions" not in client.get("/api/dyads/USA/RUS").json()  # both known, just no events between them


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("url", ["/api/events", "/api/articles/0000000000000001", "/", "/articles/0000000000000001", "/api/nowhere"])
def test_no_write_endpoint(client, method, url):
    r = client.request(method, url, json={"x": 1})
    assert "read-only" in error_of(r, 405)
    assert r.headers["allow"] == "GET, HEAD"


def test_unknown_api_route_is_404_in_the_error_shape(client):
    assert "/api/docs" in error_of(client.get("/api/nowhere"), 404)


def test_head_answers_without_body(client):
    r = client.head("/api/stats")
    assert r.status_code == 200 and r.content == b""


def test_security_headers_on_every_kind_of_answer(client):
    for url in ["/api/stats", "/", "/static/style.css", "/api/nowhere", "/nowhere", "/api/events?limit=0"]:
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_openapi_and_our_own_docs_page(client):
    spec = client.get("/api/openapi.json").json()
    for route in ["/api/articles", "/api/articles/{article_id}", "/api/events", "/api/actors", "/api/actors/{actor_id}",
                  "/api/quotes", "/api/attributions", "/api/dyads/{a}/{b}", "/api/stats"]:
        assert route in spec["paths"], route
    assert "422" not in str(spec) and "/" not in spec["paths"]  # pages are not API routes; validation answers 400
    limit = next(p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["anyOf"][0]["maximum"] == MAX_LIMIT
    for url in ["/docs", "/redoc"]:  # FastAPI's defaults load Swagger/ReDoc from a CDN: switched off
        assert client.get(url).status_code == 404
    html = client.get("/api/docs").text
    assert "/api/events" in html and "date_from" in html and "Try it" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)


def test_articles_by_dates_source_and_order(client):
    oldest = collect(client, "/api/articles", sort="oldest", since="2024-07-16", until="2024-07")
    assert [a["published"] for a in oldest] == sorted(a["published"] for a in oldest) and oldest[0]["published"] == "2024-07-16"
    assert len(collect(client, "/api/articles", source="Test Wire")) == 7 and collect(client, "/api/articles", source="Elsewhere") == []
    assert [a["title"] for a in collect(client, "/api/articles", q="Blinken", sort="relevance")] == ["Blinken accuses Iran"]
    assert "relevance" in error_of(client.get("/api/articles", params={"sort": "relevance"}), 400)
    assert "until" in error_of(client.get("/api/articles", params={"until": "soon"}), 400)


def test_dyad_counts_each_direction(client):
    got = client.get("/api/dyads/IRN/RUS", params={"since": "2024-07-24"}).json()["directions"]
    assert got == {"a_to_b": {"events": 2, "goldstein": -8.8}, "b_to_a": {"events": 4, "goldstein": -2.0}, "together": {"events": 0, "goldstein": 0.0}}
