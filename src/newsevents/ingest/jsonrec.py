"""Read news records from JSON: one object, an array of objects, a wrapper object, or JSON Lines.

A record needs its body as ``text`` (aliases ``body``, ``content``, ``articleBody``,
``full_text``; a list of strings is joined one per line) or as ``html`` (``raw_html``),
which goes through the same extraction as an HTML page. Optional: ``title`` (``headline``),
``url`` (``link``), ``published`` (``published_at``, ``publishedAt``, ``date``,
``datePublished``, ``pubDate``; epoch seconds become ISO UTC), ``source`` (``site_name``,
``site``, ``publisher``; ``{"name": ...}`` objects too), ``author`` (``authors``, ``byline``).
Keys match case-insensitively. A wrapper object is one whose ``articles``/``items``/
``records``/``documents``/``data``/``results``/``entries`` key holds the array.

Record N's origin is ``path#N``: N is the line number for JSON Lines and the 1-based position
in an array. Bad records never sink the file: good ones are returned, bad ones are listed as
:class:`BadRecord` for the loader to report.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from newsevents.errors import InputError
from newsevents.ingest.html import HtmlPage
from newsevents.records import RawDocument
from newsevents.unicode import surrogate_problem

TEXT_KEYS = ("text", "body", "content", "articlebody", "full_text")
HTML_KEYS = ("html", "raw_html")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link")
DATE_KEYS = ("published", "published_at", "publishedat", "date", "datepublished", "pubdate")
SOURCE_KEYS = ("source", "site_name", "site", "publisher")
AUTHOR_KEYS = ("author", "authors", "byline")
WRAPPER_KEYS = ("articles", "items", "records", "documents", "data", "results", "entries")
NEEDS = 'give each record a "text" (or "body"/"content") or an "html" field'
_MAX_DEPTH_HINT = 900  # Python's parser gives up near its recursion limit (1,000 frames)

HtmlExtractor = Callable[[str, str | None], HtmlPage]


@dataclass(frozen=True)
class BadRecord:
    """A record that was skipped: where it is ("line 3", "record 2") and why."""

    where: str
    reason: str


@dataclass(frozen=True)
class JsonRecords:
    """Every record of one JSON input: the documents read and the records skipped."""

    documents: tuple[RawDocument, ...]
    bad: tuple[BadRecord, ...]
    total: int
    unit: str  # "line" for JSON Lines, "record" otherwise


def read_json(origin: str, text: str, extract: HtmlExtractor) -> JsonRecords:
    """Parse ``text`` as JSON or JSON Lines into documents; raise InputError if it is neither."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return _read_lines(origin, text, extract, error)
    except RecursionError:
        raise InputError(origin, f"JSON nested more than {_MAX_DEPTH_HINT} levels deep; news records are flat objects: check the export") from None
    items = _items(origin, value)
    return _collect(origin, list(enumerate(items, start=1)), extract, "record")


def read_json_lines(origin: str, text: str, extract: HtmlExtractor, first_line: int = 1) -> JsonRecords:
    """Read ``text`` as JSON Lines whose first line is line ``first_line`` of the input (a part of a large file)."""
    return _collect(origin, _numbered_lines(text, first_line)[0], extract, "line")


def _read_lines(origin: str, text: str, extract: HtmlExtractor, error: json.JSONDecodeError) -> JsonRecords:
    """JSON Lines (when a line holds a JSON object of its own), else a JSON syntax error.

    A file whose first non-blank line opens a pretty-printed document (a lone ``{`` or ``[``) is
    one broken JSON document, not JSON Lines, and gets the parser's message.
    """
    numbered, objects = _numbered_lines(text, 1)
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if objects == 0 or first == "{" or (first.startswith("[") and not first.endswith("]")):
        raise InputError(
            origin,
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            "fix it, or pass --format text to read it as plain text",
        )
    return _collect(origin, numbered, extract, "line")


def _numbered_lines(text: str, first_line: int) -> tuple[list[tuple[int, Any]], int]:
    """Each non-blank line's number and parsed value (or why it is no JSON), and how many are objects."""
    numbered: list[tuple[int, Any]] = []
    objects = 0
    for number, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as line_error:
            numbered.append((number, BadRecord(f"line {number}", f"not valid JSON ({line_error.msg}, column {line_error.colno})")))
            continue
        except RecursionError:
            numbered.append((number, BadRecord(f"line {number}", f"JSON nested more than {_MAX_DEPTH_HINT} levels deep")))
            continue
        objects += isinstance(value, dict)
        numbered.append((number, value))
    return numbered, objects


