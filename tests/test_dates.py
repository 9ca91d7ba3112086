"""Dates: normalising expressions against the article date and picking an event's date."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.events.dates import anchor_date, event_date, is_date_expression, normalise_date
from newsevents.records import Article

SAT = dt.date(2024, 7, 27)  # a Saturday

CASES = [
    # (expression, anchor, future, expected)
    ("July 22", SAT, False, "2024-07-22"),
    ("on Thursday", SAT, False, "2024-07-25"),
    ("Thursday", SAT, True, "2024-08-01"),
    ("Saturday", SAT, False, "2024-07-27"),
    ("last Thursday", SAT, None, "2024-07-25"),
    ("next Thursday", SAT, None, "2024-08-01"),
    ("In 2022", SAT, None, "2022"),
    ("22 July 2024", SAT, None, "2024-07-22"),
    ("the 22nd of July, 2024", SAT, None, "2024-07-22"),
    ("March 01, 2008", SAT, None, "2008-03-01"),
    ("2024-07-22", SAT, None, "2024-07-22"),
    ("yesterday", SAT, None, "2024-07-26"),
    ("today", SAT, None, "2024-07-27"),
    ("last night", SAT, None, "2024-07-26"),
    ("tomorrow", SAT, None, "2024-07-28"),
    ("last week", SAT, None, "2024-07-15"),  # the Monday of the previous ISO week
    ("this week", SAT, None, "2024-07-22"),
    ("last month", SAT, None, "2024-06"),
    ("earlier this month", SAT, None, "2024-07"),
    ("last year", SAT, None, "2023"),
    ("next year", SAT, None, "2025"),
    ("by the end of 2023", SAT, None, "2023"),
    ("the end of the year", SAT, None, "2024"),
    ("three days ago", SAT, None, "2024-07-24"),
    ("two years ago", SAT, None, "2022"),
    ("August 5", SAT, False, "2023-08-05"),  # a past event cannot be after the article
    ("August 5", SAT, True, "2024-08-05"),
    ("August 5", SAT, None, "2024-08-05"),  # tense unknown: the near future wins
    ("December", dt.date(2024, 1, 10), None, "2023-12"),
    ("January 3", dt.date(2024, 12, 30), None, "2025-01-03"),
    ("mid-July", SAT, None, "2024-07"),
    ("July 2023", SAT, None, "2023-07"),
    # nothing to anchor: only absolute dates and years resolve
    ("July 22", None, None, None),
    ("on Thursday", None, None, None),
    ("yesterday", None, None, None),
    ("In 2022", None, None, "2022"),
    ("22 July 2024", None, None, "2024-07-22"),
    # not calendar dates
    ("36", SAT, None, None),
    ("22-year-old", SAT, None, None),
    ("months", SAT, None, None),
    ("the past year", SAT, None, None),
    ("the 1990s", SAT, None, None),
    ("recently", SAT, None, None),
]


@pytest.mark.parametrize(("text", "anchor", "future", "expected"), CASES)
def test_normalise_date(text: str, anchor: dt.date | None, future: bool | None, expected: str | None) -> None:
    assert normalise_date(text, anchor, future=future) == expected


def test_is_date_expression() -> None:
    assert is_date_expression("on Thursday") and is_date_expression("In 2022")
    assert not is_date_expression("three years") and not is_date_expression("36")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-07-27", SAT),
        ("2024-07-27T10:15:00+02:00", SAT),
        ("Sat, 27 Jul 2024 10:15:00 GMT", SAT),
        (None, None),
        ("yesterday", None),
    ],
)
def test_anchor_date(published: str | None, expected: dt.date | None) -> None:
    assert anchor_date(published) == expected


def _event_date(nlp, text: str, trigger: str, published: str | None = "2024-07-27") -> tuple[str | None, str | None]:
    article = Article(id="t", title="Test", paragraphs=(text,), published=published)
    doc = nlp(article.text)
    token = next(t for t in doc if t.text == trigger)
    return event_date(doc, token.sent, token, article)


@pytest.mark.slow
def test_event_date_picks_the_trigger_date(nlp) -> None:
    text = "Mohammad Mir Mousavi, 36, was arrested on July 22 after a fight, police said on Saturday."
    assert _event_date(nlp, text, "arrested") == ("2024-07-22", "July 22")


@pytest.mark.slow
def test_event_date_future_and_reporting_dates(nlp) -> None:
    text = "Putin will visit Iran on Wednesday, the Kremlin said on Friday."
    assert _event_date(nlp, text, "visit") == ("2024-07-31", "Wednesday")
    assert _event_date(nlp, text, "said") == ("2024-07-26", "Friday")
    # the date of the report is not the date of what it reports
    text = "The rights group on Wednesday said the man was killed in custody."
    assert _event_date(nlp, text, "killed") == (None, None)


@pytest.mark.slow
def test_event_date_without_article_date(nlp) -> None:
    assert _event_date(nlp, "The two leaders met on Thursday in Moscow.", "met", None) == (None, "Thursday")
    assert _event_date(nlp, "In 2022, the protests spread to every province.", "spread", None) == ("2022", "2022")
