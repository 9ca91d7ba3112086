"""Every JSON list route under /api says how many items match its filter: ``total`` (and X-Total-Count), ``limit``, ``offset``."""

from __future__ import annotations

import pytest

from test_web_api import collect
from test_web_data import build_web_db, served_client

PAGED = [
    ("/api/events", {}), ("/api/events", {"country": "IRN", "type": "ACCUSE"}), ("/api/events", {"date_from": "2024-07-16", "sort": "-date"}),
    ("/api/articles", {}), ("/api/articles", {"q": "Iran"}), ("/api/actors", {}), ("/api/actors", {"country": "RUS"}),
    ("/api/quotes", {}), ("/api/quotes", {"speaker": "Putin"}), ("/api/attributions", {"kind": "direct"}), ("/api/clusters", {}),
]  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """An HTTP client for a server over the hand-made database."""
    db = build_web_db(tmp_path_factory.mktemp("web") / "web.db")
    yield from served_client(db)


@pytest.mark.parametrize(("url", "params"), PAGED)
def test_total_counts_every_match_of_the_filter_on_every_page(client, url, params):
    every = collect(client, url, **params, limit=2)  # collect checks total == items read, offsets and the header on each page
    first = client.get(url, params=params).json()
    assert first["total"] == len(every) and first["limit"] == 50 and first["offset"] == 0


def test_a_later_page_keeps_the_total_and_says_where_it_starts(client):
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "cursor": first["next"]}).json()
    assert first["total"] == second["total"] == 18
    assert (second["offset"], second["limit"]) == (5, 5) and not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}


def test_filtered_total_is_smaller_than_the_whole(client):
    whole = client.get("/api/events").json()["total"]
    accuse = client.get("/api/events", params={"type": "ACCUSE"})
    assert accuse.json()["total"] == 7 < whole and accuse.headers["x-total-count"] == "7"
    assert client.get("/api/events", params={"type": "ASSAULT", "country": "ZZZ"}).json()["total"] == 0


def test_ranked_lists_count_all_matches_beyond_their_cap(client):
    capped = client.get("/api/entities", params={"type": "PERSON", "limit": 2}).json()
    every = client.get("/api/entities", params={"type": "PERSON", "limit": 200}).json()
    assert len(capped["items"]) == 2 and capped["total"] == every["total"] == len(every["items"]) > 2
    assert (capped["limit"], capped["offset"], capped["next"]) == (2, 0, None)
    places = client.get("/api/places", params={"limit": 1})
    assert len(places.json()["items"]) == 1 and places.json()["total"] == len(client.get("/api/places").json()["items"]) > 1
    assert places.headers["x-total-count"] == str(places.json()["total"])
    roles = client.get("/api/roles").json()
    assert roles["total"] == len(roles["items"]) and roles["limit"] is None and roles["next"] is None


def test_dyad_counts_all_its_events(client):
    r = client.get("/api/dyads/RUS/IRN")
    day = r.json()
    assert day["events_total"] == len(day["events"]) == 15 and r.headers["x-total-count"] == "15"
    later = client.get("/api/dyads/RUS/IRN", params={"since": "2024-07-20"}).json()
    assert later["events_total"] == len(later["events"]) < 15
