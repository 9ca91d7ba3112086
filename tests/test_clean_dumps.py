"""The clean stage on made-up dumps in other sites' styles (none of the seed's strings)."""

from __future__ import annotations

from newsevents.clean import clean_document
from newsevents.records import Article, Caption, RawDocument

PAGE_WITH_FURNITURE = """\
Skip to main content
Home | World | Business | Sport | Culture
We use cookies to give you the best experience on our website. By continuing to browse, you agree to our use of cookies.
Accept all

World › Europe

Flood Waters Force Thousands From Homes in Southern Germany

By Anna Weber and Tom Clarke
Updated 27 July 2024 14:05 GMT

Share this article

Residents wade through a flooded street in Passau on Friday. Photo: AP

Thousands of people were evacuated from their homes in southern Germany on Friday after days of heavy rain swelled rivers to record levels.

The state government of Bavaria said more than 3,000 residents had been moved to emergency shelters overnight.

Advertisement

Rescue teams used boats to reach villages cut off by the water, officials said.

He denied it.

Read more: Europe braces for another summer of extreme weather

"We have never seen anything like this," said Maria Huber, a 64-year-old shop owner in Passau.

Chancellor Olaf Scholz is expected to visit the region on Saturday.

Most read
Tourist Boat Sinks Off Greek Island
Markets Rally as Inflation Cools
Heatwave Grips Southern Europe

© 2024 Example News Group. All rights reserved.
Follow us on Twitter
"""

THREE_ARTICLES = """\
Central Bank Holds Rates Steady Amid Inflation Worries
Central Bank Holds Rates Steady Amid Inflation Worries
The central bank's headquarters in Frankfurt (AFP via Getty Images)
Listen to this article
The central bank left its main interest rate unchanged on Thursday, saying inflation was still too high to ease policy.
Policymakers voted unanimously to keep the deposit rate at 3.75%, the bank said in a statement.
Economists had widely expected the decision.
Share
Rail Workers Announce Week-Long Strike
By Pierre Martin
Monday, 5 August 2024
Rail workers will walk out for a week starting next Monday, their union said, in a dispute over pay and pensions.
The union said talks with the national operator had broken down.
"We have no choice," union leader Claire Dubois told reporters.
The operator said it regretted the decision.
Share


Volcano Erupts on Remote Island, Flights Diverted
A plume of ash rose more than 10 kilometres into the sky after the eruption early on Tuesday, the geological survey said.
Airlines diverted dozens of flights away from the area as a precaution.
No injuries were reported.
Share
"""

SINGLE_CRLF = (
    "Minister Resigns Over Expenses Row\r\n\r\n"
    "The minister resigned on Sunday after a newspaper reported that she had claimed thousands in improper expenses.\r\n\r\n"
    "She said she had done nothing wrong.\r\n\r\n"
    "He denied it.\r\n\r\n"
    "The prime minister thanked her for her service.\r\n"
)

HARD_WRAPPED = """\
Drought Threatens Harvest Across the Region

The worst drought in decades is threatening this year's harvest across the
region, farmers' groups warned on Wednesday, as reservoirs fell to a third of
their usual level.

Wheat yields could fall by as much as 40% if no rain arrives within the next
two weeks, the largest farmers' union said in a statement.

The agriculture ministry said it was preparing emergency support for growers
and would announce details before the end of the month.
"""

SEED_LIKE_WITHOUT_GAPS = """\
Court Upholds Ban on Night Flights

Passengers wait at the departure hall of the airport (Reuters)
Passengers wait at the departure hall of the airport (Reuters)
AA

Court Upholds Ban on Night Flights

Passengers wait at the departure hall of the airport (Reuters)

The country's highest court on Friday upheld a ban on night flights at the capital's main airport.

Airlines had argued the ban would cost thousands of jobs.

Harbour Strike Ends After Deal on Wages

Dock workers load a container ship (AFP)
Dock workers load a container ship (AFP)
AA

Harbour Strike Ends After Deal on Wages

Dock workers load a container ship (AFP)

A two-week strike at the country's largest harbour ended on Saturday after unions and employers agreed on a wage deal.

"It is a fair compromise," a union spokesman said.
"""


def clean(text: str, **meta: str) -> list[Article]:
    """Clean a plain-text dump."""
    return clean_document(RawDocument(origin="test.txt", format="text", text=text, **meta))


