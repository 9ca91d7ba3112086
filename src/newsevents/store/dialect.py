"""The few SQLite-only constructs our SQL uses, rewritten for PostgreSQL (``store/postgres.py`` applies them).

The store and the query layer write one SQL, SQLite's. On PostgreSQL every statement passes
through :func:`to_postgres` once (the result is cached), and every migration through
:func:`ddl_to_postgres`. What is rewritten, and why:

- ``?`` placeholders become ``%s`` (and a literal ``%`` becomes ``%%``), as psycopg wants;
- ``INSERT OR IGNORE`` / ``INSERT OR REPLACE`` become ``ON CONFLICT DO NOTHING`` / ``DO UPDATE``;
- the column ``end`` (a reserved word in PostgreSQL) is quoted;
- ``LIKE`` becomes ``ILIKE`` (SQLite's LIKE ignores case), ``x = ? COLLATE NOCASE`` becomes ``lower(x) = lower(?)``;
- ``json_each(?)`` becomes ``json_array_elements_text(?::json)`` (both give a column ``value``);
- every ORDER BY term gets SQLite's null order (NULL first ascending, last descending);
- the full-text subquery over ``articles_fts`` (FTS5) becomes a ``tsvector`` match (migration 0003_search.postgres.sql).

Functions SQLite has and PostgreSQL lacks (``round(real, n)``, ``strftime``) and the ``sqlite_master``
catalogue are created in the database by the PostgreSQL-only migration 0000_sqlite_functions.postgres.sql.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

#: tables written with INSERT OR REPLACE, and the key a replaced row is found by
REPLACE_KEYS = {"near_duplicates": ("article_id",), "article_minhash": ("article_id",)}

#: the FTS5 subquery ``query.articles_listing`` joins, and its PostgreSQL form (rank: lower is better, as FTS5's)
FTS_SQLITE = "(SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ?)"
FTS_POSTGRES = (
    "(SELECT ft.rowid, -ts_rank(ft.document, fq.query) AS rank FROM articles_fts ft, plainto_tsquery('simple', ?) AS fq(query) "
    "WHERE ft.document @@ fq.query)"
)

_STRING = re.compile(r"'(?:[^']|'')*'")
_END = re.compile(r'(?<![\w"])end(?![\w"])')  # the column; the keyword is written END
_NOCASE = re.compile(r"([\w.]+) = \? COLLATE NOCASE")
_INSERT_OR = re.compile(r"^\s*INSERT OR (IGNORE|REPLACE) INTO\s+(\w+)\s*(\(([^)]*)\))?", re.IGNORECASE)
_ORDER_END = re.compile(r"\b(LIMIT|OFFSET|UNION|EXCEPT|INTERSECT|WINDOW)\b", re.IGNORECASE)


def _outside_strings(sql: str, change: Callable[[str], str], escape: bool = True) -> str:
    """Apply ``change`` to the parts of ``sql`` outside string literals (in which ``escape`` doubles ``%``)."""
    out, last = [], 0
    for m in _STRING.finditer(sql):
        out.append(change(sql[last : m.start()]))
        out.append(m.group(0).replace("%", "%%") if escape else m.group(0))
        last = m.end()
    out.append(change(sql[last:]))
    return "".join(out)


def _code(part: str) -> str:
    part = part.replace("%", "%%").replace("?", "%s")
    return _native(part)


def _native(part: str) -> str:
    part = _END.sub('"end"', part)
    part = re.sub(r"\bLIKE\b", "ILIKE", part)
    return re.sub(r"json_each\((%s|\?)\)", r"json_array_elements_text(\1::json)", part)


@lru_cache(maxsize=2048)
def to_postgres(sql: str, placeholders: bool = True) -> str:
    """``sql`` as PostgreSQL takes it (see the module docstring); without ``placeholders``, for a statement with no parameters."""
    sql = sql.replace(FTS_SQLITE, FTS_POSTGRES)
    sql = _NOCASE.sub(r"lower(\1) = lower(?)", sql)
    insert = _INSERT_OR.match(sql)
    suffix = ""
    if insert:
        verb, table, columns = insert.group(1).upper(), insert.group(2), insert.group(4)
        sql = f"INSERT INTO {table}{' (' + columns + ')' if columns else ''}" + sql[insert.end():]
        suffix = " ON CONFLICT DO NOTHING" if verb == "IGNORE" else _on_conflict_replace(table, columns)
    sql = _outside_strings(sql, _code) if placeholders else _outside_strings(sql, _native, escape=False)
    return null_order(sql) + suffix


def _on_conflict_replace(table: str, columns: str | None) -> str:
    if table not in REPLACE_KEYS or not columns:
        raise ValueError(f"INSERT OR REPLACE INTO {table}: name its columns and add the table's key to dialect.REPLACE_KEYS")
    key = REPLACE_KEYS[table]
    rest = [_END.sub('"end"', c.strip()) for c in columns.split(",") if c.strip() not in key]
    sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in rest)
    return f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sets}" if rest else f" ON CONFLICT ({', '.join(key)}) DO NOTHING"


def _terms(text: str) -> list[tuple[int, int]]:
    """(start, end) of each comma-separated term of ``text`` at parenthesis depth 0, up to where the list ends."""
    spans, depth, start = [], 0, 0
    i = 0
    while i < len(text):
        c = text[i]
        if c == "'":
            literal = _STRING.match(text, i)
            i = literal.end() if literal else len(text)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                spans.append((start, i))
                return spans
            depth -= 1
        elif c == "," and depth == 0:
            spans.append((start, i))
            start = i + 1
        elif depth == 0 and _ORDER_END.match(text, i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            spans.append((start, i))
            return spans
        i += 1
    spans.append((start, len(text)))
    return spans


def null_order(sql: str) -> str:
    """Give every ORDER BY term SQLite's null order: NULLS FIRST ascending, NULLS LAST descending."""
    out, pos = [], 0
    for m in re.finditer(r"\bORDER BY\b", sql, re.IGNORECASE):
        if m.start() < pos:
            continue
        body_start = m.end()
        out.append(sql[pos:body_start])
        body = sql[body_start:]
        spans = _terms(body)
        last = 0
        for start, end in spans:
            term = body[start:end]
            out.append(body[last:start])
            stripped = term.rstrip()
            if re.search(r"\bNULLS\s+(FIRST|LAST)$", stripped, re.IGNORECASE):
                out.append(term)
            else:
                rule = " NULLS LAST" if re.search(r"\bDESC$", stripped, re.IGNORECASE) else " NULLS FIRST"
                out.append(stripped + rule + term[len(stripped) :])
            last = end
        pos = body_start + last
    out.append(sql[pos:])
    return "".join(out)


