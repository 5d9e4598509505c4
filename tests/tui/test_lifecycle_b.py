"""Issue 16 (part b) at the keyboard: the request form's dates, what the planner says is
missing, and the planner's default time on a working day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from textual.widgets import Input, Static

from collabtui.screens.project import ProjectScreen
from collabtui.screens.request_form import RequestFormScreen
from tests.support.internals import messages

from .conftest import TALL
from .test_real_clock import until


async def test_the_request_form_has_start_and_planned_end_dates(demo_store, make_app):
    project = demo_store.project("CX-FIX")
    draft = demo_store.request_draft(project.id)
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        form = RequestFormScreen(draft, demo_store.departments(), demo_store.people())
        app.push_screen(form)
        await pilot.pause()
        start = form.query_one("#f-start_on", Input)
        end = form.query_one("#f-end_on", Input)
        assert (start.value, end.value) == (
            project.start_on.isoformat(),
            project.end_on.isoformat(),
        )
        end.focus()
        end.value = ""
        await pilot.press(*"2026-11-01", "ctrl+s")  # before the start (2026-11-16)
        await pilot.pause()
        assert app.screen is form
        assert "before the start" in str(form.query_one("#e-end_on", Static).render())
        end.value = ""
        await pilot.press(*"2026-13-45", "ctrl+s")
        await pilot.pause()
        assert "not a date" in str(form.query_one("#e-end_on", Static).render())
        end.value = ""
        await pilot.press(*"2027-02-28", "ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    assert demo_store.project("CX-FIX").end_on == date(2027, 2, 28)
    assert demo_store.project("CX-FIX").start_on == project.start_on
    assert messages(app)  # the save was said


@pytest.mark.parametrize(
    ("now", "key", "ahead"),
    [
        (datetime(2026, 11, 25, 9, 30, tzinfo=UTC), "a", 4),  # + 4 days: a Sunday
        (datetime(2026, 11, 25, 9, 30, tzinfo=UTC), "v", 3),  # + 3 days: a Saturday
        (datetime(2026, 9, 27, 9, 30, tzinfo=UTC), "a", 4),  # + 4 days: National Day
    ],
)
async def test_a_new_meeting_defaults_to_a_working_day(demo_store, make_app, now, key, ahead):
    """The planner (a) and the requirement review (v) propose 10:00 on the first working
    day of the holiday calendar at least that many days ahead, never a weekend or holiday."""
    from collabtui.domain.clock import FixedClock
    from collabtui.domain.workdays import work_calendar

    app = make_app(demo_store)
    app.clock = FixedClock(now, app.clock.tz)
    calendar = work_calendar(app.config.holiday_country)
    async with app.run_test(size=TALL) as pilot:
        app.open_project(demo_store.project_id("CX-FIX"))
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        await pilot.press(key)
        await pilot.pause()
        field = app.screen.query_one("#f-start_at", Input)
        proposed = datetime.strptime(field.value, "%Y-%m-%d %H:%M")
        earliest = app.clock.local(now).date() + timedelta(days=ahead)
        assert proposed.hour == 10 and proposed.weekday() < 5
        assert calendar.is_workday(proposed.date())
        assert proposed.date() > earliest  # the day itself was not a working day
        day = earliest
        while day < proposed.date():  # and none was skipped
            assert not calendar.is_workday(day), day
            day += timedelta(days=1)


async def test_space_in_the_decision_list_never_proposes_a_refused_move(demo_store, make_app):
    """A decision whose task is not done cannot be done: space skips "done" and goes to
    "dropped", then back to "open" — no refusal, no error."""
    from collabtui.screens.minutes import DecisionsScreen
    from collabtui.widgets.record_table import RecordTable

    pid = demo_store.project_id("CX-FIX")
    row = next(r for r in demo_store.decision_rows(pid) if r.task_code == "C-04")
    assert (row.status, row.task_status) == ("open", "in_progress")
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        screen = DecisionsScreen(pid)
        app.push_screen(screen)
        await until(pilot, lambda: screen.rows, "the decisions")
        table = screen.query_one("#decisions", RecordTable)
        while table.cursor_key != str(row.id):
            await pilot.press("down")
        assert screen.active_bindings["space"].enabled
        seen = []
        for _ in range(3):
            await pilot.press("space")
            await until(
                pilot,
                lambda: (
                    screen._current() is not None
                    and screen._current().status != (seen[-1] if seen else "open")
                ),
                "the status moved",
            )
            seen.append(screen._current().status)
        assert seen == ["dropped", "open", "dropped"]
        assert messages(app, "error") == []


async def test_minutes_of_a_meeting_not_held_offer_no_distribution(demo_store, make_app):
    """The minutes screen asks the meeting's table: s is disabled until the meeting
    ended, and pressing it says why; the document states the meeting's state."""
    from collabtui.screens.minutes import MinutesScreen
    from collabtui.store.meeting_run import MeetingDraft

    from ..conftest import FIXED_NOW

    pid = demo_store.project_id("CX-FIX")
    start = FIXED_NOW + timedelta(days=5)
    meeting = demo_store.plan_meeting(MeetingDraft(project_id=pid, title="Later", start_at=start))
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        screen = MinutesScreen(meeting.id)
        app.push_screen(screen)
        await until(pilot, lambda: screen.state is not None, "the minutes")
        assert "| State | Planned |" in screen.markdown
        assert screen.active_bindings["s"].enabled is False
        await pilot.press("s")
        await pilot.pause()
        assert "only after the meeting has ended" in " ".join(messages(app, "error"))
        assert demo_store.meeting_detail(meeting.id).meeting.minutes_distributed_at is None
        demo_store.start_meeting(meeting.id, now=start)
        demo_store.finish_meeting(meeting.id, now=start + timedelta(hours=1))
        screen.refresh_data(now=True)
        await until(pilot, lambda: screen.active_bindings["s"].enabled, "s offered")
        assert "| State | Held |" in screen.markdown
