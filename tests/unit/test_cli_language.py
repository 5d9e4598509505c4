"""One language for every CLI surface (issue 18): ``--lang`` anywhere, else the config file,
else the locale — listings, errors, config errors, Click's own words and ``--help``."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import typer.main
from typer.testing import CliRunner

from collabtui import i18n
from collabtui.cli import app
from collabtui.cli.click_text import walk
from collabtui.cli.language import split_lang
from collabtui.i18n.en import MESSAGES as EN
from collabtui.i18n.zh_CN import MESSAGES as ZH

runner = CliRunner()
HAN = re.compile(r"[\u4e00-\u9fff]")
MEETINGS_HEADER_ZH = [ZH["col.id"], ZH["col.project"], ZH["col.kind"], ZH["col.title"]]
MEETINGS_HEADER_EN = [EN["col.id"], EN["col.project"], EN["col.kind"], EN["col.title"]]


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def collab(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``collab`` in a subprocess with a clean locale, the way a user runs it."""
    base = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    return subprocess.run(
        [sys.executable, "-m", "collabtui", *args],
        capture_output=True,
        text=True,
        env={**base, "LANG": "en_US.UTF-8", **(env or {})},
        timeout=60,
    )


def header(output: str) -> list[str]:
    return output.splitlines()[0].split()[:4]


def write_config(home, text: str) -> None:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "value", "rest"),
    [
        (["meetings", "--lang", "zh-CN"], "zh-CN", ["meetings"]),
        (["--lang=zh-CN", "export", "minutes", "9"], "zh-CN", ["export", "minutes", "9"]),
        (["--lang", "en", "meetings", "--lang", "zh"], "zh", ["meetings"]),  # the last wins
        (["task", "add", "--", "--lang", "zh-CN"], None, ["task", "add", "--", "--lang", "zh-CN"]),
        (["meetings", "--lang"], None, ["meetings", "--lang"]),  # Click says it lacks a value
    ],
)
def test_lang_is_found_anywhere_before_a_double_dash(args, value, rest):
    assert split_lang(args) == (value, rest)


@pytest.mark.parametrize("where", ["before", "after"])
def test_meetings_in_chinese_with_lang_before_or_after_the_subcommand(demo_store, db_url, where):
    args = ["--lang", "zh-CN", "meetings"] if where == "before" else ["meetings", "--lang", "zh-CN"]
    result = run("--db", db_url, *args, "--plain")
    assert result.exit_code == 0, result.output
    assert header(result.stdout) == MEETINGS_HEADER_ZH


def test_the_config_file_language_is_followed_and_lang_overrides_it(demo_store, db_url, isolated):
    write_config(isolated, 'lang = "zh-CN"\n')
    assert header(run("--db", db_url, "meetings", "--plain").stdout) == MEETINGS_HEADER_ZH
    overridden = run("--db", db_url, "meetings", "--plain", "--lang", "en")
    assert header(overridden.stdout) == MEETINGS_HEADER_EN


