"""Downloads of a whole list: ``format=csv|json|parquet`` on the API's list routes, every match, streamed.

The rows are written by ``newsevents.export`` (the writers of ``newsevents export``): CSV and JSON
leave a chunk at a time; Parquet is written a row group at a time to a temporary file, which is
removed from the folder as soon as it is open and then sent from the open handle (so no file is
left behind, even when the client goes away). The first row is read before the answer starts, so
a query that fails answers in the JSON error shape rather than breaking off a download.
"""

from __future__ import annotations

import os
import tempfile
from itertools import chain
from typing import IO, Annotated, Any, Iterable, Iterator, Literal, Mapping

from fastapi import Query
from starlette.responses import Response, StreamingResponse

from newsevents.export import csv_chunks, json_chunks, write_parquet

FORMATS = ("csv", "json", "parquet")
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
        fd, path = tempfile.mkstemp(prefix="newsevents-", suffix=".parquet")
        os.close(fd)
        try:
            write_parquet(every, path)
            done = open(path, "rb")
        finally:
            os.unlink(path)
        headers["content-length"] = str(os.fstat(done.fileno()).st_size)
        return StreamingResponse(_read(done), media_type=MEDIA[fmt], headers=headers)
    chunks = csv_chunks(every) if fmt == "csv" else json_chunks(every)
    return StreamingResponse((c.encode("utf-8") for c in chunks), media_type=MEDIA[fmt], headers=headers)


def _read(handle: IO[bytes], size: int = 1 << 16) -> Iterator[bytes]:
    """The bytes of an open file, ``size`` at a time; the file is closed at the end (or when the client goes away)."""
    with handle:
        while block := handle.read(size):
            yield block


def file_name(*parts: str) -> str:
    """A download's file name from its parts: letters, digits, '-' and '_' kept, the rest '-'."""
    return "-".join("".join(c if (c.isascii() and c.isalnum()) or c in "-_" else "-" for c in p) for p in parts if p)[:100] or "export"
