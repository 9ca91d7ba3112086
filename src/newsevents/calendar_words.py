"""Month and weekday words of English dates, for every stage that reads dates or must not take them for names."""

from __future__ import annotations

#: Month names and abbreviations, lower case -> month number.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
#: A month word as a regular expression group ``month``, longest forms first, with an optional dot.
MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
#: Weekday names and abbreviations, lower case -> weekday number (Monday is 0).
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip


def full_names(table: dict[str, int]) -> list[str]:
    """The first word listed for each number of ``table``: the full names ("january", not "jan")."""
    first: dict[int, str] = {}
    for word, number in table.items():
        first.setdefault(number, word)
    return list(first.values())


#: Full month and weekday names as written in running text ("January", "Monday").
CALENDAR_NAMES: frozenset[str] = frozenset(word.capitalize() for word in (*full_names(MONTHS), *full_names(WEEKDAYS)))
