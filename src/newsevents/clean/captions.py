"""Photo captions: split a caption line into its text and its credit.

Recognised credit shapes (all at the end of the line):
``… at the Kremlin (Iranian Presidency)``, ``… (Photo: AP)``, ``… (AFP via Getty Images)``,
``… near Athens. Photo: AP``, ``… Photograph: Jane Doe/Reuters``, ``… 2024. REUTERS/Jane Doe``,
``… by billionaire George Photo: AP Photo`` and ``… on Friday AP Photo/Jane Doe`` (glued on, no stop
before it), and ``Photo: <caption> / AGENCY``. A caption without any of these keeps no credit.
"""

from __future__ import annotations

import re

from newsevents.clean.shapes import is_list_item, words
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
_PREFIX_CREDIT = re.compile(
    r"^(?P<marker>" + _PHOTO_WORDS + r")\s*[:|]\s*(?P<text>.+?\S)\s+(?:/|\||–|—)\s*(?P<credit>[^/|–—]{2,60})$",
    re.IGNORECASE,
)
_MARKER_PREFIX = re.compile(r"^" + _PHOTO_WORDS + r"\s*[:|]\s*", re.IGNORECASE)
_AGENCY_SLASH = re.compile(
    r"^(?P<text>.*?[.!?”\"])\s+(?P<credit>[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)?/[A-Z][^/]{1,40}(?:/[A-Z][^/]{1,40})*)$"
)
#: ``... on Friday AP Photo/Jane Doe``: an agency's photo credit glued to a caption without a full stop before it
_GLUED_PHOTO = re.compile(
    r"^(?P<text>.*[a-z0-9,)])\s+(?P<credit>(?:[A-Z][A-Za-z]*\s){1,2}(?:Photo|Pool|Images?)(?:\s?/\s?[A-Z][^/]{1,40}){1,2})$"
)
_PHOTO_WORD = re.compile(_PHOTO_WORDS + r"\s*(?:by\b|:)", re.IGNORECASE)
_CREDIT_LINE = re.compile(r"^[(\[]?\s*(?:" + _PHOTO_WORDS + r"\s*(?:by\b|:)\s*)?([^()\[\]]{2,80}?)\s*[)\]]?$", re.IGNORECASE)
_CREDIT_MARKER = re.compile(r"^[(\[]?\s*" + _PHOTO_WORDS + r"\s*(?:by\b|:)", re.IGNORECASE)
_CREDIT_HINT = re.compile(r"/|\bvia\b|\bgetty\b|\bimages?\b|\bphoto|\bpool\b|\bfile\b", re.IGNORECASE)
_NOT_A_CREDIT = re.compile(
    r"^[\d\s.,%$€£/:–-]+$|^(?:left|right|centre|center|top|bottom|l|r|c|pictured|file)$", re.IGNORECASE
)

MAX_CREDIT_WORDS = 8


def split_credit(line: str) -> tuple[Caption, bool] | None:
    """``(Caption(text, credit), explicit)`` when the line ends with a photo credit, else None.

    ``explicit`` is True when the credit says it is one (``Photo:``, ``via Getty``, ``AP Photo/…``);
    a bare ``(Reuters)`` is not explicit, so the caller also looks at position and repetition.
    """
    if is_list_item(line):
        return None  # "3) Blade Runner (Blu-Ray)": a list entry, not a photo
    end = line.rstrip()[-1:]
    for pattern in (_PREFIX_CREDIT, _PAREN_CREDIT, _SUFFIX_CREDIT, _AGENCY_SLASH, _GLUED_PHOTO):
        if (pattern is _PAREN_CREDIT and end not in ")]") or (pattern in (_AGENCY_SLASH, _GLUED_PHOTO) and "/" not in line):
            continue  # cheap checks first: most lines are plain sentences
        if pattern in (_SUFFIX_CREDIT, _PREFIX_CREDIT) and not _PHOTO_WORD.search(line):
            continue
        match = pattern.match(line)
        if not match:
            continue
        text = match.group("text").rstrip(" |–—-")
        prefixed = bool(_MARKER_PREFIX.match(text))
        text = _MARKER_PREFIX.sub("", text)
        credit = match.group("credit").strip(" .;,")
        if not _plausible_credit(credit) or len(words(text)) < 2:
            continue
        marker = match.groupdict().get("marker")
        explicit = bool(marker) or prefixed or pattern in (_AGENCY_SLASH, _GLUED_PHOTO) or bool(_CREDIT_HINT.search(credit))
        return Caption(text=text, credit=credit), explicit
    return None


def is_credit_only(line: str) -> bool:
    """A line that is nothing but a credit: ``Photo: AP``, ``(Reuters)``, ``Credit: Getty Images``."""
    if len(line) > 100:
        return False
    match = _CREDIT_LINE.match(line)
    if not match:
        return False
    has_marker = _CREDIT_MARKER.match(line)
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
