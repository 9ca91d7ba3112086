"""The example corpus end to end: ingest it with two workers, then read it back through the CLI and the API."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from test_web_data import ServerThread
from newsevents.api import ingest
from newsevents.settings import Settings
from newsevents.store import open_store

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """The example corpus ingested once (two worker processes) into a fresh database."""
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    summary = ingest([str(CORPUS)], Settings.make(db=str(db), workers=2, quiet=True))
    return db, summary


def test_corpus_ingests_cleanly_with_one_duplicate(corpus_db):
    db, summary = corpus_db
    assert summary.ok, summary.failures
    assert summary.inputs == len([p for p in CORPUS.rglob("*") if p.is_file()])
    # dumps 30 (the golden titles of tests/test_clean_corpus_layouts.py), feeds 10 (wire.jsonl 8, the RSS
    # file northern_courier_2024.rss 2, read from its own content), HTML pages 4, web archive 2
    assert summary.stored == 45
    assert summary.duplicates == 1  # the article that the corpus holds twice
    assert summary.events > summary.stored  # more than one event per article on average


def test_corpus_articles_are_clean_and_annotated(corpus_db):
    db, _ = corpus_db
    with open_store(db, readonly=True) as store:
        docs = list(store.iter_documents())
    for doc in docs:
        d = doc.to_dict()
        assert d["title"] and d["paragraphs"], d["id"]
        assert not any(p.strip() in {"TT", "Share", "Advertisement", d["title"]} for p in d["paragraphs"]), d["title"]
        for e in d["entities"]:
            for m in e["mentions"]:
                assert d["text"][m["start"] : m["end"]] == m["text"]
        for ev in d["events"]:
            assert ev["sentence"] in d["text"]
            assert d["text"][ev["evidence"]["start"] : ev["evidence"]["end"]]
    assert sum(bool(doc.article.captions) for doc in docs) >= 10
    archived = sorted(doc.article.url for doc in docs if doc.article.origin.startswith(str(CORPUS / "warc")))
    assert [url.rsplit("/", 1)[1] for url in archived] == ["chile-senate-pension-reform", "baltic-ministers-meet-vilnius"]
    fed = [doc for doc in docs if doc.article.origin.startswith(str(CORPUS / "feeds" / "northern_courier_2024.rss"))]
    assert [doc.article.url.rsplit("/", 1)[1] for doc in fed] == ["almaty-talks", "stubb-warsaw"]
    assert all(doc.article.source == "Northern Courier" and len(doc.article.paragraphs) == 5 and doc.events for doc in fed)


def test_api_over_the_corpus(corpus_db):
    db, summary = corpus_db
    with ServerThread(db) as server, httpx.Client(base_url=server.url, timeout=20) as client:
        stats = client.get("/api/stats").json()
        assert stats["articles"] == summary.stored
        events = client.get("/api/events", params={"country": "IRN", "limit": 5}).json()
        assert events["items"] and all(
            "IRN" in {a["country"] for a in ev["actors"] + ev["targets"]} for ev in events["items"]
        )
        first = events["items"][0]
        article = client.get(f"/api/articles/{first['article_id']}").json()
        assert first["id"] in {ev["id"] for ev in article["events"]}
        page = client.get(f"/articles/{first['article_id']}")
        assert page.status_code == 200 and first["id"] in page.text
        roles = client.get("/api/actors", params={"limit": 5}).json()["items"]
        assert roles
        assert client.get(f"/api/actors/{roles[0]['id']}").status_code == 200
        assert client.get("/api/dyads/RUS/IRN").status_code == 200
