"""Actor names, countries and sectors the coder got wrong on the example corpus (issue #7, "actors are junk or
wrong"); each case is a sentence written for this test, of the same shape."""

from __future__ import annotations

import pytest

import newsevents


def _events(text: str, published: str = "2024-05-06") -> list[dict]:
    return [e for d in newsevents.process_text(text, published=published) for e in d.to_dict()["events"]]


def _parties(text: str, role: str) -> list[tuple[str, str | None, str | None]]:
    return [(a["name"], a.get("country"), a.get("sector")) for e in _events(text) for a in e[role]]


def test_a_weekday_before_a_possessive_is_not_part_of_the_actor():
    actors = _parties("On Thursday Peru's interior ministry ordered two Bolivian officials to leave the country.", "actors")
    assert actors and all(not name.startswith(("On", "Thursday")) for name, _, _ in actors)
    assert ("Peru's interior ministry", "PER", "GOV") in [(n.replace("’", "'"), c, s) for n, c, s in actors]


@pytest.mark.parametrize("title", ["UN Secretary-General", "OPEC Secretary-General"])
def test_a_hyphenated_civilian_title_is_no_army_general(title):
    actors = _parties(f"{title} Lukas Brenner visited the Polish border guard headquarters on Monday.", "actors")
    sectors = [sector for name, _, sector in actors if "Brenner" in name]
    assert sectors and "MIL" not in sectors  # the visitor is coded, as a civilian official


def test_a_group_named_before_a_leader_gives_his_country():
    text = "Hezbollah political leader Naim Qassem was killed in a strike on his flat in Tehran on Sunday, the group said."
    qassem = [country for name, country, _ in _parties(text, "targets") if "Qassem" in name]
    assert qassem == ["LBN"]  # Hezbollah's, not Iran's where the strike was


def test_he_never_stands_for_the_dateline():
    text = ("BAMAKO (Harbour Wire) — Oumar Traore was sworn in as Mali's president on Friday, less than two weeks after he "
            "was released from prison.")
    released = [a["name"] for e in _events(text) if e["type"] == "RETREAT" for a in e["targets"]]
    assert released == ["Oumar Traore"]  # "he" is the man sworn in, not the dateline's city


def test_the_president_is_the_one_president_the_article_names():
    text = ("Togo border talks end without a deal\n\nLOME — Ghanaian President John Mahama held talks with Togolese "
            "ministers in Lome on Monday about the closed border crossings.\n\nTogo's government said it wanted more time. "
            "Late on Monday the president accused Togo of stalling.")
    accusers = [(a["name"], a.get("country")) for d in newsevents.process_text(text, published="2025-03-04")
                for e in d.to_dict()["events"] if e["type"] == "ACCUSE" for a in e["actors"]]
    assert accusers == [("John Mahama", "GHA")]  # not a "president" of Togo, the country the article names most


def test_goods_handed_over_are_no_recipient():
    aid = [e for e in _events("Kazakhstan began supplying Russian oil to China through its pipeline in March, the ministry said.")
           if e["type"] == "AID"]
    assert aid and [(a["name"], a.get("country")) for a in aid[0]["targets"]] == [("China", "CHN")]  # not "Russian" (whose oil)


@pytest.mark.parametrize(("text", "dateline"), [
    ("WASHINGTON—The Senate voted on Tuesday to reject the arms sale.", True),  # wire style: a tight long dash
    ("NAIROBI – Kenya's parliament approved the budget.", True),
    ("SADC search-and-rescue teams reached Beira on Monday.", False),  # a hyphen inside a word
])
def test_a_dateline_ends_at_its_dash(text, dateline):
    from newsevents.events.phrases import in_dateline
    from newsevents.nlp.pipeline import load_pipeline
    from newsevents.settings import Settings

    doc = load_pipeline(Settings.make(events=False))(text)
    assert in_dateline(doc[0]) is dateline
