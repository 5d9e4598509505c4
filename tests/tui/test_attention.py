"""The dashboard's "needs attention" list: the demo's alerts, and Enter opens the record."""

from __future__ import annotations

from collabtui.domain.alerts import Alert
from collabtui.screens.attention import open_alert
from collabtui.screens.dashboard import DashboardScreen
from collabtui.screens.minutes import DecisionsScreen, MinutesScreen
from collabtui.screens.project import ProjectScreen
from collabtui.screens.resources import ResourcesScreen
from collabtui.screens.task_editor import TaskEditor
from collabtui.widgets.record_table import RecordTable

from .conftest import SIZE


async def settled(pilot) -> None:
    """Wait for the rules to be checked (they run in a thread) and shown."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def attention(app) -> RecordTable:
    return app.screen.query_one("#attention", RecordTable)


def row_texts(table: RecordTable) -> list[str]:
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def open_row(pilot, contains: str):
    """Focus the list, put the cursor on the row holding ``contains``, press Enter."""
    dashboard = pilot.app.screen
    assert isinstance(dashboard, DashboardScreen)
    await pilot.press("a")
    table = attention(pilot.app)
    assert pilot.app.focused is table
    index = next(i for i, text in enumerate(row_texts(table)) if contains in text)
    table.move_cursor(row=index)
    await pilot.press("enter")
    await pilot.pause()
    return dashboard.found_alerts[index]


async def test_the_list_shows_the_demos_alerts_most_severe_first(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        table = attention(app)
        assert table.display and table.row_count == 10
        rows = row_texts(table)
        assert rows[0].startswith("Overdue Decision tracked Q4-LAUNCH")
        assert "T-04" in rows[2] and "overdue since 2026-11-26" in rows[2]
        assert rows[-1].startswith("Note")
        title = str(app.screen.query_one("#attention-title").render())
        assert "3 overdue · 3 warnings · 4 notes" in title
        assert app.screen.query_one("#projects", RecordTable).row_count == 3


async def test_the_list_in_chinese(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        rows = row_texts(attention(app))
        assert rows[0].startswith("已逾期 决议跟踪 Q4-LAUNCH")
        assert "待处理事项 · 逾期 3 · 警告 3 · 提示 4" in str(
            app.screen.query_one("#attention-title").render()
        )


async def test_enter_on_an_overdue_task_opens_the_task_editor(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        alert = await open_row(pilot, "T-04")
        assert isinstance(app.screen, TaskEditor)
        assert app.screen.task_id == alert.record_id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_enter_on_a_decision_opens_the_decisions_on_that_decision(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        alert = await open_row(pilot, "CX-FIX")
        assert alert.record_type == "decision"
        assert isinstance(app.screen, DecisionsScreen)
        assert app.screen.project_id == alert.project_id
        table = app.screen.query_one("#decisions", RecordTable)
        assert table.cursor_key == str(alert.record_id)


async def test_enter_on_a_resource_and_an_open_item(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        alert = await open_row(pilot, "发布会场地")
        assert isinstance(app.screen, ResourcesScreen)
        assert app.screen.query_one("#resource-list", RecordTable).cursor_key == str(
            alert.record_id
        )
        await pilot.press("escape")
        await settled(pilot)
        alert = await open_row(pilot, "直播带货主播")
        assert isinstance(app.screen, MinutesScreen)
        assert app.screen.meeting_id == alert.meeting_id


async def test_meetings_projects_and_risks_open_where_they_are_listed(demo_store, make_app):
    app = make_app(demo_store)
    q4 = demo_store.project("Q4-LAUNCH")
    meeting = next(m for m in demo_store.meetings("Q4-LAUNCH") if m.title)
    risk_id = demo_store.project_overview(q4.id).risks[0].id

    def alert(kind: str, key: int, rule: str = "meeting_notice") -> Alert:
        return Alert(rule, "warning", "x", kind, key, "label", q4.id, q4.code)

    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await open_alert(app, alert("meeting", meeting.id))
        await pilot.pause()  # the project reads off the UI thread
        assert isinstance(app.screen, ProjectScreen)
        assert app.screen.query_one("#meeting-list", RecordTable).cursor_key == str(meeting.id)
        await app.pop_screen()  # gone before the next screen comes
        await pilot.pause()
        await open_alert(app, alert("meeting", meeting.id, "minutes_distributed"))
        assert isinstance(app.screen, MinutesScreen) and app.screen.meeting_id == meeting.id
        await app.pop_screen()  # gone before the next screen comes
        await pilot.pause()
        await open_alert(app, alert("project", q4.id, "weekly_progress"))
        assert isinstance(app.screen, ProjectScreen) and app.screen.project_id == q4.id
        await app.pop_screen()  # gone before the next screen comes
        await pilot.pause()
        await open_alert(app, alert("risk", risk_id, "risk_lead_time"))

        def risk_tables() -> list[RecordTable]:
            ids = ("risk-register", "risk-list")
            return [t for t in app.screen.query(RecordTable) if t.id in ids]

        for _ in range(200):  # the register is pushed, then reads off the UI thread
            if risk_tables() and risk_tables()[0].cursor_key is not None:
                break
            await pilot.pause()
        tables = risk_tables()
        assert tables and tables[0].cursor_key == str(risk_id)


async def test_an_empty_store_shows_no_list(store, make_app):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert not app.screen.query_one("#attention").display
        assert not app.screen.query_one("#attention-title").display
