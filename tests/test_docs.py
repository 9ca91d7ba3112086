"""The citation file and changelog agree with the code they describe."""

import tomllib
from pathlib import Path

from newsevents.events.coder import NAME as CODER
from newsevents.events.components import HYBRID
from newsevents.events.dates import NAME as DATES
from newsevents.events.places import NAME as PLACES
from newsevents.events.quotes import NAME as QUOTES

ROOT = Path(__file__).resolve().parent.parent


def test_citation_has_cff_required_keys_and_the_package_version():
    """CITATION.cff carries CFF 1.2.0's required keys and the version in pyproject.toml."""
    lines = (ROOT / "CITATION.cff").read_text(encoding="utf-8").splitlines()
    # Top-level "key: value" lines only (PyYAML is no dependency of ours).
    cff = dict(line.split(":", 1) for line in lines if line[:1].isalpha())
    cff = {key: value.strip().strip('"') for key, value in cff.items()}
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= cff.keys()
    assert cff["title"] == "newsevents" and cff["license"] == "MIT"
    assert cff["version"] == version


def test_changelog_names_the_current_coder_and_component_versions():
    """CHANGELOG.md names every coder and component version the code stamps on its output."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    for name in (CODER, HYBRID, DATES, PLACES, QUOTES, "newsevents.entities.v1", "events_lexicon v2"):
        assert f"`{name}" in text, name
