"""Exports: JSONL (the JSON contract), CSV, JSON and Parquet of flat rows, written as a stream.

``newsevents export`` writes stored documents (one row per article, event or entity); the API's
downloads (``format=csv|json|parquet`` on its list routes) write the rows of a list. Both use the
row builders and writers here: CSV and JSON come out a chunk at a time, Parquet a row group at a
time, so an export of any size holds one chunk in memory.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Mapping

from newsevents.errors import SettingsError
from newsevents.records import Document

FORMATS = ("jsonl", "csv", "parquet")
TABLES = ("articles", "events", "entities")
#: rows per CSV/JSON chunk and per Parquet row group
CHUNK = 1000
#: canonical actor ids of an article's events: event id -> {"actor": [...], "target": [...]}
Canonical = Mapping[str, Mapping[str, list[str | None]]]
CONTRACT_ACTOR = ("name", "entity", "country", "sector")


def _article_row(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": d["id"], "source": d["source"], "url": d["url"], "published": d["published"], "title": d["title"],
        "author": d.get("author"), "paragraphs": len(d["paragraphs"]), "entities": len(d["entities"]),
        "events": len(d["events"]), "quotes": len(d["quotes"]), "text": d["text"],
    }


def _ids(refs: list[dict[str, Any]], known: list[str | None] | None) -> str:
    """Canonical ids of one side, ";"-separated in the side's order (empty where the registry has none)."""
    ids = known if known is not None else [r.get("canonical_id") for r in refs]
    return ";".join(i or "" for i in ids)


