"""Plain-text tables for the command line."""

from __future__ import annotations

from typing import Any, Sequence

from newsevents.unicode import strip_controls


def render(rows: Sequence[dict[str, Any]], columns: Sequence[str], widths: dict[str, int] | None = None) -> str:
    """Left-aligned columns, values cut to ``widths`` (default 40) characters."""
    widths = widths or {}
    cells = [[_cell(r.get(c), widths.get(c, 40)) for c in columns] for r in rows]
    size = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v.ljust(size[i]) for i, v in enumerate(vals)).rstrip()  # noqa: E731
    out = [line(list(columns)), line(["-" * s for s in size])]
    out += [line(row) for row in cells]
    return "\n".join(out)


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else strip_controls(str(value).replace("\n", " ").replace("\t", " "))
    return text if len(text) <= width else text[: width - 1] + "…"
