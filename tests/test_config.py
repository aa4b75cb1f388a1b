from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.cli.settings import settings_markdown
from flashpoint.config import Settings, load_settings, table
from flashpoint.errors import ConfigError

from .conftest import ROOT


def test_defaults_without_any_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert load_settings(environ={}) == Settings()


def test_precedence_file_then_env_then_overrides(tmp_path: Path) -> None:
    config = tmp_path / "fp.toml"
    config.write_text('min_words = 5\nmax_redirects = 2\nlanguages = ["en", "fr"]\n')
    settings = load_settings(
        config_file=config,
        environ={"FLASHPOINT_MAX_REDIRECTS": "3", "FLASHPOINT_FETCH_TIMEOUT": "2.5"},
        overrides=["max-redirects=4"],
    )
    assert settings.min_words == 5
    assert settings.languages == ("en", "fr")
    assert settings.fetch_timeout == 2.5
    assert settings.max_redirects == 4


def test_flashpoint_table_in_shared_file(tmp_path: Path) -> None:
    config = tmp_path / "shared.toml"
    config.write_text('[flashpoint]\nmodel = "en_core_web_md"\n[other_tool]\nx = 1\n')
    assert load_settings(config_file=config, environ={}).model == "en_core_web_md"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (["nope=1"], "unknown setting 'nope'"),
        (["min_words=many"], "expects int"),
        (["min_words"], "name=value"),
        (["fetch_timeout=true"], "expects float"),
    ],
)
def test_bad_overrides_are_errors(overrides: list[str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(overrides=overrides, environ={})


def test_bad_config_files_are_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("min_words = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(config_file=broken, environ={})
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(config_file=tmp_path / "absent.toml", environ={})


def test_every_setting_has_help() -> None:
    assert all(s.help and s.help.endswith(".") for s in table())


def test_readme_settings_table_is_current() -> None:
    """The README's settings table is generated from the one table; it must not drift."""
    assert settings_markdown() in (ROOT / "README.md").read_text()
