"""Line shapes: does a line read like a sentence, a headline, or a scrap of page furniture?

These predicates look only at the line itself (length, capitals, final punctuation); the
decisions that need context (repetition, position) are made in ``blocks`` and ``article``.
"""

from __future__ import annotations

import re

_CLOSERS = "\"'”’»)]}*"
_TERMINAL = ".!?…"
_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}$")
_WORD = re.compile(r"[^\W_]", re.UNICODE)
_NAV_SEPARATORS = re.compile(r"\s[|•·›»>/]\s|\s?[|•›»]\s?")
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.IGNORECASE)
_HASHTAGS = re.compile(r"^(?:[#@][\w.]+[\s,]*)+$")

#: a headline is at most this many words; longer lines without final punctuation are body text
MAX_TITLE_WORDS = 25
#: a line without final punctuation this long is taken as body text (a cut sentence, a standfirst)
LONG_FRAGMENT_WORDS = 16
#: a line of at most this many words and no final punctuation is a UI scrap (``TT``, ``Share``)
MAX_SCRAP_WORDS = 3


def words(line: str) -> list[str]:
    """Whitespace tokens of a line that contain a letter or digit."""
    return [tok for tok in line.split() if _WORD.search(tok)]


def core_end(line: str) -> str:
    """The line without closing quotes or brackets at its end."""
    return line.rstrip(_CLOSERS + " ")


def ends_sentence(line: str) -> bool:
    """True when the line ends with . ! ? or … (closing quotes and brackets allowed after it)."""
    core = core_end(line)
    return bool(core) and core[-1] in _TERMINAL


def ends_with_period(line: str) -> bool:
    """True for a final full stop or ellipsis that is not the dot of an initialism (``U.S.``)."""
    core = core_end(line)
    if not core or core[-1] not in ".…":
        return False
    last = core.split()[-1]
    return not _INITIALISM.match(last) or len(words(line)) > MAX_TITLE_WORDS


def has_letters(line: str) -> bool:
    """True when the line holds at least one letter."""
    return any(ch.isalpha() for ch in line)


def is_navigation(line: str) -> bool:
    """A menu or breadcrumb line: items joined by two or more ``|``, ``•``, ``›``, ``»`` ..."""
    return len(_NAV_SEPARATORS.findall(line)) >= 2 and not ends_sentence(line)


def is_link_only(line: str) -> bool:
    """A bare URL, e-mail address or run of hashtags / handles."""
    return bool(_URL.match(line) or _HASHTAGS.match(line))


def is_scrap(line: str) -> bool:
    """1-3 words with no final punctuation (``TT``, ``Share``, ``World``): not a sentence."""
    return len(words(line)) <= MAX_SCRAP_WORDS and not ends_sentence(line) and not line.endswith(":")


def is_body(line: str) -> bool:
    """Shaped like body text: a sentence ending in a full stop, a long fragment or a lead-in colon."""
    n = len(words(line))
    if n >= 2 and ends_with_period(line):
        return True
    if n >= 2 and ends_sentence(line) and n > 15:
        return True  # a long question or exclamation is prose, not a headline
    if n >= 4 and line.rstrip().endswith(":"):
        return True
    if n >= 2 and ends_sentence(line) and _is_quoted(line):
        return True  # “Why now?” — a quoted question is a paragraph
    return n >= LONG_FRAGMENT_WORDS and not ends_sentence(line)


def is_sentence_like(line: str) -> bool:
    """Body-shaped, or a short question/exclamation: something a reader would call a sentence."""
    return is_body(line) or (len(words(line)) >= 2 and ends_sentence(line))


def is_title_like(line: str) -> bool:
    """Shaped like a headline: 2-25 words, starts with a capital or digit, no final full stop or comma."""
    tokens = words(line)
    if not 2 <= len(tokens) <= MAX_TITLE_WORDS or len(line) > 220:
        return False
    if ends_with_period(line) or core_end(line)[-1:] in ",;:":
        return False
    if is_navigation(line) or is_link_only(line):
        return False
    first = next((ch for ch in line if ch.isalnum()), "")
    if not first or (first.isalpha() and not first.isupper()):
        return False
    return sum(1 for tok in tokens if tok[:1].isalpha() and tok[:1].isupper()) >= 1


def _is_quoted(line: str) -> bool:
    """True when the line opens with a quotation mark."""
    return line[:1] in "\"“‘'«"
