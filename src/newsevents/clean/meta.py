"""Bylines, datelines and timestamps: lines that are article metadata, not paragraphs.

``By Jane Doe``, ``Updated 27 July 2024 14:05 GMT``, ``Saturday, 27 July, 2024``,
``By Jane Doe | July 27, 2024``, ``Posted 20 May 2024 by Jane Doe``, ``5 min read``. Dates become ISO 8601 when unambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsevents.calendar_words import MONTH_RE, MONTHS

_WEEKDAY = r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH_RE + r",?\s+(?P<year>(?:19|20)\d{2})\b"),
    re.compile(r"\b" + MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<nmonth>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d{2})\b"),
    re.compile(r"\b" + MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"),  # no year: recognised, not dated
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH_RE + r"(?!\w)"),
)
_TIME = re.compile(
    r"(?:t|\b)(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?P<ampm>[ap]\.?\s?m\b\.?)?"
    r"|\b(?P<hour2>\d{1,2})\s*(?P<ampm2>[ap]\.?\s?m\b\.?)"
)
_ZONES = {
    "gmt": "+00:00", "utc": "+00:00", "z": "+00:00", "bst": "+01:00", "cet": "+01:00", "cest": "+02:00",
    "eet": "+02:00", "eest": "+03:00", "msk": "+03:00", "irst": "+03:30", "ist": "+05:30",
    "est": "-05:00", "edt": "-04:00", "cst": "-06:00", "cdt": "-05:00", "pst": "-08:00", "pdt": "-07:00",
    "et": None, "pt": None, "ct": None, "aest": "+10:00", "jst": "+09:00",
}  # fmt: skip
_ZONE = re.compile(r"\b(?P<zone>" + "|".join(_ZONES) + r")\b(?P<offset>\s*[+-]\d{1,2}(?::?\d{2})?)?|(?P<num>[+-]\d{2}:?\d{2})\b")
_RELATIVE = re.compile(
    r"\b\d+\s*(?:sec(?:ond)?s?|min(?:ute)?s?|h|hrs?|hours?|days?|weeks?|months?|years?)\s+(?:ago|read)\b"
    r"|\bjust now\b|\byesterday\b|\btoday\b|\bmin(?:ute)?s? read\b"
)
_DATE_WORDS = re.compile(
    r"\b(?:last\s+)?(?:updated|update|published|posted|first published|modified|created|issued|date|dated|on|at|and|reading time)\b"
)
_LEFTOVER = re.compile(r"[\s,|•·:;/()\[\]–—-]+")
_UPDATE = re.compile(r"\b(?:updated|update|modified)\b", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:(?:written|words|reported|story|text|reporting|photos?|posted|published)\s+by|by|authors?|reporter)\s*[:\-–]?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_NAME_PARTS_SPLIT = re.compile(r"\s*(?:\||•|·|;|\s[–—-]\s)\s*")
_NAME_CONNECTORS = {
    "and", "&", "de", "da", "del", "della", "van", "von", "der", "den", "al", "el", "la", "le", "bin", "ibn", "y", "du", "dos"
}  # fmt: skip
_NAME_CUT = re.compile(r",|\s(?:in|for|at|with|on)\s")
_DATE_THEN_BY = re.compile(r"^(?P<date>.+?)\s+by\s+(?P<names>[^|•·;]+)$", re.IGNORECASE)
_AGENCY_LIKE = re.compile(r"^[A-Z][\w'’&.-]*(?:\s+[\w'’&.-]+){0,5}$")


@dataclass(frozen=True)
class Meta:
    """What a metadata line told us: an author, an ISO date, whether that date is an update."""

    author: str | None = None
    published: str | None = None
    updated: bool = False


def parse_meta(line: str) -> Meta | None:
    """A Meta when the whole line is a byline, dateline or timestamp, else None."""
    byline = _parse_byline(line)
    if byline is not None:
        return byline
    return parse_date_line(line) or _parse_name_and_date(line) or _parse_date_then_byline(line)


def parse_date_line(line: str) -> Meta | None:
    """A Meta when the whole line is a date/time stamp (``Updated 27 July 2024 14:05 GMT``), else None."""
    low = line.casefold()
    found = False
    iso: str | None = None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(low)
        if match:
            iso = _date_iso(match)
            low = low[: match.start()] + " " + low[match.end() :]
            found = True
            break
    time_match = _TIME.search(low)
    clock: str | None = None
    if time_match:
        clock = _clock(time_match)
        low = low[: time_match.start()] + " " + low[time_match.end() :]
        found = found or clock is not None
    zone_match = _ZONE.search(low) if found else None
    offset: str | None = None
    if zone_match:
        offset = _offset(zone_match)
        low = low[: zone_match.start()] + " " + low[zone_match.end() :]
    low, relative = _RELATIVE.subn(" ", low)
    if not found and not relative:
        return None
    low = re.sub(_WEEKDAY, " ", low)
    low = _DATE_WORDS.sub(" ", low)
    if _LEFTOVER.sub("", low):
        return None
    if iso and clock:
        iso = f"{iso}T{clock}{offset or ''}"
    return Meta(published=iso, updated=bool(_UPDATE.search(line)))


def _parse_byline(line: str) -> Meta | None:
    """``By Jane Doe``, ``By Jane Doe and John Roe, Reuters``, ``By Jane Doe | 27 July 2024``."""
    match = _BYLINE.match(line)
    if not match or len(line) > 160:
        return None
    parts = _NAME_PARTS_SPLIT.split(match.group("rest"))
    names_part = parts[0]
    cut = _NAME_CUT.search(names_part)
    names, tail = (names_part[: cut.start()], names_part[cut.end() :]) if cut else (names_part, "")
    if not _looks_like_names(names):
        return None
    published: str | None = None
    updated = False
    for extra in [tail, *parts[1:]]:
        extra = extra.strip(" ,")
        if not extra:
            continue
        date = parse_date_line(extra)
        if date is not None:
            if published is None or (updated and not date.updated):
                published, updated = date.published, date.updated
            continue
        if _BYLINE.match(extra) and _parse_byline(extra) is not None:
            continue  # "Reporting by Jane Doe; Editing by John Roe"
        if not _AGENCY_LIKE.match(extra) or extra.endswith("."):
            return None
    return Meta(author=names.strip(), published=published, updated=updated)


def _parse_date_then_byline(line: str) -> Meta | None:
    """``Posted 20 May 2024 by Jane Doe``: a blog's date line that ends with its author."""
    match = _DATE_THEN_BY.match(line)
    if not match or len(line) > 120:
        return None
    date = parse_date_line(match.group("date"))
    names = match.group("names").strip(" ,")
    if date is None or not date.published or not _looks_like_names(names):
        return None
    return Meta(author=names, published=date.published, updated=date.updated)


