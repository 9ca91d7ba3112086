"""Helpers for the event coder tests: code a text as a one-paragraph (or multi-paragraph) article."""

from __future__ import annotations

from newsevents.records import Article, Event, Quote, Role


def code_text(nlp, *paragraphs: str, published: str | None = "2024-07-27", captions=()) -> tuple[tuple[Event, ...], tuple[Quote, ...], tuple[Role, ...], Article]:
    """Run NER + the event coder over an article made of ``paragraphs``."""
    from newsevents.events import code_document
    from newsevents.nlp.entities import extract_entities
    from newsevents.settings import Settings

    article = Article(id="a" * 16, title="test", paragraphs=tuple(paragraphs), captions=tuple(captions), published=published)
    doc = nlp(article.text)
    entities = extract_entities(doc, article)
    events, quotes, roles = code_document(doc, article, entities, Settings.make())
    return events, quotes, roles, article


def countries(refs) -> set[str]:
    """Country codes of actor refs."""
    return {r.country for r in refs if r.country}


def only(events: tuple[Event, ...], event_type: str) -> list[Event]:
    """Events of one type."""
    return [e for e in events if e.type == event_type]
