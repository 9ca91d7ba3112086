"""Attributions as rows of the ``attributions`` table (migration 0007) and back."""

from __future__ import annotations

import sqlite3
from typing import Any

from newsevents.records import Attribution, TextSpan

#: the table's columns, in the order :func:`attribution_row` gives them
ATTRIBUTION_COLUMNS = (
    "article_id", "id", "kind", "content_start", "content_end", "content_text", "source_start", "source_end", "source_text",
    "cue_start", "cue_end", "cue_text", "speaker", "speaker_entity", "parent", "date",
)  # fmt: skip


def _span(span: TextSpan | None) -> tuple[Any, Any, Any]:
    return (None, None, None) if span is None else (span.start, span.end, span.text)


def attribution_row(article_id: str, at: Attribution) -> tuple[Any, ...]:
    """One row for ``at``, in :data:`ATTRIBUTION_COLUMNS` order."""
    return (article_id, at.id, at.kind, *_span(at.content), *_span(at.source), *_span(at.cue), at.speaker, at.speaker_entity, at.parent, at.date)


def _read_span(row: sqlite3.Row, name: str) -> TextSpan | None:
    start = row[f"{name}_start"]
    return None if start is None else TextSpan(start, row[f"{name}_end"], row[f"{name}_text"])


def read_attributions(conn: sqlite3.Connection, article_id: str) -> tuple[Attribution, ...]:
    """The stored attributions of one article, in text order."""
    rows = conn.execute("SELECT * FROM attributions WHERE article_id=? ORDER BY content_start, id", (article_id,))
    return tuple(
        Attribution(id=r["id"], kind=r["kind"], content=TextSpan(r["content_start"], r["content_end"], r["content_text"]),
                    source=_read_span(r, "source"), cue=_read_span(r, "cue"), speaker=r["speaker"], speaker_entity=r["speaker_entity"],
                    parent=r["parent"], date=r["date"])
        for r in rows
    )  # fmt: skip
