"""Golden expectations for the example corpus' text dumps: how many articles each holds, and their titles.

Three layouts were added for issue #10 (breadcrumbs with share bars, a blog with "Read more"
lists and full-stop headlines, a digest whose stories are parted by single blank lines only);
the older dumps are pinned too, so a rule written for one layout cannot quietly break another.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.evaluation.layouts import dump_articles, read_golden, score

DUMPS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "dumps"

#: titles of the three new layouts, in order, and article counts of the older dumps (eval/layouts/golden.json, ours)
GOLDEN: dict[str, list[str]] = read_golden()["titles"]
COUNTS: dict[str, int] = read_golden()["counts"]
#: furniture of the new templates that must never reach a paragraph
FURNITURE = {"Home", "World", "Europe", "Africa", "Americas", "A A", "Copy link", "Read more", "Leave a comment",
             "Share this post", "Subscribe to our newsletter", "Most read", "Page 2 of 2", "Advertisement"}  # fmt: skip


def _articles(name: str):
    """The clean articles of one example dump, read as ingest reads it."""
    return dump_articles(name, DUMPS)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_new_layouts_give_the_pinned_titles(name: str) -> None:
    articles = _articles(name)
    assert [a.title for a in articles] == GOLDEN[name]
    for article in articles:
        assert len(article.paragraphs) >= 3, article.title
        assert not FURNITURE & set(article.paragraphs), article.title
        assert all(p.endswith((".", "\u201d", '"')) for p in article.paragraphs), article.title


@pytest.mark.parametrize(("name", "count"), sorted(COUNTS.items()))
def test_older_dumps_keep_their_article_counts(name: str, count: int) -> None:
    assert len(_articles(name)) == count


def test_every_dump_is_pinned() -> None:
    assert {p.name for p in DUMPS.iterdir()} == set(GOLDEN) | set(COUNTS)


def test_new_layouts_keep_their_metadata_and_split_credits() -> None:
    herald = _articles("lakeside_herald_2024.txt")
    assert [(a.author, a.published) for a in herald] == [
        ("Olivia Grant", "2024-07-05"), ("Thabo Nkosi", "2024-06-15"), ("Diego Herrera", "2024-06-03"),
    ]  # fmt: skip
    assert [c.credit for a in herald for c in a.captions] == ["Lakeside Herald", "AP Photo/Nomsa Dube", "Lakeside Herald"]
    blog = _articles("fenwick_notes_blog_2024.txt")
    assert [a.author for a in blog] == ["Mei Chen", "Kenji Mori", "Mei Chen", "Kenji Mori"]
    digest = _articles("meridian_wire_digest_2024.txt")
    assert all(" (Meridian Wire) — " in a.paragraphs[0] for a in digest)


def test_the_layouts_section_scores_the_golden_file() -> None:
    figures = score(read_golden())
    assert figures["layouts_title_accuracy"] == 1.0 and figures["layouts_counts_exact"] == 1.0, figures["details"]
    assert figures["layouts_titles"] == sum(len(t) for t in GOLDEN.values()) and figures["layouts_dumps"] == len(GOLDEN) + len(COUNTS)
