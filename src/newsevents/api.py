"""The Python API that the CLI and the web layer sit on."""

from __future__ import annotations

import hashlib
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Sequence

from newsevents.errors import InputError
from newsevents.records import Article, Document, InputFailure, RawDocument, RunSummary
from newsevents.settings import Settings


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
    """Code sentences given as ``{"id", "text", "published"?}``; yield ``{"id", "events": [...]}`` in order."""
    from newsevents.process import annotate_batch
    from newsevents.serialize import event_to_dict

    def flush(batch: list[tuple[Any, Article]]) -> Iterator[dict[str, Any]]:
        results = annotate_batch([a for _, a in batch], settings)
        for (rid, _), res in zip(batch, results):
            if isinstance(res, InputFailure):
                yield {"id": rid, "events": [], "error": res.reason}
            else:
                yield {"id": rid, "events": [event_to_dict(ev) for ev in res.events]}

    batch: list[tuple[Any, Article]] = []
    for n, rec in enumerate(records, 1):
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            yield {"id": rec.get("id"), "events": [], "error": f"record {n}: no 'text' string; give each line a non-empty \"text\""}
            continue
        article_id = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        batch.append((rec.get("id", n), Article(id=article_id, title="", paragraphs=(text.strip(),), published=rec.get("published"), origin=f"record {n}")))
        if len(batch) >= settings.batch_size:
            yield from flush(batch)
            batch = []
    if batch:
        yield from flush(batch)
