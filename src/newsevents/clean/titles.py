"""Headlines that end with a full stop: ``Senate rejects border bill in close vote.``

Many plain-text collections write the headline as a sentence, full stop included, on the first
line with a blank line after it. Such a line has the shape of body text, so ``classify`` does not
call it title-like. Here it is promoted to a headline when the evidence says so:

* its place: it opens the input, or follows a wider gap than the paragraphs' usual one, page
  furniture or metadata, and a blank line then body text (or a byline/date) follow it;
* its shape: one short sentence (at most ``MAX_WORDS`` words) starting with a capital, with
  none of the marks of a body sentence — a pronoun or connective opening it (``He``, ``But``),
  a quotation, a second sentence inside it, a past reporting verb (``said``, ``told``), a
  weekday (``on Tuesday``), past auxiliaries, a simple past with its object or several commas. Title Case and a byline after
  it count in its favour.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsevents.clean.blocks import dateline_follows
from newsevents.clean.classify import CAPTION, JUNK, META, SECTION, TEXT, LineInfo
from newsevents.clean.shapes import core_end, is_separator, is_title_case, is_title_like, word_count

#: a full-stop headline has at most this many words; longer lines are body sentences
MAX_WORDS = 18
#: up to this many words a headline shape counts in its favour
SHORT_WORDS = 12
_OPENERS = re.compile(
    r"^(?:he|she|it|they|we|i|you|his|her|its|their|our|this|these|those|there|but|and|or|so|yet|however|"
    r"meanwhile|still|also|instead|then|thus|now|here)\b",
    re.IGNORECASE,
)
_QUOTE_OPEN = "\"“‘'«"
_INNER_BOUNDARY = re.compile(r"[a-z0-9)][.!?][\"”’]?\s+[A-Z\"“]")
_REPORTING = re.compile(r"\b(?:said|told|added|according to|stated|explained|wrote)\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:on|last|next|this|late|early) (?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|would|could|did|been)\b", re.IGNORECASE)
#: a simple past with its object (``passed the bill``): headlines say ``passes``, or ``passed`` for the passive
_ACTIVE_PAST = re.compile(r"\b[a-z]{3,}ed (?:the|a|an|his|her|its|their|\d)", re.IGNORECASE)
_SKIPPED = (JUNK, SECTION, CAPTION)


def headline_shape(text: str) -> bool:
    """True when a line ending in a full stop reads as a headline, not as a sentence of the body."""
    core = core_end(text)
    if not core.endswith(".") or core.endswith("..") or text[:1] in _QUOTE_OPEN:
        return False
    bare = core[:-1]
    n = word_count(bare)
    if n < 3 or n > MAX_WORDS or not is_title_like(bare):
        return False
    if _OPENERS.match(bare) or _INNER_BOUNDARY.search(bare):
        return False
    score = 1 if n <= SHORT_WORDS else 0
    score += 2 if is_title_case(bare) else 0
    score -= 2 if _REPORTING.search(bare) else 0
    score -= 1 if _WEEKDAY.search(bare) else 0
    score -= 1 if _PAST.search(bare) else 0
    score -= 1 if _ACTIVE_PAST.search(bare) else 0
    score -= 1 if bare.count(",") >= 2 else 0
    return score >= 0


def promote_titles(infos: list[LineInfo], gap: int) -> list[LineInfo]:
    """The lines with every full-stop headline (by ``headline_shape`` and its place) made title-like."""
    out = list(infos)
    for i, info in enumerate(infos):
        if info.kind != TEXT or info.title_like or not info.body or not headline_shape(info.text):
            continue
        if _opens(infos, i, gap) and _body_follows(infos, i):
            out[i] = replace(info, title_like=True, body=False, sentence=False)
    return out


def _opens(infos: list[LineInfo], i: int, gap: int) -> bool:
    """True when line ``i`` stands where an article starts: first text, after a wide gap, furniture or a rule."""
    if not any(other.kind == TEXT for other in infos[:i]):
        return True
    prev = infos[i - 1]
    if infos[i].line.gap > gap or (infos[i].line.gap >= 1 and (prev.kind in _SKIPPED or prev.scrap or is_separator(prev.text))):
        return True
    return _meta_next(infos, i) or dateline_follows(infos, i)


def _body_follows(infos: list[LineInfo], i: int) -> bool:
    """True when a blank line follows line ``i`` and then (past metadata and furniture) a body sentence."""
    if i + 1 >= len(infos) or infos[i + 1].line.gap < 1:
        return False
    nxt = next((other for other in infos[i + 1 :] if other.kind not in _SKIPPED and other.kind != META and not other.scrap), None)
    return nxt is not None and nxt.strict_body and word_count(nxt.text) > word_count(infos[i].text)


def _meta_next(infos: list[LineInfo], i: int) -> bool:
    """True when the next line that is not furniture or a caption is a byline or dateline."""
    nxt = next((other for other in infos[i + 1 :] if other.kind not in _SKIPPED), None)
    return nxt is not None and nxt.kind == META
