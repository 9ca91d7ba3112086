"""Downloads of a whole list: ``format=csv|json|parquet`` on the API's list routes, every match, streamed.

The rows are written by ``newsevents.export`` (the writers of ``newsevents export``): CSV and JSON
leave a chunk at a time, Parquet a row group at a time (``export.parquet_chunks``: each group's
bytes are sent as soon as they are encoded, then forgotten), so a download of any size holds one
chunk in memory and leaves no file behind. The first row is read before the answer starts, so a
query that fails answers in the JSON error shape rather than breaking off a download.
"""

from __future__ import annotations

from itertools import chain
from typing import Annotated, Any, AsyncIterator, Iterable, Iterator, Literal, Mapping

from fastapi import Query
from starlette.concurrency import iterate_in_threadpool
from starlette.responses import Response, StreamingResponse

from newsevents.export import CHUNK, csv_chunks, json_chunks, parquet_chunks

FORMATS = ("csv", "json", "parquet")
#: rows per row group of a Parquet download (each group is sent as soon as it is written)
ROWS_PER_GROUP = CHUNK
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json", "parquet": "application/vnd.apache.parquet"}
Format = Annotated[
    Literal["csv", "json", "parquet"] | None,
    Query(alias="format", description="csv, json or parquet: download every match of these filters (not one page) as a file"),
]
#: the OpenAPI answers of a list route that also downloads
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "One page as JSON (`items`, `next`, and `total`, `limit`, `offset`: see web/totals.py); "
                         "with `format`, every match as a CSV, JSON or Parquet file",
          "content": {"application/json": {}, "text/csv": {}, "application/vnd.apache.parquet": {}},
          "headers": {"X-Total-Count": {"description": "Every match of the filter (JSON answers only)", "schema": {"type": "integer"}}}},
}  # fmt: skip


def download(rows: Iterable[Mapping[str, Any]], fmt: str, name: str) -> Response:
    """Every row as a file ``name.fmt`` (flat rows; nested values become JSON text in CSV and Parquet)."""
    rows = iter(rows)
    first = next(rows, None)  # runs the query now: a failure still answers in the error shape
    every: Iterator[Mapping[str, Any]] = chain([first], rows) if first is not None else iter(())
    headers = {"content-disposition": f'attachment; filename="{name}.{fmt}"', "cache-control": "no-store"}
    if fmt == "parquet":
        chunks: Iterator[bytes] = parquet_chunks(every, ROWS_PER_GROUP)
    else:
        chunks = (c.encode("utf-8") for c in (csv_chunks(every) if fmt == "csv" else json_chunks(every)))
    return StreamingResponse(_closing(chunks), media_type=MEDIA[fmt], headers=headers)


async def _closing(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    """``chunks``, each made in the thread pool, closed as soon as the answer ends, also when the client goes away.

    Closing ends the query's cursor now, before the request's connection goes back to the pool,
    rather than whenever the abandoned generator happens to be collected.
    """
    try:
        async for chunk in iterate_in_threadpool(chunks):
            yield chunk
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()


def file_name(*parts: str) -> str:
    """A download's file name from its parts: letters, digits, '-' and '_' kept, the rest '-'."""
    return "-".join("".join(c if (c.isascii() and c.isalnum()) or c in "-_" else "-" for c in p) for p in parts if p)[:100] or "export"
