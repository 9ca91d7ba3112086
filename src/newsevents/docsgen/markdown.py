"""Small Markdown writers shared by the page generators, and the stale-page check."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path

#: The repository root (the generators run from a checkout: ``docs/`` lives beside ``src/``).
ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"


def banner(source: str, command: str = "make docs") -> str:
    """The note at the head of a generated page: where it comes from and how to rebuild it."""
    return f"<!-- Generated from {source} by `{command}`; edit the source, not this page. -->\n"


def cell(value: object) -> str:
    """A value made safe for one Markdown table cell."""
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ").strip()


def code(value: object) -> str:
    """A value as inline code (HTML, so that "|" needs no escape inside a table), or a dash when it is empty."""
    text = "" if value is None else str(value).replace("\n", " ").strip()
    if not text or text == "-":
        return "—"
    return "<code>" + html.escape(text, quote=False).replace("|", "&#124;") + "</code>"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table; cells are passed through :func:`cell` unless already formatted."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def write_pages(pages: dict[Path, str], check: bool = False) -> list[Path]:
    """Write each page whose text changed (nothing when ``check``); the pages that were, or would be, rewritten."""
    stale = []
    for path, text in pages.items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return stale
