"""Every screen on the real clock, in a zone east and a zone west of UTC (issue 13).

The other app tests stop the clock at FIXED_NOW in UTC; the app a person launches
reads the real moment in the machine's zone, and that path once crashed where every
test passed. Here the app gets the real :class:`Clock` with ``TZ`` set, so each screen
is drawn, driven and saved on whatever day it is in Shanghai and in New York. The
assertions hold on any day: screen classes, titles, row counts read from the store
with the app clock's today, answers found in the store afterwards.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, SelectionList, Static, TabbedContent

from collabtui.app import CollabApp
from collabtui.config import Config
from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.dialogs.runner import CaptureForm
from collabtui.dialogs.standup import SummaryDialog
from collabtui.domain.board import COLUMNS
from collabtui.domain.clock import Clock
from collabtui.domain.weeks import iso_week
from collabtui.domain.workdays import work_calendar
from collabtui.screens.acceptance import AcceptanceScreen
from collabtui.screens.attention import compute_alerts
from collabtui.screens.board import BoardScreen
from collabtui.screens.dashboard import DashboardScreen
from collabtui.screens.directory import DirectoryScreen
from collabtui.screens.handbook import HandbookScreen
from collabtui.screens.minutes import DecisionsScreen, MinutesScreen
from collabtui.screens.planner import MeetingPlanScreen
from collabtui.screens.progress import ProgressScreen
from collabtui.screens.project import ProjectScreen
from collabtui.screens.resources import ResourcesScreen
from collabtui.screens.retro import RetroScreen
from collabtui.screens.risks import RiskRegisterScreen
from collabtui.screens.runner import MeetingRunnerScreen
from collabtui.screens.standup import StandupScreen
from collabtui.widgets.record_table import RecordTable
from collabtui.widgets.row_list import RowList
from collabtui.widgets.task_table import TaskTable
from tests.support.internals import app_exception, messages

from .conftest import TALL

#: East of UTC (no daylight saving) and west of it (with): days turn at other moments.
ZONES = ("Asia/Shanghai", "America/New_York")

#: Upper bound on waiting for a condition; a condition met returns at once.
DEADLINE_S = 20.0


@pytest.fixture(params=ZONES)
def zone(request, monkeypatch):
    """The machine's zone for the test: ``TZ`` set and applied, restored afterwards."""
    before = os.environ.get("TZ")
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    if before is None:
        monkeypatch.delenv("TZ", raising=False)
    else:
        monkeypatch.setenv("TZ", before)
    time.tzset()


@pytest.fixture
def make_real_app(zone, isolated):
    """``make_real_app(store)`` → a CollabApp on the real clock, in the machine's zone."""

    def build(store, *, lang: str = "en") -> CollabApp:
        config = Config(path=isolated / "config" / "config.toml")
        app = CollabApp(url=store.url, config=config, lang=lang, clock=Clock(), store=store)
        assert app.clock.tz == ZoneInfo(zone), "the real clock reads the zone from TZ"
        return app

    return build


async def until(pilot, condition: Callable[[], object], what: str) -> None:
    """Let the app run until ``condition()`` holds (workers done, screens drawn)."""
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what}; on top: {pilot.app.screen!r}")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def press_until(pilot, key: str, screen_type: type, *more: str):
    """Press ``key`` (then ``more``) and wait for a ``screen_type`` on top; return it."""
    await pilot.press(key, *more)
    await until(pilot, lambda: isinstance(pilot.app.screen, screen_type), screen_type.__name__)
    await pilot.pause()
    return pilot.app.screen


async def back_to(pilot, screen_type: type) -> None:
    await pilot.press("escape")
    await until(pilot, lambda: isinstance(pilot.app.screen, screen_type), screen_type.__name__)


async def open_project(pilot, store, code: str) -> ProjectScreen:
    pilot.app.open_project(store.project_id(code))
    await until(pilot, lambda: isinstance(pilot.app.screen, ProjectScreen), "the project")
    await pilot.pause()
    return pilot.app.screen


