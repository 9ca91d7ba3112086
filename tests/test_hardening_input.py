"""Bad input fails alone, named with its file and line; everything else is stored (issue #11, items 1-3, 10, 11)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.errors import InputError
from newsevents.ingest.html import extract_html
from newsevents.ingest.jsonrec import read_json

GOOD = "Officials in Kyiv said talks with Moscow failed on Monday, and the delegation flew home."
OTHER = "Police in Lagos arrested four men after a protest outside the governor's office on Tuesday."


def _line(title: str, text: str) -> str:
    return json.dumps({"title": title, "text": text})


# -- the JSON reader (no model) ----------------------------------------------------------------


def test_lone_surrogate_fails_its_record_alone():
    text = '{"title":"x \\ud800","text":"%s"}\n%s\n' % (GOOD, _line("ok", OTHER))
    result = read_json("s.jsonl", text, extract_html)
    assert [d.title for d in result.documents] == ["ok"]
    assert [b.where for b in result.bad] == ["line 1"]
    assert "lone surrogate" in result.bad[0].reason and "'title'" in result.bad[0].reason


def test_lone_surrogate_in_a_nested_field_or_key_is_caught():
    for record in ('{"text":"%s","source":{"name":"\\udfff"}}' % GOOD, '{"text":"%s","\\ud83d":1}' % GOOD):
        result = read_json("s.json", record, extract_html)
        assert not result.documents and "lone surrogate" in result.bad[0].reason


def test_jsonl_mostly_bad_keeps_its_good_records_and_names_each_bad_line():
    lines = [_line("one", GOOD), "garbage{", "{not json", "[1, 2", "", _line("two", OTHER), "nope"]
    result = read_json("m.jsonl", "\n".join(lines), extract_html)
    assert [d.title for d in result.documents] == ["one", "two"]
    assert [b.where for b in result.bad] == ["line 2", "line 3", "line 4", "line 7"]
    assert all("Extra data" not in b.reason for b in result.bad)


def test_broken_pretty_printed_json_is_one_syntax_error():
    with pytest.raises(InputError, match="not valid JSON"):
        read_json("p.json", '{\n  "title": "x",\n  "text": "y",\n}\n', extract_html)


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000])
def test_deeply_nested_json_gets_a_clear_error(text):
    with pytest.raises(InputError, match="nested more than"):
        read_json("deep.json", text, extract_html)


def test_deeply_nested_jsonl_line_fails_alone():
    text = _line("ok", GOOD) + "\n" + '{"a":' * 50_000 + "1" + "}" * 50_000
    result = read_json("deep.jsonl", text, extract_html)
    assert len(result.documents) == 1 and result.bad[0].where == "line 2" and "nested" in result.bad[0].reason


# -- end to end (the model) -------------------------------------------------------------------


@pytest.mark.slow
def test_ingest_with_a_lone_surrogate_stores_every_other_article(tmp_path):
    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "dumps" / "danube_observer_2024.txt"
    bad = tmp_path / "s.json"
    bad.write_text('{"title":"x \\ud800","text":"%s"}\n%s\n' % (GOOD, _line("fine", OTHER)), encoding="utf-8")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["ingest", str(corpus), str(bad), "--db", str(db), "--quiet"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"{bad}: " in result.output and "line 1" in result.output and "lone surrogate" in result.output
    conn = sqlite3.connect(db)
    titles = {row[0] for row in conn.execute("SELECT title FROM articles")}
    assert "fine" in titles and len(titles) >= 2
    finished = conn.execute("SELECT finished, failed FROM runs").fetchall()
    assert finished and all(row[0] for row in finished) and finished[-1][1] == 1


@pytest.mark.slow
def test_process_text_refuses_a_lone_surrogate_with_our_error():
    import newsevents

    with pytest.raises(InputError, match="lone surrogate"):
        newsevents.process_text(f"{GOOD} \ud800")


@pytest.mark.slow
def test_code_reports_errors_in_input_order_with_true_line_numbers(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "text": OTHER}),
        "",
        "{bad",
        json.dumps({"id": "c"}),
        '{"id": "d", "text": "x \\ud800 y"}',
        json.dumps({"id": "e", "text": GOOD}),
    ]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(src)])
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", None, "c", "d", "e"]
    errors = [o["error"] for o in out if "error" in o]
    assert [e.split(": ")[0] for e in errors] == [f"{src} line 3", f"{src} line 4", f"{src} line 5"]
    assert [line.split(": ")[1] for line in result.stderr.splitlines()] == [f"{src} line 3", f"{src} line 4", f"{src} line 5"]


@pytest.mark.slow
def test_terminal_escapes_in_titles_are_not_printed(tmp_path):
    feed = tmp_path / "esc.jsonl"
    title = "Talks fail\x1b]0;owned\x07 again \x9b31m"
    feed.write_text(_line(title, GOOD) + "\n", encoding="utf-8")
    db = str(tmp_path / "e.db")
    assert CliRunner().invoke(main, ["ingest", str(feed), "--db", db, "--quiet", "--no-events"]).exit_code == 0
    listing = CliRunner().invoke(main, ["articles", "--db", db])
    for bad in ("\x1b", "\x07", "\x9b"):
        assert bad not in listing.output
    assert "Talks fail" in listing.output
    article_id = sqlite3.connect(db).execute("SELECT id FROM articles").fetchone()[0]
    for args in (["show", article_id, "--db", db], ["show", article_id, "--db", db, "--json"]):
        shown = CliRunner().invoke(main, args)
        assert shown.exit_code == 0
        assert not any(ch in shown.output for ch in ("\x1b", "\x07", "\x9b"))


@pytest.mark.slow
def test_an_input_whose_write_fails_reads_as_unfinished(tmp_path, monkeypatch):
    from newsevents.errors import StoreError
    from newsevents.pipeline import run_ingest
    from newsevents.settings import Settings
    from newsevents.store.sqlite import SQLiteStore

    feed = tmp_path / "one.jsonl"
    feed.write_text(_line("fine", OTHER) + "\n", encoding="utf-8")
    db = tmp_path / "u.db"

    def full_disk(self, docs, **kwargs):
        raise StoreError(f"database {db} is full; free some space or choose another --db")

    monkeypatch.setattr(SQLiteStore, "write_documents", full_disk)
    with pytest.raises(StoreError):
        run_ingest([str(feed)], Settings.make(db=str(db), events=False, quiet=True))
    status, reason = sqlite3.connect(db).execute("SELECT status, reason FROM inputs").fetchone()
    assert status == "failed" and "stopped before this input's articles were written" in reason