def test_the_locale_is_followed_when_nothing_else_says(demo_store, db_url, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert header(run("--db", db_url, "meetings", "--plain").stdout) == MEETINGS_HEADER_ZH
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # LC_ALL rules over LANG
    assert header(run("--db", db_url, "meetings", "--plain").stdout) == MEETINGS_HEADER_EN


def test_an_export_error_is_in_the_language_given_after_the_subcommand(demo_store, db_url):
    result = collab("--db", db_url, "export", "minutes", "99", "--lang", "zh-CN")
    assert result.returncode == 2
    reason = ZH["err.not_found"].format(entity=ZH["kind.meeting"], key=99)
    assert result.stderr.strip().splitlines() == [f"collab: 错误：{reason}"]


def test_an_unknown_lang_is_reported_in_the_locale_language():
    result = collab("--lang", "klingon", "projects", env={"LANG": "zh_CN.UTF-8"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "collab: 错误：--lang: "
        + ZH["cli.err.unknown_lang"].format(value="klingon", choices="en, zh-CN")
    ]


def test_a_config_error_is_in_the_language_of_lang(isolated):
    write_config(isolated, 'user = "ann"\nlang = "fr"\n')
    result = collab("projects", "--lang", "zh-CN")
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "第 2 行" in line and "“fr”" in line, line
    assert "unknown" not in line and "line 2" not in line


def test_a_config_error_is_in_the_locale_language_when_lang_is_not_given(isolated):
    write_config(isolated, 'colour = "red"\n')
    result = collab("projects", env={"LANG": "zh_CN.UTF-8"})
    assert result.returncode == 2
    expected = ZH["config.err.unknown_setting"].format(key="colour")
    assert expected in result.stderr and "第 1 行" in result.stderr


def test_a_usage_error_is_in_chinese_and_stays_english_in_english():
    zh = collab("meetings", "--bogus", "--lang", "zh-CN")
    assert zh.returncode == 2
    assert ZH["click.no_such_option"].format(name="--bogus") in zh.stderr
    assert ZH["click.usage"] + "collab meetings" in zh.stderr
    assert not re.search(r"\b(Usage|Error|Try|No such option)\b", zh.stderr), zh.stderr
    en = collab("meetings", "--bogus")
    assert "No such option: --bogus" in en.stderr and "Usage: collab meetings" in en.stderr


def test_an_extra_argument_and_a_missing_one_are_in_chinese():
    extra = collab("--lang", "zh-CN", "meetings", "surplus")
    assert ZH["click.extra_args"].format(args="surplus") in extra.stderr
    missing = collab("task", "update", "--lang", "zh-CN")
    assert ZH["click.missing_argument"].format(name="CODE") in missing.stderr


def test_help_is_in_chinese_with_clicks_own_words():
    result = run("meetings", "--help", "--lang", "zh-CN")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith(ZH["click.usage"] + "collab meetings")
    assert ZH["cli.help.collab.meetings"] in text
    assert ZH["click.help_option"] in text
    assert ZH["click.heading"].format(name=ZH["click.options"]) in text
    # Nothing English is left but option names, metavars and codes.
    words = re.findall(r"\b[A-Za-z]{3,}\b", re.sub(r"--?[\w-]+|\[[^\]]*\]|[A-Z_]{3,}", "", text))
    assert words == ["collab", "meetings"], words


def test_root_help_lists_every_command_in_chinese():
    text = run("--lang", "zh-CN", "--help").stdout
    for name in ("projects", "meetings", "export", "task", "send"):
        line = next(li for li in text.splitlines() if li.strip().startswith(name + " "))
        assert HAN.search(line), line


def test_help_in_english_is_the_code_text():
    text = run("meetings", "--help").stdout
    assert text.startswith("Usage: collab meetings")
    assert "Show this message and exit." in text and "List meetings by start time." in text


def test_every_help_text_has_a_catalogue_entry_equal_to_the_code_in_english():
    tree = typer.main.get_command(app)
    items = list(walk(tree))
    assert len(items) > 100
    missing = [key for key, _ in items if key not in ZH]
    assert missing == []
    drifted = [key for key, item in items if EN[key] != item.help]
    assert drifted == []
    assert [key for key, _ in items if not HAN.search(ZH[key])] == []


def test_the_language_is_english_again_after_a_chinese_run(demo_store, db_url):
    run("--db", db_url, "meetings", "--lang", "zh-CN")
    assert i18n.current_language() == "zh-CN"
    text = run("--db", db_url, "meetings", "--help").stdout
    assert text.startswith("Usage:") and "Options:" in text


def _command_paths(command, path=()):
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _command_paths(sub, (*path, name))


def test_no_chinese_help_line_is_wider_than_the_terminal(monkeypatch):
    from collabtui.cli.click_text import _cells

    monkeypatch.setenv("COLUMNS", "80")
    paths = list(_command_paths(typer.main.get_command(app)))
    assert len(paths) > 30
    too_wide = []
    for path in paths:
        text = run(*path, "--help", "--lang", "zh-CN").stdout
        # (An option's own name and choices may be longer, in English as well.)
        too_wide += [li for li in text.splitlines() if _cells(li) > 80 and HAN.search(li)]
    assert too_wide == []


def test_wrapping_breaks_chinese_between_characters_never_before_punctuation():
    from collabtui.cli.click_text import _cells, wrap_cells

    text = "带 --note（或 --problems）时，进度记入每日日志，与看板上的 u 相同；\n只给 --progress 时修正。"
    lines = wrap_cells(text, 20).splitlines()
    assert all(_cells(line) <= 20 for line in lines)
    assert not any(line[0] in "，。；）" for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert "相同；只给" in "".join(lines)  # a source line break between Chinese adds no space
    assert wrap_cells("Show this message and exit.", 10).splitlines() == [
        "Show this",
        "message",
        "and exit.",
    ]


def test_a_mail_or_chat_config_error_is_in_chinese(isolated):
    write_config(isolated, '[mail]\nfrom = "李娜 <lina@example.com>"\n')
    result = collab("locate", "--lang", "zh-CN")
    assert result.returncode == 2
    assert ZH["config.mail.needs_url"] in result.stderr and "第 1 行" in result.stderr
    write_config(isolated, '[chat.q4]\nkind = "slack"\nurl = "https://x.example"\n')
    result = collab("locate", env={"LANG": "zh_CN.UTF-8"})
    kinds = ZH["config.chat.kind"].format(name="q4", kinds="wecom, dingtalk, feishu")
    assert kinds.split("须为")[0] in result.stderr and "须为" in result.stderr, result.stderr
