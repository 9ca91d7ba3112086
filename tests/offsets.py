"""One check for every offset the project emits: ``text[start:end]`` is the span it names."""

from __future__ import annotations

from newsevents.records import Document


def offset_problems(doc: Document) -> list[str]:
    """Every emitted offset of ``doc`` that does not point at its own text (empty when all are valid)."""
    text = doc.article.text
    size = len(text)
    problems: list[str] = []

    def inside(what: str, start: int | None, end: int | None) -> bool:
        if start is None and end is None:
            return True
        if start is None or end is None or not 0 <= start <= end <= size:
            problems.append(f"{what}: [{start}:{end}] is outside the text (length {size})")
            return False
        return True

    for entity in doc.entities:
        for m in entity.mentions:
            if inside(f"mention of {entity.name!r}", m.start, m.end) and text[m.start : m.end] != m.text:
                problems.append(f"mention {m.text!r} != text[{m.start}:{m.end}] {text[m.start:m.end]!r}")
    for q in doc.quotes:
        if inside("quote", q.start, q.end) and text[q.start : q.end] != q.text:
            problems.append(f"quote {q.text!r} != text[{q.start}:{q.end}] {text[q.start:q.end]!r}")
    for ev in doc.events:
        s_end = ev.sentence_start + len(ev.sentence)
        if inside(f"sentence of {ev.id}", ev.sentence_start, s_end) and text[ev.sentence_start : s_end] != ev.sentence:
            problems.append(f"event {ev.id}: sentence does not match text[{ev.sentence_start}:{s_end}]")
        if inside(f"evidence of {ev.id}", ev.evidence_start, ev.evidence_end):
            if not ev.sentence_start <= ev.evidence_start < ev.evidence_end <= s_end:
                problems.append(f"event {ev.id}: evidence [{ev.evidence_start}:{ev.evidence_end}] is not inside its sentence")
        for ref in (*ev.actors, *ev.targets):
            inside(f"actor {ref.name!r} of {ev.id}", ref.start, ref.end)
        if ev.location is not None:
            inside(f"location of {ev.id}", ev.location.start, ev.location.end)
    return problems
