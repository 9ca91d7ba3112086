"""Acceptance on the seed dump: the Putin-Raisi meeting, the Lahijan arrest and what followed."""

from __future__ import annotations

import pytest
from test_events_helpers import countries, only

from newsevents.records import Article, Event, RawDocument, Role


@pytest.fixture(scope="module")
def seed_coded(nlp, seed_text: str) -> list[tuple[Article, tuple[Event, ...], tuple[Role, ...]]]:
    """Each seed article with its events and roles."""
    from newsevents.clean import clean_document
    from newsevents.events import code_document
    from newsevents.nlp.entities import extract_entities
    from newsevents.settings import Settings

    articles = clean_document(RawDocument(origin="seed", format="text", text=seed_text))
    assert len(articles) == 2
    out = []
    for article in articles:
        doc = nlp(article.text)
        events, _, roles = code_document(doc, article, extract_entities(doc, article), Settings.make())
        out.append((article, events, roles))
    return out


def _evidence(article: Article, event: Event) -> str:
    return article.text[event.evidence_start : event.evidence_end]


@pytest.mark.slow
def test_putin_raisi_meeting_is_a_consult_at_the_kremlin(seed_coded) -> None:
    _, events, _ = seed_coded[0]
    consults = [e for e in only(events, "CONSULT") if {"RUS", "IRN"} <= countries(e.actors)]
    assert consults, [(e.type, countries(e.actors)) for e in events]
    assert all(e.reciprocal for e in consults)
    assert any(e.location is not None and "Kremlin" in e.location.name for e in consults)


@pytest.mark.slow
def test_economic_cooperation_is_coded(seed_coded) -> None:
    _, events, _ = seed_coded[0]
    economic = [e for e in events if e.type in ("COOPERATE", "AGREE") and "economic" in e.context]
    assert economic
    assert any({"RUS", "IRN"} <= countries(e.actors) for e in economic if e.type == "COOPERATE")
    signing = [e for e in economic if e.type == "AGREE" and "IGO" in countries(e.actors)]
    assert signing and signing[0].status == "planned"  # "anticipating the event ... by the end of 2023"


@pytest.mark.slow
def test_mir_mousavi_arrest_by_iranian_police(seed_coded) -> None:
    article, events, _ = seed_coded[1]
    arrests = [e for e in only(events, "COERCE") if e.mode == "arrest" and "Mousavi" in " ".join(t.name for t in e.targets)]
    assert len(arrests) == 1
    arrest = arrests[0]
    assert [(a.country, a.sector) for a in arrest.actors] == [("IRN", "COP")]
    assert arrest.date_text and "July 22" in arrest.date_text
    assert arrest.location is not None and arrest.location.name == "Lahijan"
    assert _evidence(article, arrest) == "arrested"
    assert arrest.cameo == "173" and arrest.quad_class == 4


@pytest.mark.slow
def test_pezeshkian_orders_an_investigation(seed_coded) -> None:
    article, events, _ = seed_coded[1]
    orders = [e for e in only(events, "ACCUSE") if e.mode == "investigate"]
    assert len(orders) == 1
    assert [(a.name, a.country, a.sector) for a in orders[0].actors] == [("Masoud Pezeshkian", "IRN", "GOV")]
    assert _evidence(article, orders[0]) == "ordered an investigation"


@pytest.mark.slow
def test_hengaw_accuses_and_the_torture_claim_is_alleged(seed_coded) -> None:
    _, events, _ = seed_coded[1]
    torture = [e for e in only(events, "ASSAULT") if e.mode == "torture"]
    assert torture and torture[0].status == "alleged"
    accusations = [e for e in only(events, "ACCUSE") if any(a.name == "Hengaw" for a in e.actors)]
    assert accusations and accusations[0].actors[0].sector == "NGO"


@pytest.mark.slow
def test_the_2022_protests(seed_coded) -> None:
    _, events, _ = seed_coded[1]
    protests = only(events, "PROTEST")
    assert protests and protests[0].date == "2022"
    assert countries(protests[0].actors) == {"IRN"}


@pytest.mark.slow
def test_both_presidents_of_iran_are_roles(seed_coded) -> None:
    roles = [r for _, _, article_roles in seed_coded for r in article_roles]
    iran = {(r.person, r.office) for r in roles if r.country == "IRN"}
    assert ("Ebrahim Raisi", "President") in iran
    assert ("Masoud Pezeshkian", "President") in iran
    assert any(r.person == "Vladimir Putin" and r.country == "RUS" for r in roles)
