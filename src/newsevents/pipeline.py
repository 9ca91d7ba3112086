"""The ingest job: read inputs, clean, drop duplicates, screen, annotate in batches, store, account for every input.

The screen (dedup/screen.py) keeps two kinds of new article from the English NLP: those not in
English and near-copies of an article stored or earlier in the run. Both are stored (with their
language, and linked to their near-duplicate group) without annotations, and the summary counts them.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterator, Sequence

from newsevents.errors import NewseventsError
from newsevents.records import Article, Document, InputFailure, LoadedInput, RunSummary
from newsevents.settings import Settings

if TYPE_CHECKING:
    from newsevents.dedup.records import Screening
    from newsevents.store import SQLiteStore

Progress = Callable[[int], None]
_UNFINISHED = "the run stopped before this input's articles were written; run the same ingest again to finish it"


@dataclasses.dataclass
class IngestSummary(RunSummary):
    """A run's summary with what the screen kept from the NLP."""

    not_english: dict[str, int] = dataclasses.field(default_factory=dict)  # language -> articles stored unannotated
    near_duplicates: int = 0  # articles stored and linked to the group of the article they copy, unannotated


@dataclasses.dataclass
class _InputState:
    loaded: LoadedInput
    row: int
    articles: int = 0
    duplicates: int = 0
    failures: list[str] = dataclasses.field(default_factory=list)


def clean_inputs(loaded: Sequence[LoadedInput]) -> Iterator[tuple[LoadedInput, list[Article] | InputFailure]]:
    """Clean every readable input into articles, learning the per-source boilerplate table first."""
    from newsevents.clean import BoilerplateTable, clean_document, explain_empty

    table = BoilerplateTable.learn(doc for item in loaded for doc in item.documents)
    for item in loaded:
        if item.failure is not None and not item.documents:
            yield item, item.failure
            continue
        if not item.documents:  # a feed URL whose server said nothing changed (HTTP 304)
            yield item, []
            continue
        articles: list[Article] = []
        empty: list[str] = []
        for raw in item.documents:
            try:
                found = clean_document(raw, table)
            except NewseventsError as exc:
                empty.append(str(exc))
                continue
            except Exception as exc:  # noqa: BLE001 - one odd record must never stop a run
                empty.append(f"{raw.origin}: cleaning failed ({type(exc).__name__}: {exc}); please report it with the input")
                continue
            if not found:
                empty.append(explain_empty(raw))
            articles.extend(found)
        if not articles:
            yield item, InputFailure(item.origin, "; ".join(empty) or "no article found")
        else:
            yield item, articles


