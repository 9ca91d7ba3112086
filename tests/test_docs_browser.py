"""The docs site in headless Chromium under the app's headers: a badge leads to its entry, search works, no CSP error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_web_data import ServerThread, build_web_db

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard over the hand-made database, serving a freshly built docs site under /docs/."""
    from newsevents.web import app

    site = tmp_path_factory.mktemp("site")
    build = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
                           cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr[-3000:]
    db = build_web_db(tmp_path_factory.mktemp("docs-browser") / "web.db")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app, "DOCS_SITE", site)
        with ServerThread(db) as srv:
            yield srv


@pytest.fixture(scope="module")
def page(server):
    """A Chromium page that records console messages (CSP violations are reported there) and outside requests."""
    if not shutil.which(CHROMIUM):
        message = f"{CHROMIUM} is missing: run `bash scripts/setup-browser.sh`"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(base_url=server.url)
        tab = context.new_page()
        tab.problems = []  # type: ignore[attr-defined]
        tab.on("console", lambda m: tab.problems.append(m.text) if m.type in ("error", "warning") else None)
        tab.on("request", lambda r: None if r.url.startswith(server.url) else tab.problems.append(f"outside request {r.url}"))
        yield tab
        browser.close()


def test_a_type_badge_opens_its_codebook_entry(page):
    """Clicking an event type badge on the events page lands on that type's heading in the codebook."""
    page.goto("/events")
    badge = page.locator("a.badge").first
    kind = badge.inner_text().strip()
    badge.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/docs/codebook/types.html#{kind.lower()}")
    assert page.locator(f"h2#{kind.lower()}").is_visible()
    assert page.problems == []


def test_docs_search_runs_under_the_policy(page):
    """The site's search (a web worker and its index) works under the /docs/ policy, with no console error."""
    page.goto("/docs/index.html")
    page.fill("input.md-search__input", "ASSAULT")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert page.problems == []
