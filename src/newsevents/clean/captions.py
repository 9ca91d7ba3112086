"""Photo captions: split a caption line into its text and its credit.

Recognised credit shapes (all at the end of the line):
``… at the Kremlin (Iranian Presidency)``, ``… (Photo: AP)``, ``… (AFP via Getty Images)``,
``… near Athens. Photo: AP``, ``… Photograph: Jane Doe/Reuters``, ``… 2024. REUTERS/Jane Doe``.
"""

from __future__ import annotations

import re

from newsevents.clean.shapes import words
from newsevents.records import Caption

_PHOTO_WORDS = r"(?:photo(?:graph)?s?|image|picture|pic|credit|photo credit|file photo|illustration|video)"
_PAREN_CREDIT = re.compile(
    r"^(?P<text>.*?\S)\s*[(\[]\s*(?:(?P<marker>" + _PHOTO_WORDS + r")\s*(?:by\b|:|/|-)?\s*)?"
    r"(?P<credit>[^()\[\]]{2,80}?)\s*[)\]]\s*$",
    re.IGNORECASE,
)
_SUFFIX_CREDIT = re.compile(
    r"^(?P<text>.*?\S)\s*(?:[|–—-]\s*)?\b(?P<marker>" + _PHOTO_WORDS + r")\s*(?:by\b|:)\s*(?P<credit>[^:]{2,80})$",
    re.IGNORECASE,
)
_AGENCY_SLASH = re.compile(r"^(?P<text>.*?[.!?”\"])\s+(?P<credit>[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)?/[A-Z][^/]{1,40}(?:/[A-Z][^/]{1,40})*)$")
_CREDIT_HINT = re.compile(r"/|\bvia\b|\bgetty\b|\bimages?\b|\bphoto|\bpool\b|\bfile\b", re.IGNORECASE)
_NOT_A_CREDIT = re.compile(r"^[\d\s.,%$€£/:–-]+$|^(?:left|right|centre|center|top|bottom|l|r|c|pictured|file)$", re.IGNORECASE)

MAX_CREDIT_WORDS = 8


def split_credit(line: str) -> tuple[Caption, bool] | None:
    """``(Caption(text, credit), explicit)`` when the line ends with a photo credit, else None.

    ``explicit`` is True when the credit says it is one (``Photo:``, ``via Getty``, ``AP Photo/…``);
    a bare ``(Reuters)`` is not explicit, so the caller also looks at position and repetition.
    """
    for pattern in (_PAREN_CREDIT, _SUFFIX_CREDIT, _AGENCY_SLASH):
        match = pattern.match(line)
        if not match:
            continue
        text = match.group("text").rstrip(" |–—-")
        credit = match.group("credit").strip(" .;,")
        if not _plausible_credit(credit) or len(words(text)) < 2:
            continue
        marker = match.groupdict().get("marker")
        explicit = bool(marker) or pattern is _AGENCY_SLASH or bool(_CREDIT_HINT.search(credit))
        return Caption(text=text, credit=credit), explicit
    return None


def is_credit_only(line: str) -> bool:
    """A line that is nothing but a credit: ``Photo: AP``, ``(Reuters)``, ``Credit: Getty Images``."""
    match = re.match(r"^[(\[]?\s*(?:" + _PHOTO_WORDS + r"\s*(?:by\b|:)\s*)?([^()\[\]]{2,80}?)\s*[)\]]?$", line, re.IGNORECASE)
    if not match:
        return False
    has_marker = re.match(r"^[(\[]?\s*" + _PHOTO_WORDS + r"\s*(?:by\b|:)", line, re.IGNORECASE)
    bracketed = line.startswith(("(", "[")) and line.endswith((")", "]"))
    return bool(has_marker or bracketed) and _plausible_credit(match.group(1))


def _plausible_credit(credit: str) -> bool:
    """A credit is a short name-like phrase: an agency, a photographer, ``X via Y``."""
    tokens = words(credit)
    if not 1 <= len(tokens) <= MAX_CREDIT_WORDS or _NOT_A_CREDIT.match(credit):
        return False
    if credit.rstrip(")]\"'”’")[-1:] in "!?":
        return False
    alpha = [tok for tok in tokens if tok[:1].isalpha()]
    capitalised = sum(1 for tok in alpha if tok[:1].isupper())
    return bool(alpha) and alpha[0][:1].isupper() and capitalised * 2 >= len(alpha)
