"""Name folding shared by every stage: the look-up key of a name, and accents stripped for keys and slugs.

``name_key`` is how a name is compared with a table: the gazetteer folds accents, apostrophes and
punctuation away ("Hay’at Tahrir al-Sham" -> "hayat tahrir al sham"); the event coder's tables
(known organisations, capitals) match more strictly and fold only case, dots and spaces.
"""

from __future__ import annotations

import re
import unicodedata

_DROPPED = str.maketrans("", "", "'’.`ʼ")
_SEPARATORS = re.compile(r"[^0-9a-z]+")


def strip_accents(text: str, *, ascii_only: bool = False) -> str:
    """``text`` without accents (é -> e); with ``ascii_only`` also without letters that have no ASCII base (ß, ł)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    if ascii_only:
        return decomposed.encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Nicolás Maduro" -> "nicolas-maduro"; "unknown" when none."""
    return _SEPARATORS.sub("-", strip_accents(text, ascii_only=True).lower()).strip("-") or "unknown"


def name_key(text: str, *, strict: bool = False) -> str:
    """Fold a name for look-up: no case, dots or leading 'the', and unless ``strict`` no accents or punctuation."""
    if strict:  # accents, apostrophes and hyphens stay; ’ is written '
        folded = " ".join(text.replace(".", "").replace("’", "'").lower().split())
    else:
        folded = strip_accents(text).lower()
        if not (folded.isalnum() and folded.isascii()):
            folded = _SEPARATORS.sub(" ", folded.translate(_DROPPED)).strip()
    return folded[4:] if folded.startswith("the ") else folded
