"""The ingest job: read inputs, clean, drop duplicates, screen, annotate in batches, store, account for every input.

It streams: inputs are taken in windows of about ``WINDOW_BYTES`` of input. Each window is read and
cleaned in the workers (prepare.py) with the per-source boilerplate learned from it and the windows
before it (clean/boilerplate.py ``BoilerplateLearner``, bounded), its articles screened and annotated,
and its results written before the next window is read, so memory stays flat however much is
ingested. A corpus smaller than a window is one window. An input larger than a window (a big text dump,
JSON Lines) is cut into parts at article or record boundaries (ingest/parts.py), each part closing its
window; the boilerplate of the whole input is learned before its first part is cleaned, so the parts
give the same articles as the input read whole, and the run still records and accounts for one input.

The screen (dedup/screen.py) keeps two kinds of new article from the English NLP: those not in
English and near-copies of an article stored or earlier in the run. Both are stored (with their
language, and linked to their near-duplicate group) without annotations, and the summary counts them.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from contextlib import nullcontext
from typing import TYPE_CHECKING, BinaryIO, Callable, ContextManager, Iterator, Sequence

from newsevents.records import Article, Document, InputFailure, LoadedInput, RunSummary
from newsevents.settings import Settings

if TYPE_CHECKING:
    from newsevents.batch.dataset import DatasetWriter
    from newsevents.prepare import Cleaned
    from newsevents.batch.runners import Runner
    from newsevents.dedup.records import Screening
    from newsevents.ingest.fetch import Fetcher
    from newsevents.ingest.parts import Part, SplitInput
    from newsevents.ingest.sources import Source
    from newsevents.store import SQLiteStore

Progress = Callable[[int], None]
#: input bytes read, cleaned and screened together (each window is cleaned with the boilerplate learned so far)
WINDOW_BYTES = 8 * 2**20
#: at most this many inputs per window
WINDOW_INPUTS = 4000
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
    ids: set[str] | None = None  # a text dump cut into parts: every article id its parts gave (a repeat is dropped, as in one dump)


def clean_inputs(loaded: Sequence[LoadedInput]) -> Iterator[tuple[LoadedInput, list[Article] | InputFailure]]:
    """Clean every readable input into articles, learning the per-source boilerplate table first (in this process)."""
    from newsevents.clean import BoilerplateTable
    from newsevents.prepare import Cleaned, clean_documents

    table = BoilerplateTable.learn(doc for item in loaded for doc in item.documents)
    for item in loaded:
        done = None
        if item.documents:
            articles, problems = clean_documents(item.documents, table)
            done = Cleaned(item.origin, tuple(articles), (), tuple(problems))
        yield item, _result(item, done)


def _result(item: LoadedInput, done: "Cleaned | InputFailure | None") -> list[Article] | InputFailure:
    """What one input gave: its articles, or why it failed (``done``: its cleaning, None when it had no documents)."""
    if item.failure is not None and not item.documents:
        return item.failure
    if done is None:  # a feed URL whose server said nothing changed (HTTP 304)
        return []
    if isinstance(done, InputFailure):  # the runner lost its worker on it
        return done
    return done.failure() or list(done.articles)


def run_ingest(
    paths: Sequence[str],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_failure: Callable[[InputFailure], None] | None = None,
    window_bytes: int = WINDOW_BYTES,
    out_dir: str | None = None,
) -> RunSummary:
    """Ingest ``paths`` into ``settings.db``; return the summary of what became of every input.

    With ``out_dir``, documents are written to a Parquet dataset there (batch/dataset.py) instead of the
    store, which still records the run and every input; ``newsevents load`` stores the dataset later.
    """
    from newsevents.batch.runners import open_runner
    from newsevents.ingest.loader import fetch_source, make_fetcher
    from newsevents.ingest.sources import iter_sources
    from newsevents.store import open_store
    from newsevents.store.feeds import read_validators, stored_urls

    summary = IngestSummary(db=settings.db)
    fetcher = make_fetcher(settings)
    with open_store(settings.db, busy_timeout=settings.busy_timeout) as store, open_runner(settings) as runner, _sink(out_dir) as dataset:
        fetcher.validators, fetcher.stored = read_validators(store.conn), stored_urls(store.conn)
        job = _Job(store, settings, runner, summary, fetcher, progress, dataset)
        sources = iter_sources(paths, settings.max_input_bytes, stdin, fetch=lambda url: fetch_source(fetcher, url))
        parts = _split_large(_not_the_store(sources, settings.db), window_bytes, settings.input_format, job.splits)
        for window in _windows(parts, window_bytes):
            job.window(window)
        job.finish(on_failure)
    return summary


def _sink(out_dir: str | None) -> "ContextManager[DatasetWriter | None]":
    """The dataset writer for ``out_dir``, or nothing (documents go to the store)."""
    if out_dir is None:
        return nullcontext(None)
    from newsevents.batch.dataset import DatasetWriter

    return DatasetWriter(out_dir)


def _windows(sources: Iterator["Source"], limit: int) -> Iterator[list["Source"]]:
    """Consecutive groups of sources of about ``limit`` bytes (at least one source each); a part of a large input ends its group."""
    window: list[Source] = []
    size = 0
    for source in sources:
        window.append(source)
        size += len(source.data or b"")
        if size >= limit or len(window) >= WINDOW_INPUTS or source.part is not None:
            yield window
            window, size = [], 0
    if window:
        yield window


def _split_large(sources: Iterator["Source"], limit: int, input_format: str, splits: dict[str, "SplitInput"]) -> Iterator["Source"]:
    """``sources`` with each input larger than ``limit`` cut into its parts; ``splits`` holds the input being cut."""
    from newsevents.ingest.parts import split_input
    from newsevents.prepare import needs_parent

    for source in sources:
        split = None if needs_parent(source) else split_input(source, limit, input_format)
        if split is None:
            yield source
            continue
        splits[source.origin] = split
        yield from split.parts()
        splits.pop(split.origin, None)


def _not_the_store(sources: Iterator["Source"], db: str) -> Iterator["Source"]:
    """``sources`` without the database's own files, when it lies in a folder being ingested."""
    own = {str(Path(db).resolve()) + suffix for suffix in ("", "-wal", "-shm", "-journal")}
    for source in sources:
        if "://" in source.origin or str(Path(source.origin).resolve()) not in own:
            yield source


