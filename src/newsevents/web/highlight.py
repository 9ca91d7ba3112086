"""Article text as highlighted segments: cut at every span boundary, each piece wrapped in its layers.

Pure functions over the export's JSON shape (``query.get_article``). The template escapes each
segment's text and renders its layers as nested elements, so offsets never meet raw HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsevents.records import PARAGRAPH_SEPARATOR

#: nesting order, outermost first ("quote" is what was said, "said" its source and cue)
KINDS = ("quote", "said", "ent", "ev")
_SAID = {"direct": "quoted", "mixed": "partly quoted", "indirect": "reported"}


@dataclass(frozen=True)
class Layer:
    """One highlight over a span: its element, CSS class and attributes."""

    kind: str
    start: int
    end: int
    tag: str
    css: str
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Segment:
    """A run of text with the layers covering all of it, outermost first."""

    text: str
    layers: list[Layer]
    anchors: list[str]  # element ids that start here (``ev-<event id>``)


def paragraph_spans(paragraphs: list[str]) -> list[tuple[int, int]]:
    """Offsets of each paragraph inside the joined text."""
    spans, pos = [], 0
    for para in paragraphs:
        spans.append((pos, pos + len(para)))
        pos += len(para) + len(PARAGRAPH_SEPARATOR)
    return spans


def layers_of(article: dict[str, Any], quads: dict[str, int | None] | None = None) -> list[Layer]:
    """Every highlight of an article: quotes, entity mentions and every mention of every event."""
    out = _said_layers(article)
    for ent in article.get("entities", []):
        label = f"{ent['type']} · {ent['name']}" + (f" ({ent['country']})" if ent.get("country") else "")
        for m in ent.get("mentions", []):
            out.append(Layer("ent", m["start"], m["end"], "span", f"ent ent-{ent['type']}", {"title": label, "data-entity": ent["id"]}))
    return out + _event_layers(article.get("events", []), quads)


def _said_layers(article: dict[str, Any]) -> list[Layer]:
    """Who said what: each attribution's content, source and cue (stores from before attributions: the quotes)."""
    attributions = article.get("attributions")
    if not attributions:
        return [Layer("quote", q["start"], q["end"], "span", "quote", {"title": f"quote — {q.get('speaker') or 'unknown speaker'}"})
                for q in article.get("quotes", [])]
    out = []
    for at in attributions:
        who = at.get("speaker") or (at.get("source") or {}).get("text") or "unknown source"
        said = {"data-attribution": at["id"]}
        content = at["content"]
        out.append(Layer("quote", content["start"], content["end"], "span", f"quote said-{at['kind']}", {**said, "title": f"{_SAID[at['kind']]} — {who}"}))
        for part in ("source", "cue"):
            if at.get(part):
                out.append(Layer("said", at[part]["start"], at[part]["end"], "span", f"said-{part}", {**said, "title": f"{part} of {at['id']}: {who}"}))
    return out


def _event_layers(events: list[dict[str, Any]], quads: dict[str, int | None] | None) -> list[Layer]:
    """One mark per evidence span: every mention of every event (``evidence_spans``), events sharing a span in one mark.

    ``data-events`` lists the events a span belongs to; ``data-main`` those whose main mention it is
    (the page anchors ``ev-<id>`` sit there, once per event).
    """
    by_span: dict[tuple[int, int], list[tuple[dict[str, Any], bool]]] = {}
    for ev in events:
        main = (ev["evidence"]["start"], ev["evidence"]["end"])
        spans = [(s["start"], s["end"]) for s in ev.get("evidence_spans") or []] or [main]
        for span in dict.fromkeys([main, *spans]):
            by_span.setdefault(span, []).append((ev, span == main))
    out = []
    for (start, end), evs in by_span.items():
        quad = (quads or {}).get(evs[0][0]["id"], evs[0][0].get("quad_class"))
        title = "; ".join(f"{e['type']} event{'' if is_main else ' (another mention)'} — select to see it coded" for e, is_main in evs)
        attrs = {"data-events": " ".join(e["id"] for e, _ in evs), "data-main": " ".join(e["id"] for e, is_main in evs if is_main),
                 "title": title, "tabindex": "0", "role": "button"}
        out.append(Layer("ev", start, end, "mark", f"ev q{quad or 0}", attrs))
    return out


def segments(text: str, paragraphs: list[tuple[int, int]], layers: list[Layer]) -> list[list[Segment]]:
    """Split each paragraph at all layer boundaries; each segment lists the layers covering it."""
    size = len(text)
    valid = [l for l in layers if 0 <= l.start < l.end <= size]
    out: list[list[Segment]] = []
    for p_start, p_end in paragraphs:
        inside = [l for l in valid if l.start < p_end and l.end > p_start]
        cuts = {p_start, p_end}
        for l in inside:
            cuts.update(x for x in (l.start, l.end) if p_start < x < p_end)
        bounds = sorted(cuts)
        para: list[Segment] = []
        for a, b in zip(bounds, bounds[1:]):
            covering = [l for l in inside if l.start <= a and l.end >= b]
            chosen = _one_per_kind(covering)
            anchors = [f"ev-{i}" for l in covering if l.kind == "ev" and l.start == a for i in _anchored(l)]
            para.append(Segment(text[a:b], chosen, anchors))
        out.append(para)
    return out


def _anchored(layer: Layer) -> list[str]:
    """Ids of the events anchored at an event mark: those whose main mention it is."""
    return layer.attrs.get("data-main", layer.attrs["data-events"]).split()


def _one_per_kind(covering: list[Layer]) -> list[Layer]:
    """The innermost (shortest) layer of each kind, ordered outermost kind first."""
    best: dict[str, Layer] = {}
    for l in covering:
        if l.kind not in best or (l.end - l.start) < (best[l.kind].end - best[l.kind].start):
            best[l.kind] = l
    return [best[k] for k in KINDS if k in best]


def highlighted(article: dict[str, Any], quads: dict[str, int | None] | None = None) -> list[list[Segment]]:
    """The article's paragraphs as highlighted segments."""
    return segments(article["text"], paragraph_spans(article["paragraphs"]), layers_of(article, quads))


def word_marks(text: str, words: str) -> list[Segment]:
    """``text`` as segments with every occurrence of the searched words marked (case-insensitive)."""
    terms = [w for w in re.findall(r"\w+", words) if len(w) > 1]
    layers = []
    if terms:
        pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")", re.IGNORECASE)
        layers = [Layer("quote", m.start(), m.end(), "mark", "hit") for m in pattern.finditer(text)]
    return segments(text, [(0, len(text))], layers)[0] if text else []
