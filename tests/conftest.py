"""Shared fixtures: the ../shared data folder and one spaCy pipeline per test session."""

from __future__ import annotations

import os
from pathlib import Path

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
