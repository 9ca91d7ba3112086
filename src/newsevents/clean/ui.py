"""Page furniture words: the ``clean_ui_lines`` table of menu, sharing, cookie and footer lines.

The table lives in ``newsevents/data/clean_ui_lines.tsv`` (versioned, validated on load); it holds
only phrases any news site may use, never strings of one article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.clean.shapes import ends_with_period, word_count
from newsevents.clean.text import fold
from newsevents.datafiles import DataFileError, parse_rows, read_text

TABLE = "clean_ui_lines.tsv"
_KINDS = ("junk", "section")
_TRAILING = re.compile(r"[\s:.…›»>|•·→←\-]+$")
_LEADING = re.compile(r"^[\s•·›»>|\-–—*]+")


#: The error of a bad data file (:class:`newsevents.errors.DataFileError`), by the name the clean stage exported.
CleanDataError = DataFileError


@dataclass(frozen=True)
class UiPatterns:
    """Compiled furniture patterns: lines to drop, and headers of link lists."""

    junk: re.Pattern[str]
    section: re.Pattern[str]


def ui_key(line: str) -> str:
    """The form the patterns match: folded, without leading bullets or trailing : . › » …"""
    return _TRAILING.sub("", _LEADING.sub("", fold(line)))


def is_ui_junk(line: str) -> bool:
    """True when the whole line is a menu, sharing, cookie, sign-up or footer phrase.

    A sentence (two or more words and a final full stop, like ``I agree.``) keeps its stop, so
    only the patterns written for whole sentences (cookie notices, copyright lines) can match it.
    """
    key = fold(line) if ends_with_period(line) and word_count(line) >= 2 else ui_key(line)
    return bool(load_patterns().junk.fullmatch(key))


def is_section_header(line: str) -> bool:
    """True for the header of a list of links to other stories (``Most read``, ``Related``)."""
    return bool(load_patterns().section.fullmatch(ui_key(line)))


@lru_cache(maxsize=1)
def load_patterns() -> UiPatterns:
    """Read and compile the bundled table once."""
    return parse_table(read_text(TABLE), TABLE)


def parse_table(text: str, name: str) -> UiPatterns:
    """Parse a ``clean_ui_lines`` table; errors name the file and line and what is allowed."""
    found: dict[str, list[str]] = {kind: [] for kind in _KINDS}
    for number, row in parse_rows(name, text, ("kind", "pattern"), kind="clean_ui_lines"):
        if row["kind"] not in _KINDS:
            raise DataFileError(f"{name}:{number}: expected '<kind><TAB><pattern>' with kind one of {_KINDS}, got {row['kind']!r}")
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise DataFileError(f"{name}:{number}: bad regular expression {row['pattern']!r}: {exc}") from exc
        found[row["kind"]].append(row["pattern"])
    return UiPatterns(
        junk=re.compile("|".join(f"(?:{p})" for p in found["junk"]) or r"(?!)"),
        section=re.compile("|".join(f"(?:{p})" for p in found["section"]) or r"(?!)"),
    )
