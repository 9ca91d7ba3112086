"""When an event happened: normalise date expressions and pick the one that belongs to an event.

``normalise_date`` turns a date expression ("on Thursday", "July 22", "last month", "by the end of
2023") into an ISO value of the precision the text gives: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
Relative expressions are resolved against an anchor, the article's date; without one only
absolute dates and years resolve. Conventions (documented here because news text is vague):

- A bare weekday, month/day or month without a year is placed by the event's tense: past
  (``future=False``) gives the latest such day on or before the anchor, future (``future=True``)
  the next one on or after it, unknown (``None``) the nearest one. "last Thursday" is strictly
  before the anchor, "next Thursday" strictly after.
- "last week" / "this week" / "next week" give the Monday of that ISO week; "... weekend" gives
  its Saturday. "last month" gives ``YYYY-MM``, "last year" ``YYYY``; "N days ago" a day,
  "N weeks ago" the day N*7 days earlier, "N months ago" a month, "N years ago" a year.
- Durations ("three years", "the past year"), ages, decades ("the 1990s"), times of day and
  vague words ("recently") are not dates: ``None``.

``event_date`` chooses among the DATE/TIME entities of the trigger's sentence the one attached to
the trigger (else the nearest in the dependency tree, then in the text), ignoring dates that
belong to a reporting verb above the trigger ("Hengaw on Wednesday said he was killed").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, NamedTuple

from newsevents.calendar_words import MONTH_RE, MONTHS, WEEKDAYS
from newsevents.records import Article

if TYPE_CHECKING:  # spaCy stays a lazy, type-only import here
    from spacy.tokens import Doc, Span, Token

NAME = "newsevents.dates.v1"

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None,
}  # fmt: skip
_SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}

_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>1[5-9]\d\d|2[01]\d\d)"
_WEEKDAY_RE = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"

_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?\b")
_SLASHED = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b")
_MONTH_DAY = re.compile(rf"\b{MONTH_RE}\s+{_DAY_RE}\b(?:\s*,?\s*{_YEAR_RE}\b)?")
_DAY_MONTH = re.compile(rf"\b{_DAY_RE}\s+(?:of\s+)?{MONTH_RE}(?:\s*,?\s*{_YEAR_RE}\b)?")
_MONTH_YEAR = re.compile(rf"\b{MONTH_RE}(?:\s+of)?\s*,?\s*{_YEAR_RE}\b")
_MONTH_ONLY = re.compile(
    r"^(?:(?:the\s+)?(?:early|late|mid|middle|end|beginning|start|close)(?:-|\s+of\s+|\s+)(?:the\s+)?)?"
    rf"(?:(?P<rel>last|next|this|past|previous|coming)\s+)?{MONTH_RE}$")
_YEAR = re.compile(rf"(?<![\d$£€.,])\b{_YEAR_RE}\b(?![.,]?\d|s\b|'s\b)")
#: A season of a given year would need a value like "2022-SU"; we give the year only.
_SEASON = re.compile(
    r"\b(?:(?P<rel>last|next|this|past|previous|coming)\s+)?(?P<season>spring|summer|autumn|fall|winter)\b"
)
_WEEKDAY = re.compile(rf"\b(?:(?P<rel>last|next|this|past|previous|coming)\s+)?{_WEEKDAY_RE}(?![a-z])")
_DAY_WORD = re.compile(
    r"\b(?P<word>day before yesterday|day after tomorrow|yesterday|today|tonight|tomorrow|"
    r"this morning|this afternoon|this evening|last night|earlier today|later today)\b"
)
_UNIT = re.compile(
    r"\b(?P<rel>last|next|this|previous|coming|current)\s+(?P<unit>week|weekend|month|year)\b"
    r"|\b(?P<where>earlier|later|early|late)\s+this\s+(?P<unit2>week|month|year)\b"
    r"|\bend\s+of\s+(?:the\s+|this\s+)?(?P<unit3>week|month|year)\b"
)
_AGO = re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                  r"\s+(?P<unit>day|week|month|year)s?\s+ago\b")  # fmt: skip
_DECADE = re.compile(r"\b\d{3}0s\b|'\d0s\b")


class _Expr(NamedTuple):
    """A parsed date expression; ``kind`` says how to resolve it against an anchor."""

    kind: str  # abs | md | month | weekday | day | week | weekend | rmonth | ryear | ago | season
    year: int | None = None
    month: int | None = None
    day: int | None = None
    rel: str | None = None  # last | next | this | None
    amount: int = 0


def _clean(text: str) -> str:
    """Lower-case, one space between words, no trailing punctuation."""
    return re.sub(r"\s+", " ", text.lower().replace("\u2019", "'")).strip(" .,;:")


def _rel(word: str | None) -> str | None:
    """Fold relative modifiers to last / next / this."""
    if word in ("last", "past", "previous"):
        return "last"
    if word in ("next", "coming"):
        return "next"
    if word in ("this", "current"):
        return "this"
    return None


def _valid(year: int, month: int, day: int | None) -> bool:
    """True when the calendar has that day."""
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return False
    return True


def _parse(text: str) -> _Expr | None:
    """The date an expression names, unresolved; None when it is not a calendar date."""
    s = _clean(text)
    if not s or _DECADE.search(s):
        return None
    if m := _ISO.search(s):
        year, month, day = int(m["year"]), int(m["month"]), int(m["day"]) if m["day"] else None
        return _Expr("abs", year, month, day) if _valid(year, month, day) else None
    if m := _SLASHED.search(s):
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        month, day = (b, a) if a > 12 else (a, b) if b > 12 else (None, None)
        return _Expr("abs", year, month, day) if month and _valid(year, month, day) else None
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if m := pattern.search(s):
            month, day = MONTHS[m["month"]], int(m["day"])
            if not 1 <= day <= 31:
                continue
            if m["year"]:
                year = int(m["year"])
                return _Expr("abs", year, month, day) if _valid(year, month, day) else None
            return _Expr("md", None, month, day)
    if m := _MONTH_YEAR.search(s):
        return _Expr("abs", int(m["year"]), MONTHS[m["month"]])
    if m := _YEAR.search(s):
        return _Expr("abs", int(m["year"]))
    if m := _AGO.search(s):
        n = _NUMBERS.get(m["n"]) if not m["n"].isdigit() else int(m["n"])
        return _Expr("ago", rel=m["unit"], amount=n) if n else None
    if m := _DAY_WORD.search(s):
        word = m["word"]
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1, "day before yesterday": -2}.get(word, 0)
        shift = 2 if word == "day after tomorrow" else shift
        return _Expr("day", amount=shift)
    if m := _WEEKDAY.search(s):
        return _Expr("weekday", day=WEEKDAYS[m["weekday"]], rel=_rel(m["rel"]))
    if m := _UNIT.search(s):
        unit = m["unit"] or m["unit2"] or m["unit3"]
        rel = _rel(m["rel"]) or "this"
        kind = {"week": "week", "weekend": "weekend", "month": "rmonth", "year": "ryear"}[unit]
        return _Expr(kind, rel=rel)
    if m := _MONTH_ONLY.match(s):
        return _Expr("month", month=MONTHS[m["month"]], rel=_rel(m["rel"]))
    if m := _SEASON.search(s):
        return _Expr("season", month=_SEASONS[m["season"]], rel=_rel(m["rel"]))
    return None


def is_decade(text: str) -> bool:
    """True for a decade ("the 1990s", "the '80s"): no calendar date, but always the past or a span of it."""
    return bool(_DECADE.search(_clean(text)))


def is_date_expression(text: str) -> bool:
    """True when the text names a calendar date, absolute or relative (not a duration or age)."""
    return _parse(text) is not None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """Year and month ``delta`` months away."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _weekday(anchor: dt.date, weekday: int, rel: str | None, future: bool | None) -> dt.date:
    """The day with that weekday relative to the anchor (see the module docstring)."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if rel == "last":
        return anchor - dt.timedelta(days=back or 7)
    if rel == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if future is None:
        future = ahead < back
    return anchor + dt.timedelta(days=ahead) if future else anchor - dt.timedelta(days=back)


#: With the tense unknown, a year-less date this close ahead of the anchor is taken as future.
_NEAR_FUTURE_DAYS = 122


def _nearest_year(anchor: dt.date, month: int, day: int, future: bool | None) -> int:
    """The year that puts a year-less month/day before (past), after (future) or nearest the anchor."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if _valid(year, month, day):
            candidates.append((dt.date(year, month, day) - anchor).days)
    if not candidates:  # 29 February far from a leap year
        return anchor.year
    ahead = min((d for d in candidates if d >= 0), default=max(candidates))
    behind = max((d for d in candidates if d <= 0), default=min(candidates))
    if future is None:  # unknown tense: the past one, unless the next one is at most four months away
        future = 0 <= ahead <= _NEAR_FUTURE_DAYS
    gap = ahead if future else behind
    return (anchor + dt.timedelta(days=gap)).year


