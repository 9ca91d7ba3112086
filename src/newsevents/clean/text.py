"""Whitespace normalisation and the folded comparison form of a line.

Cleaning keeps the original characters of every paragraph (unicode quotes and dashes stay);
only whitespace is normalised. Comparisons (repeated headlines, boilerplate, content ids) use a
folded form in which case, quote styles, dash styles and whitespace no longer matter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
#: zero-width and soft-hyphen format characters, and control characters (NUL, ESC, C1) that no article holds
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_QUOTES = str.maketrans(
    {
        **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`"},
        **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
    }
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]+")
_ANY_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Line:
    """One non-blank line of an input: its whitespace-normalised text and the blank lines before it."""

    text: str
    gap: int  # number of blank lines just before this line (0 = directly after the previous one)
    index: int  # position among the non-blank lines of the input


def normalise_newlines(text: str) -> str:
    """CRLF, CR and the other unicode line breaks become ``\\n``; invisible format and control characters go."""
    return _INVISIBLE.sub("", _NEWLINES.sub("\n", text))


def normalise_space(line: str) -> str:
    """Strip a line and collapse runs of spaces, tabs and no-break spaces to one space."""
    return _SPACES.sub(" ", line).strip()


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with the count of blank lines before each."""
    lines: list[Line] = []
    gap = 0
    for raw in normalise_newlines(text).split("\n"):
        line = normalise_space(raw)
        if not line:
            gap += 1
            continue
        lines.append(Line(line, gap if lines else 0, len(lines)))
        gap = 0
    return lines


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Comparison form: NFKC, case-folded, one quote and one dash style, single spaces."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).casefold()
    text = text.translate(_QUOTES)
    text = _DASHES.sub("-", text)
    return _ANY_SPACE.sub(" ", text).strip()


def fold_digits(text: str) -> str:
    """Folded form with every number replaced by ``0`` (years and counters in footers vary)."""
    return _DIGITS.sub("0", fold(text))
