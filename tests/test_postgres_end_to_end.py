"""PostgreSQL end to end (issue #9): the same example articles ingested by the CLI into SQLite and into PostgreSQL
give the same export, the same CLI answers and the same JSON API answers, character for character."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import postgres_schema
from newsevents.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
#: 4 articles with 28 events, quotes, roles and clusters: every table gets rows
INPUTS = [CORPUS / "html"]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """(SQLite file, PostgreSQL URL), each ingested once by ``newsevents ingest`` from INPUTS."""
    with postgres_schema() as url:
        dbs = (str(tmp_path_factory.mktemp("e2e") / "news.db"), url)
        for db in dbs:
            result = CliRunner().invoke(main, ["ingest", *map(str, INPUTS), "--db", db, "--workers", "1", "--quiet"])
            assert result.exit_code == 0, result.output
        yield dbs


def _cli(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    return result.output


def test_export_and_read_commands_are_identical(both):
    lite, pg = both
    exported = _cli(lite, "export", "--format", "jsonl")
    assert exported.count("\n") == 4 and json.loads(exported.splitlines()[0])["events"]
    assert _cli(pg, "export", "--format", "jsonl") == exported
    for command in (["events", "--json", "--limit", "200"], ["export", "--format", "csv", "--table", "events"], ["articles"],
                    ["entities"], ["actors"], ["quotes"], ["roles"], ["places"], ["clusters"], ["dyad", "USA", "YEM"]):  # fmt: skip
        assert _cli(pg, *command) == _cli(lite, *command), command


#: API routes whose answers must not depend on the backend (the dyad and search cover FTS, strftime, round, json_each)
ROUTES = [
    "/api/events?limit=200", "/api/events?sort=-date&limit=7", "/api/events?sort=goldstein&country=YEM", "/api/events?type=COERCE",
    "/api/events?date_from=2024-10&date_to=2024-12-31", "/api/events?text=martial", "/api/events?actor=Yoon%20Suk%20Yeol",
    "/api/articles", "/api/articles?q=martial%20law", "/api/articles?sort=oldest", "/api/actors", "/api/actors?q=yoon",
    "/api/quotes", "/api/attributions", "/api/attributions?kind=indirect", "/api/roles", "/api/entities", "/api/entities?type=GPE",
    "/api/places", "/api/clusters", "/api/dyads/USA/YEM", "/api/dyads/ISR/IRN?by=week", "/api/dyads/ISR/IRN?by=month&count=mentions",
    "/api/dyads/Canada/India?by=year", "/api/dyads/nobody/YEM",
]  # fmt: skip
#: downloads: every match read through one cursor a chunk at a time (query_listing.stream)
DOWNLOADS = ["/api/events?format=csv", "/api/articles?format=json", "/api/quotes?format=csv", "/api/attributions?format=json",
             "/api/actors?format=csv", "/api/dyads/USA/YEM?format=json"]  # fmt: skip


class Client:
    """GET from a test server (``test_web_data.ServerThread``) as JSON or text."""

    def __init__(self, url: str) -> None:
        self.url = url

    def get(self, route: str) -> "Answer":
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(self.url + route, timeout=60) as r:
                return Answer(r.status, r.read().decode())
        except urllib.error.HTTPError as exc:
            return Answer(exc.code, exc.read().decode())


class Answer:
    def __init__(self, status_code: int, text: str) -> None:
        self.status_code, self.text = status_code, text

    def json(self) -> Any:
        return json.loads(self.text)


def test_the_api_answers_the_same_on_both_backends(both):
    from test_web_data import ServerThread

    with ServerThread(both[0]) as a, ServerThread(both[1]) as b:  # type: ignore[arg-type]
        _compare(Client(a.url), Client(b.url))


def _compare(lite: Client, pg: Client) -> None:
    for route in ROUTES:
        a, b = lite.get(route), pg.get(route)
        assert a.status_code == b.status_code == 200, (route, b.text[:300])
        assert b.json() == a.json(), route
    for route in DOWNLOADS:
        a, b = lite.get(route), pg.get(route)
        assert a.status_code == b.status_code == 200 and len(a.text) > 100, route
        assert b.text == a.text, route
    stats_a, stats_b = lite.get("/api/stats").json(), pg.get("/api/stats").json()
    assert {k: v for k, v in stats_b.items() if k != "runs"} == {k: v for k, v in stats_a.items() if k != "runs"}
    events = lite.get("/api/events?limit=200").json()["items"]
    actor = events[0]["actors"][0]["canonical_id"] or events[0]["actors"][0]["id"]
    cluster = lite.get("/api/clusters").json()["items"][0]["id"]
    for route in (f"/api/articles/{events[0]['article_id']}", f"/api/actors/{actor}", f"/api/clusters/{cluster}"):
        assert pg.get(route).json() == lite.get(route).json(), route
    for page in ("/", "/events", "/map", "/actors", "/clusters", "/quotes", "/roles", "/search?q=strikes", "/dyads/USA/YEM"):
        assert pg.get(page).status_code == 200, page