def _year_of_month(anchor: dt.date, month: int, rel: str | None, future: bool | None) -> int:
    """The year of a year-less month ('July', 'last July', 'next spring') seen from the anchor."""
    if rel == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if rel == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if rel == "this":
        return anchor.year
    if future is True:
        return anchor.year + 1 if month < anchor.month else anchor.year
    if future is False:
        return anchor.year - 1 if month > anchor.month else anchor.year
    ahead = (month - anchor.month) % 12  # unknown tense: past, unless at most four months ahead
    if 0 < ahead <= _NEAR_FUTURE_DAYS // 30:
        return anchor.year + (1 if month < anchor.month else 0)
    return anchor.year - (1 if month > anchor.month else 0)


def _resolve(expr: _Expr, anchor: dt.date, future: bool | None) -> str | None:
    """The ISO value of a relative expression against the anchor."""
    if expr.kind == "md":
        month, day = expr.month or 1, expr.day or 1
        return f"{_nearest_year(anchor, month, day, future):04d}-{month:02d}-{day:02d}"
    if expr.kind == "month":
        month = expr.month or 1
        return f"{_year_of_month(anchor, month, expr.rel, future):04d}-{month:02d}"
    if expr.kind == "day":
        return (anchor + dt.timedelta(days=expr.amount)).isoformat()
    if expr.kind == "weekday":
        return _weekday(anchor, expr.day or 0, expr.rel, future).isoformat()
    step = {"last": -1, "next": 1}.get(expr.rel or "", 0)
    if expr.kind in ("week", "weekend"):
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
        return (monday + dt.timedelta(days=5 if expr.kind == "weekend" else 0)).isoformat()
    if expr.kind == "rmonth":
        year, month = _shift_month(anchor.year, anchor.month, step)
        return f"{year:04d}-{month:02d}"
    if expr.kind == "ryear":
        return f"{anchor.year + step:04d}"
    if expr.kind == "ago":
        n = expr.amount
        if expr.rel == "day":
            return (anchor - dt.timedelta(days=n)).isoformat()
        if expr.rel == "week":
            return (anchor - dt.timedelta(weeks=n)).isoformat()
        if expr.rel == "month":
            year, month = _shift_month(anchor.year, anchor.month, -n)
            return f"{year:04d}-{month:02d}"
        return f"{anchor.year - n:04d}"
    if expr.kind == "season":
        return f"{_year_of_month(anchor, expr.month or 1, expr.rel, future):04d}"
    return None