def _parse_name_and_date(line: str) -> Meta | None:
    """``Gulf Ledger Staff | 11 March 2023``: a byline without ``By``, joined to a date by a separator."""
    parts = [part.strip(" ,") for part in _NAME_PARTS_SPLIT.split(line)]
    if not 2 <= len(parts) <= 3 or len(line) > 120:
        return None
    dates = [parse_date_line(part) for part in parts]
    names = [part for part, date in zip(parts, dates) if date is None]
    dated = [date for date in dates if date is not None]
    if not dated or len(names) != 1 or not _looks_like_names(names[0]) or len(names[0].split()) > 6:
        return None
    first = next((d for d in dated if d.published and not d.updated), dated[0])
    return Meta(author=names[0], published=first.published, updated=first.updated)


def _looks_like_names(text: str) -> bool:
    """1-12 capitalised words (``Jane Doe``, ``J. Doe and Ali al-Ahmad``), no final full stop."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 12:
        return False
    if text.rstrip().endswith((".", "!", "?")) and not re.search(r"\b[A-Z]\.$", text.strip()):
        return False
    if all(re.fullmatch(_WEEKDAY + "|" + MONTH_RE, tok.casefold()) for tok in tokens):
        return False  # "By Monday", "By March": a time phrase, not a person
    for tok in tokens:
        bare = tok.strip(",")
        if bare.casefold() in _NAME_CONNECTORS:
            continue
        if not bare[:1].isupper() or not any(ch.isalpha() for ch in bare):
            return False
    return True


def _date_iso(match: re.Match[str]) -> str | None:
    """YYYY-MM-DD from a date match, or None when it has no year or is ambiguous."""
    groups = match.groupdict()
    year = groups.get("year")
    if not year:
        return None
    if groups.get("month"):
        month = MONTHS[groups["month"].rstrip(".")]
        day = int(groups["day"])
    elif groups.get("nmonth"):
        month, day = int(groups["nmonth"]), int(groups["day"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:
            return None  # 03/04/2024: day-month or month-day cannot be told apart
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{int(year):04d}-{month:02d}-{day:02d}"


def _clock(match: re.Match[str]) -> str | None:
    """HH:MM (24-hour) from a time match, or None when out of range."""
    hour_text = match.group("hour") or match.group("hour2")
    minute = int(match.group("minute") or 0)
    ampm = (match.group("ampm") or match.group("ampm2") or "").replace(".", "").replace(" ", "")
    hour = int(hour_text)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _offset(match: re.Match[str]) -> str | None:
    """A UTC offset (``+00:00``) from a zone match, None for zones like ``ET`` that vary."""
    if match.group("num"):
        digits = match.group("num").replace(":", "")
        return f"{digits[:3]}:{digits[3:]}"
    zone = _ZONES[match.group("zone")]
    extra = match.group("offset")
    if zone is None or not extra:
        return zone
    sign, digits = extra.strip()[0], extra.strip()[1:].replace(":", "")
    hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
    return f"{sign}{hours:02d}:{minutes:02d}"
