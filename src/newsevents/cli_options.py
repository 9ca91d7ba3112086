"""Click options generated from the settings table, so flags, defaults and help never drift apart."""

from __future__ import annotations

from typing import Any, Callable

import click

from newsevents.settings import CHOICES, SETTINGS, Settings

#: flags whose name is not the setting's name with dashes
FLAG_NAMES = {"input_format": "--format"}
#: sensible upper bounds for the command line
LIMITS = {"workers": 64, "batch_size": 10_000}

CONFIG_OPTION = click.option(
    "--config", "config", type=click.Path(dir_okay=False), envvar="NEWSEVENTS_CONFIG", default=None,
    help="TOML file of settings (see newsevents/data/settings_defaults.toml); flags override it. Env: NEWSEVENTS_CONFIG.",
)  # fmt: skip


def settings_options(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a command with one option per named setting; unset options stay None (the lower layers decide)."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for name in reversed(names):
            command = _option(name)(command)
        return command

    return decorate


def _option(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The click option for one setting."""
    default, help_ = SETTINGS[name]
    flag = FLAG_NAMES.get(name, "--" + name.replace("_", "-"))
    shown = f"{help_} [default: {default if default != '' else 'none'}]"
    if isinstance(default, bool):
        return click.option(f"{flag}/--no-{flag[2:]}", name, default=None, help=shown)
    kind: Any
    if name in CHOICES:
        kind = click.Choice(CHOICES[name])
    elif not isinstance(default, (int, float)):
        kind = str
    elif isinstance(default, int):
        kind = click.IntRange(1, LIMITS.get(name))
    else:
        kind = click.FloatRange(0.0)
    return click.option(flag, name, default=None, type=kind, help=shown)


def make_settings(config: str | None, **options: Any) -> Settings:
    """Settings from the config file, the environment and the options given on the command line."""
    return Settings.make(config=config, **{k: v for k, v in options.items() if v is not None})
