"""How well the event coder reproduces PLOVER's hand-coded gold sentences.

Data: ../shared/eval/plover_gold_dev.jsonl, 163 sentences hand-coded in PLOVER (CC BY-SA 4.0,
openeventdata/PLOVER). Each sentence is coded alone, as a one-paragraph article, and its top
event (highest confidence) is compared with the gold record:

- ``plover_type_acc``: the top event's type equals the gold ``event`` (a sentence with no
  event counts as wrong);
- ``plover_actor_f1`` / ``plover_recipient_f1``: micro-averaged F1 of the country codes of the
  top event's actors / targets against the gold ``actor`` / ``recipient`` codes (ISO alpha-3 or
  IGO, NGO, IMG). PLOVER codes a reciprocal event with every party as actor and no recipient, so
  a reciprocal event's targets are not counted as recipients;
- ``plover_model_type_acc``: the learned classifier alone (:mod:`newsevents.events.model`, the
  hybrid coder's), its most probable label over the sentence (NONE counts as wrong).
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.records import Article, Event

if TYPE_CHECKING:
    from newsevents.settings import Settings

GOLD = "eval/plover_gold_dev.jsonl"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def gold_file(shared: Path | str, relative: str) -> Path:
    """A gold file under the shared folder (``shared`` may also be the file itself)."""
    shared = Path(shared)
    return shared if shared.is_file() else shared / relative


def code_sentence(nlp: Any, text: str, published: str | None = None, settings: "Settings | None" = None) -> tuple[Event, ...]:
    """The events the coder finds in one sentence, coded as a one-paragraph article (with ``settings``' coder)."""
    from newsevents.events import code_document
    from newsevents.nlp.entities import extract_entities
    from newsevents.settings import Settings

    article = Article(
        id=hashlib.sha1(text.encode("utf-8")).hexdigest()[:16], title="", paragraphs=(text,), published=published
    )
    doc = nlp(article.text)
    entities = extract_entities(doc, article)
    events, _, _ = code_document(doc, article, entities, settings or Settings.make())
    return events


def top_event(events: tuple[Event, ...]) -> Event | None:
    """The event the coder is most sure of (the earliest among equals)."""
    best: Event | None = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


def _f1(tp: int, fp: int, fn: int) -> float:
    """F1 from counts (1.0 when there is nothing to find and nothing was found)."""
    if tp == fp == fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _codes(items: list[dict[str, Any]]) -> set[str]:
    """Country codes of gold actors or recipients."""
    return {str(item["code"])[:3].upper() for item in items if item.get("code")}


def evaluate(shared: Path | str, nlp: Any, settings: "Settings | None" = None) -> dict[str, Any]:
    """Type accuracy and actor/recipient country F1 over the PLOVER gold sentences (``settings`` picks the coder)."""
    rows = read_jsonl(gold_file(shared, GOLD))
    started = time.perf_counter()
    from newsevents.events.model import load_events_model

    model = load_events_model()
    correct = model_correct = 0
    counts = {"actor": [0, 0, 0], "recipient": [0, 0, 0]}
    confusion: dict[str, int] = {}
    details: list[dict[str, Any]] = []
    for row in rows:
        top = top_event(code_sentence(nlp, row["text"], settings=settings))
        predicted_type = top.type if top else None
        correct += predicted_type == row["event"]
        model_correct += model.predict(nlp(row["text"])[:])[0][0] == row["event"]
        if predicted_type != row["event"]:
            key = f"{row['event']}->{predicted_type}"
            confusion[key] = confusion.get(key, 0) + 1
        actors = {a.country for a in top.actors if a.country} if top else set()
        recipients = {t.country for t in top.targets if t.country} if top and not top.reciprocal else set()
        for name, predicted, gold in (("actor", actors, _codes(row["actor"])), ("recipient", recipients, _codes(row["recipient"]))):
            counts[name][0] += len(predicted & gold)
            counts[name][1] += len(predicted - gold)
            counts[name][2] += len(gold - predicted)
        details.append({"id": row["id"], "gold": row["event"], "predicted": predicted_type,
                        "actors": sorted(actors), "gold_actors": sorted(_codes(row["actor"])),
                        "recipients": sorted(recipients), "gold_recipients": sorted(_codes(row["recipient"]))})
    return {
        "plover_sentences": len(rows),
        "plover_type_acc": round(correct / len(rows), 4) if rows else 0.0,
        "plover_model_type_acc": round(model_correct / len(rows), 4) if rows else 0.0,
        "plover_actor_f1": round(_f1(*counts["actor"]), 4),
        "plover_recipient_f1": round(_f1(*counts["recipient"]), 4),
        "plover_seconds": round(time.perf_counter() - started, 2),
        "plover_confusion": dict(sorted(confusion.items(), key=lambda kv: -kv[1])[:12]),
        "details": details,
    }
