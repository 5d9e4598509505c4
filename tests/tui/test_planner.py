"""Planning a meeting from the keyboard, and sending its notice."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import SelectionList

from collabtui.screens.planner import MeetingPlanScreen
from collabtui.screens.project import ProjectScreen
from collabtui.widgets.record_table import RecordTable
from collabtui.widgets.row_list import RowList

from .conftest import TALL


def setup(store):
    it = store.add_department("IT")
    ann = store.add_person("Ann", department_id=it.id)
    bo = store.add_person("白冰", department_id=it.id)
    cy = store.add_person("Cy")
    project = store.create_project("P1", "Launch")
    return project, ann, bo, cy


async def test_plan_a_meeting_by_keys(store, make_app, clock):
    project, ann, bo, cy = setup(store)
    app = make_app(store)
    async with app.run_test(size=TALL) as pilot:
        app.open_project(project.id)
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MeetingPlanScreen)
        await pilot.press(*"Weekly sync", "tab", *"Unblock the launch", "tab")
        start = form.query_one("#f-start_at")
        start.value = ""
        await pilot.press(*"2026-12-02 10:00", "tab", "ctrl+a", "ctrl+k", *"30")
        form.query_one("#f-role-decision_maker", SelectionList).select(ann.id)
        form.query_one("#f-role-executor", SelectionList).select(bo.id)
        form.query_one("#f-role-cc", SelectionList).select(cy.id)
        agenda = form.query_one("#agenda", RowList)
        agenda.rows[0].query("Input").first().focus()
        await pilot.press(*"Status", "tab", *"Ann", "tab", *"10", "tab", *"report", "ctrl+n")
        await pilot.pause()
        await pilot.press(*"Risks", "tab", *"白冰", "tab", *"15", "tab", *"决策")
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = [str(w.render()) for w in form.query(".error") if str(w.render())]
        assert isinstance(app.screen, ProjectScreen), errors
    meeting = store.meetings(project.id)[0]
    detail = store.meeting_detail(meeting.id)
    assert detail.meeting.title == "Weekly sync"
    assert detail.meeting.start_at == datetime(2026, 12, 2, 10, tzinfo=UTC)
    assert detail.meeting.duration_min == 30
    assert [(a.role.value, p.name) for a, p in detail.attendees] == [
        ("decision_maker", "Ann"),
        ("executor", "白冰"),
        ("cc", "Cy"),
    ]
    assert [(i.title, i.owner_id, i.timebox_min, i.kind.value) for i in detail.agenda] == [
        ("Status", ann.id, 10, "report"),
        ("Risks", bo.id, 15, "decision"),
    ]


async def test_unknown_owner_is_explained_and_nothing_is_saved(store, make_app):
    project, *_ = setup(store)
    app = make_app(store)
    async with app.run_test(size=TALL) as pilot:
        app.open_project(project.id)
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-title").value = "Sync"
        agenda = form.query_one("#agenda", RowList)
        agenda.rows[0].query("Input").first().focus()
        await pilot.press(*"Item", "tab", *"Nobody")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Nobody" in str(form.query_one("#e-agenda").render())
    assert store.meetings(project.id) == []


async def test_send_notice_key_records_the_time(demo_store, make_app, clock):
    project = demo_store.project("CX-FIX")
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        app.open_project(project.id, tab="meetings")
        await pilot.pause()
        # The review to come (its notice sent again): the held workshop refuses N.
        upcoming = demo_store.meetings(project.id)[-1]
        table = app.screen.query_one("#meeting-list", RecordTable)
        table.move_cursor(row=table.get_row_index(str(upcoming.id)))
        await pilot.pause()
        await pilot.press("N")
        await pilot.pause()
    assert demo_store.meeting_detail(upcoming.id).meeting.notice_sent_at == clock.now()
