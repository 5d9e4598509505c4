"""After the meeting, by keys: minutes, distribution, follow-up, decision tracking."""

from __future__ import annotations

from collabtui.dialogs.forms import WhenForm
from collabtui.screens.minutes import DecisionsScreen, MinutesScreen
from collabtui.screens.project import ProjectScreen
from collabtui.widgets.record_table import RecordTable

from .conftest import SIZE


def meeting_with_open_item(store):
    return next(
        m
        for m in store.meetings()
        if any(o.follow_up_meeting_id is None for o in store.meeting_detail(m.id).open_items)
    )


async def test_minutes_show_rules_then_distribute_and_follow_up(demo_store, make_app, clock):
    meeting = meeting_with_open_item(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MinutesScreen(meeting.id))
        await pilot.pause()
        screen = app.screen
        assert "no follow-up meeting yet" in str(screen.query_one("#minutes-problems").render())
        assert meeting.title in screen.markdown
        await pilot.press("s")
        await pilot.pause()
        detail = demo_store.meeting_detail(meeting.id)
        assert detail.meeting.minutes_distributed_at == clock.now()
        assert detail.meeting.distributed_to
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, WhenForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "no follow-up meeting yet" not in str(screen.query_one("#minutes-problems").render())
    follow_ups = [m for m in demo_store.meetings() if m.kind == "follow_up"]
    opens = demo_store.meeting_detail(meeting.id).open_items
    assert all(o.follow_up_meeting_id for o in opens)
    assert any(m.id == opens[0].follow_up_meeting_id for m in follow_ups)


async def test_minutes_export_key_writes_the_file(demo_store, make_app, isolated):
    meeting = demo_store.meetings("Q4-LAUNCH")[0]
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MinutesScreen(meeting.id))
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
    files = list((isolated / "data" / "exports").glob("*.md"))
    assert len(files) == 1
    assert meeting.title in files[0].read_text(encoding="utf-8")


async def test_decisions_list_cycles_status_and_flags_overdue(demo_store, make_app, clock):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        project = demo_store.project("Q4-LAUNCH")
        app.open_project(project.id)
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DecisionsScreen)
        rows = demo_store.decision_rows(project.id)
        table = screen.query_one("#decisions", RecordTable)
        assert table.row_count == len(rows)
        overdue = [
            i
            for i, r in enumerate(rows)
            if r.status == "open" and r.due_on and r.due_on < clock.today()
        ]
        assert overdue, "the demo has an overdue decision"
        assert "red" in str(table.get_row_at(overdue[0])[4].style)
        first = rows[0]
        await pilot.press("space")
        await pilot.pause()
        after = demo_store.decision_rows(project.id)[0]
        cycle = ["open", "done", "dropped"]
        assert after.status == cycle[(cycle.index(first.status) + 1) % 3]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)


async def test_minutes_notes_can_be_edited_after_the_meeting(demo_store, make_app):
    from textual.widgets import TextArea

    meeting = demo_store.meetings("CX-FIX")[0]
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MinutesScreen(meeting.id))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-notes", TextArea).text = "Corrected: **two** owners | not one"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
        assert "Corrected: \\*\\*two\\*\\* owners \\| not one" in app.screen.markdown
    assert demo_store.meeting_detail(meeting.id).meeting.notes == (
        "Corrected: **two** owners | not one"
    )


async def test_dashboard_opens_the_decisions_of_all_projects(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, DecisionsScreen)
        table = app.screen.query_one("#decisions", RecordTable)
        assert table.row_count == len(demo_store.decision_rows()) > 0
