"""Event coding: who did what to whom, in PLOVER with CAMEO codes, plus quotes and roles.

``code_document`` is what the pipeline calls once per article after NER and parsing. The coder
(``newsevents.coder.v2``) lives in small modules: ``lexicon``/``tables`` (our data files),
``triggers`` (pattern matching), ``sentence`` (frames and status), ``arguments``, ``actors`` and
``pronouns`` (who and whom), ``roles``, ``cues`` (modes, contexts), ``vetoes`` (readings that are
no political event: rebuttals, one person's crime, generic actors, accidents), ``clashes`` (forces
against a crowd) and ``coder`` (assembling ``Event``s).
Quotes, dates and places come from ``quotes``, ``dates`` and ``places``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.records import Article, Entity, Event, Quote, Role
from newsevents.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

CODER = "newsevents.coder.v2"

__all__ = ["CODER", "code_document"]


def code_document(
    doc: "Doc", article: Article, entities: tuple[Entity, ...], settings: Settings
) -> tuple[tuple[Event, ...], tuple[Quote, ...], tuple[Role, ...]]:
    """Events, quotes and roles of one article; ``doc`` is the parsed ``article.text``."""
    from newsevents.events.coder import SentenceCoder
    from newsevents.events.roles import extract_roles
    from newsevents.events.scope import ArticleScope

    scope = ArticleScope.build(doc, article, entities)
    roles = extract_roles(scope)
    scope.roles = list(roles)
    events = SentenceCoder(scope).code()
    quotes = _quotes(doc, article, entities)
    return events, quotes, roles


def _quotes(doc: "Doc", article: Article, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Quotes from the quotes helper (none while it is not installed)."""
    try:
        from newsevents.events.quotes import extract_quotes
    except ImportError:  # pragma: no cover - only while the quotes module is missing
        return ()
    return extract_quotes(doc, article, entities)
