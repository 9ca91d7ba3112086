"""Near-duplicates: MinHash fingerprints, the screen's decisions, and ingest end to end.

The texts are ours: an original report, a re-post with a new headline and one sentence edited
(a near-duplicate), and another outlet's report of the same event in its own words (not one).
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.dedup import minhash
from newsevents.dedup.records import NEAR_DUPLICATE, Known
from newsevents.dedup.screen import screen
from newsevents.records import Article

ORIGINAL = [
    "Police in the northern city of Valmora arrested fourteen protesters on Saturday after clashes outside the regional "
    "parliament, where lawmakers were debating a bill that would raise fuel taxes for the second time this year.",
    "Witnesses said officers used batons and tear gas to push back a crowd of several hundred people who had gathered "
    "since the early morning, chanting slogans against the regional governor and his finance minister.",
    "The interior ministry said in a statement that eleven officers were slightly injured and that those detained "
    "would appear before a judge on Monday, charged with public disorder and damage to public property.",
    "Opposition leader Marta Ilves accused the authorities of using excessive force and called for an independent "
    "inquiry, adding that her party would hold a larger rally in the capital next weekend.",
    "The bill, which the government says is needed to close a budget gap, is expected to pass a final vote on Tuesday "
    "despite the protests and the resignation of two members of the ruling coalition.",
]
REPOST = [
    ORIGINAL[0],
    ORIGINAL[1].replace("several hundred people", "about five hundred demonstrators"),
    ORIGINAL[2],
    "Calling the police response excessive, opposition leader Marta Ilves demanded an independent inquiry and "
    "promised a bigger rally in the capital next weekend.",
    ORIGINAL[4],
]
OTHER_REPORT = [
    "At least fourteen people were detained in Valmora on Saturday as demonstrators angry about a planned fuel tax "
    "increase clashed with riot police near the regional assembly.",
    "According to a spokesman for the governor, the protest had not been authorised, and the police acted to protect "
    "the building while the vote was under way inside.",
    "Marta Ilves, who leads the main opposition party, told our reporter that the crackdown showed the government "
    "had lost touch with ordinary families struggling with prices.",
    "Officials said a number of officers had minor injuries. The detained protesters are due in court early next week.",
]


def _article(aid: str, paragraphs: list[str], published: str | None, title: str = "Arrests in Valmora") -> Article:
    return Article(id=aid, title=title, paragraphs=tuple(paragraphs), published=published)


def _nothing_stored(keys: object) -> Known:
    return Known({}, {})


def test_a_repost_with_an_edited_sentence_is_similar_and_another_report_is_not() -> None:
    original = minhash.signature("\n\n".join(ORIGINAL))
    assert minhash.similarity(original, minhash.signature("\n\n".join(REPOST))) >= 0.6
    assert minhash.similarity(original, minhash.signature("\n\n".join(OTHER_REPORT))) <= 0.1
    assert minhash.similarity(original, minhash.signature("\n\n".join(ORIGINAL))) == 1.0


def test_the_estimate_tracks_the_true_jaccard_similarity() -> None:
    # each permutation must pick its own minimum: a badly mixing hash family gives estimates far off (sd .25)
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(5000)]
    errors = []
    for _ in range(120):
        words = [rng.choice(vocab) for _ in range(300)]
        size = rng.randint(20, 200)
        start = rng.randint(0, 300 - size)
        other = words[:start] + [rng.choice(vocab) for _ in range(size)] + words[start + size :]
        one, two = minhash.shingles(" ".join(words)), minhash.shingles(" ".join(other))
        true = len(one & two) / len(one | two)
        errors.append(minhash.similarity(minhash.signature(" ".join(words)), minhash.signature(" ".join(other))) - true)
    assert abs(statistics.mean(errors)) < 0.02
    assert statistics.pstdev(errors) < 0.06


def test_the_screen_links_the_repost_to_the_earliest_whatever_the_order() -> None:
    articles = [
        _article("b2", REPOST, "2024-05-05", title="Fourteen held after fuel tax protest turns violent"),
        _article("a1", ORIGINAL, "2024-05-04"),
        _article("c3", OTHER_REPORT, "2024-05-04", title="Valmora protest: fourteen detained"),
    ]
    for order in (articles, articles[::-1], [articles[2], articles[0], articles[1]]):
        found = screen(order, _nothing_stored, 0.5)
        assert found["b2"].duplicate_of == "a1" and found["b2"].skipped == NEAR_DUPLICATE
        assert found["a1"].duplicate_of is None and found["a1"].skipped is None
        assert found["c3"].duplicate_of is None, "two reports of one event in their own words are not near-duplicates"


def test_ties_in_date_go_to_the_smaller_id_and_undated_articles_come_last() -> None:
    found = screen([_article("zz", ORIGINAL, "2024-05-04"), _article("aa", REPOST, "2024-05-04")], _nothing_stored, 0.5)
    assert found["zz"].duplicate_of == "aa"
    found = screen([_article("aa", ORIGINAL, None), _article("zz", REPOST, "2024-05-04")], _nothing_stored, 0.5)
    assert found["aa"].duplicate_of == "zz"


def test_signatures_do_not_depend_on_the_hash_seed() -> None:
    code = "from newsevents.dedup import minhash; print(minhash.bands(minhash.signature('a b c d e f g h i j k l')))"
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outputs.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout)
    assert len(outputs) == 1


def test_a_short_or_empty_text_still_has_a_signature() -> None:
    assert len(minhash.signature("")) == minhash.PERMUTATIONS
    assert minhash.shingles("two words") == {"two words"}


def _dump(paragraphs: list[str], title: str, date: str) -> str:
    return f"{title}\n\n{date}\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.mark.slow
def test_ingest_stores_and_links_a_near_duplicate_across_runs_without_coding_it(tmp_path: Path) -> None:
    first = tmp_path / "first"
    first.mkdir()
    (first / "original.txt").write_text(_dump(ORIGINAL, "Police arrest fourteen after Valmora clashes", "May 4, 2024"), encoding="utf-8")
    (first / "other.txt").write_text(_dump(OTHER_REPORT, "Valmora protest: fourteen detained", "May 4, 2024"), encoding="utf-8")
    second = tmp_path / "second"
    second.mkdir()
    (second / "repost.txt").write_text(_dump(REPOST, "Fourteen held after fuel tax protest turns violent", "May 5, 2024"), encoding="utf-8")
    db = str(tmp_path / "news.db")
    run = CliRunner().invoke(main, ["ingest", str(first), "--db", db, "--quiet"])
    assert run.exit_code == 0, run.output
    assert "near-duplicate" not in run.output, "two reports of one event are both coded"
    run = CliRunner().invoke(main, ["ingest", str(second), "--db", db, "--quiet"])
    assert run.exit_code == 0, run.output
    assert "skipped: 1 near-duplicate" in run.output and "articles: 1 new" in run.output
    conn = sqlite3.connect(db)
    repost = conn.execute("SELECT id, skipped FROM articles WHERE title LIKE 'Fourteen held%'").fetchone()
    original = conn.execute("SELECT id FROM articles WHERE title LIKE 'Police arrest fourteen%'").fetchone()[0]
    assert repost[1] == NEAR_DUPLICATE
    assert conn.execute("SELECT count(*) FROM events WHERE article_id=?", (repost[0],)).fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM events WHERE article_id=?", (original,)).fetchone()[0] >= 1
    assert conn.execute("SELECT group_id FROM near_duplicates WHERE article_id=?", (repost[0],)).fetchone()[0] == original
    shown = CliRunner().invoke(main, ["articles", "--db", db, "--duplicates"])
    assert shown.exit_code == 0, shown.output
    assert f"original {original}" in shown.output and repost[0] in shown.output and "Fourteen held" in shown.output


@pytest.mark.slow
def test_articles_stored_before_fingerprints_are_fingerprinted_and_found(tmp_path: Path) -> None:
    (tmp_path / "original.txt").write_text(_dump(ORIGINAL, "Police arrest fourteen after Valmora clashes", "May 4, 2024"), encoding="utf-8")
    (tmp_path / "repost.txt").write_text(_dump(REPOST, "Fourteen held after fuel tax protest turns violent", "May 5, 2024"), encoding="utf-8")
    db = str(tmp_path / "news.db")
    assert CliRunner().invoke(main, ["ingest", str(tmp_path / "original.txt"), "--db", db, "--quiet"]).exit_code == 0
    with sqlite3.connect(db) as conn:  # as a database made before migration 0010 holds it
        conn.execute("DELETE FROM article_bands")
        conn.execute("DELETE FROM article_minhash")
    run = CliRunner().invoke(main, ["ingest", str(tmp_path / "repost.txt"), "--db", db, "--quiet"])
    assert "skipped: 1 near-duplicate" in run.output, run.output
    assert sqlite3.connect(db).execute("SELECT count(*) FROM article_minhash").fetchone()[0] == 2