def event_row(ev: dict[str, Any], article_id: str, published: str | None, url: str | None,
              canonical: Mapping[str, list[str | None]] | None = None) -> dict[str, Any]:  # fmt: skip
    """One event (a JSON contract event, or an API event carrying ``canonical_id`` on its actors) as a flat row."""
    loc = ev["location"] or {}
    first = lambda refs, key: refs[0][key] if refs else None  # noqa: E731
    side = lambda refs: json.dumps([{k: r.get(k) for k in CONTRACT_ACTOR} for r in refs])  # noqa: E731
    return {
        "article_id": article_id, "published": published, "id": ev["id"], "type": ev["type"], "mode": ev["mode"],
        "context": ";".join(ev["context"]), "cameo": ev["cameo"], "quad_class": ev["quad_class"], "goldstein": ev["goldstein"],
        "actor": first(ev["actors"], "name"), "actor_country": first(ev["actors"], "country"), "actor_sector": first(ev["actors"], "sector"),
        "target": first(ev["targets"], "name"), "target_country": first(ev["targets"], "country"), "target_sector": first(ev["targets"], "sector"),
        "actors": side(ev["actors"]), "targets": side(ev["targets"]), "date": ev["date"], "date_text": ev["date_text"],
        "date_precision": ev["date_precision"], "historical": ev["historical"], "location": loc.get("name"), "location_country": loc.get("country"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "location_precision": loc.get("precision"), "status": ev["status"],
        "sentence": ev["sentence"], "evidence_start": ev["evidence"]["start"],
        "evidence_end": ev["evidence"]["end"], "mentions": len(ev["evidence_spans"]),
        "evidence_spans": json.dumps(ev["evidence_spans"]), "confidence": ev["confidence"], "coder": ev.get("coder"), "lexicon": ev.get("lexicon"),
        "article_url": url, "actor_ids": _ids(ev["actors"], (canonical or {}).get("actor")),
        "target_ids": _ids(ev["targets"], (canonical or {}).get("target")),
    }  # fmt: skip


def api_event_row(ev: dict[str, Any]) -> dict[str, Any]:
    """An event as the API lists it (``query.list_events``) as the export's flat row."""
    return event_row(ev, ev["article_id"], ev["published"], ev["article_url"])


def _event_rows(d: dict[str, Any], canonical: Canonical) -> Iterator[dict[str, Any]]:
    for ev in d["events"]:
        yield event_row(ev, d["id"], d["published"], d["url"], canonical.get(ev["id"]))


def _entity_rows(d: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for e in d["entities"]:
        yield {
            "article_id": d["id"], "id": e["id"], "name": e["name"], "type": e["type"], "country": e["country"],
            "mentions": len(e["mentions"]), "first_start": e["mentions"][0]["start"] if e["mentions"] else None,
        }


def rows(docs: Iterable[Document], table: str, canonical: Callable[[str], Canonical] | None = None) -> Iterator[dict[str, Any]]:
    """Flat rows of one table for CSV and Parquet; ``canonical(article_id)`` gives its events' registry ids."""
    if table not in TABLES:
        raise SettingsError(f"table {table!r} is not known; use one of {', '.join(TABLES)} (--table)")
    for doc in docs:
        d = doc.to_dict()
        if table == "articles":
            yield _article_row(d)
        elif table == "events":
            yield from _event_rows(d, canonical(d["id"]) if canonical else {})
        else:
            yield from _entity_rows(d)


def export(docs: Iterable[Document], fmt: str, out: str | None, table: str = "articles",
           canonical: Callable[[str], Canonical] | None = None) -> int:  # fmt: skip
    """Write ``docs`` as JSONL (full objects), CSV or Parquet (flat ``table`` rows); return rows written.

    ``canonical`` (e.g. ``functools.partial(query.canonical_ids, conn)``) fills the events' actor_ids and target_ids.
    """
    if fmt not in FORMATS:
        raise SettingsError(f"format {fmt!r} is not known; use one of {', '.join(FORMATS)} (--format)")
    if fmt == "parquet":
        if not out or out == "-":
            raise SettingsError("Parquet is binary: give a file with --out PATH")
        return write_parquet(rows(docs, table, canonical), out)
    handle: IO[str] = sys.stdout if not out or out == "-" else open(out, "w", encoding="utf-8", newline="")
    try:
        if fmt == "jsonl":
            n = 0
            for doc in docs:
                handle.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
                n += 1
            return n
        tally = Tally(rows(docs, table, canonical))
        for chunk in csv_chunks(tally):
            handle.write(chunk)
        return tally.n
    finally:
        if handle is not sys.stdout:
            handle.close()


class Tally:
    """Passes items through, counting them."""

    def __init__(self, items: Iterable[dict[str, Any]]) -> None:
        self.items = items
        self.n = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for item in self.items:
            self.n += 1
            yield item


NESTED = (list, dict)


def flat(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row with its lists and objects as JSON text (CSV cells and Parquet columns hold no nesting)."""
    return {k: json.dumps(v, ensure_ascii=False) if type(v) in NESTED else v for k, v in row.items()}


def csv_chunks(items: Iterable[Mapping[str, Any]], size: int = CHUNK) -> Iterator[str]:
    """CSV text of ``items`` (a header from the first row's keys, then one line each), ``size`` rows a chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    columns: list[str] | None = None
    n = 0
    for row in items:
        if columns is None:
            columns = list(row)
            writer.writerow(columns)
        writer.writerow([json.dumps(v, ensure_ascii=False) if type(v) in NESTED else v for v in map(row.get, columns)])
        n += 1
        if n % size == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def json_chunks(items: Iterable[Mapping[str, Any]], size: int = CHUNK) -> Iterator[str]:
    """A JSON array of ``items``, ``size`` rows a chunk, one row a line."""
    parts: list[str] = ["["]
    for n, row in enumerate(items):
        parts.append(("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False, allow_nan=False))
        if len(parts) >= size:
            yield "".join(parts)
            parts = []
    parts.append("\n]\n")
    yield "".join(parts)


def write_parquet(items: Iterable[Mapping[str, Any]], out: str | Path, group: int = CHUNK) -> int:
    """Write ``items`` to Parquet at ``out`` one row group of ``group`` rows at a time (``parquet_chunks``); return rows written."""
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    tally = Tally(items)  # type: ignore[arg-type]
    with open(out, "wb") as handle:
        for chunk in parquet_chunks(tally, group):
            handle.write(chunk)
    return tally.n


class _Handover:
    """A write-only file for ParquetWriter that keeps no bytes once they are taken: it only counts its position."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        """The bytes written since the last take (then forgotten)."""
        out = b"".join(self.parts)
        self.parts.clear()
        return out


def parquet_chunks(items: Iterable[Mapping[str, Any]], group: int = CHUNK) -> Iterator[bytes]:
    """The bytes of a Parquet file of ``items``, handed over one row group (``group`` rows) at a time, as it is written.

    Only one group of rows and its encoded bytes are held at once, so a download of any size runs in
    constant memory (the file's footer, written last, lists every group). Column types come from
    the first group (a column empty there is text); an empty export is a file with no columns.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = _Handover()
    writer: pq.ParquetWriter | None = None
    schema: pa.Schema | None = None
    batch: list[dict[str, Any]] = []
    try:
        for row in items:
            batch.append(flat(row))
            if len(batch) < group:
                continue
            writer, schema = _write_group(writer, schema, batch, sink)
            batch = []
            yield sink.take()
        if batch or writer is None:
            writer, schema = _write_group(writer, schema, batch, sink)
    finally:
        if writer is not None:
            writer.close()  # the footer
    yield sink.take()


def _write_group(writer: Any, schema: Any, batch: list[dict[str, Any]], sink: _Handover) -> tuple[Any, Any]:
    """Write one row group (opening the writer on the first, its schema guessed from it); return the writer and schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if schema is None:
        guessed = pa.Table.from_pylist(batch).schema if batch else pa.schema([])
        schema = pa.schema([pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in guessed])
        writer = pq.ParquetWriter(sink, schema)
    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return writer, schema
