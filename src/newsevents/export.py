"""Exports of stored documents: JSONL (the JSON contract), CSV and Parquet (one row per article, event or entity)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from newsevents.errors import SettingsError
from newsevents.records import Document

FORMATS = ("jsonl", "csv", "parquet")
TABLES = ("articles", "events", "entities")


def _article_row(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": d["id"], "source": d["source"], "url": d["url"], "published": d["published"], "title": d["title"],
        "author": d.get("author"), "paragraphs": len(d["paragraphs"]), "entities": len(d["entities"]),
        "events": len(d["events"]), "quotes": len(d["quotes"]), "text": d["text"],
    }


def _event_rows(d: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for ev in d["events"]:
        loc = ev["location"] or {}
        first = lambda refs, key: refs[0][key] if refs else None  # noqa: E731
        yield {
            "article_id": d["id"], "published": d["published"], "id": ev["id"], "type": ev["type"], "mode": ev["mode"],
            "context": ";".join(ev["context"]), "cameo": ev["cameo"], "quad_class": ev["quad_class"], "goldstein": ev["goldstein"],
            "actor": first(ev["actors"], "name"), "actor_country": first(ev["actors"], "country"), "actor_sector": first(ev["actors"], "sector"),
            "target": first(ev["targets"], "name"), "target_country": first(ev["targets"], "country"), "target_sector": first(ev["targets"], "sector"),
            "actors": json.dumps(ev["actors"]), "targets": json.dumps(ev["targets"]), "date": ev["date"], "date_text": ev["date_text"],
            "date_precision": ev["date_precision"], "historical": ev["historical"], "location": loc.get("name"), "location_country": loc.get("country"), "lat": loc.get("lat"), "lon": loc.get("lon"),
            "status": ev["status"], "sentence": ev["sentence"], "evidence_start": ev["evidence"]["start"],
            "evidence_end": ev["evidence"]["end"], "mentions": len(ev["evidence_spans"]),
            "evidence_spans": json.dumps(ev["evidence_spans"]), "confidence": ev["confidence"], "coder": ev["coder"], "lexicon": ev["lexicon"],
        }


def _entity_rows(d: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for e in d["entities"]:
        yield {
            "article_id": d["id"], "id": e["id"], "name": e["name"], "type": e["type"], "country": e["country"],
            "mentions": len(e["mentions"]), "first_start": e["mentions"][0]["start"] if e["mentions"] else None,
        }


def rows(docs: Iterable[Document], table: str) -> Iterator[dict[str, Any]]:
    """Flat rows of one table for CSV and Parquet."""
    if table not in TABLES:
        raise SettingsError(f"table {table!r} is not known; use one of {', '.join(TABLES)} (--table)")
    for doc in docs:
        d = doc.to_dict()
        if table == "articles":
            yield _article_row(d)
        elif table == "events":
            yield from _event_rows(d)
        else:
            yield from _entity_rows(d)


def export(docs: Iterable[Document], fmt: str, out: str | None, table: str = "articles") -> int:
    """Write ``docs`` as JSONL (full objects), CSV or Parquet (flat ``table`` rows); return rows written."""
    if fmt not in FORMATS:
        raise SettingsError(f"format {fmt!r} is not known; use one of {', '.join(FORMATS)} (--format)")
    if fmt == "parquet":
        if not out or out == "-":
            raise SettingsError("Parquet is binary: give a file with --out PATH")
        return _parquet(rows(docs, table), out)
    handle: IO[str] = sys.stdout if not out or out == "-" else open(out, "w", encoding="utf-8", newline="")
    try:
        if fmt == "jsonl":
            n = 0
            for doc in docs:
                handle.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
                n += 1
            return n
        return _csv(rows(docs, table), handle)
    finally:
        if handle is not sys.stdout:
            handle.close()


def _csv(items: Iterator[dict[str, Any]], handle: IO[str]) -> int:
    writer = None
    n = 0
    for row in items:
        if writer is None:
            writer = csv.DictWriter(handle, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
        n += 1
    return n


def _parquet(items: Iterator[dict[str, Any]], out: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = list(items)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(data), out)
    return len(data)
