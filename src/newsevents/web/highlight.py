"""Article text as highlighted segments: cut at every span boundary, each piece wrapped in its layers.

Pure functions over the export's JSON shape (``query.get_article``). The template escapes each
segment's text and renders its layers as nested elements, so offsets never meet raw HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsevents.records import PARAGRAPH_SEPARATOR

#: nesting order, outermost first
KINDS = ("quote", "ent", "ev")


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
    """Every highlight of an article: quotes, entity mentions and event triggers."""
    out: list[Layer] = []
    for q in article.get("quotes", []):
        who = q.get("speaker") or "unknown speaker"
        out.append(Layer("quote", q["start"], q["end"], "span", "quote", {"title": f"quote — {who}"}))
    for ent in article.get("entities", []):
        label = f"{ent['type']} · {ent['name']}" + (f" ({ent['country']})" if ent.get("country") else "")
        for m in ent.get("mentions", []):
            out.append(Layer("ent", m["start"], m["end"], "span", f"ent ent-{ent['type']}", {"title": label, "data-entity": ent["id"]}))
    by_span: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for ev in article.get("events", []):
        by_span.setdefault((ev["evidence"]["start"], ev["evidence"]["end"]), []).append(ev)
    for (start, end), evs in by_span.items():
        quad = (quads or {}).get(evs[0]["id"], evs[0].get("quad_class"))
        title = "; ".join(f"{e['type']} event — select to see it coded" for e in evs)
        attrs = {"data-events": " ".join(e["id"] for e in evs), "title": title, "tabindex": "0", "role": "button"}
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
            anchors = [f"ev-{i}" for l in covering if l.kind == "ev" and l.start == a for i in l.attrs["data-events"].split()]
            para.append(Segment(text[a:b], chosen, anchors))
        out.append(para)
    return out


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
