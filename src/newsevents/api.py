"""The Python API that the CLI and the web layer sit on."""

from __future__ import annotations

import hashlib
import json
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Sequence

from newsevents.errors import InputError
from newsevents.records import Article, Document, InputFailure, RawDocument, RunSummary
from newsevents.settings import Settings
from newsevents.unicode import surrogate_problem


def process_text(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    **overrides: Any,
) -> list[Document]:
    """Clean, annotate and code one text (a dump may hold several articles); nothing is stored."""
    from newsevents.clean import clean_document, explain_empty
    from newsevents.process import annotate_batch

    settings = Settings.make(**overrides)
    raw = RawDocument(origin="<text>", format="text", text=text, url=url, published=published, source=source)
    articles = clean_document(raw)
    if not articles:
        raise InputError("<text>", explain_empty(raw))
    results = annotate_batch(articles, settings)
    failures = [r for r in results if isinstance(r, InputFailure)]
    if failures:
        raise InputError("<text>", failures[0].reason)
    return [r for r in results if isinstance(r, Document)]


def ingest(
    paths: Sequence[str],
    settings: Settings | None = None,
    *,
    stdin: BinaryIO | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_failure: Callable[[InputFailure], None] | None = None,
) -> RunSummary:
    """Ingest files, folders or '-' (stdin) into the database named by ``settings.db``."""
    from newsevents.pipeline import run_ingest

    return run_ingest(paths, settings or Settings.make(), stdin=stdin, progress=progress, on_failure=on_failure)


def code_records(records: Iterable[dict[str, Any]], settings: Settings) -> Iterator[dict[str, Any]]:
    """Code sentences given as ``{"id", "text", "published"?}``; yield ``{"id", "events": [...]}`` in order.

    A record that cannot be coded yields ``{"id", "events": [], "error": "record N: ..."}`` in its place.
    """
    return code_items(((f"record {n}", rec) for n, rec in enumerate(records, 1)), settings)


def code_lines(lines: Iterable[str], settings: Settings, name: str = "-") -> Iterator[dict[str, Any]]:
    """Code JSON Lines text; one result per non-blank line, in input order, errors naming ``name`` and the line."""

    def items() -> Iterator[tuple[str, dict[str, Any] | str]]:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{name} line {n}"
            try:
                rec = json.loads(line)
            except ValueError as exc:
                yield where, f"not valid JSON ({exc})"
                continue
            except RecursionError:
                yield where, "JSON nested too deeply"
                continue
            yield where, rec if isinstance(rec, dict) else f"not a JSON object but a {type(rec).__name__}"

    return code_items(items(), settings)


def code_items(items: Iterable[tuple[str, dict[str, Any] | str]], settings: Settings) -> Iterator[dict[str, Any]]:
    """Code ``(where, record or reason it is bad)`` pairs; yield one result each, in input order."""
    from newsevents.process import annotate_batch
    from newsevents.serialize import event_to_dict

    def flush(batch: list[tuple[Any, Article | str]]) -> Iterator[dict[str, Any]]:
        articles = [a for _, a in batch if isinstance(a, Article)]
        results = iter(annotate_batch(articles, settings) if articles else [])
        for rid, item in batch:
            if isinstance(item, str):
                yield {"id": rid, "events": [], "error": item}
                continue
            res = next(results)
            if isinstance(res, InputFailure):
                yield {"id": rid, "events": [], "error": f"{item.origin}: {res.reason}"}
            else:
                yield {"id": rid, "events": [event_to_dict(ev) for ev in res.events]}

    batch: list[tuple[Any, Article | str]] = []
    for n, (where, rec) in enumerate(items, 1):
        problem = rec if isinstance(rec, str) else _record_problem(rec)
        rid = rec.get("id", n) if isinstance(rec, dict) else None
        if problem is not None:
            batch.append((rid, f"{where}: {problem}"))
        else:
            assert isinstance(rec, dict)
            text = rec["text"].strip()
            article_id = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
            published = rec.get("published") if isinstance(rec.get("published"), str) else None
            batch.append((rid, Article(id=article_id, title="", paragraphs=(text,), published=published, origin=where)))
        if len(batch) >= settings.batch_size:
            yield from flush(batch)
            batch = []
    if batch:
        yield from flush(batch)


def _record_problem(rec: dict[str, Any]) -> str | None:
    """Why a ``code`` record cannot be coded, or None."""
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return 'no "text" string; give each line a non-empty "text"'
    for key in ("text", "published"):
        problem = surrogate_problem(f"its {key!r} field", rec.get(key)) if isinstance(rec.get(key), str) else None
        if problem:
            return problem
    return None