def test_page_furniture_removed_and_metadata_read() -> None:
    [article] = clean(PAGE_WITH_FURNITURE)
    assert article.title == "Flood Waters Force Thousands From Homes in Southern Germany"
    assert article.author == "Anna Weber and Tom Clarke"
    assert article.published == "2024-07-27T14:05+00:00"
    assert article.captions == (Caption("Residents wade through a flooded street in Passau on Friday.", "AP"),)
    assert article.paragraphs == (
        "Thousands of people were evacuated from their homes in southern Germany on Friday after days of heavy rain swelled rivers to record levels.",
        "The state government of Bavaria said more than 3,000 residents had been moved to emergency shelters overnight.",
        "Rescue teams used boats to reach villages cut off by the water, officials said.",
        "He denied it.",
        '"We have never seen anything like this," said Maria Huber, a 64-year-old shop owner in Passau.',
        "Chancellor Olaf Scholz is expected to visit the region on Saturday.",
    )


def test_metadata_given_by_the_input_wins() -> None:
    [article] = clean(PAGE_WITH_FURNITURE, published="2024-07-26", author="Desk")
    assert (article.published, article.author) == ("2024-07-26", "Desk")


def test_three_articles_without_big_gaps() -> None:
    articles = clean(THREE_ARTICLES)
    assert [a.title for a in articles] == [
        "Central Bank Holds Rates Steady Amid Inflation Worries",
        "Rail Workers Announce Week-Long Strike",
        "Volcano Erupts on Remote Island, Flights Diverted",
    ]
    assert [len(a.paragraphs) for a in articles] == [3, 4, 3]
    assert articles[0].captions == (Caption("The central bank's headquarters in Frankfurt", "AFP via Getty Images"),)
    assert (articles[1].author, articles[1].published) == ("Pierre Martin", "2024-08-05")
    assert all("Share" not in a.paragraphs for a in articles)
    assert articles[2].paragraphs[-1] == "No injuries were reported."


def test_single_article_crlf_keeps_short_sentence() -> None:
    [article] = clean(SINGLE_CRLF)
    assert article.title == "Minister Resigns Over Expenses Row"
    assert "He denied it." in article.paragraphs
    assert len(article.paragraphs) == 4
    assert all("\r" not in p for p in article.paragraphs)


def test_hard_wrapped_paragraphs_are_joined() -> None:
    [article] = clean(HARD_WRAPPED)
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("The worst drought in decades is threatening this year's harvest across the region,")
    assert article.paragraphs[0].endswith("a third of their usual level.")


def test_repeated_headlines_captions_and_scraps_between_articles() -> None:
    articles = clean(SEED_LIKE_WITHOUT_GAPS)
    assert [a.title for a in articles] == ["Court Upholds Ban on Night Flights", "Harbour Strike Ends After Deal on Wages"]
    assert [a.captions for a in articles] == [
        (Caption("Passengers wait at the departure hall of the airport", "Reuters"),),
        (Caption("Dock workers load a container ship", "AFP"),),
    ]
    assert [len(a.paragraphs) for a in articles] == [2, 2]
    assert articles[1].paragraphs[-1] == '"It is a fair compromise," a union spokesman said.'


def test_unclosed_quote_is_neither_dropped_nor_merged() -> None:
    text = (
        "Mayor Announces New Housing Plan\n\n"
        "The mayor unveiled a plan to build 10,000 homes on Monday.\n\n"
        '"This is the most ambitious programme in a generation, the mayor told reporters.\n\n'
        "Critics said the plan lacked funding.\n"
    )
    [article] = clean(text)
    assert article.paragraphs[1] == '"This is the most ambitious programme in a generation, the mayor told reporters.'
    assert len(article.paragraphs) == 3


def test_credit_line_inside_body_is_a_caption_only_when_it_looks_like_one() -> None:
    text = (
        "Wildfire Spreads Near Coastal Town\n\n"
        "A wildfire spread towards a coastal town on Sunday, forcing hundreds to flee.\n\n"
        "Firefighters battle the flames near the town (Jane Roe/AFP via Getty Images)\n\n"
        "The fire service said strong winds were hampering efforts, according to a statement (Reuters).\n\n"
        "Officials said the town was not yet at risk.\n"
    )
    [article] = clean(text)
    assert article.captions == (Caption("Firefighters battle the flames near the town", "Jane Roe/AFP via Getty Images"),)
    assert "The fire service said strong winds were hampering efforts, according to a statement (Reuters)." in article.paragraphs
    assert len(article.paragraphs) == 3


def test_paragraph_whitespace_normalised_but_characters_kept() -> None:
    text = "Talks Resume in Geneva\n\n  The talks\u00a0resumed   on Monday \u2014 a week late.\t\n\n\u201cWe are hopeful,\u201d an envoy said.\n"
    [article] = clean(text)
    assert article.paragraphs == ("The talks resumed on Monday \u2014 a week late.", "\u201cWe are hopeful,\u201d an envoy said.")


def test_nothing_article_like_gives_no_article() -> None:
    assert clean("Home | News | Sport | Weather\nMenu\nShare\n") == []
    assert clean("") == []
    assert clean("   \n\n  \t\n") == []


