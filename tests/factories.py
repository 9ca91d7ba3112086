"""Hand-made records for tests that must not depend on spaCy."""

from __future__ import annotations

from newsevents.records import ActorRef, Article, Caption, Document, Entity, Event, Location, Mention, Quote, Role


def make_document(n: int = 0, *, published: str = "2024-07-27", extra: str = "") -> Document:
    """A small article about Iran and Russia with entities, two events, a quote and a role."""
    paragraphs = (
        f"Russian President Vladimir Putin met Iranian President Ebrahim Raisi in Moscow on Thursday ({n}).{extra}",
        "\u201cOur relations are developing well,\u201d Putin said.",
        "Police arrested two protesters in Tehran.",
    )
    text = "\n\n".join(paragraphs)
    a = Article(
        id=f"{n:016x}", title=f"Putin meets Raisi {n}", paragraphs=paragraphs,
        captions=(Caption("Putin and Raisi at the Kremlin", "Iranian Presidency"),),
        source="Test Wire", url=f"https://example.org/{n}", published=published, origin=f"test-{n}",
    )
    def span(s: str, start: int = 0) -> Mention:
        i = text.index(s, start)
        return Mention(i, i + len(s), s)
    putin = Entity("e1", "Vladimir Putin", "PERSON", (span("Vladimir Putin"), span("Putin", text.index("said") - 7)), "RUS", "President")
    raisi = Entity("e2", "Ebrahim Raisi", "PERSON", (span("Ebrahim Raisi"),), "IRN", "President")
    tehran = Entity("e3", "Tehran", "LOC", (span("Tehran"),), "IRN")
    met = text.index("met")
    arrested = text.index("arrested")
    ev1 = Event(
        id=f"ev{n}a", type="CONSULT", mode="visit", context=("political",), cameo="040", quad_class=1, goldstein=1.0,
        actors=(ActorRef("Vladimir Putin", "e1", "RUS", "GOV"),), targets=(ActorRef("Ebrahim Raisi", "e2", "IRN", "GOV"),),
        date="2024-07-25", date_text="on Thursday", location=Location("Moscow", "RUS", 55.75, 37.62), status="reported",
        sentence=paragraphs[0], sentence_start=0, evidence_start=met, evidence_end=met + 3, confidence=0.9,
    )
    ev2 = Event(
        id=f"ev{n}b", type="COERCE", mode="arrest", context=(), cameo="173", quad_class=4, goldstein=-5.0,
        actors=(ActorRef("police", None, "IRN", "COP"),), targets=(ActorRef("protesters", None, "IRN", "CVL"),),
        date=None, date_text=None, location=Location("Tehran", "IRN", 35.69, 51.42), status="reported",
        sentence=paragraphs[2], sentence_start=text.index("Police"), evidence_start=arrested, evidence_end=arrested + 8, confidence=0.8,
    )
    q_start = text.index("Our")
    quote = Quote("Our relations are developing well,", q_start, q_start + len("Our relations are developing well,"), "Vladimir Putin", "e1")
    role = Role("Ebrahim Raisi", "President", "IRN", published, "e2")
    return Document(article=a, entities=(putin, raisi, tehran), events=(ev1, ev2), quotes=(quote,), roles=(role,))
