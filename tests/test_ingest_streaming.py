"""Streaming ingest (#9 item 1, #10 item 6): inputs read and cleaned in the workers, window by window.

The texts reuse test_neardup's reports (ours): an original, a re-post with one sentence edited and
another outlet's report of the same event.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from newsevents import prepare
from newsevents.dedup.records import NEAR_DUPLICATE
from newsevents.pipeline import run_ingest
from newsevents.settings import Settings
from test_neardup import ORIGINAL, OTHER_REPORT, REPOST, _dump

FRENCH = ("Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés par la "
          "sécheresse, après plusieurs semaines de manifestations devant les préfectures de la région.")


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a_original.txt").write_text(_dump(ORIGINAL, "Police arrest fourteen after Valmora clashes", "May 4, 2024"), encoding="utf-8")
    (folder / "b_other.txt").write_text(_dump(OTHER_REPORT, "Valmora protest: fourteen detained", "May 4, 2024"), encoding="utf-8")
    (folder / "c_repost.txt").write_text(_dump(REPOST, "Fourteen held after fuel tax protest turns violent", "May 5, 2024"), encoding="utf-8")
    (folder / "d_again.txt").write_text(_dump(ORIGINAL, "Police arrest fourteen after Valmora clashes", "May 4, 2024"), encoding="utf-8")
    (folder / "e_french.txt").write_text(_dump([FRENCH, FRENCH.replace("mardi", "mercredi")], "Sécheresse : le gouvernement annonce des aides", "May 6, 2024"), encoding="utf-8")
    (folder / "f_binary.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 40)
    return folder


def _rows(db: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT a.title, a.skipped, a.language, count(e.id) FROM articles a LEFT JOIN events e ON e.article_id = a.id "
                            "GROUP BY a.id ORDER BY a.title").fetchall()  # fmt: skip
    finally:
        conn.close()


def test_one_window_per_input_accounts_for_everything_and_finds_copies_across_windows(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    whole, windowed = str(tmp_path / "whole.db"), str(tmp_path / "windowed.db")
    one = run_ingest([str(corpus)], Settings.make(db=whole))
    many = run_ingest([str(corpus)], Settings.make(db=windowed), window_bytes=1)  # every input its own window
    for summary in (one, many):
        assert (summary.inputs, summary.inputs_stored, summary.inputs_duplicate, summary.failed) == (6, 4, 1, 1)
        assert summary.failures[0].origin.endswith("f_binary.txt")
        assert (summary.stored, summary.duplicates, summary.near_duplicates, summary.not_english) == (4, 1, 1, {"fr": 1})
    assert _rows(whole) == _rows(windowed)
    skipped = {title: (why, language) for title, why, language, _ in _rows(windowed)}
    assert skipped["Fourteen held after fuel tax protest turns violent"][0] == NEAR_DUPLICATE
    assert skipped["Sécheresse : le gouvernement annonce des aides"] == ("language", "fr")


def test_reading_and_cleaning_run_in_the_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "in")
    log = tmp_path / "pids"
    original = prepare.clean_documents

    def spy(documents, table):  # runs wherever cleaning runs; forked workers inherit the patch
        with log.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        return original(documents, table)

    monkeypatch.setattr(prepare, "clean_documents", spy)
    summary = run_ingest([str(corpus)], Settings.make(db=str(tmp_path / "news.db"), workers=2))
    assert summary.stored == 4 and summary.failed == 1
    pids = {int(line) for line in log.read_text().split()}
    assert pids and os.getpid() not in pids


def test_a_database_inside_the_folder_being_ingested_is_not_read_as_an_input(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    (corpus / "f_binary.txt").unlink()
    db = str(corpus / "news.db")
    first = run_ingest([str(corpus)], Settings.make(db=db))
    again = run_ingest([str(corpus)], Settings.make(db=db))
    assert first.failed == 0 and first.inputs == 5
    assert again.failed == 0 and again.inputs == 5 and again.stored == 0


def test_feeds_and_urls_are_read_in_the_parent_and_files_in_the_workers() -> None:
    from newsevents.ingest.sources import Source

    assert prepare.needs_parent(Source("https://example.org/page", data=b"<html></html>"))
    assert prepare.needs_parent(Source("feed.xml", data=b'\xef\xbb\xbf<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>'))
    assert prepare.needs_parent(Source("missing.txt", failure="cannot be read"))
    assert not prepare.needs_parent(Source("page.html", data=b"<html><body><p>Text</p></body></html>"))
    assert not prepare.needs_parent(Source("dump.txt", data=b"Headline\n\nBody text."))


def test_the_boilerplate_learner_carries_what_it_learned_into_later_windows() -> None:
    from newsevents.clean.boilerplate import BoilerplateLearner, BoilerplateTable
    from newsevents.records import RawDocument

    stories = [
        ("Storm cuts power to thousands", "A storm cut power to thousands of homes on Monday, the utility said."),
        ("Parliament passes budget after long debate", "Parliament passed the annual budget late on Tuesday after a long debate."),
        ("Police arrest suspect in museum theft", "Police arrested a man suspected of stealing paintings from the city museum."),
        ("Teachers strike over pay in the capital", "Teachers walked out of schools across the capital, demanding higher wages."),
        ("Minister resigns after audit report", "The transport minister resigned after auditors found irregular contracts."),
        ("Flooding closes mountain roads", "Heavy rain closed three mountain roads and cut off several villages."),
    ]

    def page(n: int) -> RawDocument:
        title, body = stories[n]
        text = f"{title}\n\nGet breaking news alerts from the Valley Courier\n\n{body}\n\nThe Valley Courier is published by Valley Media Ltd."
        return RawDocument(origin=f"p{n}.txt", format="text", text=text, source="Valley Courier")

    pages = [page(n) for n in range(6)]
    learner = BoilerplateLearner()
    learner.add(pages[:2])
    assert not learner.table().is_boilerplate("Valley Courier", "The Valley Courier is published by Valley Media Ltd."), "two pages are too few"
    learner.add(pages[2:4])
    table = learner.table()
    assert table.is_boilerplate("Valley Courier", "The Valley Courier is published by Valley Media Ltd.")
    assert table.is_boilerplate("Valley Courier", "Get breaking news alerts from the Valley Courier")
    learner.add(pages[4:])
    assert learner.table().lines_for("Valley Courier") == BoilerplateTable.learn(pages).lines_for("Valley Courier")
    capped = BoilerplateLearner(per_source=2)
    capped.add(pages)
    assert not capped.table(), "a source keeps at most per_source articles"


def test_ingest_out_writes_a_dataset_that_load_stores_like_a_direct_ingest(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsevents.cli import main

    corpus = _corpus(tmp_path / "in")
    (corpus / "f_binary.txt").unlink()
    direct, staged, out = str(tmp_path / "direct.db"), str(tmp_path / "staged.db"), tmp_path / "dataset"
    assert run_ingest([str(corpus)], Settings.make(db=direct)).stored == 4
    written = CliRunner().invoke(main, ["ingest", str(corpus), "--db", staged, "--out", str(out), "--quiet"])
    assert written.exit_code == 0, written.output
    assert "articles: 4 new" in written.output and sorted(p.name for p in out.iterdir()) == ["month=2024-05"]
    assert _rows(staged) == [], "with --out the documents go to the dataset, not the store"
    for _ in range(2):  # loading twice adds nothing
        loaded = CliRunner().invoke(main, ["load", str(out), "--db", staged])
        assert loaded.exit_code == 0, loaded.output
    # the dataset carries documents, not the screen's near-duplicate links: the copy is stored uncoded but unlinked
    unlinked = [(title, None if why == NEAR_DUPLICATE else why, language, n) for title, why, language, n in _rows(direct)]
    assert _rows(staged) == unlinked


def test_an_input_whose_worker_died_is_reported_and_the_rest_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A runner (Ray) reports an item that killed its worker, even alone, as an InputFailure in its place."""
    from newsevents.batch import runners
    from newsevents.batch.local import LocalRunner
    from newsevents.records import InputFailure

    class Dying(LocalRunner):
        def __init__(self, settings: Settings, victim: str) -> None:
            super().__init__(settings)
            self.victim = victim

        def map(self, fn, batches):
            batches = list(batches)
            for batch, results in zip(batches, super().map(fn, batches)):
                yield [InputFailure(getattr(item, "origin", ""), "the worker died") if getattr(item, "origin", "").endswith(self.victim)
                       and fn.__name__ == self.victim_fn else result for item, result in zip(batch, results)]  # fmt: skip

    corpus = _corpus(tmp_path / "in")
    (corpus / "f_binary.txt").unlink()
    for victim_fn, victim in (("load_batch", "b_other.txt"), ("clean_batch", "a_original.txt")):
        monkeypatch.setattr(runners, "open_runner", lambda settings, v=victim, f=victim_fn: type("R", (Dying,), {"victim_fn": f})(settings, v))
        summary = run_ingest([str(corpus)], Settings.make(db=str(tmp_path / f"{victim_fn}.db")))
        assert summary.inputs == 5 and summary.failed == 1, summary
        assert summary.failures[0].origin.endswith(victim) and "the worker died" in summary.failures[0].reason
        assert summary.stored >= 3
