"""Rules, model and hybrid on the test split of our own corpus (``eval/corpus``): the ablation of ``newsevents.hybrid.v2``.

Each test sentence is parsed once and coded as a one-paragraph article by the rules alone
(``newsevents.coder.v2``) and by the hybrid (``newsevents.hybrid.v2``); the model alone gives only
a type (its most probable label over the whole sentence). As in :mod:`~newsevents.evaluation.plover`,
the top event (highest confidence) stands for the sentence and is compared with the gold main
event (the first one; ``NONE`` for a sentence with no event, which counts as a class):

- ``corpus_<coder>_type_acc``: top type (or NONE) equals the gold main event's type (or NONE);
- ``corpus_<coder>_actor_f1`` / ``_recipient_f1``: micro F1 of the top event's actor / target
  countries against the gold main event's (a reciprocal event has no recipients);
- ``corpus_model_ece``: expected calibration error of the model's top label (10 bins);
- ``corpus_<coder>_none_events``: events coded in the sentences whose gold has none (invented).

The sentences the model was trained on are not in the test split (the split is a hash of the id).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from newsevents.events.coder import NAME as RULES
from newsevents.events.components import HYBRID
from newsevents.evaluation.plover import _f1, top_event
from newsevents.records import Article, Event

__all__ = ["HYBRID", "RULES", "evaluate", "score", "top_type"]


def top_type(events: tuple[Event, ...]) -> str | None:
    """The type of the event the coder is most sure of, or None."""
    top = top_event(events)
    return top.type if top else None


def _gold(record: dict[str, Any]) -> tuple[str, set[str], set[str]]:
    """The gold main event's type (or NONE), actor countries and recipient countries."""
    events = record.get("events") or []
    if not events:
        return "NONE", set(), set()
    main = events[0]
    actors = {a["country"] for a in main.get("actors") or [] if a.get("country")}
    targets = set() if main.get("reciprocal") else {t["country"] for t in main.get("targets") or [] if t.get("country")}
    return main["type"], actors, targets


def _predicted(events: tuple[Event, ...]) -> tuple[str, set[str], set[str]]:
    """The top event's type (or NONE), actor countries and recipient countries."""
    top = top_event(events)
    if top is None:
        return "NONE", set(), set()
    targets = set() if top.reciprocal else {t.country for t in top.targets if t.country}
    return top.type, {a.country for a in top.actors if a.country}, targets


def score(pairs: list[tuple[tuple[str, set[str], set[str]], tuple[str, set[str], set[str]]]], prefix: str) -> dict[str, float]:
    """Type accuracy and actor / recipient country F1 of (predicted, gold) pairs."""
    counts = {"actor": [0, 0, 0], "recipient": [0, 0, 0]}
    correct = 0
    for predicted, gold in pairs:
        correct += predicted[0] == gold[0]
        for slot, name in ((1, "actor"), (2, "recipient")):
            counts[name][0] += len(predicted[slot] & gold[slot])
            counts[name][1] += len(predicted[slot] - gold[slot])
            counts[name][2] += len(gold[slot] - predicted[slot])
    return {
        f"{prefix}_type_acc": round(correct / len(pairs), 4) if pairs else 0.0,
        f"{prefix}_actor_f1": round(_f1(*counts["actor"]), 4),
        f"{prefix}_recipient_f1": round(_f1(*counts["recipient"]), 4),
    }


def evaluate(shared: Path | str, nlp: Any, split: str = "test") -> dict[str, Any] | None:
    """The ablation over one split of our corpus (None when the corpus has no sentence in it)."""
    import numpy as np

    from newsevents.events import code_document
    from newsevents.events.model import load_events_model
    from newsevents.evaluation.corpus import load
    from newsevents.nlp.entities import extract_entities
    from newsevents.settings import Settings
    from newsevents.training.events import LABELS, reliability

    records = [r for r in load() if r["split"] == split]
    if not records:
        return None
    model = load_events_model()
    coders = {"rules": Settings.make(coder=RULES), "hybrid": Settings.make(coder=HYBRID)}
    pairs: dict[str, list[Any]] = {"rules": [], "model": [], "hybrid": []}
    probs, labels, added = [], [], 0
    invented = {"rules": 0, "hybrid": 0}
    for record in records:
        gold = _gold(record)
        text = record["text"]
        article = Article(id=hashlib.sha1(text.encode("utf-8")).hexdigest()[:16], title="", paragraphs=(text,))
        doc = nlp(article.text)
        entities = extract_entities(doc, article)
        coded = {name: code_document(doc, article, entities, settings)[0] for name, settings in coders.items()}
        added += len(coded["hybrid"]) - len(coded["rules"])
        for name in invented if gold[0] == "NONE" else ():
            invented[name] += len(coded[name])
        for name in ("rules", "hybrid"):
            pairs[name].append((_predicted(coded[name]), gold))
        ranked = dict(model.predict(doc[:]))
        probs.append([ranked[label] for label in LABELS])
        labels.append(LABELS.index(gold[0]))
        pairs["model"].append(((max(ranked, key=lambda k: ranked[k]), set(), set()), gold))
    ece, _ = reliability(np.array(probs), np.array(labels))
    out: dict[str, Any] = {f"corpus_{split}_sentences": len(records),
                           "corpus_model_trained_on": int(model.meta.get("corpus", {}).get("train", 0))}
    out.update(score(pairs["rules"], "corpus_rules"))
    out["corpus_rules_none_events"] = invented["rules"]
    out["corpus_model_type_acc"] = score(pairs["model"], "corpus_model")["corpus_model_type_acc"]
    out["corpus_model_ece"] = ece
    out.update(score(pairs["hybrid"], "corpus_hybrid"))
    out["corpus_hybrid_added_events"] = added
    out["corpus_hybrid_none_events"] = invented["hybrid"]
    return out
