"""Generated reference pages: the settings (from ``newsevents.settings.SETTINGS``) and the spaCy components
(from the factories our package registers: what each reads, writes and takes as config)."""

from __future__ import annotations

from pathlib import Path

from newsevents.docsgen.markdown import DOCS, ROOT, banner, code, table
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


def components_page() -> str:
    """docs/reference/components.md: every spaCy factory of ours with what it reads, writes and takes, then the code."""
    import tomllib

    from spacy.language import Language

    import newsevents.events.components  # noqa: F401  (registers the factories)
    import newsevents.nlp.components  # noqa: F401
    import newsevents.nlp.attribute_rules_factory  # noqa: F401
    import newsevents.nlp.gated_parse  # noqa: F401

    rows = []
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for name in project["entry-points"]["spacy_factories"]:  # in pyproject.toml order: the pipeline order
        meta = Language.get_factory_meta(name)
        config = ", ".join(f"{key}={value!r}" for key, value in meta.default_config.items())
        rows.append((code(name), ", ".join(meta.requires), ", ".join(meta.assigns), code(config)))
    return (banner("the spacy_factories entry points in pyproject.toml and the factories' declarations")
            + "# spaCy components\n\n`pip install newsevents` registers these factories with spaCy, so "
            "`nlp.add_pipe(\"newsevents_coder\")` works in any pipeline that has a parser and NER. Each declares what it "
            "reads and writes; results are plain [records](records.md) on Doc extensions. `on_error=\"raise\"` raises "
            "like any component; `\"record\"` notes the failure in `doc._.newsevents_errors` and lets the Doc go on.\n\n"
            + table(("component", "reads", "writes", "config (defaults)"), rows)
            + "\n::: newsevents.nlp.components\n\n::: newsevents.nlp.gated_parse\n\n::: newsevents.nlp.attribute_rules_factory\n\n::: newsevents.events.components\n")


def pages() -> dict[Path, str]:
    """The generated reference pages by path."""
    folder = DOCS / "reference"
    return {folder / "settings.md": settings_page(), folder / "components.md": components_page()}
