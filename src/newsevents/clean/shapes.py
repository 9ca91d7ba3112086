"""Line shapes: does a line read like a sentence, a headline, or a scrap of page furniture?

These predicates look only at the line itself (length, capitals, final punctuation); the
decisions that need context (repetition, position) are made in ``blocks`` and ``article``.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CLOSERS = "\"'”’»)]}*|」』）】"
_TERMINAL = ".!?…。！？．"
_PERIODS = ".…。．"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}$")
_ALNUM = re.compile(r"[^\W_]")
_NAV_SPLIT = re.compile(r"\s*[|•·›»]\s*|\s+[>/]\s+")
#: items of a menu or breadcrumb line are at most this many words
MAX_NAV_ITEM_WORDS = 4
_LIST_ITEM = re.compile(r"^(?:[-–•*▪·]|\d{1,2}[.)])\s+\S")
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.IGNORECASE)
_HASHTAGS = re.compile(r"^(?:[#@][\w.]+[\s,]*)+$")
#: ``KYIV, Ukraine (AP) — ``, ``BRUSSELS — ``, ``Ankara, 3 March (Wire) - ``: a place (and date, agency) opening a story
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z'’.-]{2,}(?:\s[A-Z][A-Z'’.-]+){0,2}|[A-Z][a-z'’.-]+(?:\s[A-Z][a-z'’.-]+){0,2}(?=,\s|\s\())"
    r"(?:,\s(?:[A-Z][\w.]+(?:\s[A-Z\d][\w.]*){0,2}|\d{1,2}\s[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s\d{1,2}))*"
    r"(?:\s\([^()]{2,40}\))?\s?[—–-]{1,2}\s+\S"
)

#: a headline is at most this many words; longer lines without final punctuation are body text
MAX_TITLE_WORDS = 25
#: a line without final punctuation this long is taken as body text (a cut sentence, a standfirst)
LONG_FRAGMENT_WORDS = 16
#: a line of at most this many words and no final punctuation is a UI scrap (``TT``, ``Share``)
MAX_SCRAP_WORDS = 3


def words(line: str) -> list[str]:
    """Whitespace tokens of a line that contain a letter or digit."""
    return [tok for tok in line.split() if _ALNUM.search(tok)]


@lru_cache(maxsize=4096)
def word_count(line: str) -> int:
    """Number of words; Chinese, Japanese and Korean text (no spaces) counts one word per two characters."""
    if not _CJK.search(line):
        return len(words(line))
    total = 0
    for tok in words(line):
        cjk = len(_CJK.findall(tok))
        total += max(1, (cjk + 1) // 2 + (1 if len(tok) > cjk else 0)) if cjk else 1
    return total


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
    if not core or core[-1] not in _PERIODS:
        return False
    last = core.split()[-1]
    return not _INITIALISM.match(last) or word_count(line) > MAX_TITLE_WORDS


def has_letters(line: str) -> bool:
    """True when the line holds at least one letter."""
    return any(ch.isalpha() for ch in line)


def is_separator(line: str) -> bool:
    """A rule line between stories: ``-----``, ``* * *``, ``=====``, ``###``."""
    bare = line.replace(" ", "")
    return len(bare) >= 3 and not has_letters(line) and len(set(bare)) <= 2 and not any(ch.isdigit() for ch in bare)


def is_navigation(line: str) -> bool:
    """A menu or breadcrumb line: 3+ short items joined by ``|``, ``•``, ``›``, ``»`` ... (not a table row)."""
    if is_table_row(line) or ends_sentence(line):
        return False
    items = [item for item in _NAV_SPLIT.split(line) if item.strip()]
    return len(items) >= 3 and all(word_count(item) <= MAX_NAV_ITEM_WORDS for item in items)


def is_table_row(line: str) -> bool:
    """A table row as text extractors write it: ``| cell | cell |``."""
    return line.startswith("|") and line.endswith("|") and line.count("|") >= 2


def is_link_only(line: str) -> bool:
    """A bare URL, e-mail address or run of hashtags / handles."""
    return bool(_URL.match(line) or _HASHTAGS.match(line))


def is_scrap(line: str) -> bool:
    """1-3 words with no final punctuation (``TT``, ``Share``, ``World``): not a sentence."""
    if is_table_row(line) or is_list_item(line):
        return False
    return word_count(line) <= MAX_SCRAP_WORDS and not ends_sentence(line) and not line.endswith(":")


def is_list_item(line: str) -> bool:
    """A bulleted or numbered list item: ``- item``, ``• item``, ``1) item``, ``2. item``."""
    return bool(_LIST_ITEM.match(line))


def is_body(line: str) -> bool:
    """Shaped like body text: a sentence ending in a full stop, a long fragment or a lead-in colon."""
    n = word_count(line)
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
    return is_body(line) or (word_count(line) >= 2 and ends_sentence(line))


def is_title_like(line: str) -> bool:
    """Shaped like a headline: 2-25 words, starts with a capital or digit, no final full stop or comma."""
    tokens = words(line)
    if not 2 <= word_count(line) <= MAX_TITLE_WORDS or len(line) > 220:
        return False
    if ends_with_period(line) or core_end(line)[-1:] in ",;:":
        return False
    if is_navigation(line) or is_link_only(line) or is_table_row(line):
        return False
    first = next((ch for ch in line if ch.isalnum()), "")
    if not first or (first.isalpha() and first.islower()):
        return False
    return bool(tokens)


def starts_with_dateline(line: str) -> bool:
    """True when a paragraph opens with a dateline: ``LONDON, March 3 (Reuters) - The ...``."""
    return bool(_DATELINE.match(line))


def is_title_case(line: str) -> bool:
    """Most words capitalised, as in ``Iran Police Commander Dismissed After Death in Custody``."""
    alpha = [tok for tok in words(line) if tok[:1].isalpha()]
    return bool(alpha) and sum(1 for tok in alpha if tok[:1].isupper()) >= 0.6 * len(alpha)


def _is_quoted(line: str) -> bool:
    """True when the line opens with a quotation mark."""
    return line[:1] in "\"“‘'«"