def rows(screen, selector: str) -> int:
    return screen.query_one(selector, RecordTable).row_count


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def healthy(app: CollabApp) -> None:
    """The app did not crash, and said no error on the way."""
    assert app.return_code in (None, 0)
    assert app_exception(app) is None
    errors = messages(app, "error")
    assert not errors, errors


async def test_dashboard_attention_and_the_lists_of_every_project(demo_store, make_real_app):
    app = make_real_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        dashboard = app.screen
        await until(pilot, lambda: dashboard.found_alerts is not None, "the rules checked")
        today = app.clock.today()
        assert rows(dashboard, "#projects") == len(demo_store.dashboard(today)) == 3
        expected = compute_alerts(app)
        assert len(dashboard.found_alerts) == len(expected)
        assert rows(dashboard, "#attention") == min(len(expected), 200)
        assert "failed" not in text(dashboard, "#attention-title").lower()

        # a: into the list; enter opens the record of the first alert, escape comes back
        if expected:
            await pilot.press("a")
            await until(pilot, lambda: app.focused is dashboard.query_one("#attention"), "focus")
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is not dashboard, "the alert's record")
            await pilot.pause()
            await back_to(pilot, DashboardScreen)

        # the decisions, risks and board of every project
        decisions = await press_until(pilot, "k", DecisionsScreen)
        assert rows(decisions, "#decisions") == len(demo_store.decision_rows(None))
        await back_to(pilot, DashboardScreen)
        risks = await press_until(pilot, "w", RiskRegisterScreen)
        assert rows(risks, "#risk-register") == len(demo_store.risk_rows(None, tz=app.clock.tz))
        await back_to(pilot, DashboardScreen)
        board = await press_until(pilot, "b", BoardScreen)
        await until(pilot, lambda: board.view.columns, "the cards")
        shown = sum(len(c.cards) for c in board.view.columns)
        assert shown == len(demo_store.task_cards(None, today=app.clock.today()))
        await back_to(pilot, DashboardScreen)
        healthy(app)


async def test_directory_and_handbook(demo_store, make_real_app):
    app = make_real_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        directory = await press_until(pilot, "d", DirectoryScreen)
        departments = [d for d in demo_store.departments() if d.retired_at is None]
        people = [p for p in demo_store.people() if p.retired_at is None]
        assert rows(directory, "#department-table") == len(departments) > 0
        assert rows(directory, "#person-table") == len(people) > 0
        directory.query_one(TabbedContent).active = "people"
        await until(pilot, lambda: directory.tab == "people", "the people tab")
        await back_to(pilot, DashboardScreen)

        handbook = await press_until(pilot, "H", HandbookScreen)
        practices = demo_store.practices()
        assert rows(handbook, "#practice-list") == len(practices) > 0
        await pilot.press("enter")  # a practice whole
        await pilot.pause()
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HandbookScreen), "the handbook")
        await back_to(pilot, DashboardScreen)
        healthy(app)


async def test_every_project_tab_then_the_board_and_its_table(demo_store, make_real_app):
    app = make_real_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        project = await open_project(pilot, demo_store, "Q4-LAUNCH")
        pid = project.project_id
        assert "Q4-LAUNCH" in text(project, "#heading")
        tabs = project.query_one(TabbedContent)
        for key, tab in (("2", "meetings"), ("3", "tasks"), ("4", "risks"), ("1", "overview")):
            await pilot.press(key)
            await until(pilot, lambda tab=tab: tabs.active == tab, f"the {tab} tab")
        assert rows(project, "#departments") == len(demo_store.project_departments(pid)) > 0
        assert rows(project, "#meeting-list") == len(demo_store.meetings(pid)) > 0
        assert rows(project, "#task-list") == len(
            demo_store.task_cards("Q4-LAUNCH", today=app.clock.today())
        )
        risks = demo_store.risk_rows(pid, tz=app.clock.tz)
        assert rows(project, "#risk-list") == len(risks)

        board = await press_until(pilot, "b", BoardScreen)
        await until(pilot, lambda: board.view.columns, "the cards")
        cards = demo_store.task_cards("Q4-LAUNCH", today=app.clock.today())
        shown = {c.status: sorted(card.code for card in c.cards) for c in board.view.columns}
        assert list(shown) == list(COLUMNS)
        assert shown == {s: sorted(c.code for c in cards if c.status == s) for s in COLUMNS}
        await pilot.press("t")  # the tracking table (表3)
        await until(pilot, lambda: board.query(TaskTable), "the tracking table")
        table = board.query_one(TaskTable)
        await until(pilot, lambda: table.row_count == len(cards), "the table's rows")
        await pilot.press("t")
        await until(pilot, lambda: app.focused is board.view, "the board again")
        await back_to(pilot, ProjectScreen)
        healthy(app)


