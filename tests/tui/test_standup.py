"""A whole weekly standup run by keys: every answer stored at once, the summary, the
week's list linked to its meeting, and the exported list."""

from __future__ import annotations

import csv
import io
from datetime import UTC

from textual.widgets import Input, Select

from collabtui.dialogs.standup import MissForm, SummaryDialog, SupportForm
from collabtui.screens.progress import ProgressScreen
from collabtui.screens.standup import StandupScreen
from collabtui.store.models import Meeting

from .conftest import TALL

WEEK = "2026-W48"  # the week of the fixed clock, 2026-11-27


async def open_standup(pilot, store, code="CX-FIX") -> StandupScreen:
    pilot.app.open_project(store.project_id(code))
    await pilot.pause()
    await pilot.press("S")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StandupScreen)
    return screen


def entry(store, code, task_code):
    return next(r for r in store.progress_list(code, WEEK) if r.task_code == task_code)


async def test_a_whole_standup_by_keys(demo_store, make_app, tmp_path):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        standup = await open_standup(pilot, demo_store)
        assert standup.week == WEEK
        sheet = standup.sheet
        assert len(sheet.departments) >= 2
        first_dept = sheet.departments[0]
        row = standup.row
        assert row is first_dept.rows[0] or row.task_id == first_dept.rows[0].task_id

        # status and progress keys, each saved at once
        await pilot.press("6")
        assert entry(demo_store, "CX-FIX", row.task_code).completion == 60
        assert demo_store.task_row(row.task_id).progress == 60  # the task follows
        await pilot.press("plus")
        assert entry(demo_store, "CX-FIX", row.task_code).completion == 65
        await pilot.press("minus", "minus")
        assert entry(demo_store, "CX-FIX", row.task_code).completion == 55
        await pilot.press("a")
        saved = entry(demo_store, "CX-FIX", row.task_code)
        assert saved.status == "at_risk" and not saved.met_plan

        # r: the reason for the miss
        await pilot.press("r")
        assert isinstance(app.screen, MissForm)
        app.screen.query_one("#f-miss_reason", Input).value = "Vendor API late"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert entry(demo_store, "CX-FIX", row.task_code).miss_reason == "Vendor API late"

        # s: support needed, from a department
        await pilot.press("s")
        assert isinstance(app.screen, SupportForm)
        form = app.screen
        logistics = next(d for d in demo_store.departments() if d.name == "Logistics")
        form.query_one("#f-support_needed", Input).value = "Carrier contacts"
        form.query_one("#f-support_from_id", Select).value = logistics.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = entry(demo_store, "CX-FIX", row.task_code)
        assert (saved.support_needed, saved.support_from) == ("Carrier contacts", "Logistics")

        # next task: done; next department: blocked
        if len(first_dept.rows) > 1:
            await pilot.press("down", "d")
            done = entry(demo_store, "CX-FIX", first_dept.rows[1].task_code)
            assert done.status == "done" and done.completion == 100
            assert demo_store.task_row(first_dept.rows[1].task_id).status == "done"
        await pilot.press("n")
        assert standup.index == 1
        second = standup.row
        await pilot.press("b")
        assert entry(demo_store, "CX-FIX", second.task_code).status == "blocked"
        assert demo_store.task_row(second.task_id).status == "blocked"
        await pilot.press("p")
        assert standup.index == 0

        # f: the summary, then record
        await pilot.press("f")
        dialog = app.screen
        assert isinstance(dialog, SummaryDialog)
        summary = dialog.summary
        assert row.task_code in {r.task_code for r in summary.slipped}
        assert second.task_code in {r.task_code for r in summary.slipped}
        assert "Logistics" in summary.support
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, StandupScreen | SummaryDialog)

    listed = demo_store.progress_list("CX-FIX", WEEK)
    shown = sum(len(d.rows) for d in sheet.departments)
    assert len(listed) == shown  # every task of the standup has its line
    with demo_store.db.read() as s:
        meetings = {
            r.task_code: s.get(Meeting, e.meeting_id) for r in listed for e in [_entry_model(s, r)]
        }
    kinds = {m.kind.value for m in meetings.values()}
    assert kinds == {"weekly_progress"}
    assert len({m.id for m in meetings.values()}) == 1

    from typer.testing import CliRunner

    from collabtui.cli import app as cli

    out = tmp_path / "progress.csv"
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            demo_store.url,
            "export",
            "progress",
            "CX-FIX",
            "--week",
            WEEK,
            "--format",
            "csv",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 1 + len(listed)
    line = next(r for r in rows if r[1] == row.task_code)
    assert "Vendor API late" in line and "Carrier contacts" in line and "Logistics" in line


def _entry_model(s, row):
    from sqlmodel import select

    from collabtui.store.models import ProgressEntry

    return s.exec(
        select(ProgressEntry).where(
            ProgressEntry.week == WEEK, ProgressEntry.task_id == row.task_id
        )
    ).one()


async def test_leaving_keeps_the_answers_and_resumes(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        standup = await open_standup(pilot, demo_store)
        row = standup.row
        await pilot.press("3", "escape")
        await pilot.pause()
        assert entry(demo_store, "CX-FIX", row.task_code).completion == 30
        await pilot.press("S")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, StandupScreen)
        assert again.row.completion == 30 and again.row.recorded


async def test_the_clock_shows_each_departments_slice(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        standup = await open_standup(pilot, demo_store)
        clock = str(standup.query_one("#standup-clock").render())
        departments = len(standup.sheet.departments)
        per = 30 * 60 // departments
        assert "00:00 / 30:00" in clock
        assert f"{per // 60:02d}:{per % 60:02d}" in clock


async def test_progress_list_browses_weeks(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        app.open_project(demo_store.project_id("Q4-LAUNCH"))
        await pilot.pause()
        await pilot.press("L")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        weeks = demo_store.progress_weeks("Q4-LAUNCH")
        assert screen.week == weeks[0]
        assert [r.task_code for r in screen.rows] == [
            r.task_code for r in demo_store.progress_list("Q4-LAUNCH", weeks[0])
        ]
        await pilot.press("left_square_bracket")
        assert screen.week == weeks[1]
        await pilot.press("right_square_bracket")
        assert screen.week == weeks[0]
        await pilot.press("shift+right")
        assert screen.rows == [] and screen.week > weeks[0]


async def test_w_raises_a_risk_warning_prefilled_from_the_task(demo_store, make_app):
    from collabtui.dialogs.risk import RiskForm

    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        standup = await open_standup(pilot, demo_store)
        row = standup.row
        before = len(standup.sheet.new_risks)
        await pilot.press("w")
        form = app.screen
        assert isinstance(form, RiskForm)
        assert form.query_one("#f-title", Input).value  # prefilled from the task
        form.query_one("#f-title", Input).value = "Carrier API may slip"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is standup
        risks = [
            r for r in demo_store.risk_rows("CX-FIX", tz=UTC) if r.title == "Carrier API may slip"
        ]
        assert len(risks) == 1 and row.task_code in risks[0].task_codes
        assert len(standup.sheet.new_risks) == before + 1