class _Job:
    """One ingest run's state across its windows: the inputs' accounting and the articles already taken."""

    def __init__(self, store: "SQLiteStore", settings: Settings, runner: "Runner", summary: IngestSummary,
                 fetcher: "Fetcher", progress: Callable[[int, int], None] | None, dataset: "DatasetWriter | None" = None) -> None:
        from newsevents.clean.boilerplate import BoilerplateLearner

        self.store, self.settings, self.runner, self.summary = store, settings, runner, summary
        self.dataset = dataset  # with ingest --out: documents go there instead of the store
        self.fetcher, self.progress = fetcher, progress
        self.run_id = store.begin_run({k: v for k, v in dataclasses.asdict(settings).items()})
        summary.run_id = self.run_id
        self.states: dict[str, _InputState] = {}
        self.input_ids: dict[str, int] = {}  # origin -> its row in the store's inputs
        self.seen: set[str] = set()
        self.total = 0
        self.fingerprinted = False
        self.learner = BoilerplateLearner()  # boilerplate learned from every window so far
        self.splits: dict[str, SplitInput] = {}  # origin -> the large input being cut into parts, while it is

    def window(self, sources: list["Source"]) -> None:
        """Read, clean, screen, annotate and store one window of inputs."""
        from newsevents.ingest.parts import is_continued

        loaded = self._load(sources)
        self.summary.inputs += sum(1 for source in sources if not is_continued(source))
        pending, looks = self._clean(loaded, [source.part for source in sources])
        if pending and not self.fingerprinted:  # articles stored before fingerprints existed: once per database
            from newsevents.dedup.screen import fingerprint

            self.store.fingerprint_older(fingerprint)
            self.fingerprinted = True
        from newsevents.dedup.screen import screen

        screened = screen(pending, self.store.known_near, self.settings.near_duplicate_similarity, looks)
        skipped = [a for a in pending if screened[a.id].skipped]
        pending = [a for a in pending if not screened[a.id].skipped]
        self._annotate(pending, screened)
        # after the annotated ones, so a near-copy is never stored before the original it links to
        if skipped:
            self._write([Document(article=a) for a in skipped], screened)
        for article in skipped:
            self.states[article.origin].articles += 1
        _count_skipped(self.summary, [screened[a.id] for a in skipped])

    def _load(self, sources: list["Source"]) -> list[LoadedInput]:
        """The window's inputs read, in order: files in the workers, URLs and feeds here (they fetch pages)."""
        from newsevents.ingest import load_source
        from newsevents.prepare import load_batch, needs_parent

        loaded: list[LoadedInput | None] = [None] * len(sources)
        away: list[int] = []
        for i, source in enumerate(sources):
            if needs_parent(source):
                loaded[i] = load_source(source, self.settings, fetcher=self.fetcher)
            else:
                away.append(i)
        chunks = _chunks(away, lambda i: 1 + len(sources[i].data or b"") // 65536, self._chunk_size(len(away)))
        for chunk, results in zip(chunks, self.runner.map(load_batch, ([sources[i] for i in chunk] for chunk in chunks))):
            for i, result in zip(chunk, results):  # a runner reports an input that kills its worker as an InputFailure
                loaded[i] = LoadedInput(origin=sources[i].origin, failure=result) if isinstance(result, InputFailure) else result
        return [item for item in loaded if item is not None]

    def _clean(self, loaded: list[LoadedInput], parts: "list[Part | None]") -> "tuple[list[Article], dict[str, Screening]]":
        """Clean the window in the workers; record each input; return its new articles (not stored yet) and their looks."""
        from newsevents.prepare import Cleaned, clean_batch, task_for

        self.learner.add(doc for item in loaded for doc in item.documents)
        for item, part in zip(loaded, parts):
            if part is not None and part.index == 0 and not part.last:
                self._learn_ahead(self.splits[item.origin], item)
        table = self.learner.table()
        tasks = [task_for(item, table) for item in loaded if item.documents]
        chunks = _chunks(list(range(len(tasks))), lambda i: len(tasks[i].documents), self._chunk_size(len(tasks)))
        cleaned: dict[str, Cleaned | InputFailure] = {}
        for results in self.runner.map(clean_batch, ([tasks[i] for i in chunk] for chunk in chunks)):
            cleaned.update((c.origin, c) for c in results)  # an InputFailure (its worker died) has an origin too
        pending: list[Article] = []
        looks: dict[str, Screening] = {}
        for item, part in zip(loaded, parts):
            done = cleaned.get(item.origin)
            if isinstance(done, Cleaned):
                looks.update((look.article_id, look) for look in done.looks)
            pending.extend(self._take(item, _result(item, done), part))
        return pending, looks

    def _learn_ahead(self, split: "SplitInput", first: LoadedInput) -> None:
        """Add the boilerplate of a large input's later parts before its first is cleaned, as if it were read whole.

        The parts are read in the workers a few at a time; a text dump (one source) stops once its source is full,
        any input once the learner holds all it takes.
        """
        from itertools import islice

        from newsevents.clean import BoilerplateTable
        from newsevents.prepare import load_batch

        group = BoilerplateTable.source_of(first.documents[0]) if first.format == "text" and first.documents else None
        later = split.parts(1)
        while not (self.learner.saturated or (group is not None and self.learner.full(group))):
            chunk = list(islice(later, max(1, self.settings.workers)))
            if not chunk:
                return
            for results in self.runner.map(load_batch, ([part] for part in chunk)):
                for item in results:  # a part that kills its worker is reported when its own window comes
                    if isinstance(item, LoadedInput):
                        self.learner.add(item.documents)

    def _take(self, item: LoadedInput, result: list[Article] | InputFailure, part: "Part | None" = None) -> list[Article]:
        """Record one input (as failed until its articles are written); return its articles not stored or seen yet.

        A later part of a large input adds to the state its first part recorded.
        """
        state = self.states.get(item.origin) if part is not None and part.index > 0 else None
        if state is None:
            # Until its articles are written, an input reads as failed (so a killed run shows what it did not finish).
            pending_reason = result if isinstance(result, InputFailure) else InputFailure(item.origin, _UNFINISHED)
            state = _InputState(item, self.store.record_input(self.run_id, item, status="failed", failure=pending_reason))
            state.ids = set() if part is not None and part.format == "text" else None
            self.states[item.origin] = state
            self.input_ids[item.origin] = state.row
        if isinstance(result, InputFailure):
            state.failures.append(result.reason)
            return []
        if item.failure is not None:  # some records of the input were bad
            state.failures.append(item.failure.reason)
        if state.ids is not None:  # a repeat within one dump is dropped without counting, whichever part holds it
            result = [a for a in result if a.id not in state.ids]
            state.ids.update(a.id for a in result)
        known = self.store.known_articles(a.id for a in result)
        new: list[Article] = []
        for article in result:
            if article.id in known or article.id in self.seen:
                state.duplicates += 1
                continue
            self.seen.add(article.id)
            new.append(dataclasses.replace(article, origin=item.origin))
        return new

    def _annotate(self, pending: list[Article], screened: "dict[str, Screening]") -> None:
        """Annotate the window's articles in the workers and store each batch as it comes back."""
        from newsevents.process import annotate_batch

        self.total += len(pending)
        if self.progress:
            self.progress(0, self.total)
        size = self.settings.batch_size
        batches = [pending[i : i + size] for i in range(0, len(pending), size)]
        for results in self.runner.map(annotate_batch, batches):
            docs: list[Document] = []
            for res in results:
                if isinstance(res, InputFailure):
                    self.states[res.origin].failures.append(res.reason)
                else:
                    docs.append(res)
                    self.states[res.article.origin].articles += 1
                    self.summary.events += len(res.events)
            self._write(docs, screened)
            if self.progress:
                self.progress(len(results), self.total)

    def _write(self, docs: list[Document], screened: "dict[str, Screening]") -> None:
        """Store ``docs`` (or add them to the dataset); count the new ones."""
        if self.dataset is not None:
            before = self.dataset.summary.documents
            self.dataset.write(docs)
            self.summary.stored += self.dataset.summary.documents - before
            return
        self.summary.stored += self.store.write_documents(docs, input_ids=self.input_ids, run_id=self.run_id, screened=screened)

    def _chunk_size(self, items: int) -> int:
        """Chunks small enough that every worker gets a few, and no larger than a batch."""
        return max(1, min(self.settings.batch_size, -(-items // (4 * max(1, self.settings.workers)))))

    def finish(self, on_failure: Callable[[InputFailure], None] | None) -> None:
        """Settle every input's status, save the feeds' validators and close the run."""
        summary, store = self.summary, self.store
        for state in self.states.values():
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
        whole = {origin for origin, state in self.states.items() if not state.failures}
        store.save_validators({url: seen for url, seen in self.fetcher.seen.items() if url in whole})
        store.finish_run(self.run_id, inputs=summary.inputs, stored=summary.stored, duplicates=summary.duplicates, failed=summary.failed)


def _chunks(items: list[int], weight: Callable[[int], int], size: int) -> list[list[int]]:
    """``items`` in order, cut into chunks of about ``size`` weight each."""
    chunks: list[list[int]] = []
    current: list[int] = []
    load = 0
    for item in items:
        current.append(item)
        load += weight(item)
        if load >= size:
            chunks.append(current)
            current, load = [], 0
    if current:
        chunks.append(current)
    return chunks


def _count_skipped(summary: IngestSummary, skipped: "Sequence[Screening]") -> None:
    """Add the articles the screen kept from the NLP to the summary, by reason."""
    from newsevents.dedup.records import NEAR_DUPLICATE

    summary.near_duplicates += sum(1 for s in skipped if s.skipped == NEAR_DUPLICATE)
    languages = Counter(s.language for s in skipped if s.skipped != NEAR_DUPLICATE)
    summary.not_english = dict(sorted((Counter(summary.not_english) + languages).items(), key=lambda kv: (-kv[1], kv[0])))
