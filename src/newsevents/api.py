"""The Python API that the CLI and the web layer sit on."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Iterable, Iterator, Sequence

from newsevents.errors import InputError
from newsevents.records import Article, Document, InputFailure, RawDocument, RunSummary
from newsevents.settings import Settings
from newsevents.unicode import surrogate_problem

if TYPE_CHECKING:
    from newsevents.registry import Registry


def process_text(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str | None = None,
    **overrides: Any,
) -> list[Document]:
    """Clean, annotate and code one text (a dump may hold several articles); nothing is stored.

    A text that reads as another language than English raises InputError saying so; ``language="en"`` codes it anyway.
    """
    from newsevents.clean import clean_document, explain_empty
    from newsevents.clean.language import refusal
    from newsevents.process import annotate_batch

    settings = Settings.make(**overrides)
    raw = RawDocument(origin="<text>", format="text", text=text, url=url, published=published, source=source)
    articles = clean_document(raw)
    if not articles:
        raise InputError("<text>", explain_empty(raw))
    foreign = [found for found in (refusal(a, language) for a in articles) if found]
    if foreign:
        raise InputError("<text>", foreign[0][1])
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
    out_dir: str | None = None,
) -> RunSummary:
    """Ingest files, folders or '-' (stdin) into the database named by ``settings.db``; then rebuild actors and clusters.

    With ``out_dir`` the documents go to a Parquet dataset there instead (``newsevents load`` stores it later);
    the database still records the run and every input.
    """
    from newsevents.pipeline import run_ingest

    settings = settings or Settings.make()
    summary = run_ingest(paths, settings, stdin=stdin, progress=progress, on_failure=on_failure, out_dir=out_dir)
    if out_dir is None and (summary.stored or _behind(settings)):
        _refresh(settings)
    return summary


def _behind(settings: Settings) -> bool:
    """True when an earlier run stored events but stopped before actors and clusters were rebuilt."""
    from newsevents.store import open_store
    from newsevents.store.registry import behind

    with open_store(settings.db, busy_timeout=settings.busy_timeout) as store:
        return behind(store.conn)


def rebuild_registry(settings: Settings) -> "Registry":
    """Refresh the actor registry of every stored article (corrections applied again) and store it, with its clusters.

    The registry returned has every actor, alias and stale correction, but the assignments of the refreshed
    articles only (``store.registry.Refreshed``); ``store.registry.build_registry`` gives them all.
    """
    return _refresh(settings)[0]


def rebuild_actors(settings: Settings) -> tuple["Registry", dict[str, int]]:
    """The registry and every cluster built again from scratch and stored in one pass (``newsevents actors rebuild``)."""
    return _refresh(settings, rebuild=True)


def cluster_events(settings: Settings, rebuild: bool = False) -> dict[str, int]:
    """Cluster every stored event into happenings, actors resolved by the registry; store and count them.

    The same clusters whatever order or batches articles came in: events are scored again only
    around what changed since the stored clusters (``store.clusters.update_clusters_keeping``), or all of
    them with ``rebuild``, which also empties the cluster tables first. The registry is stored too.
    """
    return _refresh(settings, rebuild=rebuild)[1]


def _refresh(settings: Settings, *, rebuild: bool = False) -> tuple["Registry", dict[str, int]]:
    """Rebuild the registry from everything stored and update the clusters; store both in one transaction.

    Stored together, the clusters always match the stored registry, which the next update starts
    from. The write checks that no article or correction arrived since the read it was built from
    (an ingest running at the same time); if one did, everything is built again from the new state.
    """
    from newsevents.errors import StoreError
    from newsevents.registry.pause import collector_paused
    from newsevents.store import open_store
    from newsevents.store.clusters import update_clusters_keeping, write_clusters
    from newsevents.store.registry import corpus_state, refresh_registry

    with open_store(settings.db, busy_timeout=settings.busy_timeout) as store, collector_paused():
        for _ in range(5):
            state = corpus_state(store.conn)
            # every actor and alias, but assignments only for what changed (all of them with ``rebuild``)
            built = refresh_registry(store.conn, settings.actor_dictionary, fresh=rebuild)
            made, window = update_clusters_keeping(store.conn, built, settings.clusterer, rebuild=rebuild)
            counts = write_clusters(store.conn, made, settings.clusterer, rebuild=rebuild, state=state, registry=built, window=window)
            if counts is not None:
                return built, dict(counts)  # "clusters": every stored cluster, not only the window's
    raise StoreError(f"database {settings.db} kept changing while actors and clusters were rebuilt; "
                     "run `newsevents actors rebuild` once other ingests have finished")


def correct_actors(settings: Settings, op: str, actor: str, other: str) -> dict[str, Any]:
    """Merge (``other`` joins ``actor``), split (the name ``other`` leaves ``actor``) or alias (``other`` means ``actor``).

    ``actor`` (and for merge ``other``) may be an id or any name of the actor. The correction is
    stored, so it survives later ingests; registry and clusters are rebuilt at once.
    """
    from dataclasses import asdict

    from newsevents.errors import QueryError
    from newsevents.registry import alias, merge, split
    from newsevents.store import open_store
    from newsevents.store.registry import add_correction, build_registry

    fixes = {"merge": merge, "split": split, "alias": alias}
    if op not in fixes:
        raise QueryError(f"correction {op!r} is not known; use one of {', '.join(fixes)}")
    with open_store(settings.db, busy_timeout=settings.busy_timeout) as store:
        registry = build_registry(store.conn, settings.actor_dictionary)
        first = _actor_id(registry, actor)
        second = _actor_id(registry, other) if op == "merge" else other
        made = fixes[op](registry, first, second).corrections[-1]
        add_correction(store.conn, made)
    registry = _refresh(settings)[0]
    return {"op": made.op, "actor": made.actor, "other": made.other, "stale": [asdict(c) for c in registry.stale]}


def _actor_id(registry: "Registry", name: str) -> str:
    """The id of the actor ``name`` stands for; NotFound naming what to try when there is none."""
    from newsevents.errors import NotFound

    found = registry.lookup(name)
    if found is None:
        raise NotFound(f"no actor named {name!r}; find its id with `newsevents actors --search {name.split()[-1] if name.split() else name}`")
    return found.id


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
    from newsevents.clean.language import refusal
    from newsevents.process import annotate_batch
    from newsevents.serialize import event_to_dict

    def flush(batch: list[tuple[Any, Article | str | dict[str, Any]]]) -> Iterator[dict[str, Any]]:
        articles = [a for _, a in batch if isinstance(a, Article)]
        results = iter(annotate_batch(articles, settings) if articles else [])
        for rid, item in batch:
            if isinstance(item, str):
                yield {"id": rid, "events": [], "error": item}
                continue
            if isinstance(item, dict):  # not English: accounted for, not coded
                yield {"id": rid, "events": [], **item}
                continue
            res = next(results)
            if isinstance(res, InputFailure):
                yield {"id": rid, "events": [], "error": f"{item.origin}: {res.reason}"}
            else:
                yield {"id": rid, "events": [event_to_dict(ev) for ev in res.events]}

    batch: list[tuple[Any, Article | str | dict[str, Any]]] = []
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
            article = Article(id=article_id, title="", paragraphs=(text,), published=published, origin=where)
            foreign = refusal(article, rec.get("language"))
            batch.append((rid, {"language": foreign[0], "skipped": f"{where}: {foreign[1]}"} if foreign else article))
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
