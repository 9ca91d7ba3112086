"""The learned per-source boilerplate table."""

from __future__ import annotations

import json

import pytest

from newsevents.clean import BoilerplateTable, CleanDataError, clean_document
from newsevents.records import RawDocument

FOOTER = "Example Daily is published by Example Media Ltd, 1 Harbour Road, Port Town."
PROMO = "Get breaking news alerts from Example Daily"
QUOTE = '"We will not give in to pressure," the minister said.'
STORIES = [
    ("Storm Cuts Power to Thousands", ["A storm cut power to thousands of homes on Monday, the utility said.", QUOTE, "Crews worked through the night to restore supply."]),
    ("Parliament Passes Budget After Long Debate", ["Parliament passed the annual budget late on Tuesday after a debate lasting 14 hours.", QUOTE, "The opposition voted against it."]),
    ("Police Arrest Suspect in Museum Theft", ["Police arrested a man suspected of stealing paintings from the city museum on Wednesday.", QUOTE, "He denied it."]),
]


def dump(title: str, paragraphs: list[str], year: int = 2024) -> str:
    """One page of the made-up source: promo line, story, footer."""
    footer = FOOTER.replace("1 Harbour", f"{year - 2000} Harbour")
    return f"{title}\n\n{PROMO}\n\n" + "\n\n".join(paragraphs) + f"\n\n{footer}\n"


@pytest.fixture()
def raws() -> list[RawDocument]:
    """Three dumps of one source."""
    return [RawDocument(origin=f"d{n}.txt", format="text", text=dump(t, p, 2020 + n), source="Example Daily") for n, (t, p) in enumerate(STORIES)]


def test_learns_recurring_footer_and_promo_and_removes_them(raws: list[RawDocument]) -> None:
    table = BoilerplateTable.learn(raws)
    assert table.is_boilerplate("Example Daily", FOOTER)
    assert table.is_boilerplate("example daily", PROMO)
    assert not table.is_boilerplate("Other Paper", FOOTER)
    assert not table.is_boilerplate(None, FOOTER)
    for raw, (_, paragraphs) in zip(raws, STORIES):
        assert clean_document(raw)[0].paragraphs[-1].startswith("Example Daily is published")  # without the table
        [article] = clean_document(raw, table)
        assert list(article.paragraphs) == paragraphs


def test_a_quote_repeated_inside_several_stories_is_not_boilerplate(raws: list[RawDocument]) -> None:
    table = BoilerplateTable.learn(raws)
    assert not table.is_boilerplate("Example Daily", QUOTE)


def test_copies_of_one_article_teach_nothing() -> None:
    title, paragraphs = STORIES[0]
    copies = [RawDocument(origin=f"c{n}.txt", format="text", text=dump(title, paragraphs) + "\n" * n, source="Example Daily") for n in range(5)]
    near = RawDocument(origin="html", format="html", text=dump(title, paragraphs).replace("Port Town", "Port City"), source="Example Daily")
    assert not BoilerplateTable.learn([*copies, near])


def test_two_documents_are_not_enough(raws: list[RawDocument]) -> None:
    assert not BoilerplateTable.learn(raws[:2])


def test_articles_of_one_dump_form_a_group_when_no_source() -> None:
    one_dump = "\n\n\n".join(dump(t, p) for t, p in STORIES)
    raw = RawDocument(origin="all.txt", format="text", text=one_dump)
    table = BoilerplateTable.learn([raw])
    assert table.is_boilerplate(BoilerplateTable.source_of(raw), PROMO)
    articles = clean_document(raw, table)
    assert [a.title for a in articles] == [t for t, _ in STORIES]
    assert all(PROMO not in a.paragraphs and a.paragraphs[-1] != FOOTER for a in articles)


def test_source_of_falls_back_to_host_then_file() -> None:
    assert BoilerplateTable.source_of(RawDocument(origin="x", format="html", text="", source=" Example  Daily ")) == "example daily"
    assert BoilerplateTable.source_of(RawDocument(origin="x", format="html", text="", url="https://www.example.org/a/b")) == "example.org"
    assert BoilerplateTable.source_of(RawDocument(origin="in.jsonl#4", format="json", text="")) == "file:in.jsonl"


