"""Shared fixtures: the ../shared data folder and one spaCy pipeline per test session."""

from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seeds" / "000_a7fb5a3b1e12bd4c.txt"


def shared_path(relative: str) -> Path:
    """A file from ../shared; fails under CI=true when missing, skips elsewhere."""
    path = SHARED / relative
    if not path.exists():
        message = f"{path} is missing: tests read gold data from ../shared (see shared/README.md)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed dump: two scraped articles with repeated headlines and captions."""
    return shared_path("seeds/000_a7fb5a3b1e12bd4c.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy model (without our components), loaded once per test session."""
    from newsevents.nlp.pipeline import load_model
    from newsevents.settings import Settings

    return load_model(Settings.make())


@pytest.fixture(scope="session")
def make_doc():
    """``tests/docs.make_doc``: a parsed spaCy Doc built by hand on a blank English vocab (no model)."""
    from docs import make_doc

    return make_doc


# -- PostgreSQL: one schema per test on the machine's server (issue #9) ----------------------------

#: the server and database the PostgreSQL tests use (trust authentication); `.ci/run` starts the server
POSTGRES = os.environ.get("NEWSEVENTS_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@lru_cache(maxsize=1)
def _postgres_down() -> str | None:
    """Why the test server cannot be used, or None when it can (asked once per session)."""
    try:
        import psycopg

        psycopg.connect(POSTGRES, connect_timeout=3).close()
    except Exception as exc:  # no driver, no server, no database
        return f"PostgreSQL at {POSTGRES} is not usable ({str(exc).strip()[:200]}); start it with `.ci/run`'s pg_ctlcluster line"
    return None


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A ``--db`` URL of a fresh schema on the test server, dropped on exit; skips (fails under CI=true) without a server."""
    import uuid

    down = _postgres_down()
    if down:
        if os.environ.get("CI") == "true":
            pytest.fail(down)
        pytest.skip(down)
    import psycopg

    schema = f"newsevents_test_{uuid.uuid4().hex[:12]}"
    try:
        yield f"{POSTGRES}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture()
def postgres_url():
    """A fresh PostgreSQL schema for one test (see ``postgres_schema``)."""
    with postgres_schema() as url:
        yield url


@pytest.fixture(scope="session")
def _migrated_postgres():
    """One PostgreSQL schema for the session, migrated once (migrating a fresh schema takes about a second)."""
    from newsevents.store import open_store

    with postgres_schema() as url:
        open_store(url).close()
        yield url


@pytest.fixture()
def emptied_postgres(_migrated_postgres):
    """The session's migrated schema with every table emptied and every rowid counter reset: a new store, in milliseconds."""
    import psycopg

    with psycopg.connect(_migrated_postgres) as conn:  # one transaction; DELETE on a few rows is much faster than TRUNCATE
        conn.execute("SET LOCAL session_replication_role = replica")  # no foreign-key checks while emptying
        for (table,) in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename != '_migrations'").fetchall():
            conn.execute(f"DELETE FROM {table}")
        for (table, column) in conn.execute("SELECT table_name, column_name FROM information_schema.columns "
                                            "WHERE table_schema = current_schema() AND is_identity = 'YES'").fetchall():  # fmt: skip
            conn.execute(f"ALTER TABLE {table} ALTER COLUMN {column} RESTART")
    return _migrated_postgres


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    """The ``--db`` of an empty store on each backend: a SQLite file, then an emptied PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "t.db")
    return request.getfixturevalue("emptied_postgres")
