"""The dashboard in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Clicks through overview → article → event → actor → dyad, checks the highlighted evidence, the
drawn chart and that markup in an article stays text, and saves one screenshot per page to
artifacts/screenshots/. Skips when Chromium or Playwright is missing, except under CI=true.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from test_web_data import MARKUP_ID, XSS, ServerThread, build_web_db

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests (bash scripts/setup-browser.sh installs Chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium, launched once per module."""
    if not shutil.which(CHROMIUM):
        _unavailable(f"{CHROMIUM} is missing: run `bash scripts/setup-browser.sh`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: pip install playwright==1.65.2 (never `playwright install`)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard over the hand-made database on 127.0.0.1."""
    db = build_web_db(tmp_path_factory.mktemp("browser") / "web.db")
    with ServerThread(db) as srv:
        yield srv


@pytest.fixture()
def page(browser, server):
    """A fresh page that records console errors, dialogs and any request leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server.url)
    pg = context.new_page()
    pg.problems = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("request", lambda r: urlsplit(r.url).hostname != "127.0.0.1" and pg.problems.append(f"offsite request: {r.url}"))
    yield pg
    problems = list(pg.problems)
    context.close()
    assert problems == [], problems


def shot(page, name: str) -> None:
    """Save a full-page screenshot to artifacts/screenshots/NAME.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_overview_article_event_actor_dyad_by_clicking(page):
    page.goto("/")
    assert page.locator("[data-count=events]").inner_text() == "18"
    assert page.locator("#overview-map circle.place").count() == 4
    assert page.locator("#type-bars rect.bar").count() == 4
    shot(page, "overview")

    page.get_by_role("list").get_by_role("link", name="Putin and Raisi meet, round 5").click()
    page.wait_for_url(re.compile(r"/articles/0000000000000005$"))
    text = page.locator("#article-text")
    assert text.locator("mark.ev").count() == 3
    assert text.locator("span.ent.ent-PERSON").count() == 4 and text.locator("span.quote").count() == 1
    assert page.locator(".event-card:visible").count() == 3  # nothing selected yet: every coded event listed
    shot(page, "article")

    text.locator("mark.ev", has_text="accused").click()
    card = page.locator("#card-w5e1")
    assert card.is_visible() and page.locator(".event-card:visible").count() == 1
    assert "ACCUSE" in card.inner_text() and "alleged" in card.inner_text() and "Tehran (IRN)" in card.inner_text()
    assert "active" in text.locator("mark.ev", has_text="accused").get_attribute("class")
    assert page.url.endswith("#ev-w5e1")
    shot(page, "article-event")

    card.get_by_role("link", name="Sergei Lavrov", exact=True).click()
    page.wait_for_url(re.compile(r"/actors/sergei-lavrov$"))
    assert page.locator("h1").inner_text() == "Sergei Lavrov"
    assert "Foreign Minister" in (page.locator("#role-timeline").text_content() or "")
    shot(page, "actor")

    page.locator("#partners a.dyad-link").first.click()
    page.wait_for_url(re.compile(r"/dyads/sergei-lavrov/irn-iran-government$"))
    assert page.locator("#dyad-chart rect.bar").count() == 5
    page.get_by_role("link", name="By week").click()
    page.wait_for_url(re.compile(r"by=week$"))
    assert page.locator("#dyad-chart rect.bar").count() == 3


def test_country_dyad_chart_draws_both_sides(page):
    page.goto("/dyads/RUS/IRN")
    chart = page.locator("#dyad-chart")
    assert chart.locator("rect.bar.q1").count() == 5 and chart.locator("rect.bar.q3").count() == 5
    assert chart.locator("polyline.net").count() == 1
    box = chart.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 150
    shot(page, "dyad")


def test_events_table_filters_sorts_and_links_to_evidence(page):
    page.goto("/")
    page.get_by_role("navigation", name="main").get_by_role("link", name="Events").click()
    page.select_option("select[name=type]", "ACCUSE")
    page.fill("input[name=country]", "IRN")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"type=ACCUSE"))
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 7
    page.get_by_role("link", name=re.compile("^Goldstein")).click()
    page.wait_for_url(re.compile(r"sort=-goldstein"))
    shot(page, "events")
    rows.first.locator("td.evidence a").click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+#ev-w\d+e\d+$"))
    ev_id = page.url.rsplit("#ev-", 1)[1]
    assert page.locator(f"#card-{ev_id}").is_visible() and page.locator(".event-card:visible").count() == 1
    assert page.locator(f"#article-text mark.ev.active[data-events~='{ev_id}']").count() == 1


