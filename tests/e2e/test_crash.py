"""A crash never looks like success (issue 13): the installed app in a real terminal.

A screen's key saves a department, then the code behind it fails. The terminal is
given back, one line names the error and the crash report, the exit status is
:data:`collabtui.crash.CRASH_STATUS` (never 0), the report holds the traceback, the
version and the screen but not the database password, and the department saved
before the crash is in the store.
"""

from __future__ import annotations

import sys
from pathlib import Path

from collabtui.crash import CRASH_STATUS
from tests.e2e.term import Terminal, environment, run_collab

#: Runs the real CLI entry point with one screen action replaced by a save and a bug.
SCRIPT = """
import sys
from collabtui import cli
from collabtui.screens.dashboard import DashboardScreen

def save_then_fail(self):
    self.collab.store.add_department(name="崩溃前保存的部门")
    raise RuntimeError("injected after a save: postgresql://lead:hunter2@db.example/collab")

DashboardScreen.action_new_project = save_then_fail
sys.argv = ["collab"]
cli.main()
"""


def test_a_crash_after_a_save_exits_non_zero_with_a_report_and_keeps_the_save(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = environment(home, "Asia/Shanghai", "zh-CN")
    run_collab(["demo"], env, home)
    script = tmp_path / "crash_after_save.py"
    script.write_text(SCRIPT, encoding="utf-8")
    term = Terminal(env, home, 30, 100).spawn(str(script), program=Path(sys.executable))
    try:
        term.wait_for("collab — ", timeout=60)
        term.wait_for("Q4-LAUNCH")
        term.press("n")
        term.wait_until(lambda: term.ended or not term.child.isalive(), "the app to end")
        term.child.close()
        assert term.child.exitstatus == CRASH_STATUS, term.report()
    finally:
        term.close()

    text = bytes(term.output).decode("utf-8", "replace")
    after = text.rsplit("\x1b[?1049l", 1)[-1]  # printed once the terminal was given back
    assert "崩溃报告" in after and "RuntimeError" in after, term.report()
    assert "Traceback" not in text, "the one line, not a traceback, goes to the terminal"
    assert "hunter2" not in text
    reports = sorted((home / "data" / "crashes").glob("crash-*.txt"))
    assert len(reports) == 1, reports
    assert str(reports[0]) in after.replace("\r\n", "").replace("\n", "")
    report = reports[0].read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in report
    assert "where: app, screen DashboardScreen" in report
    assert "version: collab " in report
    assert "hunter2" not in report and "lead:***@db.example" in report
    assert reports[0].stat().st_mode & 0o077 == 0, "the report is owner-only"

    # The department saved before the crash is in the store.
    from collabtui.store import Store

    store = Store(f"sqlite:///{home / 'data' / 'collab.sqlite3'}")
    try:
        assert "崩溃前保存的部门" in [d.name for d in store.departments()]
    finally:
        store.close()


def test_a_command_that_crashes_exits_70_not_1(tmp_path):
    """``collab alerts`` exits 1 for "overdue": a crash must not look like that."""
    import subprocess

    home = tmp_path / "home"
    home.mkdir()
    env = environment(home, "UTC", "en")
    script = tmp_path / "crash_cli.py"
    script.write_text(
        "import sys\n"
        "from collabtui import cli\n"
        "import collabtui.domain.alerts as a\n"
        "def bad(*args, **kwargs):\n"
        "    raise OverflowError('date value out of range')\n"
        "a.alerts = bad\n"
        "sys.argv = ['collab', 'alerts']\n"
        "cli.main()\n",
        encoding="utf-8",
    )
    run_collab(["demo"], env, home)
    done = subprocess.run(
        [sys.executable, str(script)], env=env, cwd=home, capture_output=True, text=True
    )
    assert done.returncode == CRASH_STATUS, done.stderr
    assert done.stderr.count("\n") == 1 and "OverflowError" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert list((home / "data" / "crashes").glob("crash-*.txt"))
