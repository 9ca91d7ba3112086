"""Historical mentions and event dates: background events are flagged, undated events stay undated.

Rule tests run on hand-written parses (``tests/docs.py``, en_core_web_sm 3.8.0's parses) or on
plain values; a few slow ones check the same on the real model.
"""

from __future__ import annotations

import datetime as dt

import pytest
from docs import code_paragraphs, forbid_model, paragraph
from test_events_helpers import code_text, countries

from newsevents.events.history import dated_long_before, period_end, threshold_days

CAMPAIGN = paragraph("During the campaign, Trump promised to impose sanctions on Iran.", """
    0  During    during    ADP   IN  prep    5  O
    1  the       the       DET   DT  det     2  O
    2  campaign  campaign  NOUN  NN  pobj    0  O
    3  ,         ,         PUNCT ,   punct   5  O
    4  Trump     Trump     PROPN NNP nsubj   5  B-ORG
    5  promised  promise   VERB  VBD ROOT    5  O
    6  to        to        PART  TO  aux     7  O
    7  impose    impose    VERB  VB  xcomp   5  O
    8  sanctions sanction  NOUN  NNS dobj    7  O
    9  on        on        ADP   IN  prep    7  O
    10 Iran      Iran      PROPN NNP pobj    9  B-GPE
    11 .         .         PUNCT .   punct   5  O
""")

YEARS_AGO = paragraph("Russia and China signed a trade agreement years ago.", """
    0 Russia    Russia    PROPN NNP nsubj    3 B-GPE
    1 and       and       CCONJ CC  cc       0 O
    2 China     China     PROPN NNP conj     0 B-GPE
    3 signed    sign      VERB  VBD ROOT     3 O
    4 a         a         DET   DT  det      6 O
    5 trade     trade     NOUN  NN  compound 6 O
    6 agreement agreement NOUN  NN  dobj     3 O
    7 years     year      NOUN  NNS npadvmod 8 B-DATE
    8 ago       ago       ADV   RB  advmod   3 I-DATE
    9 .         .         PUNCT .   punct    3 O
""")

SAID_YEARS_AGO = paragraph("Years ago, officials said Iran attacked Israeli ships.", """
    0 Years     year      NOUN  NNS npadvmod 1 B-DATE
    1 ago       ago       ADV   RB  advmod   4 I-DATE
    2 ,         ,         PUNCT ,   punct    4 O
    3 officials official  NOUN  NNS nsubj    4 O
    4 said      say       VERB  VBD ROOT     4 O
    5 Iran      Iran      PROPN NNP nsubj    6 B-GPE
    6 attacked  attack    VERB  VBD ccomp    4 O
    7 Israeli   israeli   ADJ   JJ  amod     8 B-NORP
    8 ships     ship      NOUN  NNS dobj     6 O
    9 .         .         PUNCT .   punct    4 O
""")


@pytest.fixture()
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid_model(monkeypatch)


def test_period_end_is_the_last_day_of_the_day_month_or_year() -> None:
    assert period_end("2024-07-22") == dt.date(2024, 7, 22)
    assert period_end("2024-02") == dt.date(2024, 2, 29)
    assert period_end("2023-12") == dt.date(2023, 12, 31)
    assert period_end("2019") == dt.date(2019, 12, 31)


def test_a_date_is_historical_only_when_its_period_ended_long_before_the_article() -> None:
    anchor = dt.date(2024, 7, 27)
    limit = threshold_days()
    assert dated_long_before("2023", anchor)  # "last year"
    assert dated_long_before("2019", anchor)
    assert dated_long_before((anchor - dt.timedelta(days=limit + 1)).isoformat(), anchor)
    assert not dated_long_before((anchor - dt.timedelta(days=limit)).isoformat(), anchor)
    assert not dated_long_before("2024", anchor)  # "this year" holds the article's day
    assert not dated_long_before("2024-07", anchor)
    assert not dated_long_before("2025-01-05", anchor)  # a date to come is never background
    assert not dated_long_before(None, anchor)
    assert not dated_long_before("2019", None)  # without the article's date nothing is known


def test_a_past_time_phrase_on_the_events_clause_makes_it_historical(no_model: None) -> None:
    events, _, _, _ = code_paragraphs(CAMPAIGN)
    (threat,) = events
    assert threat.type == "THREATEN" and threat.historical and threat.date is None
    events, _, _, _ = code_paragraphs(YEARS_AGO)
    (pact,) = events
    assert pact.historical and pact.reciprocal and pact.date is None


def test_a_past_time_phrase_on_the_reporting_verb_dates_the_saying_not_the_event(no_model: None) -> None:
    events, _, _, _ = code_paragraphs(SAID_YEARS_AGO)
    attack = next(e for e in events if e.type == "ASSAULT")
    assert not attack.historical


def test_undated_events_stay_undated_and_never_take_the_publication_date(no_model: None) -> None:
    for published in ("2024-07-27", "2024-07-27T10:00:00Z", None):
        events, _, _, _ = code_paragraphs(CAMPAIGN, published=published)
        assert [(e.date, e.date_text, e.date_precision) for e in events] == [(None, None, None)]


@pytest.mark.slow
def test_brief_examples_on_the_model(nlp) -> None:
    events, _, _, article = code_text(nlp, "The pact that Moscow signed with North Korea last year angered Seoul.", published="2024-07-27")
    (pact,) = [e for e in events if e.type == "SUPPORT"]
    assert (pact.date, pact.date_precision, pact.historical) == ("2023", "year", True)
    events, _, _, _ = code_text(nlp, "Russia and China signed a trade agreement on Tuesday.", published="2024-07-27")
    (today,) = events
    assert (today.date, today.date_precision, today.historical) == ("2024-07-23", "day", False)
    assert countries(today.actors) == {"RUS", "CHN"} and today.targets == ()
    events, _, _, _ = code_text(nlp, "In the past, Iran has attacked Israeli ships.", published="2024-07-27")
    assert [(e.type, e.historical, e.date) for e in events] == [("ASSAULT", True, None)]
