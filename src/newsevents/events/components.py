"""spaCy components for event coding: ``newsevents_dates``, ``newsevents_places``, ``newsevents_coder``, ``newsevents_quotes``, ``newsevents_attributions``.

Each needs ``newsevents_entities`` before it (``doc._.entities``) and a parser for sentences and
dependencies. See :mod:`newsevents.nlp.components` for the extensions and the match / set split.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.nlp.components import Component, article_of, extension_setter
from newsevents.records import Event, TimeMention
from newsevents.settings import Settings

_PARSED = ["doc._.entities", "token.dep", "token.head", "token.lemma", "token.pos", "token.tag", "token.is_sent_start"]
_DATE_TYPES = ("DATE", "TIME")
#: The rules plus the learned classifier where they code nothing (:mod:`newsevents.events.hybrid`).
HYBRID = "newsevents.hybrid.v2"


class DateNormaliser(Component):
    """Every date expression among the entities, with its ISO value against the article's date."""

    version = "newsevents.dates.v1"
    set_annotations = staticmethod(extension_setter("dates"))  # type: ignore[assignment]

    def match(self, doc: Doc) -> tuple[TimeMention, ...]:
        from newsevents.events.dates import anchor_date, is_date_expression, normalise_date

        anchor = anchor_date(article_of(doc).published)
        found = [
            TimeMention(m.start, m.end, m.text, normalise_date(m.text, anchor))
            for e in doc._.entities if e.type in _DATE_TYPES for m in e.mentions if is_date_expression(m.text)
        ]  # fmt: skip
        return tuple(sorted(found, key=lambda t: (t.start, t.end)))


class PlaceResolver(Component):
    """Every place mention the gazetteer resolves, with coordinates."""

    version = "newsevents.places.v1"
    set_annotations = staticmethod(extension_setter("places"))  # type: ignore[assignment]

    def match(self, doc: Doc) -> Any:
        from newsevents.events.places import article_places

        return article_places(doc, doc._.entities)


class EventCoder(Component):
    """Events (PLOVER and CAMEO, actors, status, date, place, evidence) and the roles they rest on.

    Whatever the coder, its events are finished the same way (:func:`finish_events`): historical
    mentions flagged, reciprocal parties listed once, repeated mentions merged.
    """

    set_annotations = staticmethod(extension_setter("events", "roles"))  # type: ignore[assignment]

    def __init__(self, name: str, on_error: str, coder: str, lexicon: str, min_confidence: float) -> None:
        from newsevents.events.coder import NAME
        from newsevents.events.lexicon import lexicon_version, load_lexicon

        super().__init__(name, on_error)
        if coder not in (NAME, HYBRID):
            from newsevents.errors import SettingsError

            raise SettingsError(f"coder {coder!r} is not known; this newsevents has {NAME!r} and {HYBRID!r} (setting coder)")
        if coder == HYBRID:
            from newsevents.events.model import load_events_model

            load_events_model()  # a missing or broken model file fails here, not on the first article
        self.version, self.min_confidence = coder, min_confidence
        self.lexicon = load_lexicon(lexicon or None)
        self.lexicon_version = lexicon_version(self.lexicon)

    def match(self, doc: Doc) -> tuple[tuple[Event, ...], tuple[Any, ...]]:
        from newsevents.events.coder import SentenceCoder
        from newsevents.events.roles import extract_roles
        from newsevents.events.scope import ArticleScope

        scope = ArticleScope.build(doc, article_of(doc), doc._.entities)
        roles = extract_roles(scope)
        scope.roles = list(roles)
        coder = SentenceCoder(scope, min_confidence=self.min_confidence, lexicon=self.lexicon)
        if self.version == HYBRID:
            from newsevents.events.hybrid import code_hybrid

            events = code_hybrid(coder)
        else:
            events = coder.code()
        stamped = tuple(replace(ev, coder=self.version, lexicon=self.lexicon_version) for ev in events)
        return finish_events(doc, stamped), roles