def test_offsets_match_paragraphs_in_every_made_up_dump() -> None:
    for text in (PAGE_WITH_FURNITURE, THREE_ARTICLES, SINGLE_CRLF, HARD_WRAPPED, SEED_LIKE_WITHOUT_GAPS):
        for article in clean(text):
            for (start, end), paragraph in zip(article.paragraph_spans(), article.paragraphs):
                assert article.text[start:end] == paragraph


WIRE_STYLE = """\
Shipping Firms Reroute Vessels Away From Strait

By Lena Fischer
July 27, 2024 at 2:05 p.m. EDT

LONDON (Reuters) - Several of the world's largest shipping companies said on Friday they would reroute vessels away from the strait after a series of attacks.

The decision is expected to add days to journeys between Asia and Europe.

Related
Oil Prices Jump After Tanker Attack
Insurers Raise War Risk Premiums

Freight rates rose sharply on the news.

A cargo ship waits at anchor off the coast (AFP)
A cargo ship waits at anchor off the coast (AFP)

Analysts said the disruption could last for months.

Reporting by Lena Fischer; Editing by Mark Potter

* * *

Teachers Vote to Accept Pay Offer

Teachers voted to accept a pay offer on Saturday, ending a months-long dispute.

Union officials said turnout was high.
"""


def test_wire_style_with_link_list_credit_line_and_rule_separator() -> None:
    first, second = clean(WIRE_STYLE)
    assert first.title == "Shipping Firms Reroute Vessels Away From Strait"
    assert (first.author, first.published) == ("Lena Fischer", "2024-07-27T14:05-04:00")
    assert first.paragraphs[0].startswith("LONDON (Reuters) - Several of the world's largest")
    assert "Oil Prices Jump After Tanker Attack" not in first.paragraphs
    assert first.paragraphs[-2:] == ("Freight rates rose sharply on the news.", "Analysts said the disruption could last for months.")
    assert first.captions == (Caption("A cargo ship waits at anchor off the coast", "AFP"),)
    assert second.title == "Teachers Vote to Accept Pay Offer"
    assert len(second.paragraphs) == 2


def test_one_line_paragraphs_without_blank_lines_are_not_merged() -> None:
    lines = ["Officials Confirm Evacuation of Coastal Villages"]
    lines += [f"Paragraph {n} says that officials confirmed {n * 3} evacuations in the region today." for n in range(8)]
    [article] = clean("\n".join(lines))
    assert len(article.paragraphs) == 8


def test_list_introduced_by_a_colon_is_kept_at_the_end() -> None:
    text = "City Adopts New Climate Plan\n\nThe council adopted a climate plan on Monday.\n\nThe measures include:\n\n- more cycle lanes\n- a ban on new gas boilers\n"
    [article] = clean(text)
    assert article.paragraphs[-2:] == ("- more cycle lanes", "- a ban on new gas boilers")


def test_sentence_without_full_stop_is_still_an_article() -> None:
    [article] = clean("Obama ordered an investigation against Iran")
    assert (article.title, article.paragraphs) == ("", ("Obama ordered an investigation against Iran",))
    [article] = clean("Ministers Meet in Brussels\n\nThe ministers agreed to extend sanctions for six months\n")
    assert (article.title, article.paragraphs) == ("Ministers Meet in Brussels", ("The ministers agreed to extend sanctions for six months",))


def test_sentence_case_subheading_after_a_wider_gap_does_not_split() -> None:
    text = (
        "Council Approves Budget for Next Year\n\n"
        "The city council approved next year's budget on Tuesday.\n\n"
        "Spending on schools will rise by 4%.\n\n\n"
        "What happens to the parks\n\n"
        "Funding for parks will stay the same, the council said.\n"
    )
    [article] = clean(text)
    assert article.paragraphs[-2:] == ("What happens to the parks", "Funding for parks will stay the same, the council said.")


def test_random_scraps_never_break_the_invariants(seed_text: str) -> None:
    """Shuffled, cut and noised pieces of a dump: no crash, clean paragraphs, exact offsets."""
    import random

    rng = random.Random(7)
    lines = seed_text.split("\n")
    noise = ["", " (AFP)", " Photo: AP", ".", "?", "\u00a0", "\u200b", "\r"]
    for n in range(60):
        picked = [rng.choice(lines) + rng.choice(noise) for _ in range(rng.randint(0, 30))]
        raw = RawDocument(origin=f"r{n}", format="text", text="\n".join(picked), structured=n % 3 == 0)
        for article in clean_document(raw):
            assert article.paragraphs
            assert all(p == p.strip() and p and "\n" not in p and "\r" not in p for p in article.paragraphs)
            assert [article.text[s:e] for s, e in article.paragraph_spans()] == list(article.paragraphs)
