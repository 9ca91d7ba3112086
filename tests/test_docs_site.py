"""The docs site: generated pages up to date, a strict offline build, runnable examples, served at /docs/."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.docsgen import dictionary
from newsevents.docsgen.__main__ import generated_pages
from newsevents.docsgen.markdown import write_pages
from newsevents.plover import EVENT_TYPES

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STATUSES = ("reported", "alleged", "denied", "planned", "hypothetical", "negated")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site built from docs/ with mkdocs.yml, --strict (a broken link or anchor fails the build)."""
    mkdocs = BIN / "mkdocs"
    assert mkdocs.exists(), "mkdocs is missing: install the docs extra (make install, or pip install -e '.[docs]')"
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(out)], cwd=ROOT, capture_output=True,
                         text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    return out


def test_every_column_and_field_has_a_description():
    """docs/data/columns.tsv describes every store column, JSON field and export column, and nothing else."""
    missing = dictionary.missing_entries()
    assert not missing, ("docs/data/columns.tsv has no line for these (add them, tab separated: where, name, meaning, "
                         "example; then run make docs):\n" + "\n".join(missing))
    stale = dictionary.stale_entries()
    assert not stale, "docs/data/columns.tsv describes columns or fields that no longer exist; remove:\n" + "\n".join(stale)


def test_generated_pages_are_up_to_date():
    """The codebook, data dictionary, accuracy and settings pages match the data files they are generated from."""
    stale = write_pages(generated_pages(), check=True)
    assert not stale, f"stale generated pages {[str(p.relative_to(ROOT)) for p in stale]}: run make docs and commit them"


def test_codebook_tables_come_from_the_coder_data():
    """Every PLOVER type has its entry, and the CAMEO page lists every code of events_cameo.tsv."""
    from newsevents.events.tables import cameo_table

    pages = generated_pages()
    types = pages[ROOT / "docs" / "codebook" / "types.md"]
    assert all(f"\n## {kind}\n" in types for kind in EVENT_TYPES)
    cameo = pages[ROOT / "docs" / "codebook" / "cameo.md"]
    assert all(f"| <code>{code}</code> |" in cameo for code in cameo_table())


def test_site_builds_strict_with_every_codebook_anchor(site):
    """Every type and status the dashboard links to has its anchor in the built site; the API reference rendered."""
    types = (site / "codebook" / "types.html").read_text("utf-8")
    status = (site / "codebook" / "status.html").read_text("utf-8")
    assert all(f'id="{kind.lower()}"' in types for kind in EVENT_TYPES)
    assert all(f'id="{name}"' in status for name in STATUSES)
    api = (site / "reference" / "api.html").read_text("utf-8")
    assert 'id="newsevents.api.process_text"' in api
    components = (site / "reference" / "components.html").read_text("utf-8")
    assert 'id="newsevents.events.components.make_coder"' in components


def test_site_loads_nothing_from_another_host(site):
    """No script, stylesheet, font or image of the built site comes from an external URL (font: false, no CDN)."""
    external = re.compile(r"""<(script|link|img|iframe|source)\b[^>]*\b(src|href)=["']?(https?:)?//""", re.I)
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert not external.search(html), f"{page.relative_to(site)} loads from another host"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    for sheet in site.rglob("*.css"):
        assert not re.search(r"""(url\(|@import)\s*["']?(https?:)?//""", sheet.read_text("utf-8")), sheet.name


def _examples(page: Path) -> list[tuple[str, str]]:
    """(kind, command) of every line of the code blocks marked <!-- runnable --> or <!-- runnable: help -->."""
    found = re.findall(r"<!-- runnable(: help)? -->\n```sh\n(.*?)```", page.read_text("utf-8"), re.S)
    return [("help" if help_ else "run", line) for help_, block in found for line in block.splitlines() if line.strip()]


def test_getting_started_examples_run(tmp_path):
    """The marked commands of the getting-started page run as written: a real ingest and exports, --help for slow ones."""
    examples = _examples(ROOT / "docs" / "getting-started.md")
    assert sum(kind == "run" for kind, _ in examples) >= 5 and any("ingest" in c for k, c in examples if k == "run")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    for kind, command in examples:
        if kind == "help":  # the same subcommand, asked for its help: the full run is slow
            words = shlex.split(command)
            command = f"newsevents {words[words.index('newsevents') + 1]} --help"
        run = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, f"{command}\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}"
    assert (tmp_path / "events.csv").read_text("utf-8").startswith("article_id,")
    assert (tmp_path / "articles.jsonl").read_text("utf-8").count("\n") == 1
    assert (tmp_path / "entities.parquet").stat().st_size > 0


@pytest.fixture
def serve(tmp_path):
    """Serve the app over a hand-made database with the docs site ``site`` (built or not); an HTTP client of it."""
    import httpx
    from test_web_data import ServerThread, build_web_db

    from newsevents.web.app import build_app

    opened: list = []

    def start(site: Path) -> "httpx.Client":
        db = build_web_db(tmp_path / "web.db")
        server = ServerThread(db, app=build_app(str(db), docs_site=site)).__enter__()
        client = httpx.Client(base_url=server.url, timeout=10, follow_redirects=True)
        opened.append((server, client))
        return client

    yield start
    for server, client in opened:
        client.close()
        server.__exit__(None, None, None)


