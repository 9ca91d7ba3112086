"""Event coding: who did what to whom, in PLOVER with CAMEO codes, plus quotes and roles.

The pipeline runs the coder as spaCy components (``components.py``: ``newsevents_dates``,
``newsevents_places``, ``newsevents_coder``, ``newsevents_quotes``); ``code_document`` does the
same for a Doc parsed elsewhere. The coder
(``newsevents.coder.v2``) lives in small modules: ``lexicon``/``tables`` (our data files),
``triggers`` (pattern matching), ``sentence`` (frames and status), ``arguments``, ``actors`` and
``pronouns`` (who and whom), ``roles``, ``cues`` (modes, contexts), ``vetoes`` (readings that are
no political event: rebuttals, one person's crime, generic actors, accidents), ``clashes`` (forces
against a crowd) and ``coder`` (assembling ``Event``s). Whatever the coder, ``history`` flags
events told as background and ``merge`` makes one event per happening (reciprocal parties listed
once, repeated mentions merged with all their evidence spans).
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
    """Events, quotes and roles of one article; ``doc`` is the parsed ``article.text``.

    The same work as the ``newsevents_coder`` and ``newsevents_quotes`` components, for a Doc
    that did not go through them; coder options come from ``settings``.
    """
    from newsevents.events.components import QuoteFinder, coder_for

    doc._.article = article
    doc._.entities = entities
    events, roles = coder_for(settings).match(doc)
    quotes = QuoteFinder("newsevents_quotes", "raise").match(doc)
    return events, quotes, roles