# -- migrations -----------------------------------------------------------------------------

_TYPES = [(re.compile(r"\bINTEGER PRIMARY KEY\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
          (re.compile(r"\bINTEGER\b"), "BIGINT"), (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"), (re.compile(r"\bBLOB\b"), "BYTEA")]  # fmt: skip
_CREATE_TABLE = re.compile(r"^\s*CREATE TABLE (?:IF NOT EXISTS )?(\w+)\s*\(", re.IGNORECASE)
_INDEX = re.compile(r"^\s*CREATE (?:UNIQUE )?INDEX (?:IF NOT EXISTS )?\w+ ON \w+\s*\(", re.IGNORECASE)


def ddl_to_postgres(statement: str) -> str:
    """One migration statement for PostgreSQL, to run without parameters: types, a ``rowid`` column on every table, index null order."""
    code = strip_comments(statement)
    if _CREATE_TABLE.match(code) or code.lstrip().upper().startswith("ALTER TABLE"):
        for pattern, replacement in _TYPES:
            code = pattern.sub(replacement, code)
        code = re.sub(r"\)\s*WITHOUT ROWID", ")", code)
        if _CREATE_TABLE.match(code) and "AS IDENTITY PRIMARY KEY" not in code:
            # SQLite numbers every row (rowid): our reads order by it, so PostgreSQL gets the same column
            code = code.rstrip().rstrip(";").rstrip()
            code = code[:-1].rstrip() + ",\n    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE\n)"
    if _INDEX.match(code):
        code = re.sub(r"(\w+) COLLATE NOCASE", r"lower(\1)", code)
        head, _, cols = code.partition("(")
        return head + "(" + _index_columns(cols)
    return to_postgres(code, placeholders=False)


def strip_comments(sql: str) -> str:
    """``sql`` without its ``--`` comments (a ``--`` inside a string literal stays)."""
    out, last = [], 0
    for m in re.finditer(r"'(?:[^']|'')*'|--[^\n]*", sql):
        out.append(sql[last : m.start()])
        out.append(m.group(0) if m.group(0).startswith("'") else "")
        last = m.end()
    out.append(sql[last:])
    return "".join(out).strip()


def _index_columns(cols: str) -> str:
    """The column list of CREATE INDEX: expressions in parentheses, SQLite's null order on every term (so ORDER BY can use it);
    a partial index keeps its WHERE clause."""
    text = cols.rstrip().rstrip(";").rstrip()
    spans = _terms(text)
    close = spans[-1][1]  # the list's closing parenthesis
    body, tail = text[:close], text[close + 1 :].strip()
    terms = []
    for start, end in _terms(body):
        term = to_postgres(body[start:end].strip(), placeholders=False)
        expr, order = re.match(r"(.*?)((?:\s+(?:ASC|DESC))?)$", term, re.IGNORECASE | re.DOTALL).groups()  # type: ignore[union-attr]
        if not re.fullmatch(r'[\w"]+|\w+\(.*\)|\(.*\)', expr.strip(), re.DOTALL):
            expr = f"({expr.strip()})"
        terms.append(f"{expr}{order} {'NULLS LAST' if order.strip().upper() == 'DESC' else 'NULLS FIRST'}")
    return ", ".join(terms) + ")" + (" " + to_postgres(tail, placeholders=False) if tail else "")
