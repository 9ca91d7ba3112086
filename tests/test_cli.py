"""The command line end to end: ingest with bad inputs, idempotent re-runs, every command, exports."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from contextlib import nullcontext
from importlib import resources

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import postgres_schema

from newsevents.cli import main

SCHEMA = json.loads((resources.files("newsevents") / "schema" / "article.schema.json").read_text())


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example:" in result.output, f"`newsevents {name} --help` shows no example"
        assert command.help


def test_import_is_light():
    code = "import sys, newsevents; heavy = [m for m in ('spacy', 'fastapi', 'trafilatura', 'sqlite3') if m in sys.modules]; print(heavy)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def ingested(request, tmp_path_factory, seed_text):
    """The seed plus bad inputs, ingested once into a fresh database: a SQLite file, then a PostgreSQL schema."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "seed.txt").write_text(seed_text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.txt.gz").write_bytes(gzip.compress(seed_text.encode())[:200])
    with postgres_schema() if request.param == "postgres" else nullcontext(str(folder / "news.db")) as db:
        result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--quiet"])
        yield folder, db, result


def test_ingest_accounts_for_every_input_and_fails_on_bad_ones(ingested):
    folder, db, result = ingested
    assert result.exit_code == 1, result.output
    out = result.output
    assert "inputs: 3 (1 stored, 0 duplicate, 2 failed)" in out
    assert "articles: 2 new, 0 duplicate" in out
    assert "empty.txt" in out and "broken.txt.gz" in out


def test_ingest_again_changes_nothing(ingested):
    folder, db, _ = ingested
    again = CliRunner().invoke(main, ["ingest", str(folder / "seed.txt"), "--db", db, "--quiet"])
    assert again.exit_code == 0, again.output
    assert "articles: 0 new, 2 duplicate" in again.output
    assert "(0 stored, 1 duplicate, 0 failed)" in again.output


def test_read_commands(ingested):
    _, db, _ = ingested
    runner = CliRunner()
    arts = runner.invoke(main, ["articles", "--db", db])
    assert arts.exit_code == 0 and "Iran Police Commander Dismissed" in arts.output
    ents = runner.invoke(main, ["entities", "--db", db, "--type", "PERSON"])
    assert ents.exit_code == 0 and "Raisi" in ents.output
    for cmd in (["events"], ["quotes"], ["actors"], ["roles"], ["dyad", "RUS", "IRN", "--csv"]):
        res = runner.invoke(main, [*cmd, "--db", db])
        assert res.exit_code == 0, (cmd, res.output)


def test_export_jsonl_matches_schema_and_process_text(ingested, seed_text):
    import newsevents

    _, db, _ = ingested
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "jsonl"])
    assert res.exit_code == 0
    exported = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(exported) == 2
    for obj in exported:
        jsonschema.validate(obj, SCHEMA)
    direct = [d.to_dict() for d in newsevents.process_text(seed_text)]
    assert [d["id"] for d in direct] == [d["id"] for d in exported]
    for a, b in zip(direct, exported):
        assert a == b


def test_show_and_errors(ingested):
    _, db, _ = ingested
    runner = CliRunner()
    first = json.loads(runner.invoke(main, ["export", "--db", db]).stdout.splitlines()[0])
    shown = runner.invoke(main, ["show", first["id"], "--db", db])
    assert shown.exit_code == 0 and first["title"] in shown.output
    missing = runner.invoke(main, ["show", "0000", "--db", db])
    assert missing.exit_code == 2 and "not found" in missing.output
    nodb = runner.invoke(main, ["articles", "--db", db + ".nope"])
    assert nodb.exit_code == 2 and "does not exist" in nodb.output


def test_code_command():
    lines = "\n".join([json.dumps({"id": "a", "text": "Police arrested two protesters in Tehran on Monday.", "published": "2024-05-08"}), "not json"])
    res = CliRunner().invoke(main, ["code", "-"], input=lines)
    assert res.exit_code == 1
    first = json.loads(res.stdout.splitlines()[0])
    assert first["id"] == "a" and isinstance(first["events"], list)
    assert "line 2" in res.output


def test_places_lists_resolved_places_with_counts(ingested):
    _, db, _ = ingested
    res = CliRunner().invoke(main, ["places", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert rows, "the seed's events happen somewhere"
    for row in rows:
        assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180
        assert row["events"] >= 1 and row["cooperation"] + row["conflict"] <= row["events"]
    assert [r["events"] for r in rows] == sorted((r["events"] for r in rows), reverse=True)
    assault = CliRunner().invoke(main, ["places", "--db", db, "--type", "ASSAULT"])
    assert assault.exit_code == 0 and "events" in assault.output
    bad = CliRunner().invoke(main, ["places", "--db", db, "--type", "NO_SUCH_TYPE"])
    assert bad.exit_code == 2 and "NO_SUCH_TYPE" in bad.output


def test_quotes_lists_attributions_by_kind_and_source(ingested):
    _, db, _ = ingested
    runner = CliRunner()
    res = runner.invoke(main, ["quotes", "--db", db, "--kind", "indirect", "--json"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert rows and {r["kind"] for r in rows} == {"indirect"}
    for r in rows:
        assert r["cue_text"] and r["content_text"]
    stated = [e for r in rows for e in r["events"]]
    assert stated, "reported speech in the seed states events"
    police = runner.invoke(main, ["quotes", "--db", db, "--source", "police", "--json"])
    assert police.exit_code == 0
    assert all("police" in ((r["speaker"] or "") + (r["source_text"] or "")).lower() for r in map(json.loads, police.output.splitlines()))
    bad = runner.invoke(main, ["quotes", "--db", db, "--kind", "rumour"])
    assert bad.exit_code == 2


def test_demo_prints_a_summary_of_what_it_stored(tmp_path):
    from pathlib import Path

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    dumps = sorted((Path(__file__).resolve().parents[1] / "examples" / "corpus" / "dumps").glob("*.txt"))
    (corpus / dumps[0].name).write_bytes(dumps[0].read_bytes())
    res = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "demo.db"), "--corpus", str(corpus), "--workers", "1"])
    assert res.exit_code == 0, res.output
    out = res.output
    assert "inputs: 1 (1 stored, 0 duplicate, 0 failed)" in out and "events by type:" in out
    assert "who said what:" in out and "attributions (" in out
    assert "one id per actor:" in out and "clusters of" in out


@pytest.mark.parametrize("module", ["newsevents.cli", "newsevents.cli_actors", "newsevents.cli_analytics"])
def test_every_cli_module_can_be_imported_first(module: str) -> None:
    import subprocess
    import sys

    code = f"import {module}; from newsevents.cli import main; print(sorted(c for c in main.commands if c in ('actors', 'clusters', 'analytics')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "['actors', 'analytics', 'clusters']"
