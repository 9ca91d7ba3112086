"""The JSON contract: one object per article (schema/article.schema.json). Keys are only ever added."""

from __future__ import annotations

from typing import Any

from newsevents.records import ActorRef, Attribution, Document, Event, Location, TextSpan


def _actor(ref: ActorRef) -> dict[str, Any]:
    return {"name": ref.name, "entity": ref.entity, "country": ref.country, "sector": ref.sector}


def _location(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {"name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon, "precision": loc.precision,
            "start": loc.start, "end": loc.end}


def event_to_dict(ev: Event) -> dict[str, Any]:
    """One event object, as in the export and in `newsevents code`."""
    return {
        "id": ev.id,
        "type": ev.type,
        "mode": ev.mode,
        "context": list(ev.context),
        "cameo": ev.cameo,
        "quad_class": ev.quad_class,
        "goldstein": ev.goldstein,
        "actors": [_actor(a) for a in ev.actors],
        "targets": [_actor(t) for t in ev.targets],
        "reciprocal": ev.reciprocal,
        "date": ev.date,
        "date_text": ev.date_text,
        "date_precision": ev.date_precision,
        "historical": ev.historical,
        "location": _location(ev.location),
        "status": ev.status,
        "sentence": ev.sentence,
        "evidence": {"start": ev.evidence_start, "end": ev.evidence_end},
        "evidence_spans": [{"start": s.start, "end": s.end, "text": s.text} for s in ev.evidence_spans()],
        "confidence": ev.confidence,
        "coder": ev.coder,
        "lexicon": ev.lexicon,
        "claim_source": ev.claim_source,
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The export's JSON object for one article."""
    a = doc.article
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "published": a.published,
        "title": a.title,
        "author": a.author,
        "captions": [{"text": c.text, "credit": c.credit} for c in a.captions],
        "paragraphs": list(a.paragraphs),
        "text": a.text,
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "country": e.country,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions],
            }
            for e in doc.entities
        ],
        "events": [event_to_dict(ev) for ev in doc.events],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "speaker_entity": q.speaker_entity, "start": q.start, "end": q.end}
            for q in doc.quotes
        ],
        "roles": [
            {"person": r.person, "office": r.office, "country": r.country, "seen": r.seen, "entity": r.entity}
            for r in doc.roles
        ],
        "attributions": [attribution_to_dict(at) for at in doc.attributions],
    }


def _span(span: TextSpan | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def attribution_to_dict(at: Attribution) -> dict[str, Any]:
    """One attribution object: who said what, with source, cue and content spans."""
    return {
        "id": at.id, "kind": at.kind, "content": _span(at.content), "source": _span(at.source), "cue": _span(at.cue),
        "speaker": at.speaker, "speaker_entity": at.speaker_entity, "parent": at.parent, "date": at.date,
    }  # fmt: skip
