"""Page furniture words: the ``clean_ui_lines`` table of menu, sharing, cookie and footer lines.

The table lives in ``newsevents/data/clean_ui_lines.tsv`` (versioned, validated on load); it holds
only phrases any news site may use, never strings of one article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsevents.clean.shapes import ends_with_period, word_count
from newsevents.clean.text import fold
from newsevents.errors import NewseventsError

TABLE = "clean_ui_lines.tsv"
_KINDS = ("junk", "section")
_TRAILING = re.compile(r"[\s:.…›»>|•·→←\-]+$")
_LEADING = re.compile(r"^[\s•·›»>|\-–—*]+")


class CleanDataError(NewseventsError):
    """A table of the clean stage is malformed; the message names the file and line."""


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
    text = resources.files("newsevents.data").joinpath(TABLE).read_text(encoding="utf-8")
    return parse_table(text, TABLE)


def parse_table(text: str, name: str) -> UiPatterns:
    """Parse a ``clean_ui_lines`` table; errors name the file and line and what is allowed."""
    lines = text.splitlines()
    if not lines or not re.match(r"# clean_ui_lines v\d+", lines[0]):
        raise CleanDataError(f"{name}:1: expected a '# clean_ui_lines vN' version header")
    found: dict[str, list[str]] = {kind: [] for kind in _KINDS}
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if cells != ["kind", "pattern"]:
                raise CleanDataError(f"{name}:{number}: header should be 'kind<TAB>pattern', got {line!r}")
            header_seen = True
            continue
        if len(cells) != 2 or cells[0] not in _KINDS:
            raise CleanDataError(f"{name}:{number}: expected '<kind><TAB><pattern>' with kind one of {_KINDS}, got {line!r}")
        try:
            re.compile(cells[1])
        except re.error as exc:
            raise CleanDataError(f"{name}:{number}: bad regular expression {cells[1]!r}: {exc}") from exc
        found[cells[0]].append(cells[1])
    if not header_seen:
        raise CleanDataError(f"{name}: no 'kind<TAB>pattern' header row found")
    return UiPatterns(
        junk=re.compile("|".join(f"(?:{p})" for p in found["junk"]) or r"(?!)"),
        section=re.compile("|".join(f"(?:{p})" for p in found["section"]) or r"(?!)"),
    )
