"""The settings reference page, from the one settings table (``newsevents.settings.SETTINGS``)."""

from __future__ import annotations

from pathlib import Path

from newsevents.docsgen.markdown import DOCS, banner, code, table
from newsevents.settings import CHOICES, SETTINGS


def settings_page() -> str:
    """docs/reference/settings.md: every setting with its default, flag, environment variable and help."""
    rows = []
    for name, (default, help_text) in SETTINGS.items():
        choices = f" One of: {', '.join(CHOICES[name])}." if name in CHOICES else ""
        rows.append((code(name), code(repr(default)), code(f"--{name.replace('_', '-')}"),
                     code(f"NEWSEVENTS_{name.upper()}"), help_text + choices))
    return (banner("src/newsevents/settings.py (SETTINGS)")
            + "# Settings\n\nEvery option lives in one table. Layers, each overriding the one before: the defaults, "
            "a TOML file (`newsevents --config my.toml ...`, or `NEWSEVENTS_CONFIG`; the commented "
            "`newsevents/data/settings_defaults.toml` is a starting point), `NEWSEVENTS_<NAME>` environment "
            "variables, then command-line flags or keyword arguments of `Settings.make`. Not every command "
            "takes every flag: `newsevents COMMAND --help` lists a command's own.\n\n"
            + table(("setting", "default", "flag", "environment", "meaning"), rows)
            + "\n::: newsevents.settings\n")


def pages() -> dict[Path, str]:
    """The generated reference pages by path."""
    return {DOCS / "reference" / "settings.md": settings_page()}
