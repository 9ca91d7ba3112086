"""The data dictionary: every store column, JSON contract field and export column, with its meaning.

Names and types come from the code at generation time: the store's tables from applying every
shipped migration to an in-memory database, the JSON fields from ``schema/article.schema.json``,
the export columns from exporting a sample document. Meanings and examples come from
``docs/data/columns.tsv`` (ours); :func:`missing_entries` names every column or field without one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from newsevents.datafiles import parse_rows
from newsevents.docsgen.markdown import DOCS, banner, code, table

COLUMNS_FILE = DOCS / "data" / "columns.tsv"
COLUMN_FIELDS = ("where", "name", "meaning", "example")
#: Tables SQLite makes for itself or for full-text search: internal, not documented.
_INTERNAL = ("sqlite_", "articles_fts_")

#: A documented item: (where, name, type, note from the source).
Item = tuple[str, str, str, str]


def store_items() -> list[Item]:
    """Every table and column after all shipped migrations, in creation order ("where" is the table)."""
    from newsevents.store.migrate import migrate

    conn = sqlite3.connect(":memory:")
    try:
        migrate(conn)
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
        items = []
        for name in names:
            if name.startswith(_INTERNAL):
                continue
            for _, column, kind, notnull, _, pk in conn.execute(f"PRAGMA table_info('{name}')"):
                flags = " primary key" if pk else (" not null" if notnull else "")
                items.append((name, column, f"{kind or 'any'}{flags}", ""))
        return items
    finally:
        conn.close()


def _schema_type(prop: dict[str, Any]) -> str:
    """A schema property's type in words."""
    if "enum" in prop:
        return "one of " + ", ".join(str(v) for v in prop["enum"])
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1] + " object"
    kind = prop.get("type", "any")
    kinds = kind if isinstance(kind, list) else [kind]
    if "array" in kinds and "items" in prop:
        items = prop["items"]
        inner = items["$ref"].rsplit("/", 1)[-1] + " objects" if "$ref" in items else f"{_schema_type(items)} items"
        kinds = [f"array of {inner}" if k == "array" else k for k in kinds]
    return " or ".join(kinds)


def _walk(node: dict[str, Any], where: str, prefix: str = "") -> Iterator[Item]:
    """The properties of a schema object, nested objects and arrays of objects included (``a.b``, ``a[].b``)."""
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield where, path, _schema_type(prop), prop.get("description", "")
        if "properties" in prop:
            yield from _walk(prop, where, f"{path}.")
        items = prop.get("items", {})
        if "properties" in items:
            yield from _walk(items, where, f"{path}[].")


def json_items() -> list[Item]:
    """Every field of the JSON contract: the article (``json``) and each shared definition (``json.event`` ...)."""
    schema = json.loads((resources.files("newsevents") / "schema" / "article.schema.json").read_text(encoding="utf-8"))
    items = list(_walk(schema, "json"))
    for name, definition in schema.get("$defs", {}).items():
        items += _walk(definition, f"json.{name}")
    return items


def sample_document() -> Any:
    """A small hand-made document with every field filled, whose export shows every column."""
    from newsevents.records import ActorRef, Article, Caption, Document, Entity, Event, Location, Mention, Quote, Role

    text = "Police arrested two protesters in Tehran on Monday, the agency said."
    article = Article(id="0123456789abcdef", title="Arrests in Tehran", paragraphs=(text,),
                      captions=(Caption("Police in Tehran.", "Example Agency"),), source="Example Wire",
                      url="https://news.example/arrests", published="2024-07-30", author="A. Writer")
    tehran = Entity("e1", "Tehran", "LOC", (Mention(34, 40, "Tehran"),), country="IRN")
    event = Event(id="0123456789abcdef-1", type="COERCE", mode="arrest", context=("repression",), cameo="173",
                  quad_class=4, goldstein=-5.0, actors=(ActorRef("police", None, "IRN", "COP", 0, 6),),
                  targets=(ActorRef("protesters", None, "IRN", "CVL", 20, 30),), date="2024-07-29", date_text="Monday",
                  location=Location("Tehran", "IRN", 35.69, 51.42, 34, 40), status="reported", sentence=text,
                  sentence_start=0, evidence_start=7, evidence_end=15, confidence=0.8,
                  coder="newsevents.coder.v2", lexicon="events_lexicon v2")
    return Document(article, (tehran,), (event,), (Quote("the agency said", 52, 67, None),),
                    (Role("Ebrahim Raisi", "President", "IRN", "2024-07-30"),))


