"""Unicode hygiene shared by every stage: lone surrogates in input, control characters in terminal output."""

from __future__ import annotations

import re

_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: C0 controls but tab and newline, DEL, and C1 controls (ESC, CSI and friends drive terminals)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def surrogate_at(text: str) -> int | None:
    """Offset of the first lone surrogate code point in ``text`` (not valid Unicode), else None."""
    found = _SURROGATE.search(text)
    return found.start() if found else None


def surrogate_problem(what: str, text: str | None) -> str | None:
    """Why ``text`` (called ``what`` in the message) is not valid Unicode, or None when it is."""
    at = surrogate_at(text) if text else None
    if text is None or at is None:
        return None
    return (
        f"{what} holds a lone surrogate escape (\\u{ord(text[at]):04x}) at character {at}, which is not valid Unicode; "
        "fix its source (the exporter) or remove that escape"
    )


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and newline kept), safe to print on a terminal."""
    return _CONTROLS.sub("", text)
