"""Hand-made documents for the web tests (no spaCy): Russia–Iran meetings, accusations, a markup article.

``build_web_db(path)`` writes them with ``SQLiteStore.write_documents``; the API, render and
browser tests all read that database. The checks below pin what the other tests rely on.
"""

from __future__ import annotations

from dataclasses import astuple
from pathlib import Path
from typing import Any, Iterator

from newsevents.records import ActorRef, Article, Attribution, Caption, Document, Entity, Event, Location, Mention, Quote, Role, TextSpan
from newsevents.store import open_store

XSS = "<script>alert(1)</script>"
MARKUP_ID = "00000000000000ff"
QUADS = {"CONSULT": (1, 1.0, "040"), "AGREE": (1, 3.0, "057"), "AID": (2, 7.0, "070"), "ACCUSE": (3, -2.0, "112"),
         "THREATEN": (3, -4.4, "138"), "COERCE": (4, -5.0, "173"), "ASSAULT": (4, -9.0, "190")}
PLACES = {"Moscow": ("RUS", 55.75, 37.62), "Tehran": ("IRN", 35.69, 51.42), "Washington": ("USA", 38.9, -77.04), "Geneva": ("CHE", 46.2, 6.15)}
PEOPLE = {
    "Vladimir Putin": ("RUS", "GOV"), "Ebrahim Raisi": ("IRN", "GOV"), "Sergei Lavrov": ("RUS", "GOV"),
    "Hossein Amir-Abdollahian": ("IRN", "GOV"), "Antony Blinken": ("USA", "GOV"),
}


def _span(text: str, needle: str, after: int = 0) -> Mention:
    i = text.index(needle, after)
    return Mention(i, i + len(needle), needle)


def _ref(name: str, text: str, entities: dict[str, Entity]) -> ActorRef:
    ent = entities.get(name)
    country, sector = PEOPLE.get(name, (None, None))
    if ent is None:  # a description such as "police": country from the words, no entity
        country = "IRN" if "Iran" in name else "RUS" if "Russia" in name else "USA" if "US" in name else country
        return ActorRef(name, None, country, "GOV")
    m = ent.mentions[0]
    return ActorRef(name, ent.id, country, sector, m.start, m.end)


def make_doc(n: int, title: str, paragraphs: tuple[str, ...], published: str, events: list[dict[str, Any]], *,
             people: tuple[str, ...] = (), places: tuple[str, ...] = (), quotes: tuple[tuple[str, str], ...] = (),
             roles: tuple[tuple[str, str, str], ...] = (), captions: tuple[Caption, ...] = (), aid: str | None = None) -> Document:
    """One document; events are dicts with trigger, type, actor, target, place, status, date (offsets found in the text)."""
    text = "\n\n".join(paragraphs)
    article = Article(id=aid or f"{n:016x}", title=title, paragraphs=paragraphs, captions=captions, source="Test Wire",
                      url=f"https://example.org/web/{n}", published=published, origin=f"web-test-{n}")
    entities: dict[str, Entity] = {}
    for i, name in enumerate(people + places, start=1):
        mentions = []
        pos = text.find(name)
        while pos >= 0:
            mentions.append(Mention(pos, pos + len(name), name))
            pos = text.find(name, pos + 1)
        if mentions:
            kind = "LOC" if name in places else "PERSON"
            country = PLACES[name][0] if name in places else PEOPLE[name][0]
            entities[name] = Entity(f"e{i}", name, kind, tuple(mentions), country, "President" if "President " + name in text else None)
    evs = []
    for j, spec in enumerate(events):
        trig = _span(text, spec["trigger"])
        para_start = max(text.rfind("\n\n", 0, trig.start) + 2, 0) if "\n\n" in text[: trig.start] else 0
        para_end = text.find("\n\n", trig.end)
        sentence = text[para_start: para_end if para_end >= 0 else len(text)]
        quad, gold, cameo = QUADS[spec["type"]]
        place = spec.get("place")
        loc = Location(place, *PLACES[place]) if place else None
        evs.append(Event(
            id=f"w{n}e{j}", type=spec["type"], mode=spec.get("mode"), context=tuple(spec.get("context", ())), cameo=cameo,
            quad_class=quad, goldstein=gold, actors=(_ref(spec["actor"], text, entities),), targets=(_ref(spec["target"], text, entities),),
            date=spec.get("date"), date_text=spec.get("date_text"), location=loc, status=spec.get("status", "reported"),
            sentence=sentence, sentence_start=para_start, evidence_start=trig.start, evidence_end=trig.end,
            confidence=spec.get("confidence", 0.85),
        ))
    qs = tuple(Quote(q, _span(text, q).start, _span(text, q).end, who, entities[who].id if who in entities else None) for q, who in quotes)
    rs = tuple(Role(p, office, cc, published, entities[p].id if p in entities else None) for p, office, cc in roles)
    ats = tuple(Attribution(f"a{k}", "direct", TextSpan(q.start, q.end, q.text), cue=TextSpan(*astuple(_span(text, "said", q.end))), speaker=q.speaker,
                            speaker_entity=q.speaker_entity) for k, q in enumerate(qs, start=1))
    return Document(article=article, entities=tuple(entities.values()), events=tuple(evs), quotes=qs, roles=rs, attributions=ats)