def export_items() -> list[Item]:
    """Every CSV/Parquet column of each export table ("where" is ``export.<table>``), typed from the sample."""
    from newsevents.export import TABLES, rows

    kinds = {bool: "boolean", int: "integer", float: "number", str: "text", type(None): "text"}
    items = []
    for name in TABLES:
        for row in rows([sample_document()], name):
            items += [(f"export.{name}", column, kinds.get(type(value), "text"), "") for column, value in row.items()]
            break
    return items


def all_items() -> list[Item]:
    """Everything the dictionary must describe, in page order."""
    return store_items() + json_items() + export_items()


def descriptions() -> dict[tuple[str, str], dict[str, str]]:
    """(where, name) -> meaning and example, from docs/data/columns.tsv."""
    rows = parse_rows(str(COLUMNS_FILE), COLUMNS_FILE.read_text(encoding="utf-8"), COLUMN_FIELDS, kind="columns")
    return {(row["where"], row["name"]): row for _, row in rows}


def missing_entries() -> list[str]:
    """The columns and fields without a line in docs/data/columns.tsv, as the lines to add."""
    known = descriptions()
    return [f"{where}\t{name}\t<meaning>\t<example>" for where, name, _, _ in all_items() if (where, name) not in known]


def stale_entries() -> list[str]:
    """Lines of docs/data/columns.tsv that describe no existing column or field."""
    present = {(where, name) for where, name, _, _ in all_items()}
    return [f"{where}\t{name}" for where, name in descriptions() if name != "*" and (where, name) not in present]


def _rows(items: list[Item], known: dict[tuple[str, str], dict[str, str]]) -> list[tuple[str, str, str, str]]:
    """Table rows for one table or object: name, type, meaning, example."""
    out = []
    for where, name, kind, _ in items:
        entry = known.get((where, name), {"meaning": "(not described yet)", "example": "-"})
        out.append((code(name), kind, entry["meaning"], code(entry["example"])))
    return out


def _groups(items: list[Item]) -> dict[str, list[Item]]:
    """Items by "where", in first-seen order."""
    out: dict[str, list[Item]] = {}
    for item in items:
        out.setdefault(item[0], []).append(item)
    return out


HEADERS = ("name", "type", "meaning", "example")


def _page(source: str, intro: str, items: list[Item], heading: Callable[[str], str],
          known: dict[tuple[str, str], dict[str, str]]) -> str:
    """A dictionary page: a banner, an introduction, then one table per group of items under its heading."""
    parts = [banner(f"{source} and docs/data/columns.tsv") + intro]
    for where, group in _groups(items).items():
        about = known.get((where, "*"), {}).get("meaning", "")
        parts.append(f"## {heading(where)}\n\n" + (f"{about}\n\n" if about else "") + table(HEADERS, _rows(group, known)))
    return "\n".join(parts)


STORE_INTRO = (
    "# The store\n\nThe SQLite tables after every shipped migration (`src/newsevents/store/migrations/`), in the "
    "order they are created. Offsets (`start`, `end`, `*_start`, `*_end`) are character offsets into the article's "
    "`text`. Dates are ISO 8601 text.\n"
)
JSON_INTRO = (
    "# The JSON contract\n\nOne object per article, as `newsevents export --format jsonl` writes it, "
    "`Document.to_dict()` returns it and the API serves it; `src/newsevents/schema/article.schema.json` is its JSON "
    "Schema. Keys are only ever added, never renamed or removed. `a[].b` is field `b` of each item of array `a`; "
    "objects shared by several fields (event, actor, span) have their own table.\n"
)
EXPORTS_INTRO = (
    "# CSV and Parquet exports\n\n`newsevents export --format csv|parquet --table articles|events|entities` writes "
    "one flat row per article, event or entity; CSV and Parquet have the same columns. For the full nested record "
    "use `--format jsonl` (the [JSON contract](json.md)).\n"
)


def _json_heading(where: str) -> str:
    """The heading of a JSON object's table."""
    return "article (one JSON object a line)" if where == "json" else where.removeprefix("json.") + " object"


def pages() -> dict[Path, str]:
    """The three dictionary pages by path."""
    known = descriptions()
    folder = DOCS / "data"
    return {
        folder / "store.md": _page("src/newsevents/store/migrations/*.sql", STORE_INTRO, store_items(), str, known),
        folder / "json.md": _page("src/newsevents/schema/article.schema.json", JSON_INTRO, json_items(), _json_heading, known),
        folder / "exports.md": _page("src/newsevents/export.py", EXPORTS_INTRO, export_items(),
                                     lambda where: where.removeprefix("export."), known),
    }
