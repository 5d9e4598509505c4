"""A meeting run from the keyboard: capture, move on, attendance, finish, resume."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import Select, SelectionList

from collabtui.dialogs.runner import CaptureForm
from collabtui.screens.runner import MeetingRunnerScreen, clock_text
from collabtui.store.meeting_run import AgendaDraft, MeetingDraft
from collabtui.widgets.record_table import RecordTable

from .conftest import SIZE

START = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def plan(store):
    it = store.add_department("IT")
    ann = store.add_person("Ann", department_id=it.id)
    bo = store.add_person("Bo", department_id=it.id)
    cy = store.add_person("Cy")
    project = store.create_project("P1", "Launch")
    meeting = store.plan_meeting(
        MeetingDraft(
            project_id=project.id,
            title="[bold]Kick-off[/]",
            start_at=START,
            duration_min=30,
            host_id=ann.id,
            attendees=[(ann.id, "decision_maker"), (bo.id, "executor"), (cy.id, "cc")],
            agenda=[
                AgendaDraft("Goals", ann.id, 5),
                AgendaDraft("Plan", bo.id, 15),
                AgendaDraft("Budget", ann.id, 10, "decision"),
            ],
        )
    )
    return meeting, ann, bo, cy


async def capture(pilot, key: str, text: str, owner=None, due: str = "") -> None:
    await pilot.press(key)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, CaptureForm)
    if owner is not None:
        form.query_one("#f-owner_id", Select).value = owner
    if due:
        form.query_one("#f-due_on").value = due
    form.query_one("#f-text").focus()
    await pilot.press(*text, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MeetingRunnerScreen)


async def test_a_meeting_run_by_keys_is_saved_as_it_goes(store, make_app):
    meeting, ann, bo, _cy = plan(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MeetingRunnerScreen(meeting.id))
        await pilot.pause()
        runner = app.screen
        assert "[bold]Kick-off[/]" in str(runner.query_one("#runner-title").render())
        assert "1/3" in str(runner.query_one("#runner-item").render())
        await capture(pilot, "d", "Ship in Q1", owner=ann.id, due="2027-01-05")
        await pilot.press("n")
        await pilot.pause()
        assert "2/3" in str(runner.query_one("#runner-item").render())
        await capture(pilot, "a", "Draft the plan", owner=bo.id, due="2026-12-10")
        await capture(pilot, "o", "Who pays the agency")
        await capture(pilot, "t", "Bo presents the plan")
        await pilot.press("n")
        await pilot.pause()
        await capture(pilot, "d", "Budget 80k", owner=ann.id, due="2026-12-01")
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#f-present", SelectionList).select_all()
        app.screen.query_one("#f-present", SelectionList).deselect(
            store.meeting_detail(meeting.id).attendees[1][0].id
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        table = runner.query_one("#runner-captures", RecordTable)
        assert table.row_count == 4

    detail = store.meeting_detail(meeting.id)
    assert detail.meeting.started_at == START and detail.meeting.ended_at == START
    assert [d.text for d in detail.decisions] == ["Ship in Q1", "Draft the plan", "Budget 80k"]
    assert [(a.title, a.owner_id, str(a.due_on)) for a in detail.actions] == [
        ("Draft the plan", bo.id, "2026-12-10")
    ]
    assert [o.text for o in detail.open_items] == ["Who pays the agency"]
    assert detail.agenda[1].notes == "Bo presents the plan"
    assert [a.attended for a, _ in detail.attendees] == [True, False, True]
    assert detail.meeting.current_item == 2


async def test_reopening_the_runner_resumes_on_the_same_item(store, make_app):
    meeting, *_ = plan(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MeetingRunnerScreen(meeting.id))
        await pilot.pause()
        await pilot.press("n", "n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(MeetingRunnerScreen(meeting.id))
        await pilot.pause()
        assert "3/3" in str(app.screen.query_one("#runner-item").render())
        await pilot.press("p")
        await pilot.pause()
        assert "2/3" in str(app.screen.query_one("#runner-item").render())
    assert store.meeting_detail(meeting.id).meeting.current_item == 1


async def test_a_capture_without_text_stays_open_and_saves_nothing(store, make_app):
    meeting, *_ = plan(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MeetingRunnerScreen(meeting.id))
        await pilot.pause()
        await pilot.press("d", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaptureForm)
        assert "required" in str(app.screen.query_one("#e-text").render())
    assert store.meeting_detail(meeting.id).decisions == ()


def test_clock_shows_overtime_plainly():
    assert str(clock_text(125, 5)) == "02:05 / 05:00  02:55 left"
    assert str(clock_text(5 * 60 + 42, 5)) == "05:42 / 05:00  overtime 00:42"
    assert str(clock_text(timedelta(minutes=1).total_seconds(), 1)) == "01:00 / 01:00  00:00 left"
