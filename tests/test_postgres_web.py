"""The JSON API on PostgreSQL (#9): the web test corpus (tests/test_web_data.py) stored in SQLite and in PostgreSQL
answers every route the same, first without a registry (the store's own actors), then with registry and clusters built."""

from __future__ import annotations

import pytest

from conftest import postgres_schema
from test_postgres_end_to_end import Client
from test_web_data import ServerThread, build_web_db

#: routes of tests/test_web_api.py and more: filters, sorts, pages, series, searches and the errors of bad values
ROUTES = [
    "/api/stats", "/api/events?limit=200", "/api/events?sort=-date", "/api/events?sort=goldstein", "/api/events?sort=-goldstein",
    "/api/events?sort=confidence", "/api/events?sort=type&limit=3", "/api/events?country=irn", "/api/events?actor=Putin",
    "/api/events?target=IRN&type=CONSULT", "/api/events?status=reported", "/api/events?date_from=2024-07-21&date_to=2024-07",
    "/api/events?text=met", "/api/events?text=50%25_off", "/api/events?limit=0", "/api/events?type=BOMBING",
    "/api/articles", "/api/articles?sort=oldest", "/api/articles?q=Blinken%20arming", "/api/articles?q=nothingmatcheshere",
    "/api/articles?q=Putin&sort=relevance", "/api/articles?since=2024-07&until=2024-07-25", "/api/articles?until=soon",
    "/api/articles/0000000000000001", "/api/articles/does-not-exist",
    "/api/actors?limit=200", "/api/actors?q=put", "/api/actors?q=Putn", "/api/actors?country=IRN", "/api/actors/vladimir-putin",
    "/api/actors/Putin", "/api/actors/nobody-at-all", "/api/quotes", "/api/quotes?q=the", "/api/attributions",
    "/api/attributions?kind=direct", "/api/attributions?kind=rumour", "/api/roles", "/api/roles?country=IRN", "/api/roles?person=rais",
    "/api/entities", "/api/entities?type=PERSON&limit=3", "/api/places", "/api/places?limit=5000", "/api/clusters",
    "/api/dyads/RUS/IRN", "/api/dyads/IRN/RUS?since=2024-07-24", "/api/dyads/RUS/IRN?by=week", "/api/dyads/RUS/IRN?by=month",
    "/api/dyads/RUS/IRN?by=year&count=mentions", "/api/dyads/RUS/IRN?since=2024-07-20&until=2024-07-29", "/api/dyads/RUS/IRN?by=quarter",
    "/api/dyads/USA/RUS", "/api/dyads/Vladimir%20Putn/IRN", "/api/dyads/vladimir-putin/ebrahim-raisi", "/api/dyads/Putin/Raisi",
    "/api/events?format=csv", "/api/actors?format=json", "/api/nowhere",
]  # fmt: skip


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """(SQLite file, PostgreSQL URL) holding the web test corpus."""
    with postgres_schema() as url:
        yield str(build_web_db(tmp_path_factory.mktemp("web") / "web.db")), build_web_db(url)  # type: ignore[arg-type]


def _same_answers(both) -> int:
    with ServerThread(both[0]) as a, ServerThread(both[1]) as b:
        lite, pg = Client(a.url), Client(b.url)
        answered = 0
        for route in ROUTES:
            x, y = lite.get(route), pg.get(route)
            assert (y.status_code, y.text) == (x.status_code, x.text), route
            answered += x.status_code == 200
        return answered


def test_every_route_answers_the_same_without_a_registry(both):
    assert _same_answers(both) >= 45  # the rest answer errors, compared too


def test_every_route_answers_the_same_with_registry_and_clusters(both):
    from newsevents.api import rebuild_actors
    from newsevents.settings import Settings

    counts = [rebuild_actors(Settings.make(db=db))[1] for db in both]
    assert counts[0] == counts[1] and counts[0]["clusters"] > 0
    assert _same_answers(both) >= 45  # the rest answer errors, compared too
