"""Read the bundled data tables (``newsevents/data/*``): versioned, tab-separated, checked on load.

Every table starts with a ``# <name> vN`` line, then a column header row, then one record a
line, tab separated; other ``#`` lines are comments. Every stage reads its tables through here,
and every error is a :class:`DataFileError` naming the file and line, so a broken edit is found
at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources

from newsevents.errors import DataFileError

__all__ = ["DataFileError", "parse_rows", "parse_words", "read_rows", "read_text", "split_names", "split_words"]


def read_text(name: str) -> str:
    """The text of one bundled data file."""
    try:
        return resources.files("newsevents.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"data file {name} is missing from newsevents/data; reinstall newsevents") from exc


def _check_version(name: str, lines: list[str], kind: str | None) -> None:
    """Raise unless the first line is the ``# <kind> vN`` header; ``kind`` defaults to the file's stem."""
    stem = kind or name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if not lines or not re.match(rf"# {re.escape(stem)} v\d", lines[0]):
        raise DataFileError(f"{name}:1: expected a '# {stem} vN' version header")


def parse_rows(name: str, text: str, columns: tuple[str, ...], kind: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of the text of table ``name``, cells stripped; errors name the file and line.

    ``kind`` is the table's header name ("events_lexicon"); by default the stem of ``name``.
    """
    lines = text.splitlines()
    _check_version(name, lines, kind)
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not header_seen:
            if tuple(cells) != columns:
                raise DataFileError(f"{name}:{number}: header {cells} should be {list(columns)}")
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise DataFileError(
                f"{name}:{number}: expected {len(columns)} tab-separated columns ({', '.join(columns)}), "
                f"got {len(cells)}: {line!r}"
            )
        yield number, dict(zip(columns, cells))
    if not header_seen:
        raise DataFileError(f"{name}: no header row {list(columns)} found")


def read_rows(name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a bundled table, checking its version line, header and column count."""
    return parse_rows(name, read_text(name), columns)


def parse_words(name: str, text: str, kind: str | None = None) -> list[str]:
    """The stripped non-comment, non-empty lines of a versioned word list."""
    lines = text.splitlines()
    _check_version(name, lines, kind)
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def split_words(cell: str) -> frozenset[str]:
    """The ``|``-separated words of a cell, lower-cased, for matching; ``-`` is none."""
    if cell in ("", "-"):
        return frozenset()
    return frozenset(word.strip().lower() for word in cell.split("|") if word.strip())


def split_names(cell: str) -> list[str]:
    """The ``|``-separated names of a cell, as written and in order, empty ones dropped."""
    return [part.strip() for part in cell.split("|") if part.strip()]