def run_ingest(
    paths: Sequence[str],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_failure: Callable[[InputFailure], None] | None = None,
) -> RunSummary:
    """Ingest ``paths`` into ``settings.db``; return the summary of what became of every input."""
    from newsevents.batch import map_batches
    from newsevents.ingest import iter_inputs
    from newsevents.ingest.loader import make_fetcher
    from newsevents.store import open_store
    from newsevents.store.feeds import read_validators, stored_urls

    summary = IngestSummary(db=settings.db)
    fetcher = make_fetcher(settings)
    if Path(settings.db).exists():  # a new database is created only after the inputs are listed (it may lie among them)
        with open_store(settings.db, busy_timeout=settings.busy_timeout) as store:
            fetcher.validators, fetcher.stored = read_validators(store.conn), stored_urls(store.conn)
    loaded = list(iter_inputs(paths, settings, stdin=stdin, fetcher=fetcher))
    summary.inputs = len(loaded)
    with open_store(settings.db, busy_timeout=settings.busy_timeout) as store:
        run_id = store.begin_run({k: v for k, v in dataclasses.asdict(settings).items()})
        summary.run_id = run_id
        states: dict[str, _InputState] = {}
        pending: list[Article] = []
        seen: set[str] = set()
        for item, result in clean_inputs(loaded):
            # Until its articles are written, an input reads as failed (so a killed run shows what it did not finish).
            pending_reason = result if isinstance(result, InputFailure) else InputFailure(item.origin, _UNFINISHED)
            state = _InputState(item, store.record_input(run_id, item, status="failed", failure=pending_reason))
            states[item.origin] = state
            if isinstance(result, InputFailure):
                state.failures.append(result.reason)
                continue
            if item.failure is not None:  # some records of the input were bad
                state.failures.append(item.failure.reason)
            known = store.known_articles(a.id for a in result)
            for article in result:
                if article.id in known or article.id in seen:
                    state.duplicates += 1
                    continue
                seen.add(article.id)
                pending.append(dataclasses.replace(article, origin=item.origin))
        screened = _screen(store, pending, settings)
        skipped = [a for a in pending if screened[a.id].skipped]
        pending = [a for a in pending if not screened[a.id].skipped]
        total = len(pending)
        if progress:
            progress(0, total)
        batches = [pending[i : i + settings.batch_size] for i in range(0, total, settings.batch_size)]
        input_ids = {origin: st.row for origin, st in states.items()}
        for results in map_batches(batches, settings):
            docs: list[Document] = []
            for res in results:
                if isinstance(res, InputFailure):
                    states[res.origin].failures.append(res.reason)
                else:
                    docs.append(res)
                    states[res.article.origin].articles += 1
                    summary.events += len(res.events)
            summary.stored += store.write_documents(docs, input_ids=input_ids, run_id=run_id, screened=screened)
            if progress:
                progress(len(results), total)
        # after the annotated ones, so a near-copy is never stored before the original it links to
        if skipped:
            summary.stored += store.write_documents([Document(article=a) for a in skipped], input_ids=input_ids, run_id=run_id, screened=screened)
        for article in skipped:
            states[article.origin].articles += 1
        _count_skipped(summary, [screened[a.id] for a in skipped])
        for state in states.values():
            summary.duplicates += state.duplicates
            if state.failures:
                failure = InputFailure(state.loaded.origin, "; ".join(state.failures))
                summary.failed += 1
                summary.failures.append(failure)
                if on_failure:
                    on_failure(failure)
                status = "partial" if state.articles or state.duplicates else "failed"
                summary.failed_partly += status == "partial"
            elif state.articles:
                summary.inputs_stored += 1
                status = "stored"
            else:
                summary.inputs_duplicate += 1
                status = "duplicate"
            store.update_input(state.row, status=status, articles=state.articles, duplicates=state.duplicates, reason="; ".join(state.failures) or None)
        whole = {origin for origin, state in states.items() if not state.failures}
        store.save_validators({url: seen for url, seen in fetcher.seen.items() if url in whole})
        store.finish_run(run_id, inputs=summary.inputs, stored=summary.stored, duplicates=summary.duplicates, failed=summary.failed)
    return summary


def _screen(store: "SQLiteStore", articles: Sequence[Article], settings: Settings) -> "dict[str, Screening]":
    """Each new article's language and near-duplicate group (dedup/screen.py), looked up in ``store`` and the run."""
    from newsevents.dedup.screen import fingerprint, screen

    if articles:
        store.fingerprint_older(fingerprint)  # articles stored before fingerprints existed: once per database
    return screen(articles, store.known_near, settings.near_duplicate_similarity)


def _count_skipped(summary: IngestSummary, skipped: "Sequence[Screening]") -> None:
    """Add the articles the screen kept from the NLP to the summary, by reason."""
    from newsevents.dedup.records import NEAR_DUPLICATE

    summary.near_duplicates += sum(1 for s in skipped if s.skipped == NEAR_DUPLICATE)
    languages = Counter(s.language for s in skipped if s.skipped != NEAR_DUPLICATE)
    summary.not_english = dict(sorted((Counter(summary.not_english) + languages).items(), key=lambda kv: (-kv[1], kv[0])))
