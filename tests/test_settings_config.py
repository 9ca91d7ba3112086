"""Settings: one table, a packaged defaults file, a --config overlay, environment and flags (issue #13, part 3)."""

from __future__ import annotations

from importlib import resources

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.errors import SettingsError
from newsevents.settings import SETTINGS, Settings, defaults_toml, read_config


def test_packaged_defaults_file_is_the_settings_table():
    shipped = (resources.files("newsevents") / "data" / "settings_defaults.toml").read_text(encoding="utf-8")
    assert shipped == defaults_toml(), "regenerate: python -c 'from newsevents.settings import defaults_toml; print(defaults_toml(), end=\"\")'"
    assert read_config(str(resources.files("newsevents") / "data" / "settings_defaults.toml")) == {k: v[0] for k, v in SETTINGS.items()}


def test_layers_config_then_environment_then_overrides(tmp_path, monkeypatch):
    cfg = tmp_path / "my.toml"
    cfg.write_text('[newsevents]\nbatch_size = 8\nmin_confidence = 0.5\ndb = "cfg.db"\n', encoding="utf-8")
    assert Settings.make(config=cfg).batch_size == 8
    monkeypatch.setenv("NEWSEVENTS_BATCH_SIZE", "9")
    s = Settings.make(config=cfg, db="flag.db")
    assert (s.batch_size, s.min_confidence, s.db) == (9, 0.5, "flag.db")


@pytest.mark.parametrize("body, message", [
    ("batch_size = 'x'\n", "batch_size must be a int"),
    ("colour = 1\n", "unknown setting 'colour'"),
    ("batch_size = \n", "not valid TOML"),
    ("min_confidence = 3\n", "min_confidence must be between 0 and 1"),
    ("model = 'xl'\n", "model 'xl' is not known"),
])  # fmt: skip
def test_bad_config_names_the_file_and_the_setting(tmp_path, body, message):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(SettingsError, match=message):
        Settings.make(config=cfg)


def test_every_setting_a_command_uses_is_a_generated_flag():
    ingest = {p.name for p in main.commands["ingest"].params}
    assert {"db", "input_format", "model", "workers", "batch_size", "events", "coder", "lexicon", "min_confidence", "busy_timeout"} <= ingest
    help_ = CliRunner().invoke(main, ["ingest", "--help"]).output
    assert SETTINGS["min_confidence"][1].split(" (")[0] in " ".join(help_.split())


def test_config_flag_reaches_read_commands(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'db = "{tmp_path / "missing.db"}"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(cfg), "articles"])
    assert result.exit_code == 2 and "missing.db does not exist" in result.output