def normalise_date(text: str, anchor: dt.date | None, *, future: bool | None = None) -> str | None:
    """ISO ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` for a date expression, None if unresolvable.

    ``anchor`` is the article's date; relative expressions need it. ``future`` is the tense of
    the event: False (past: bare weekdays and month/days on or before the anchor), True (to
    come: on or after it) or None (unknown: the nearest one, ties to the past).
    """
    expr = _parse(text)
    if expr is None:
        return None
    if expr.kind == "abs":
        if expr.day is not None:
            return f"{expr.year:04d}-{expr.month:02d}-{expr.day:02d}"
        if expr.month is not None:
            return f"{expr.year:04d}-{expr.month:02d}"
        return f"{expr.year:04d}"
    if anchor is None:
        return None
    return _resolve(expr, anchor, future)


def anchor_date(published: str | None) -> dt.date | None:
    """The date part of an article's ``published`` value (ISO date or datetime), else None."""
    if not published:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", published)
    if m and _valid(int(m[1]), int(m[2]), int(m[3])):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    value = normalise_date(published, None)  # "Sat, 27 Jul 2024 10:00:00 GMT" and the like
    if value and len(value) == 10:
        return dt.date.fromisoformat(value)
    return None


# -- choosing the date of an event -------------------------------------------------------------

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
_FUTURE_HEADS = {"plan", "schedule", "expect", "due", "set", "intend", "prepare", "aim", "agree", "hope", "seek"}
_FUTURE_MODS = {"planned", "upcoming", "scheduled", "forthcoming", "expected", "proposed", "next"}
SPEECH_VERBS = {
    "say", "tell", "add", "announce", "report", "state", "claim", "declare", "confirm", "write",
    "tweet", "post", "allege", "note", "reveal", "insist", "warn", "deny", "explain", "accord",
}  # fmt: skip


