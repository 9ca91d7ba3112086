"""The command line over the registry and the clusters: names through aliases, corrections that last, cluster listings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from factories import make_document
from test_clusters_store import told_by
from test_registry_store import store_documents, surname_document

from newsevents.cli import main


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.db"
    store_documents(path, [told_by(1, "Wire A"), told_by(2, "Wire B", status="denied"), surname_document(3)])
    return str(path)


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_subcommands_have_help_with_an_example() -> None:
    for group in ("actors", "clusters"):
        for name in main.commands[group].commands:
            assert "Example:" in run(group, name, "--help"), f"`newsevents {group} {name} --help` shows no example"


def test_events_and_dyads_take_any_name_of_an_actor(db: str) -> None:
    by_alias = run("events", "--actor", "Putin", "--json", "--db", db).splitlines()
    by_name = run("events", "--actor", "Vladimir Putin", "--json", "--db", db).splitlines()
    assert len(by_alias) == len(by_name) == 3
    assert "1" in run("dyad", "Putin", "Raisi", "--csv", "--db", db).splitlines()[1].split(",")[2]
    assert run("dyad", "Putin", "Raisi", "--count", "mentions", "--csv", "--db", db).splitlines()[1].split(",")[2] == "3"


def test_actors_keeps_its_old_form_and_searches_shows_and_corrects(db: str) -> None:
    assert "person:vladimir-putin" in run("actors", "--country", "RUS", "--db", db)
    assert run("actors", "--search", "putin", "--json", "--db", db).splitlines()[0].startswith('{"id": "person:vladimir-putin"')
    missing = CliRunner().invoke(main, ["actors", "--search", "Puttin", "--db", db])
    assert missing.exit_code == 0 and "did you mean: Putin" in missing.output
    shown = run("actors", "show", "Putin", "--db", db)
    assert "aliases:" in shown and "Vladimir Putin" in shown
    assert "stored" in run("actors", "alias", "person:vladimir-putin", "Vova", "--db", db)
    assert json.loads(run("actors", "show", "Vova", "--json", "--db", db))["id"] == "person:vladimir-putin"
    run("actors", "merge", "Putin", "Raisi", "--db", db)
    assert json.loads(run("actors", "show", "Ebrahim Raisi", "--json", "--db", db))["id"] == "person:vladimir-putin"
    store_documents(Path(db), [make_document(9)])  # a later ingest keeps both corrections
    assert json.loads(run("actors", "show", "Vova", "--json", "--db", db))["id"] == "person:vladimir-putin"
    assert json.loads(run("actors", "show", "Raisi", "--json", "--db", db))["id"] == "person:vladimir-putin"
    bad = CliRunner().invoke(main, ["actors", "merge", "Putin", "Nobody Atall", "--db", db])
    assert bad.exit_code == 2 and "actors --search" in bad.output


def test_clusters_list_filter_and_show(db: str) -> None:
    rows = [json.loads(line) for line in run("clusters", "--min-sources", "2", "--json", "--db", db).splitlines()]
    assert [(c["type"], c["sources"], c["contested"]) for c in rows] == [("COERCE", 3, False), ("CONSULT", 3, True)]
    assert run("clusters", "--contested", "--type", "COERCE", "--json", "--db", db) == ""
    shown = run("clusters", "show", rows[1]["id"], "--db", db)
    assert "CONTESTED" in shown and "Wire A" in shown and "denied" in shown
    missing = CliRunner().invoke(main, ["clusters", "show", "ec000", "--db", db])
    assert missing.exit_code == 2 and "newsevents clusters" in missing.output


def test_actors_rebuild_builds_a_database_written_without_the_registry(tmp_path: Path) -> None:
    from newsevents.store import open_store

    db = tmp_path / "old.db"
    with open_store(db) as store:  # as a database ingested before the registry existed
        store.write_documents([told_by(1, "Wire A"), told_by(2, "Wire B")])
    ids = lambda: {json.loads(line)["id"] for line in run("actors", "--json", "--db", str(db)).splitlines()}  # noqa: E731
    assert "vladimir-putin" in ids()  # the old actors table
    assert "event clusters: 2" in run("actors", "rebuild", "--db", str(db))
    assert "person:vladimir-putin" in ids() and "vladimir-putin" not in ids()