def test_dashboard_badges_link_to_served_codebook_entries(serve, site):
    """Every type and status badge of the events page links to an anchor that the served /docs/ page has."""
    client = serve(site)
    html = client.get("/events").text
    links = set(re.findall(r'<a class="(?:badge|status)[^"]*" href="([^"]+)"', html))
    assert any("/types.html#" in link for link in links) and any("/status.html#" in link for link in links)
    for link in links:
        path, anchor = link.split("#")
        page = client.get(path)
        assert page.status_code == 200 and f'id="{anchor}"' in page.text, link


def test_docs_are_served_under_a_policy_that_allows_only_their_own_inline_scripts(serve, site):
    """/docs/ answers the built pages; the CSP lists each inline script's hash and no 'unsafe-inline'."""
    client = serve(site)
    page = client.get("/docs/codebook/types.html")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    policy = page.headers["content-security-policy"]
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    for script in re.findall(r"<script>(.*?)</script>", page.text, re.S):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert client.get("/docs/assets/stylesheets/" + next((site / "assets" / "stylesheets").glob("main.*.css")).name).status_code == 200
    assert "'unsafe-inline'" not in client.get("/events").headers["content-security-policy"]
    bare = client.get("/docs", follow_redirects=False)  # not FastAPI's Swagger page (off: it loads from a CDN)
    assert bare.status_code == 404 and 'href="/docs/index.html"' in bare.text


def test_docs_not_built_answer_says_how_to_build_them(serve, tmp_path):
    """Without a built site, /docs/ answers a short page that says to run make docs."""
    client = serve(tmp_path / "not-built")
    for path in ("/docs", "/docs/", "/docs/codebook/types.html"):
        page = client.get(path)
        assert page.status_code == 404 and "make docs" in page.text
        assert page.headers["content-security-policy"].startswith("default-src 'self'")


def test_eval_write_docs_merges_sections_and_renders_the_page(tmp_path, monkeypatch):
    """--write-docs keeps the sections not run, replaces those run, and the page shows figures, floors and weak types."""
    import datetime as dt
    import json

    from newsevents.docsgen import accuracy

    monkeypatch.setattr(accuracy, "RESULTS", tmp_path / "eval_results.json")
    monkeypatch.setattr(accuracy, "PAGE", tmp_path / "accuracy.md")
    monkeypatch.setattr(accuracy, "FLOORS", tmp_path / "floors.json")
    (tmp_path / "floors.json").write_text('{"plover_type_acc": 0.5, "html_f1": 0.9}')
    accuracy.record_results({"html": {"html_f1": 0.95, "html_seconds": 3.2, "html_worst": [["x", 0.1]]}}, "c", dt.date(2026, 1, 2))
    details = [{"gold": "AID", "predicted": "AID"}, {"gold": "AID", "predicted": None}, {"gold": "ASSAULT", "predicted": "COERCE"}]
    accuracy.record_results({"plover": {"plover_type_acc": 0.3333, "details": details}}, "newsevents.coder.v2", dt.date(2026, 1, 3))
    stored = json.loads((tmp_path / "eval_results.json").read_text())
    assert set(stored["sections"]) == {"html", "plover"} and stored["sections"]["html"]["measured"] == "2026-01-02"
    assert stored["sections"]["html"]["figures"] == {"html_f1": 0.95}  # no timings, no lists
    assert stored["sections"]["plover"]["by_type"]["AID"] == {"sentences": 2, "correct": 1, "instead": {"no event": 1}}
    page = (tmp_path / "accuracy.md").read_text()
    assert "| `html_f1` | 0.950 | ≥ 0.9 |" in page and "Measured 2026-01-03" in page and "coder `newsevents.coder.v2`" in page
    assert page.index("| ASSAULT | 1 | 0 |") < page.index("| AID | 2 | 1 |")  # worst type first
    assert "CC BY-SA 4.0" in page and "92 news pages" in page


def test_cite_and_changelog_pages_carry_the_repository_files(site):
    """The how-to-cite page shows CITATION.cff and the changelog page CHANGELOG.md, as they are in the repository."""
    import html

    cite = html.unescape((site / "cite.html").read_text("utf-8"))
    version = next(line for line in (ROOT / "CITATION.cff").read_text("utf-8").splitlines() if line.startswith("version:"))
    assert "cff-version" in re.sub(r"<[^>]+>", "", cite) and version in re.sub(r"<[^>]+>", "", cite)
    changelog = (site / "changelog.html").read_text("utf-8")
    first = next(line for line in (ROOT / "CHANGELOG.md").read_text("utf-8").splitlines() if line.startswith("## "))
    assert first.removeprefix("## ") in html.unescape(changelog)