def event_tense(trigger: Token) -> bool | None:
    """True for an event to come ('will visit', 'upcoming talks'), False for a past one, else None."""
    verbs = [trigger]
    if trigger.pos_ not in ("VERB", "AUX"):
        verbs.append(clause_verb(trigger))
    elif trigger.dep_ in ("conj", "xcomp") and trigger.head.i != trigger.i:
        verbs.append(trigger.head)
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in _FUTURE_AUX:
                return True
            if child.dep_ in ("amod", "aux") and child.lower_ in _FUTURE_MODS | {"going"}:
                return True
        if verb.dep_ == "xcomp" and verb.head.lemma_ in _FUTURE_HEADS:
            return True
        if verb.head.lemma_ == "be" and any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children):
            return True
    for verb in verbs:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        if verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children):
            return False
        if verb.tag_ == "VBN" and any(c.lower_ in ("has", "have", "had", "'s", "'ve") for c in verb.children):
            return False
    return None


def clause_verb(token: Token) -> Token:
    """The nearest verb at or above a token (the sentence root when there is none)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def ancestor_steps(token: Token) -> dict[int, int]:
    """Token index -> distance, for the token and all its ancestors."""
    path, steps = {token.i: 0}, 0
    while token.head.i != token.i:
        token, steps = token.head, steps + 1
        path[token.i] = steps
    return path


def _tree_distance(a: Token, above_b: dict[int, int]) -> int:
    """Edges between ``a`` and the token whose ancestor path is ``above_b``."""
    steps = 0
    while a.i not in above_b:
        if a.head.i == a.i:
            return 99
        a, steps = a.head, steps + 1
    return steps + above_b[a.i]


def _attached(ent: Span, trigger: Token) -> bool:
    """True when the date hangs from the trigger (directly or through a preposition)."""
    token = ent.root
    while token.head.i != token.i:
        token = token.head
        if token.i == trigger.i:
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def _reporting_date(ent: Span, trigger: Token) -> bool:
    """True when the date belongs to a speech verb above the trigger ('X on Wednesday said ...')."""
    verb = clause_verb(ent.root.head if ent.root.head.i != ent.root.i else ent.root)
    if verb.i == trigger.i or verb.lemma_ not in SPEECH_VERBS:
        return False
    return verb.i in ancestor_steps(trigger)


def event_date(doc: Doc, sent: Span, trigger_token: Token, article: Article) -> tuple[str | None, str | None]:
    """The date of the event triggered by ``trigger_token``: (ISO value or None, date text or None)."""
    candidates = [e for e in sent.ents if e.label_ in ("DATE", "TIME") and _parse(e.text) is not None]
    if not candidates:
        return None, None
    above_trigger = ancestor_steps(trigger_token)
    scored = []
    for ent in candidates:
        if _reporting_date(ent, trigger_token):
            continue
        linear = min(abs(ent.start - trigger_token.i), abs(ent.end - 1 - trigger_token.i))
        tree = _tree_distance(ent.root, above_trigger)
        scored.append((not _attached(ent, trigger_token), tree, linear, ent.start, ent))
    if not scored:
        return None, None
    best = min(scored, key=lambda item: item[:4])[-1]
    value = normalise_date(best.text, anchor_date(article.published), future=event_tense(trigger_token))
    return value, best.text
