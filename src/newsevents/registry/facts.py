"""Turn a coded ``Document`` into the registry's input: one ``ArticleFacts`` per article."""

from __future__ import annotations

import re

from newsevents.records import Document
from newsevents.registry.records import ArticleFacts

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def article_date(published: str | None) -> str | None:
    """The ISO day of a published value ("2024-09-03T10:00Z" -> "2024-09-03"), None when it has none."""
    return published[:10] if published and _DATE.match(published) else None


def facts_of(document: Document) -> ArticleFacts:
    """What the registry reads from one document: its date, event participants, entities, roles and text."""
    refs = tuple(ref for event in document.events for ref in (*event.actors, *event.targets))
    return ArticleFacts(document.article.id, article_date(document.article.published), refs, document.entities, document.roles,
                        document.article.text)