async def test_weekly_standup_summary_and_the_progress_lists(demo_store, make_real_app):
    app = make_real_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        await open_project(pilot, demo_store, "Q4-LAUNCH")
        standup = await press_until(pilot, "S", StandupScreen)
        week = iso_week(app.clock.today())
        assert standup.week == week
        assert "Q4-LAUNCH" in standup.sub_title and week in standup.sub_title
        assert standup.sheet.departments, "the demo project has tasks this week"
        row = standup.row
        assert row is not None

        await pilot.press("o", "7")  # on track, 70 %: saved at once
        saved = next(
            r for r in demo_store.progress_list("Q4-LAUNCH", week) if r.task_id == row.task_id
        )
        assert (saved.status, saved.completion) == ("on_track", 70)

        dialog = await press_until(pilot, "f", SummaryDialog)
        assert dialog.week == week
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ProjectScreen), "the project again")
        listed = demo_store.progress_list("Q4-LAUNCH", week)
        assert len(listed) == sum(len(d.rows) for d in standup.sheet.departments)
        assert week in demo_store.progress_weeks("Q4-LAUNCH")

        # L: the lists, newest recorded first; [ goes to an earlier one, shift+← a calendar week
        progress = await press_until(pilot, "L", ProgressScreen)
        weeks = demo_store.progress_weeks("Q4-LAUNCH")
        assert progress.week == weeks[0] == week
        assert rows(progress, "#progress-table") == len(listed)
        if len(weeks) > 1:
            await pilot.press("left_square_bracket")
            await until(pilot, lambda: progress.week == weeks[1], "the earlier list")
            earlier = demo_store.progress_list("Q4-LAUNCH", weeks[1])
            assert rows(progress, "#progress-table") == len(earlier)
            await pilot.press("right_square_bracket")
            await until(pilot, lambda: progress.week == week, "this week's list")
        await pilot.press("shift+left")
        await until(pilot, lambda: progress.week < week, "the calendar week before")
        assert week in text(progress, "#progress-info") or progress.week in text(
            progress, "#progress-info"
        )
        await back_to(pilot, ProjectScreen)
        healthy(app)


async def test_resources_risks_acceptance_and_retrospective(demo_store, make_real_app):
    app = make_real_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        project = await open_project(pilot, demo_store, "Q4-LAUNCH")
        pid = project.project_id
        resources = await press_until(pilot, "R", ResourcesScreen)
        assert rows(resources, "#resource-list") == len(demo_store.resource_rows(pid))
        await back_to(pilot, ProjectScreen)

        register = await press_until(pilot, "w", RiskRegisterScreen)
        risks = demo_store.risk_rows(pid, tz=app.clock.tz)
        assert rows(register, "#risk-register") == len(risks) > 0
        await back_to(pilot, ProjectScreen)

        acceptance = await press_until(pilot, "A", AcceptanceScreen)
        report = demo_store.acceptance_report(pid)
        assert rows(acceptance, "#item-list") == len(report.items)
        assert rows(acceptance, "#signoff-list") > 0
        await back_to(pilot, ProjectScreen)
        await back_to(pilot, DashboardScreen)

        # the demo's finished project has its retrospective; capture a highlight
        await open_project(pilot, demo_store, "VIP-PTS")
        retro = await press_until(pilot, "T", RetroScreen)
        assert text(retro, "#retro-rule")
        before = rows(retro, "#retro-items")
        await pilot.press("h")
        await until(pilot, lambda: app.screen is not retro, "the capture line")
        await pilot.press(*"Clear owners from day one", "enter")
        await until(pilot, lambda: app.screen is retro, "the retrospective again")
        await until(pilot, lambda: rows(retro, "#retro-items") == before + 1, "the new item")
        await back_to(pilot, ProjectScreen)
        healthy(app)


