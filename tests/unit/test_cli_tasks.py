"""``collab task …`` and ``collab risk raise``: the daily sync from a shell, on both backends.

Each command runs in-process through :func:`collabtui.cli.main`, as the installed
``collab`` does: refusals are one line on stderr and exit status 2.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC

import pytest

from collabtui.cli import main
from collabtui.store import Store


@pytest.fixture
def cli(monkeypatch, capsys, fixed_cli_clock, isolated):
    """Run ``collab ARGS…`` in-process as the configured user ``tester``: (status, out, err)."""
    config = isolated / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('user = "tester"\n', encoding="utf-8")

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["collab", *args])
        status = 0
        try:
            main()
        except SystemExit as exc:
            status = exc.code or 0
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


def _task(store: Store, code: str):
    return next(r for r in store.task_rows() if r.code == code)


def test_task_list_filters_by_project_owner_and_status(demo_store, cli):
    status, out, _ = cli("--db", demo_store.url, "task", "list", "--json")
    assert status == 0
    every = json.loads(out)
    assert {t["project"] for t in every} == {"Q4-LAUNCH", "CX-FIX", "VIP-PTS"}
    _, out, _ = cli(
        "--db", demo_store.url, "task", "list", "--project", "Q4-LAUNCH", "--owner", "马超",
        "--status", "blocked", "--json",
    )  # fmt: skip
    assert [(t["code"], t["owner"], t["status"]) for t in json.loads(out)] == [
        ("T-06", "马超", "blocked")
    ]


def test_task_list_table_is_translated_and_whole_when_piped(demo_store, cli):
    status, out, _ = cli("--db", demo_store.url, "--lang", "zh-CN", "task", "list")
    assert status == 0
    line = next(x for x in out.splitlines() if "T-07" in x)
    assert "线上媒体投放计划与执行" in line and "唐宁" in line and "进行中" in line
    assert max(len(x) for x in out.splitlines()) > 80  # piped: not cut at 80 columns
    _, plain, _ = cli("--db", demo_store.url, "task", "list", "--plain")
    header, *rows = plain.splitlines()
    assert header.split("\t")[:2] == ["Project", "Code"]
    assert all(len(r.split("\t")) == 7 for r in rows)


def test_task_show_prints_fields_and_the_daily_log(demo_store, cli):
    status, out, _ = cli("--db", demo_store.url, "task", "show", "T-04")
    assert status == 0
    assert out.startswith("# Q4-LAUNCH/T-04 ")
    assert "| Owner | 高飞 |" in out and "## Daily updates" in out
    _, out, _ = cli("--db", demo_store.url, "task", "show", "Q4-LAUNCH/T-04", "--json")
    shown = json.loads(out)
    assert shown["owner"] == "高飞" and shown["updates"][0]["author"] == "高飞"


def test_task_add_keeps_the_forms_rules(demo_store, cli):
    status, out, _ = cli(
        "--db", demo_store.url, "task", "add", "CX-FIX", "--title", "Refund FAQ",
        "--owner", "Raj Patel", "--due", "2026-12-10", "--json",
    )  # fmt: skip
    assert status == 0, out
    added = json.loads(out)
    assert (added["code"], added["owner"], added["status"], added["due"]) == (
        "C-09",
        "Raj Patel",
        "todo",
        "2026-12-10",
    )
    assert _task(demo_store, "C-09").title == "Refund FAQ"
    # the task editor's message, naming the option instead of the field
    status, _, err = cli(
        "--db", demo_store.url, "task", "add", "CX-FIX", "--title", "x", "--owner", "Raj Patel",
        "--start", "2026-12-10", "--due", "2026-12-01",
    )  # fmt: skip
    assert status == 2
    assert err == "collab: error: --due: the due date is before the start date\n"
    status, _, err = cli(
        "--db", demo_store.url, "task", "add", "CX-FIX", "--title", " ", "--owner", "Raj Patel"
    )
    assert status == 2 and err.startswith("collab: error: --title: ")
    status, _, err = cli(
        "--db", demo_store.url, "task", "add", "CX-FIX", "--title", "x", "--owner", "Raj"
    )
    assert status == 2 and "Raj Patel" in err and err.startswith("collab: error: --owner: ")
    assert len(demo_store.task_rows("CX-FIX")) == 9  # nothing else was added


def test_task_update_is_the_daily_update_and_undoable(demo_store, cli):
    before = demo_store.task_row(_task(demo_store, "C-03").id)
    status, out, err = cli(
        "--db", demo_store.url, "task", "update", "C-03", "--progress", "80",
        "--note", "Scripts reviewed", "--status", "blocked", "--on", "2026-11-27",
    )  # fmt: skip
    assert status == 0, err
    assert "C-03" in out and "Blocked" in out
    row = demo_store.task_row(before.id)
    assert (row.progress, row.status) == (80, "blocked")
    newest = row.updates[0]
    assert (newest.on.isoformat(), newest.done, newest.progress) == (
        "2026-11-27",
        "Scripts reviewed",
        80,
    )
    assert newest.author == before.owner  # the owner's daily update, as `u` on the board logs it
    intents = [c.intent for c in demo_store.history("task", before.id)][-2:]
    assert intents == ["task.update", "task.move"]
    # the app's ctrl+z takes back the CLI's actions one by one, newest first
    demo_store.undo(tz=UTC)
    assert demo_store.task_row(before.id).status == before.status
    demo_store.undo(tz=UTC)
    back = demo_store.task_row(before.id)
    assert (back.progress, back.updates) == (before.progress, before.updates)


def test_task_update_refuses_bad_input_with_exit_2(demo_store, cli):
    url = demo_store.url
    cases = {
        ("T-04", "--progress", "120"): "--progress: progress is a whole number from 0 to 100",
        ("T-04", "--status", "finished"): "--status: “finished” is not one of "
        "todo, in_progress, blocked, done, accepted",
        ("T-04",): "say what to update: --progress, --status or --note",
        ("T-99", "--progress", "5"): "there is no task T-99",
        ("T-04", "--problems", " "): "say what to update: --progress, --status or --note",
    }
    before = _task(demo_store, "T-04")
    for args, message in cases.items():
        status, out, err = cli("--db", url, "task", "update", *args)
        assert (status, out, err) == (2, "", f"collab: error: {message}\n"), args
    status, _, err = cli("--db", url, "task", "update", "T-04", "--note", " ", "--progress", "5")
    assert (
        status == 2 and err == "collab: error: --note: say what was done or what the problem is\n"
    )
    assert _task(demo_store, "T-04") == before


def test_task_update_reports_a_conflict(demo_store, cli):
    row = _task(demo_store, "T-05")
    demo_store.edit_task(row.id, row.version, notes="changed in the app")
    status, _, err = cli(
        "--db", demo_store.url, "task", "update", "T-05", "--progress", "50",
        "--if-version", str(row.version),
    )  # fmt: skip
    assert status == 2
    assert err.startswith("collab: error: ") and "task" in err.lower()
    assert str(row.version) in err
    assert _task(demo_store, "T-05").progress == row.progress


def test_progress_alone_corrects_the_task(demo_store, cli):
    row = demo_store.task_row(_task(demo_store, "T-05").id)
    status, _, _ = cli("--db", demo_store.url, "task", "update", "T-05", "--progress", "５０%")
    assert status == 0
    after = demo_store.task_row(row.id)
    assert (after.progress, after.updates) == (50, row.updates)  # no log entry without a note
    assert demo_store.history("task", row.id)[-1].intent == "task.edit"


def test_risk_raise_links_tasks_and_departments(demo_store, cli):
    status, out, err = cli(
        "--db", demo_store.url, "risk", "raise", "Q4-LAUNCH", "--title", "物流延迟",
        "--type", "schedule", "--level", "high", "--threatens", "2026-12-20",
        "--task", "T-05", "--department", "技术部", "--raised-by", "李娜", "--json",
    )  # fmt: skip
    assert status == 0, err
    raised = json.loads(out)
    assert (raised["status"], raised["late"]) == ("open", False)
    risk = next(r for r in demo_store.risk_rows("Q4-LAUNCH", tz=UTC) if r.id == raised["id"])
    assert (risk.task_codes, risk.departments, risk.raised_by) == (("T-05",), ("技术部",), "李娜")
    assert demo_store.history("riskwarning", risk.id)[-1].intent == "risk.raise"


def test_risk_raise_refusals(demo_store, cli):
    base = ("--db", demo_store.url, "risk", "raise", "Q4-LAUNCH", "--title", "x")
    status, _, err = cli(*base, "--type", "weather", "--level", "high", "--threatens", "+3d")
    assert status == 2 and err.startswith("collab: error: --type: “weather” is not one of ")
    status, _, err = cli(*base, "--type", "schedule", "--level", "high", "--threatens", "soon")
    assert status == 2 and err.startswith("collab: error: --threatens: ")
    status, _, err = cli(
        *base, "--type", "schedule", "--level", "high", "--threatens", "+3d", "--task", "C-01"
    )
    assert (status, err) == (2, "collab: error: there is no task Q4-LAUNCH/C-01\n")
