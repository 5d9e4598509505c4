"""Shell conventions: completion, `collab help`, JSON everywhere, no app without a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from collabtui.cli import app

runner = CliRunner()


def collab(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "collabtui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        **kw,
    )


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o default -F"), ("zsh", "compdef"), ("fish", "complete --command collab")],
)
def test_completion_prints_the_shells_script(shell, marker):
    result = runner.invoke(app, ["completion", shell])
    assert result.exit_code == 0
    assert marker in result.stdout and "_COLLAB_COMPLETE" in result.stdout


def test_completion_answers_the_shell():
    words = {"COMP_WORDS": "collab task up", "COMP_CWORD": "2"}
    result = collab(env={"_COLLAB_COMPLETE": "complete_bash", **words})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["update"]
    result = collab(env={"_COLLAB_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "collab ta"})
    assert "task" in result.stdout


def test_completion_of_an_unknown_shell_is_refused():
    result = collab("completion", "tcsh")
    assert result.returncode == 2
    assert result.stderr == "collab: error: SHELL: “tcsh” is not one of bash, zsh, fish\n"


def test_help_shows_a_commands_help():
    result = runner.invoke(app, ["help", "task", "update"])
    assert result.exit_code == 0
    assert "Usage: collab task update" in result.stdout and "--progress" in result.stdout
    whole = runner.invoke(app, ["help"])
    assert "Usage: collab" in whole.stdout and "task" in whole.stdout
    result = collab("help", "task", "nope")
    assert (result.returncode, result.stderr) == (
        2,
        "collab: error: no such command: task nope (see `collab help`)\n",
    )


def test_the_app_without_a_terminal_refuses_in_one_line(tmp_path):
    out = tmp_path / "out.txt"
    with out.open("w") as stdout:
        result = subprocess.run(
            [sys.executable, "-m", "collabtui", "--db", str(tmp_path / "s.sqlite3"), "--lang",
             "zh-CN"],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
        )  # fmt: skip
    assert result.returncode == 2
    assert out.read_text() == ""  # no escape codes, nothing at all
    assert result.stderr.startswith("collab: 错误：应用需要在终端中运行")
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr


def test_locate_json(tmp_path):
    result = runner.invoke(
        app, ["--db", "postgresql://lead:hunter2@localhost/collab", "locate", "--json"]
    )
    found = json.loads(result.stdout)
    assert {"config", "data", "database", "url", "timezone", "timezone_source"} <= set(found)
    assert "hunter2" not in result.stdout and found["timezone"] == "UTC"


def test_listings_offer_json_and_plain():
    """Every listing command takes --json (and, when it prints a table, --plain)."""
    for command in (["projects"], ["meetings"], ["task", "list"], ["alerts"], ["locate"]):
        shown = runner.invoke(app, [*command, "--help"]).stdout
        assert "--json" in shown, command
    for command in (["projects"], ["meetings"], ["task", "list"]):
        assert "--plain" in runner.invoke(app, [*command, "--help"]).stdout, command
