"""The config file: settings, clear errors naming the line, safe rewriting."""

from __future__ import annotations

import pytest

from collabtui.config import ConfigError, load, save_setting


def test_missing_file_gives_defaults(tmp_path):
    config = load(tmp_path / "config.toml")
    assert (config.user, config.lang, config.theme, config.keys) == (None, None, None, {})


def test_settings_are_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'user = "王芳"\nlang = "zh_cn"\ntheme = "nord"\n[keys]\ndirectory = "g"\n', encoding="utf-8"
    )
    config = load(path)
    assert config.user == "王芳"
    assert config.lang == "zh-CN"
    assert config.theme == "nord"
    assert config.keys == {"directory": "g"}


def test_malformed_toml_names_the_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('user = "a"\nlang = \n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line 2"):
        load(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('user = "a"\nlang = "fr"\n', r"line 2: unknown language 'fr'"),
        ('colour = "red"\n', r"line 1: unknown setting 'colour'"),
        ("user = 3\n", r"line 1: user must be a string"),
        ("[keys]\nhelp = 1\n", r"line 1: \[keys\]"),
        ('user = "a"\ntimezone = "Mars/Olympus"\n', r"line 2: timezone is an IANA zone name"),
        ('timezone = "UTC+8"\n', r"line 1: timezone is an IANA zone name"),
        ("timezone = 8\n", r"line 1: timezone must be a string"),
    ],
)
def test_bad_values_name_the_line(tmp_path, text, message):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load(path)


def test_save_setting_keeps_other_settings_and_tables(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('user = "ann"\ntheme = "nord"\n[keys]\nhelp = "f1"\n', encoding="utf-8")
    save_setting(path, "theme", "gruvbox")
    save_setting(path, "lang", "en")
    config = load(path)
    assert (config.user, config.theme, config.lang) == ("ann", "gruvbox", "en")
    assert config.keys == {"help": "f1"}


def test_the_timezone_setting_makes_the_clock(tmp_path, monkeypatch):
    from zoneinfo import ZoneInfo

    from collabtui.domain.clock import FixedClock

    monkeypatch.setenv("TZ", "America/New_York")
    path = tmp_path / "config.toml"
    path.write_text('timezone = "Asia/Shanghai"\n', encoding="utf-8")
    config = load(path)
    assert config.timezone == "Asia/Shanghai"
    clock = config.clock()
    assert clock.tz == ZoneInfo("Asia/Shanghai") and not isinstance(clock, FixedClock)
    assert load(tmp_path / "none.toml").clock().tz == ZoneInfo("America/New_York")
