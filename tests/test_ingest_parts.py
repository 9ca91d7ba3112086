"""One input larger than the ingest window is cut into parts (#9 item 1): the store is the same as reading it whole.

Articles are written here from word lists (ours); the NLP is replaced by a stub that codes nothing, so
these tests look at reading, cleaning, boilerplate, duplicates and the accounting of inputs only.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from newsevents import process
from newsevents.ingest.parts import split_input
from newsevents.ingest.sources import Source
from newsevents.pipeline import run_ingest
from newsevents.records import Document
from newsevents.settings import Settings

TOWNS = ["Arlen", "Brisk", "Corvel", "Dunmore", "Elsby", "Farrow", "Galton", "Hessle", "Ivybridge", "Jarrow", "Kelso", "Lydd"]
NOUNS = ["bridge", "clinic", "harbour", "railway", "school", "market", "reservoir", "library", "depot", "tram line"]
VERBS = ["approved", "delayed", "rejected", "funded", "reviewed", "suspended", "extended", "cancelled"]
PEOPLE = ["the mayor", "the finance officer", "a union leader", "the regional governor", "local traders", "the transport minister"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
HEADER = "Valley Courier: local news you can trust since 1911"
FOOTER = "The Valley Courier is published by Valley Media Ltd."


def _sentence(rng: random.Random) -> str:
    return (f"On {rng.choice(DAYS)} {rng.choice(PEOPLE)} said the {rng.choice(NOUNS)} project in {rng.choice(TOWNS)} "
            f"was {rng.choice(VERBS)} after {rng.randint(2, 90)} residents wrote to {rng.choice(PEOPLE)} about "
            f"{rng.randint(3, 400)} lost jobs.")  # fmt: skip


def _article(rng: random.Random, n: int) -> str:
    title = f"{rng.choice(TOWNS)} council {rng.choice(VERBS)} {rng.choice(NOUNS)} plan, number {n}"
    body = "\n\n".join(" ".join(_sentence(rng) for _ in range(2)) for _ in range(4))
    return f"{title}\n\nBy Ana Velez\nMay {1 + n % 27}, 2024\n\n{body}\n\n{FOOTER}\n{HEADER}\n"


def _dump(path: Path, count: int, *, repeat: int | None = None, between: str = "\n\n\n") -> Path:
    rng = random.Random(9)
    articles = [_article(rng, n) for n in range(count)]
    if repeat is not None:
        articles.append(articles[repeat])  # the same article twice in one dump: dropped without counting, as in one read
    path.write_text(between.join(articles), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(process, "annotate_batch", lambda batch, settings: [Document(article=a) for a in batch])


def _store(db: str) -> tuple[list[tuple], list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        articles = conn.execute("SELECT id, title, text, skipped, language, origin, url, published FROM articles ORDER BY rowid").fetchall()
        inputs = conn.execute("SELECT origin, sha256, size, format, status, reason, articles, duplicates FROM inputs ORDER BY id").fetchall()
        return articles, inputs
    finally:
        conn.close()


def _ingest(paths: list[Path], db: Path, window: int):
    return run_ingest([str(p) for p in paths], Settings.make(db=str(db)), window_bytes=window)


@pytest.mark.parametrize("between", ["\n\n\n", "\n\n"], ids=["wider-gap", "byline-follows"])
def test_a_dump_larger_than_the_window_gives_the_same_store_as_one_window(tmp_path: Path, between: str) -> None:
    dump = _dump(tmp_path / "courier.txt", 24, repeat=2, between=between)
    split = split_input(Source(str(dump), data=dump.read_bytes()), 1500, "auto")
    assert split is not None and len(split) >= 10, "the dump is cut into several parts"
    whole = _ingest([dump], tmp_path / "whole.db", 10**9)
    parts = _ingest([dump], tmp_path / "parts.db", 1500)
    for summary in (whole, parts):
        assert (summary.inputs, summary.inputs_stored, summary.stored, summary.duplicates, summary.failed) == (1, 1, 24, 0, 0)
    assert _store(str(tmp_path / "parts.db")) == _store(str(tmp_path / "whole.db"))
    texts = [row[2] for row in _store(str(tmp_path / "parts.db"))[0]]
    assert not any(FOOTER in text for text in texts), "boilerplate of the whole dump is learned before its first part is cleaned"


def test_a_large_jsonl_keeps_record_origins_and_reports_bad_lines_of_every_part_for_its_file(tmp_path: Path) -> None:
    rng = random.Random(3)
    lines = []
    for n in range(40):
        record = {"title": f"Report {n} from {rng.choice(TOWNS)}", "text": "\n\n".join(_sentence(rng) for _ in range(3)),
                  "url": f"https://valley.example/{n}", "published": "2024-05-02"}  # fmt: skip
        lines.append("{not json" if n in (3, 31) else json.dumps(record))
    big = tmp_path / "a_wire.jsonl"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    small = _dump(tmp_path / "b_small.txt", 1)
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 40)
    paths = [big, small, tmp_path / "c_binary.txt"]
    whole = _ingest(paths, tmp_path / "whole.db", 10**9)
    parts = _ingest(paths, tmp_path / "parts.db", 2000)
    split = split_input(Source(str(big), data=big.read_bytes()), 2000, "auto")
    assert split is not None and len(split) >= 4
    for summary in (whole, parts):
        assert (summary.inputs, summary.inputs_stored, summary.failed, summary.failed_partly, summary.stored) == (3, 1, 2, 1, 39)
        wire = next(f for f in summary.failures if f.origin == str(big))
        assert "line 4:" in wire.reason and "line 32:" in wire.reason
    (whole_articles, whole_inputs), (part_articles, part_inputs) = _store(str(tmp_path / "whole.db")), _store(str(tmp_path / "parts.db"))
    assert part_articles == whole_articles
    assert [(row[0], row[1], row[2], row[3], row[4], row[6]) for row in part_inputs] == [(row[0], row[1], row[2], row[3], row[4], row[6]) for row in whole_inputs]


def test_inputs_that_cannot_be_cut_safely_are_passed_on_whole() -> None:
    array = json.dumps([{"title": "A", "text": "Body text here."}] * 400).encode()
    html = b"<html><body>" + b"<p>Some paragraph of text.</p>\n" * 400 + b"</body></html>"
    latin = "Caf\xe9 owners protest new rules.\n\n".encode("latin-1") * 400
    for data in (array, html, latin):
        assert split_input(Source("x", data=data), 1000, "auto") is None
    lines = b"\n".join(json.dumps({"title": f"T{n}", "text": "Body."}).encode() for n in range(300))
    split = split_input(Source("x.jsonl", data=lines), 1000, "auto")
    assert split is not None
    firsts = [part.part.first_line for part in split.parts()]
    assert firsts[0] == 1 and firsts == sorted(set(firsts)) and b"".join(p.data for p in split.parts()) == lines