def finish_events(doc: Doc, events: tuple[Event, ...]) -> tuple[Event, ...]:
    """Historical mentions flagged, then one event per happening (:mod:`~newsevents.events.merge`)."""
    from newsevents.events.history import flag_historical
    from newsevents.events.merge import merge_events

    return merge_events(flag_historical(doc, events, article_of(doc)))


@lru_cache(maxsize=8)
def _coder(coder: str, lexicon: str, min_confidence: float) -> EventCoder:
    return EventCoder("newsevents_coder", "raise", coder, lexicon, min_confidence)


def coder_for(settings: Settings) -> EventCoder:
    """The event coder configured by ``settings`` (coder, lexicon, min_confidence), made once per process."""
    return _coder(settings.coder, settings.lexicon, settings.min_confidence)


class QuoteFinder(Component):
    """Direct quotes with their speakers."""

    version = "newsevents.quotes.v1"
    set_annotations = staticmethod(extension_setter("quotes"))  # type: ignore[assignment]

    def match(self, doc: Doc) -> Any:
        from newsevents.events.quotes import extract_quotes

        return extract_quotes(doc, article_of(doc), doc._.entities)


class AttributionFinder(Component):
    """Who said what (direct, mixed and indirect attributions), and each event tied to the attribution that states it.

    Runs after ``newsevents_coder``: an event whose evidence lies inside an attribution's content
    gets ``claim_source`` (:func:`~newsevents.events.attribution_links.link_events`), so it rewrites
    ``doc._.events`` as well as writing ``doc._.attributions``.
    """

    version = "newsevents.attributions.v1"
    set_annotations = staticmethod(extension_setter("attributions", "events"))  # type: ignore[assignment]

    def match(self, doc: Doc) -> tuple[tuple[Any, ...], tuple[Event, ...]]:
        from newsevents.events.attribution_links import link_events
        from newsevents.events.attributions import extract_attributions

        attributions = extract_attributions(doc, article_of(doc), doc._.entities)
        return attributions, link_events(tuple(doc._.events), attributions)


@Language.factory("newsevents_dates", requires=["doc._.entities"], assigns=["doc._.dates"], default_config={"on_error": "raise"})
def make_dates(nlp: Language, name: str, on_error: str) -> DateNormaliser:
    """``nlp.add_pipe("newsevents_dates")``: date expressions normalised to ISO."""
    return DateNormaliser(name, on_error)


@Language.factory("newsevents_places", requires=["doc._.entities"], assigns=["doc._.places"], default_config={"on_error": "raise"})
def make_places(nlp: Language, name: str, on_error: str) -> PlaceResolver:
    """``nlp.add_pipe("newsevents_places")``: places with coordinates from the offline gazetteer."""
    return PlaceResolver(name, on_error)


@Language.factory(
    "newsevents_coder",
    requires=_PARSED,
    assigns=["doc._.events", "doc._.roles"],
    default_config={"on_error": "raise", "coder": "newsevents.coder.v2", "lexicon": "", "min_confidence": 0.2},
)
def make_coder(nlp: Language, name: str, on_error: str, coder: str, lexicon: str, min_confidence: float) -> EventCoder:
    """``nlp.add_pipe("newsevents_coder")``: PLOVER/CAMEO events with evidence; ``lexicon`` = a TSV path or "" for ours."""
    return EventCoder(name, on_error, coder, lexicon, min_confidence)


@Language.factory("newsevents_quotes", requires=_PARSED, assigns=["doc._.quotes"], default_config={"on_error": "raise"})
def make_quotes(nlp: Language, name: str, on_error: str) -> QuoteFinder:
    """``nlp.add_pipe("newsevents_quotes")``: direct quotes and who said them."""
    return QuoteFinder(name, on_error)


@Language.factory(
    "newsevents_attributions", requires=[*_PARSED, "doc._.events"], assigns=["doc._.attributions", "doc._.events"], default_config={"on_error": "raise"}
)
def make_attributions(nlp: Language, name: str, on_error: str) -> AttributionFinder:
    """``nlp.add_pipe("newsevents_attributions")``: attributions with source, cue and content; events get their claim source."""
    return AttributionFinder(name, on_error)