def _items(origin: str, value: Any) -> list[Any]:
    """The records inside a parsed JSON value."""
    if isinstance(value, list):
        if not value:
            raise InputError(origin, "the JSON array is empty: no records to read")
        return value
    if isinstance(value, dict):
        keys = {str(k).lower(): v for k, v in value.items()}
        if not _first(keys, TEXT_KEYS + HTML_KEYS):
            for key in WRAPPER_KEYS:
                if isinstance(keys.get(key), list) and keys[key]:
                    return keys[key]
        return [value]
    raise InputError(origin, f"the JSON holds a {type(value).__name__}, not news records; {NEEDS}")


def _collect(origin: str, numbered: list[tuple[int, Any]], extract: HtmlExtractor, unit: str) -> JsonRecords:
    """Turn numbered items into documents and bad records."""
    documents: list[RawDocument] = []
    bad: list[BadRecord] = []
    for number, item in numbered:
        if isinstance(item, BadRecord):
            bad.append(item)
            continue
        result = _record(f"{origin}#{number}", item, extract)
        if isinstance(result, str):
            bad.append(BadRecord(f"{unit} {number}", result))
        else:
            documents.append(result)
    return JsonRecords(tuple(documents), tuple(bad), len(numbered), unit)


def _record(origin: str, item: Any, extract: HtmlExtractor) -> RawDocument | str:
    """One record as a RawDocument, or the reason it cannot be one."""
    if not isinstance(item, dict):
        return f"not a JSON object but a {type(item).__name__}"
    fields = {str(k).lower(): v for k, v in item.items()}
    broken = _lone_surrogate(fields)
    if broken:
        return broken
    url = _string(_first(fields, URL_KEYS))
    body = _text(_first(fields, TEXT_KEYS))
    page = HtmlPage(text="")
    if not body:
        html = _first(fields, HTML_KEYS)
        if isinstance(html, str) and html.strip():
            page = extract(html, url)
            if not page.text:
                return "its html holds no article text"
            body = page.text
        elif _first(fields, TEXT_KEYS + HTML_KEYS) is not None:
            return "its text is empty"
        else:
            seen = ", ".join(sorted(map(str, item)))[:120] or "none"
            return f"no text or html field (fields: {seen})"
    return RawDocument(
        origin=origin,
        format="json",
        text=body,
        title=_string(_first(fields, TITLE_KEYS)) or page.title,
        url=url or page.url,
        published=_date(_first(fields, DATE_KEYS)) or page.published,
        source=_string(_first(fields, SOURCE_KEYS)) or page.source,
        author=_string(_first(fields, AUTHOR_KEYS)) or page.author,
        structured=True,
    )


def _lone_surrogate(fields: dict[str, Any]) -> str | None:
    """Why a record cannot be read when one of its strings holds a lone surrogate escape (``"\\ud800"``)."""
    for key, value in fields.items():
        for part in (key, *_strings(value)):
            problem = surrogate_problem(f"its {key!r} field", part)
            if problem:
                return problem
    return None


def _strings(value: Any, depth: int = 0) -> Iterator[str]:
    """Every string inside a JSON value (keys of objects included), a few levels down."""
    if isinstance(value, str):
        yield value
    elif depth < 4 and isinstance(value, list):
        for part in value:
            yield from _strings(part, depth + 1)
    elif depth < 4 and isinstance(value, dict):
        for key, part in value.items():
            yield str(key)
            yield from _strings(part, depth + 1)


def _first(fields: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The value of the first of ``keys`` present and not null."""
    for key in keys:
        value = fields.get(key)
        if value is not None:
            return value
    return None


def _text(value: Any) -> str:
    """A body: a string, or a list of paragraph strings joined by newlines."""
    if isinstance(value, list):
        value = "\n".join(str(part).strip() for part in value if isinstance(part, str) and part.strip())
    if not isinstance(value, str):
        return ""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _string(value: Any) -> str | None:
    """A metadata value as a string: names from objects, lists joined with commas."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, list):
        names = [_string(v) for v in value]
        value = ", ".join(n for n in names if n)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _date(value: Any) -> str | None:
    """A publication date as given; epoch seconds (or milliseconds) become ISO 8601 UTC."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 10_000_000_000 else value
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return _string(value)