def test_markup_in_an_article_shows_as_text(page):
    page.goto(f"/articles/{MARKUP_ID}")
    assert XSS in page.locator("#article-text").inner_text()
    assert XSS in page.locator("h1").inner_text()
    assert page.locator("#article-text script, #article-text img, #article-text b").count() == 0
    assert page.evaluate("document.scripts.length") == 1
    shot(page, "markup-article")


def test_search_map_and_api_docs(page):
    page.goto("/")
    page.fill("header input[name=q]", "Blinken")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Blinken"))
    assert page.locator("ol.results li").count() == 1 and page.locator("mark.hit").first.inner_text() == "Blinken"
    shot(page, "search")

    page.goto("/map")
    assert page.locator("#event-map circle.place").count() == 4
    assert page.locator("#event-map g.land path").count() > 50  # Natural Earth's countries under the places
    shot(page, "map")

    page.goto("/api/docs")
    section = page.locator("#op-api-stats")
    section.get_by_role("button", name="Try it").click()
    result = section.locator("pre.result")
    result.wait_for(state="visible")
    from playwright.sync_api import expect

    # a locator wait, not wait_for_function: that evaluates a string in the page, which our CSP (no 'unsafe-eval') refuses
    expect(result).to_contain_text("200", timeout=20_000)
    assert '"articles": 7' in result.inner_text()
    shot(page, "api-docs")


def test_events_count_pages_sizes_and_download_exactly_the_filter(page):
    from playwright.sync_api import expect

    page.goto("/events?type=ACCUSE")
    expect(page.locator("p.total strong.count")).to_have_text("7")
    assert "quad class" in (page.get_by_role("columnheader", name="Type").get_attribute("title") or "")
    assert "-10" in (page.get_by_role("columnheader", name="Goldstein").get_attribute("title") or "")
    page.locator("nav.pager .sizes").get_by_role("link", name="25").click()
    page.wait_for_url(re.compile(r"size=25"))
    expect(page.locator("nav.pager .page-of")).to_have_text("page 1 of 1")

    page.goto("/events?size=5")
    expect(page.locator("nav.pager .page-of")).to_have_text("page 1 of 4")
    page.locator("nav.pager").get_by_role("link", name="Next »").click()
    page.wait_for_url(re.compile(r"page=2"))
    expect(page.locator("nav.pager .page-of")).to_have_text("page 2 of 4")
    assert page.locator("table.events tbody tr").count() == 5
    shot(page, "events-paged")
    page.locator("nav.pager").get_by_role("link", name="« Previous").click()
    page.wait_for_url(re.compile(r"/events\?size=5$"))

    page.goto("/events?type=ACCUSE&country=IRN&page=1&size=5")
    with page.expect_download() as info:
        page.locator("p.total a[data-format=csv]").click()
    download = info.value
    assert download.suggested_filename == "events.csv"
    lines = Path(download.path()).read_text(encoding="utf-8").strip().splitlines()
    assert len(lines) == 1 + 7 and lines[0].startswith("article_id,") and "article_url" in lines[0]


def test_dyad_period_switch_date_range_and_event_counts(page):
    from playwright.sync_api import expect

    page.goto("/dyads/RUS/IRN")
    expect(page.locator("#dyad-chart polyline.net")).to_have_count(1)  # only 15–16 July are adjacent days with events
    page.get_by_role("link", name="By month").click()
    page.wait_for_url(re.compile(r"by=month$"))
    expect(page.locator("#dyad-counts rect.bar.count")).to_have_count(1)
    assert page.locator("#dyad-counts rect.bar.count title").text_content() == "2024-07: 15 events"
    page.get_by_role("link", name="By day").click()
    page.wait_for_url(re.compile(r"by=day$"))
    page.fill("#dyad-range input[name=since]", "2024-07-20")
    page.get_by_role("button", name="Show these dates").click()
    page.wait_for_url(re.compile(r"since=2024-07-20"))
    expect(page.locator("#dyad-chart rect.bar.q1")).to_have_count(2)
    shot(page, "dyad-range")
    page.get_by_role("link", name="All dates").click()
    page.wait_for_url(re.compile(r"/dyads/RUS/IRN\?by=day$"))
    expect(page.locator("#dyad-chart rect.bar.q1")).to_have_count(5)

    page.goto("/dyads/Vladimir%20Putn/IRN")
    note = page.locator("#dyad-unknown")
    expect(note).to_contain_text("Did you mean")
    note.get_by_role("link", name="Vladimir Putin").click()
    page.wait_for_url(re.compile(r"/dyads/Vladimir%20Putin/IRN"))
    expect(page.locator("#dyad-chart rect.bar")).to_have_count(5)