def test_round_trip_through_json(raws: list[RawDocument]) -> None:
    table = BoilerplateTable.learn(raws)
    again = BoilerplateTable.from_dict(json.loads(json.dumps(table.to_dict())))
    assert again.to_dict() == table.to_dict()
    assert again.is_boilerplate("Example Daily", FOOTER.replace("1 Harbour", "99 Harbour"))


def test_bad_saved_table_says_what_to_do() -> None:
    with pytest.raises(CleanDataError, match="relearn"):
        BoilerplateTable.from_dict({"version": 99, "sources": {}})
    with pytest.raises(CleanDataError, match="'sources' must map"):
        BoilerplateTable.from_dict({"version": 1, "sources": {"x": "not a list"}})


def test_edited_copies_of_one_article_teach_nothing() -> None:
    title, paragraphs = STORIES[0]
    extra = ["Engineers expect full service by Friday.", "The storm moved east overnight.", "Insurers are assessing the damage."]
    edited = [
        RawDocument(origin=f"e{n}.txt", format="text", text=dump(title, [*paragraphs[: 2 + n % 2], extra[n]]), source="Example Daily")
        for n in range(3)
    ]
    table = BoilerplateTable.learn(edited)
    assert not table.is_boilerplate("Example Daily", paragraphs[0])


CAPTION = "Traders on the exchange floor on the day (Photo: Example Daily)"
RUBRIC = "Markets Today in Brief"
DAILY = [
    (RUBRIC, ["Shares rose on Monday as banks gained after strong quarterly results.", "The currency held steady against the dollar.", "Oil prices fell for a third day."]),
    ("Storm Cuts Power to Thousands", ["A storm cut power to thousands of homes on Monday, the utility said.", "Crews worked through the night to restore supply.", "Schools stayed open."]),
    (RUBRIC, ["Shares fell on Tuesday after the central bank left interest rates unchanged.", "Bond yields edged higher.", "Gold traded near a record."]),
    ("Parliament Passes Budget After Long Debate", ["Parliament passed the annual budget late on Tuesday after a debate lasting 14 hours.", "The opposition voted against it.", "It takes effect in January."]),
    (RUBRIC, ["Shares were flat on Wednesday ahead of inflation figures due on Thursday.", "Technology stocks lagged.", "Trading volumes were thin."]),
    ("Police Arrest Suspect in Museum Theft", ["Police arrested a man suspected of stealing paintings from the city museum on Wednesday.", "He denied it.", "Two paintings are still missing."]),
]


def daily_dump(scraped_header: bool) -> RawDocument:
    """One dump of one source: every article carries the same photo caption; three share a rubric headline."""
    parts = []
    for title, paragraphs in DAILY:
        head = f"{title}\n\n{CAPTION}\n{CAPTION}\nTT\n\n{title}\n\n{CAPTION}\n\n" if scraped_header else f"{title}\n\n{CAPTION}\n\n"
        parts.append(head + "\n\n".join(paragraphs))
    return RawDocument(origin="daily.txt", format="text", text="\n\n\n\n".join(parts))


@pytest.mark.parametrize("scraped_header", [False, True])
def test_learned_lines_never_merge_the_articles_of_a_dump(scraped_header: bool) -> None:
    raw = daily_dump(scraped_header)
    table = BoilerplateTable.learn([raw])
    source = BoilerplateTable.source_of(raw)
    assert table.is_boilerplate(source, CAPTION) and table.is_boilerplate(source, RUBRIC)
    plain, cleaned = clean_document(raw), clean_document(raw, table)
    assert len(cleaned) == len(plain) == len(DAILY)
    assert [a.title for a in cleaned] == [t for t, _ in DAILY]
    assert [list(a.paragraphs) for a in cleaned] == [p for _, p in DAILY]
    assert all(CAPTION not in p and "Traders on the exchange floor" not in p for a in cleaned for p in a.paragraphs)
