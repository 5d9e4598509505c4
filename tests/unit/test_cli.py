"""The ``collab`` command, headless."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabtui import __version__
from collabtui.cli import app
from collabtui.store.queries import SCHEMA_HEAD

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def collab(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``collab`` in a subprocess, the way a user does."""
    import os

    return subprocess.run(
        [sys.executable, "-m", "collabtui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"collab {__version__}"


def test_projects_json_on_an_empty_store(db_url):
    result = run("--db", db_url, "projects", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_projects_json_lists_projects(store):
    dept = store.add_department("市场部")
    store.create_project("Q4", "[bold]新品[/] 上市", requesting_department_id=dept.id)
    result = run("--db", store.url, "projects", "--json")
    rows = json.loads(result.stdout)
    assert rows == [
        {
            "id": 1,
            "code": "Q4",
            "topic": "[bold]新品[/] 上市",
            "phase": "draft",
            "requesting_department": "市场部",
            "open_tasks": 0,
            "overdue_tasks": 0,
            "open_risks": 0,
        }
    ]


def test_projects_table_shows_user_text_literally(store):
    store.create_project("Q4", "[bold]x[/] 新品")
    result = run("--db", store.url, "--lang", "zh-CN", "projects")
    assert "[bold]x[/] 新品" in result.stdout
    assert "协作主题" in result.stdout
    assert "草稿" in result.stdout


def test_meetings_filtered_by_project(demo_store):
    everything = json.loads(run("--db", demo_store.url, "meetings", "--json").stdout)
    assert everything and {"id", "project", "kind", "title", "start"} <= set(everything[0])
    code = everything[0]["project"]
    only = json.loads(run("--db", demo_store.url, "meetings", "--project", code, "--json").stdout)
    assert only and {m["project"] for m in only} == {code}
    assert len(only) < len(everything)
    starts = [m["start"] for m in everything]
    assert starts == sorted(starts)


def test_meetings_for_an_unknown_project_is_an_error(db_url):
    result = collab("--db", db_url, "meetings", "--project", "NOPE")
    assert result.returncode == 2
    assert result.stderr.strip() == "collab: error: Project NOPE does not exist"


def test_demo_refuses_a_non_empty_store_then_force_replaces(store):
    store.add_department("Mine")
    result = collab("--db", store.url, "demo")
    assert result.returncode == 2
    assert "--force" in result.stderr
    assert [d.name for d in store.departments()] == ["Mine"]
    result = collab("--db", store.url, "demo", "--force")
    assert result.returncode == 0, result.stderr
    assert "Mine" not in [d.name for d in store.departments()]
    shown = result.stdout.splitlines()[0].split(": ", 1)[1]
    backup = Path(shown)
    assert backup.exists() and backup.stat().st_mode & 0o077 == 0
    if store.path is not None:
        assert backup.parent == store.path.parent
    else:  # a server store: the JSON export of what was replaced
        assert json.loads(backup.read_text())["tables"]["department"][0]["name"] == "Mine"


def test_demo_loads_projects(db_url):
    result = collab("--db", db_url, "demo")
    assert result.returncode == 0, result.stderr
    rows = json.loads(collab("--db", db_url, "projects", "--json").stdout)
    assert len(rows) >= 2
    assert any(r["phase"] == "closed" for r in rows)


def test_locate_masks_passwords(tmp_path):
    result = run("--db", "postgresql+psycopg://lead:hunter2@localhost/collab", "locate")
    assert "hunter2" not in result.stdout
    assert "lead:***@localhost" in result.stdout
    assert "config.toml" in result.stdout


def test_locate_names_the_time_zone_and_where_it_comes_from(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    assert "America/New_York (the system's)" in run("locate").stdout
    config = tmp_path / "config.toml"
    config.write_text('timezone = "Asia/Shanghai"\n', encoding="utf-8")
    monkeypatch.setenv("COLLAB_CONFIG", str(config))
    result = run("--lang", "zh-CN", "locate")
    assert "时区: Asia/Shanghai (来自配置文件)" in result.stdout


def test_db_upgrade_reports_the_revision(db_url):
    result = run("--db", db_url, "db", "upgrade")
    assert result.exit_code == 0
    assert SCHEMA_HEAD in result.stdout


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_text("plain text"), "not a SQLite database"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000), "damaged"),
        (lambda p: None, "does not exist"),
    ],
)
def test_bad_db_is_one_line_exit_2_and_untouched(tmp_path, setup, reason):
    target = tmp_path / "x.db"
    if reason == "does not exist":
        target = tmp_path / "missing" / "x.db"
    setup(target)
    before = target.read_bytes() if target.is_file() else None
    for argv in (["projects"], []):
        result = collab("--db", str(target), *argv)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert str(target) in lines[0] and reason in lines[0]
        assert "Traceback" not in result.stderr
    if before is not None:
        assert target.read_bytes() == before


def test_unknown_lang_is_exit_2():
    result = collab("--lang", "klingon", "projects")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "collab: error: --lang: unknown language 'klingon' (choose from en, zh-CN)"
    ]


def test_malformed_config_names_the_line(isolated):
    config = isolated / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('user = "ann"\ntheme = = "x"\n', encoding="utf-8")
    result = collab("projects")
    assert result.returncode == 2
    assert str(config) in result.stderr and "line 2" in result.stderr
    assert "Traceback" not in result.stderr


def test_chinese_language_from_config(isolated, db_url):
    config = isolated / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('lang = "zh-CN"\n', encoding="utf-8")
    result = collab("--db", db_url, "projects")
    assert result.returncode == 0
    assert "暂无项目" in result.stdout


@pytest.mark.parametrize(
    ("argv", "launches"),
    [
        ([], True),
        (["--db", "x.sqlite3"], True),
        (["--lang", "zh-CN", "--db", "projects"], True),  # a store named like a command
        (["--db=x.sqlite3", "--lang=en"], True),
        (["--version"], True),
        (["projects"], False),
        (["--db", "x.sqlite3", "export", "all"], False),
        (["--help"], False),
        (["-h"], False),
        (["--lang", "en", "help"], False),
    ],
)
def test_the_subcommands_are_attached_only_when_the_arguments_name_one(argv, launches):
    """Bare ``collab`` starts without importing the nine subcommand modules (issue 20);
    a command or ``--help`` gets the whole command."""
    from collabtui.cli import launches_app

    assert launches_app(argv) is launches


def test_bare_collab_does_not_import_the_subcommands(tmp_path):
    """The launch path, up to where the terminal check refuses (no terminal here)."""
    code = (
        "import sys\n"
        "from collabtui import cli\n"
        "sys.argv = ['collab', '--db', sys.argv[1]]\n"
        "try:\n"
        "    cli.main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('collabtui.cli.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "s.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    loaded = done.stdout.strip().splitlines()[-1]
    for name in ("alerts", "data", "db", "exchange", "export", "risks", "send", "tasks"):
        assert f"collabtui.cli.{name}'" not in loaded, loaded
    assert "collabtui.cli.launch" in loaded, done.stderr