def web_documents() -> list[Document]:
    """The test corpus: five Russia–Iran articles over two weeks, a US accusation and the markup article."""
    docs = []
    days = ["2024-07-15", "2024-07-16", "2024-07-18", "2024-07-24", "2024-07-29"]
    for i, day in enumerate(days, start=1):
        paras = (
            f"Russian President Vladimir Putin met Iranian President Ebrahim Raisi in Moscow on {day}, talk {i}.",
            "\u201cOur countries stand together,\u201d Putin said after the talks.",
            "Sergei Lavrov accused Tehran of delaying the agreement, while Hossein Amir-Abdollahian threatened to leave the talks.",
        )
        events = [
            {"trigger": "met", "type": "CONSULT", "actor": "Vladimir Putin", "target": "Ebrahim Raisi", "place": "Moscow", "date": day, "mode": "visit"},
            {"trigger": "accused", "type": "ACCUSE", "actor": "Sergei Lavrov", "target": "Iran government", "place": "Tehran", "date": day,
             "status": "alleged" if i % 2 else "reported"},
            {"trigger": "threatened", "type": "THREATEN", "actor": "Hossein Amir-Abdollahian", "target": "Russia government", "place": "Moscow", "date": day},
        ]
        docs.append(make_doc(i, f"Putin and Raisi meet, round {i}", paras, day, events,
                             people=("Vladimir Putin", "Ebrahim Raisi", "Sergei Lavrov", "Hossein Amir-Abdollahian"), places=("Moscow", "Tehran"),
                             quotes=(("Our countries stand together,", "Vladimir Putin"),),
                             roles=(("Vladimir Putin", "President", "RUS"), ("Ebrahim Raisi", "President", "IRN"), ("Sergei Lavrov", "Foreign Minister", "RUS")),
                             captions=(Caption(f"Putin and Raisi in Moscow, round {i}", "Kremlin Press Office"),)))
    paras = ("Antony Blinken accused Iran of arming Russia in Washington on Monday.", "The US pledged aid to Geneva talks.")
    docs.append(make_doc(10, "Blinken accuses Iran", paras, "2024-07-22", [
        {"trigger": "accused", "type": "ACCUSE", "actor": "Antony Blinken", "target": "Iran government", "place": "Washington", "date": "2024-07-22"},
        {"trigger": "pledged aid", "type": "AID", "actor": "US government", "target": "Iran government", "place": "Geneva", "status": "planned"},
    ], people=("Antony Blinken",), places=("Washington", "Geneva")))
    paras = (
        f"A reader posted {XSS} in a comment, and Ebrahim Raisi condemned the <b>attack</b> & more.",
        f"\u201cNo {XSS} here,\u201d Raisi said of the <img src=x onerror=alert(2)> tag.",
    )
    docs.append(make_doc(255, f"Markup test {XSS} <i>title</i>", paras, "2024-07-30", [
        {"trigger": "condemned", "type": "ACCUSE", "actor": "Ebrahim Raisi", "target": "US government", "place": "Tehran", "date": "2024-07-30"},
    ], people=("Ebrahim Raisi",), places=("Tehran",), quotes=((f"No {XSS} here,", "Ebrahim Raisi"),),
        captions=(Caption(f"Caption with {XSS}", "<b>Credit</b> Agency"),), aid=MARKUP_ID))
    return docs


def build_web_db(path: Path) -> Path:
    """Write the test corpus into a new database at ``path``; return the path."""
    with open_store(path) as store:
        store.write_documents(web_documents())
    return path


def test_corpus_offsets_point_at_their_words(tmp_path):
    for doc in web_documents():
        text = doc.article.text
        for ev in doc.events:
            assert ev.sentence.find(text[ev.evidence_start:ev.evidence_end]) >= 0
        for q in doc.quotes:
            assert text[q.start:q.end] == q.text
        for ent in doc.entities:
            assert all(text[m.start:m.end] == m.text for m in ent.mentions)


def test_corpus_builds_a_database(tmp_path):
    from newsevents import query

    db = build_web_db(tmp_path / "web.db")
    with open_store(db, readonly=True) as store:
        st = query.stats(store.conn)
    assert st["articles"] == 7 and st["events"] == 18


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerThread:
    """``create_app(db)`` (or another ``app``) served by uvicorn in a background thread on 127.0.0.1 and a free port."""

    def __init__(self, db: Path, app: Any = None) -> None:
        import threading

        import uvicorn

        from newsevents.web import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(str(db)) if app is None else app
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", ws="none", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="web-test-server", daemon=True)

    def __enter__(self) -> "ServerThread":
        import time

        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start within 20 s")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def served_client(db: Path) -> Iterator[Any]:
    """An httpx client of a ``ServerThread`` over ``db``, open while the generator runs (a fixture's ``yield from``)."""
    import httpx

    with ServerThread(db) as server, httpx.Client(base_url=server.url, timeout=10) as c:
        yield c
