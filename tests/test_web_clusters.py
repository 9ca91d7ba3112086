"""The registry and the event clusters on the web: alias search, actor names with evidence, cluster pages, dyad counts."""

from __future__ import annotations

import httpx
import pytest
from test_clusters_store import told_by
from test_registry_store import store_documents, surname_document
from test_web_data import served_client


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """A server over a database written as ingest writes it: articles, then the registry and the clusters."""
    db = tmp_path_factory.mktemp("webclusters") / "web.db"
    store_documents(db, [told_by(1, "Wire A"), told_by(2, "Wire B"), told_by(3, "Wire C", status="denied"), surname_document(4)])
    yield from served_client(db)


def count(client: httpx.Client, **params: str) -> int:
    return len(client.get("/api/events", params={**params, "limit": 200}).json()["items"])


def test_every_name_of_an_actor_selects_the_same_events(client) -> None:
    counts = {name: count(client, actor=name) for name in ("Putin", "vladimir-putin", "Vladimir Putin", "person:vladimir-putin")}
    assert set(counts.values()) == {4}, counts  # three outlets say "Vladimir Putin", one says "Putin"
    assert count(client, target="Raisi") == 4
    assert count(client, target="Iran") == count(client, target="Iranian") == count(client, target="IRN") == 8  # Raisi, protesters


def test_actor_search_ranks_the_exact_match_first_and_suggests_close_names(client) -> None:
    found = client.get("/api/actors", params={"q": "Putin"}).json()
    assert found["items"][0]["id"] == "person:vladimir-putin" and found["items"][0]["kind"] == "person"
    empty = client.get("/api/actors", params={"q": "Puttin"}).json()
    assert empty["items"] == [] and "Putin" in empty["suggestions"]
    page = client.get("/actors", params={"q": "Puttin"}).text
    assert "Did you mean" in page and 'href="/actors?q=Putin"' in page


def test_the_actor_page_lists_aliases_and_merges_with_their_evidence(client) -> None:
    data = client.get("/api/actors/Putin").json()
    assert data["id"] == "person:vladimir-putin"
    assert {"Putin", "Vladimir Putin"} <= {a["text"] for a in data["aliases"]}
    assert data["merges"] and all({"name", "rule", "article_id"} <= set(m) for m in data["merges"])
    html = client.get("/actors/Putin").text
    assert 'id="aliases"' in html and 'id="merges"' in html and "Names and evidence" in html


def test_clusters_list_and_one_cluster_with_every_source(client) -> None:
    listed = client.get("/api/clusters", params={"min_sources": 2}).json()
    assert set(listed) == {"items", "next", "total", "limit", "offset"} and listed["total"] == len(listed["items"])
    meeting = [c for c in listed["items"] if c["type"] == "CONSULT"]
    assert len(meeting) == 1 and meeting[0]["sources"] == 4 and meeting[0]["contested"] is True
    assert client.get("/api/clusters", params={"contested": "true", "type": "COERCE"}).json()["items"] == []
    one = client.get(f"/api/clusters/{meeting[0]['id']}").json()
    assert [(m["source"], m["status"]) for m in one["members"]] == [
        ("Wire A", "reported"), ("Wire B", "reported"), ("Wire C", "denied"), ("Test Wire", "reported")]  # first published first
    assert all(m["title"] and m["url"] and m["sentence"] for m in one["members"])
    html = client.get(f"/clusters/{meeting[0]['id']}")
    assert html.status_code == 200 and html.text.count("<mark>") == 4 and "status-denied" in html.text
    assert html.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in html.headers
    assert client.get("/clusters/nope").status_code == 404
    assert client.get("/api/clusters", params={"since": "soon"}).status_code == 400


def test_dyads_count_happenings_once_unless_mentions_are_asked_for(client) -> None:
    clusters = client.get("/api/dyads/Putin/Raisi").json()
    mentions = client.get("/api/dyads/Putin/Raisi", params={"count": "mentions"}).json()
    assert clusters["count"] == "clusters" and sum(r["events"] for r in clusters["series"]) == 1
    assert sum(r["events"] for r in mentions["series"]) == 4
    assert len(mentions["events"]) == 4


def test_the_dyad_page_says_what_it_counts_and_switches(client) -> None:
    page = client.get("/dyads/Putin/Raisi").text
    assert "counts once" in page and 'href="?by=day&amp;count=mentions"' in page
    assert "every report counts" in client.get("/dyads/Putin/Raisi", params={"count": "mentions"}).text
    assert client.get("/dyads/Putin/Raisi", params={"count": "both"}).status_code == 400


def test_happenings_page_takes_a_date_range(client) -> None:
    import re

    total = lambda html: int(re.search(r'<strong class="count" data-total="(\d+)">', html).group(1))  # noqa: E731
    every = total(client.get("/clusters").text)
    assert every > 0 and total(client.get("/clusters", params={"until": "2100-01-01"}).text) == every
    assert total(client.get("/clusters", params={"until": "2000-01-01"}).text) == 0
    day = client.get("/api/clusters").json()["items"][0]["date"]
    page = client.get("/clusters", params={"since": day, "until": day}).text
    assert total(page) == client.get("/api/clusters", params={"since": day, "until": day}).json()["total"] > 0
    assert f'<input type="date" name="until" value="{day}"' in page