def test_quotes_page_finds_what_a_speaker_said(page):
    from playwright.sync_api import expect

    page.goto("/")
    page.get_by_role("navigation", name="main").get_by_role("link", name="Quotes").click()
    page.wait_for_url(re.compile(r"/quotes$"))
    expect(page.locator("p.total strong.count")).to_have_text("6")
    page.fill("input[name=source]", "Putin")
    page.select_option("select[name=kind]", "direct")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"source=Putin"))
    expect(page.locator("p.total strong.count")).to_have_text("5")
    shot(page, "quotes")
    page.locator("#quotes td.said a").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+#said-a1$"))
    expect(page.locator("#said-a1")).to_be_visible()


def test_roles_page_shows_each_office_as_a_timeline(page):
    from playwright.sync_api import expect

    page.goto("/")
    page.get_by_role("navigation", name="main").get_by_role("link", name="Roles").click()
    page.wait_for_url(re.compile(r"/roles$"))
    expect(page.locator("section.office svg.timeline")).to_have_count(3)
    page.fill("input[name=country]", "RUS")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"country=RUS"))
    expect(page.locator("section.office")).to_have_count(2)
    box = page.locator("section.office svg.timeline").first.bounding_box()
    assert box and box["width"] > 400
    shot(page, "roles")


def test_map_place_click_and_zoom_to_a_region(page):
    page.goto("/map")
    page.locator('#event-map circle.place[data-place="Moscow"]').click()
    page.wait_for_url(re.compile(r"/map\?place=Moscow&place_country=RUS#place-events"))
    section = page.locator("#place-events")
    assert "Events at Moscow (RUS)" in section.locator("h2").inner_text()
    assert section.locator("table.events tbody tr").count() == 10
    shot(page, "map-place")

    page.select_option("#map-region", "europe")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"region=europe"))
    assert page.locator("h1").inner_text() == "Map of event locations: Europe"
    assert page.locator('#event-map path[data-country="FRA"]').count() == 1
    assert page.locator('#event-map path[data-country="USA"]').count() == 0
    places = page.locator("#event-map circle.place")
    assert places.count() == 3 and page.locator('#event-map circle.place[data-place="Washington"]').count() == 0  # outside Europe
    shot(page, "map-europe")


def test_events_date_pickers_filter_and_keep_a_month(page):
    from playwright.sync_api import expect

    page.goto("/events")
    every = int(page.locator("p.total strong.count").get_attribute("data-total") or 0)
    since = page.locator("form.filters input[name=date_from]")
    assert since.get_attribute("type") == "date"
    since.fill("2024-07-20")  # the browser's date picker takes a day
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"date_from=2024-07-20"))
    later = int(page.locator("p.total strong.count").get_attribute("data-total") or 0)
    assert 0 < later < every
    expect(page.locator("form.filters input[name=date_from]")).to_have_value("2024-07-20")
    shot(page, "events-dates")
    page.goto("/events?date_from=2024-07")  # a month, as the API takes it, stays visible in a plain field
    month = page.locator("form.filters input[name=date_from]")
    assert month.get_attribute("type") is None
    expect(month).to_have_value("2024-07")


def test_a_map_place_opens_in_the_events_table_and_stays_while_filtering(page):
    from playwright.sync_api import expect

    page.goto("/map?place=Moscow&place_country=RUS#place-events")
    expect(page.locator("h2 span.count[data-total]").first).to_be_visible()
    page.locator("#place-events").get_by_role("link", name="Every event at Moscow in the events table").click()
    page.wait_for_url(re.compile(r"/events\?place=Moscow&place_country=RUS$"))
    expect(page.locator("p.total strong.count")).to_have_text("10")
    expect(page.locator("form.filters .place-filter")).to_have_text("at Moscow (RUS)")
    page.select_option("form.filters select[name=type]", "ACCUSE")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"type=ACCUSE.*place=Moscow|place=Moscow.*type=ACCUSE"))
    assert int(page.locator("p.total strong.count").get_attribute("data-total") or 0) < 10
    shot(page, "events-at-a-place")