async def test_meeting_planner_runner_and_minutes(demo_store, make_real_app):
    app = make_real_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        project = await open_project(pilot, demo_store, "Q4-LAUNCH")
        pid = project.project_id
        before = {m.id for m in demo_store.meetings(pid)}

        # a: the planner, its start proposed at 10:00 local on the first working day at
        # least four days from now (the day after, when 10:00 has passed then: issue 16)
        form = await press_until(pilot, "a", MeetingPlanScreen)
        proposed = form.query_one("#f-start_at", Input).value
        earliest = app.clock.local(app.clock.now()) + timedelta(days=4)
        day = earliest.date() + timedelta(days=1 if earliest.time() > clock_time(10) else 0)
        workday = work_calendar(app.config.holiday_country).is_workday
        while not workday(day):
            day += timedelta(days=1)
        assert proposed == f"{day:%Y-%m-%d} 10:00"
        people = demo_store.people()
        form.query_one("#f-title", Input).value = "Zone check"
        form.query_one("#f-goal", Input).value = "Meet on the user's wall clock"
        form.query_one("#f-role-decision_maker", SelectionList).select(people[0].id)
        form.query_one("#f-role-executor", SelectionList).select(people[1].id)
        agenda = form.query_one("#agenda", RowList)
        agenda.rows[0].query("Input").first().focus()
        await pilot.press(*"Status", "tab", *people[0].name, "tab", *"10", "tab", *"report")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ProjectScreen), "the project again")
        (new,) = [m for m in demo_store.meetings(pid) if m.id not in before]
        meeting = demo_store.meeting_detail(new.id).meeting
        assert app.clock.local(meeting.start_at).replace(tzinfo=None) == datetime(
            day.year, day.month, day.day, 10
        )

        # enter on the meetings tab runs the meeting under the cursor
        table = project.query_one("#meeting-list", RecordTable)
        await until(pilot, lambda: table.cursor_key is not None, "the meetings listed")
        row = next(
            i for i in range(table.row_count) if table.ordered_rows[i].key.value == str(new.id)
        )
        table.focus()
        table.move_cursor(row=row)
        await press_until(pilot, "enter", ConfirmDialog)  # planned ahead: asks first
        runner = await press_until(pilot, "y", MeetingRunnerScreen)
        assert "Zone check" in text(runner, "#runner-title")
        assert text(runner, "#runner-clock")
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, CaptureForm), "the capture form")
        app.screen.query_one("#f-text").focus()
        await pilot.press(*"Noted in local time", "enter")
        await until(pilot, lambda: app.screen is runner, "the runner again")
        await pilot.press("f")
        await until(
            pilot, lambda: demo_store.meeting_detail(new.id).meeting.ended_at, "the meeting ended"
        )
        await back_to(pilot, ProjectScreen)

        # o: the minutes of the meeting under the cursor
        minutes = await press_until(pilot, "o", MinutesScreen)
        assert "Zone check" in minutes.markdown
        assert "Noted in local time" in minutes.markdown
        assert f"{day:%Y-%m-%d} 10:00" in minutes.markdown  # the start on the local clock
        await back_to(pilot, ProjectScreen)
        healthy(app)
