"""A run's results as a Parquet dataset partitioned by publication month, and loading one into the store.

``ingest --out DIR`` writes ``DIR/month=2024-05/part-<writer>-<n>.parquet`` (``month=undated`` when
the article has no date) instead of the store: one row per Document with its article id, month,
publication date, source and the Document as lossless JSON (``document_json``: every field of the
records, so ``read_dataset`` gives back Documents equal to those written). ``newsevents load DIR
--db ...`` stores them through the store's normal write path; ids already stored are skipped, so
loading twice stores nothing new.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from newsevents.records import Document, InputFailure

if typing.TYPE_CHECKING:
    from newsevents.settings import Settings

#: rows a writer keeps per month before writing them out as one part file
ROWS_PER_FILE = 5000
UNDATED = "undated"
_MONTH = re.compile(r"^(\d{4}-\d{2})")
_SCHEMA_COLUMNS = ("id", "month", "published", "source", "events", "document_json")


@dataclass
class DatasetSummary:
    """What a writer or a load did: documents written or stored, failures passed by, files written."""

    documents: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    files: int = 0
    duplicates: int = 0  # load only: documents already in the store


class DatasetWriter:
    """Writes Documents into a month-partitioned Parquet dataset, a few thousand rows per file.

    Use as a context manager and call ``write(results)`` with each batch's results (the runner's
    ``list[Document | InputFailure]``); failures are counted in ``summary``, not written.
    """

    def __init__(self, out_dir: str | Path, rows_per_file: int = ROWS_PER_FILE) -> None:
        self.out_dir, self.rows_per_file = Path(out_dir), rows_per_file
        self.summary = DatasetSummary()
        self._name = uuid.uuid4().hex[:12]  # writers of several runs into one folder never clash
        self._rows: dict[str, list[dict[str, Any]]] = {}

    def __enter__(self) -> "DatasetWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, results: Iterable[Document | InputFailure]) -> None:
        """Buffer one batch's Documents by month; write a month's file when it is full."""
        for result in results:
            if isinstance(result, InputFailure):
                self.summary.failures.append(result)
                continue
            month = month_of(result.article.published)
            rows = self._rows.setdefault(month, [])
            rows.append(_row(result, month))
            self.summary.documents += 1
            if len(rows) >= self.rows_per_file:
                self._flush(month)

    def close(self) -> None:
        """Write every month's remaining rows."""
        for month in list(self._rows):
            self._flush(month)

    def _flush(self, month: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self._rows.pop(month, [])
        if not rows:
            return
        folder = self.out_dir / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pylist([{k: row[k] for k in _SCHEMA_COLUMNS} for row in rows], schema=_schema())
        pq.write_table(table, folder / f"part-{self._name}-{self.summary.files:05d}.parquet")
        self.summary.files += 1


def write_dataset(results: Iterable[list[Document | InputFailure]], out_dir: str | Path) -> DatasetSummary:
    """Write every batch of ``results`` (as a runner yields them) to ``out_dir``; return what was written.

    In ``run_ingest`` with ``out_dir``: ``with DatasetWriter(out_dir) as writer:`` and ``writer.write(results)``
    for each batch in place of ``store.write_documents``, keeping the per-input accounting as it is.
    """
    with DatasetWriter(out_dir) as writer:
        for batch in results:
            writer.write(batch)
    return writer.summary


def read_dataset(directory: str | Path) -> Iterator[Document]:
    """The Documents of a dataset ``write_dataset`` made, month by month (undated last), file by file."""
    import pyarrow.parquet as pq

    root = Path(directory)
    files = sorted(root.glob("month=*/*.parquet"), key=lambda p: (p.parent.name == f"month={UNDATED}", p.parent.name, p.name))
    if not files:
        from newsevents.errors import NewseventsError

        raise NewseventsError(f"{root} holds no month=*/part-*.parquet files; give the folder written by `newsevents ingest --out`")
    for path in files:
        for batch in pq.ParquetFile(path).iter_batches(columns=["document_json"], batch_size=1000):
            for text in batch.column(0).to_pylist():
                yield decode(Document, json.loads(text))


def load_dataset(directory: str | Path, settings: "Settings", chunk: int = 500) -> DatasetSummary:
    """Store the Documents of a dataset in ``settings.db`` through the normal write path; ids already stored are skipped.

    Each new article also gets its language and fingerprint, as an ingest gives it (near-duplicate
    groups are not formed here: the dataset's documents were all annotated).
    """
    from newsevents.store import open_store

    summary = DatasetSummary()
    with open_store(settings.db, busy_timeout=settings.busy_timeout) as store:
        run_id = store.begin_run({**dataclasses.asdict(settings), "load": str(directory)})
        pending: list[Document] = []
        for doc in read_dataset(directory):
            pending.append(doc)
            if len(pending) >= chunk:
                _load_chunk(store, pending, run_id, summary)
                pending = []
        _load_chunk(store, pending, run_id, summary)
        store.finish_run(run_id, inputs=0, stored=summary.documents, duplicates=summary.duplicates, failed=0)
    return summary


def _load_chunk(store: Any, docs: list[Document], run_id: int, summary: DatasetSummary) -> None:
    from newsevents.clean.language import article_language
    from newsevents.dedup.records import Screening
    from newsevents.dedup.screen import fingerprint

    known = store.known_articles(d.article.id for d in docs)
    new = {d.article.id: d for d in docs if d.article.id not in known}  # a dataset written twice holds an id twice
    summary.duplicates += len(docs) - len(new)
    screened = {}
    for article_id, doc in new.items():
        signature, bands = fingerprint(doc.article.text)
        screened[article_id] = Screening(article_id, article_language(doc.article).language, signature, tuple(bands))
    summary.documents += store.write_documents(new.values(), run_id=run_id, screened=screened)


def month_of(published: str | None) -> str:
    """The partition of an article: 'YYYY-MM' of its publication date, or 'undated'."""
    found = _MONTH.match(published or "")
    return found.group(1) if found else UNDATED


def _row(doc: Document, month: str) -> dict[str, Any]:
    a = doc.article
    text = json.dumps(encode(doc), ensure_ascii=False, separators=(",", ":"))
    return {"id": a.id, "month": month, "published": a.published, "source": a.source, "events": len(doc.events), "document_json": text}


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema([("id", pa.string()), ("month", pa.string()), ("published", pa.string()), ("source", pa.string()),
                      ("events", pa.int32()), ("document_json", pa.large_string())])  # fmt: skip


def encode(value: Any) -> Any:
    """A record as plain JSON values: dataclasses as objects of their fields, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    return value


def decode(kind: Any, value: Any) -> Any:
    """The inverse of ``encode`` for the type ``kind`` (a records dataclass, tuple[X, ...], X | None or a plain type)."""
    if value is None:
        return None
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{name: decode(hints[name], v) for name, v in value.items()})
    origin = typing.get_origin(kind)
    if origin is tuple:
        (item, _) = typing.get_args(kind)
        return tuple(decode(item, v) for v in value)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(kind) if a is not type(None)]
        return decode(inner, value)
    if kind is float:
        return float(value)  # JSON writes 3.0 as 3.0, but a hand-made file may say 3
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(kind: type) -> dict[str, Any]:
    if kind not in _HINTS:
        _HINTS[kind] = typing.get_type_hints(kind)
    return _HINTS[kind]
