"""Issue 16 at the keyboard: the meetings tab shows each meeting's state, N leaves a
trace there, and opening a meeting days early asks before starting it."""

from __future__ import annotations

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.screens.project import ProjectScreen
from collabtui.screens.runner import MeetingRunnerScreen
from collabtui.widgets.record_table import RecordTable

from ..unit.test_lifecycle_c import _planned
from .conftest import SIZE
from .test_real_clock import until


def _state_of(table: RecordTable, meeting_id: int) -> str:
    row = next(
        i for i in range(table.row_count) if table.ordered_rows[i].key.value == str(meeting_id)
    )
    return str(table.get_row_at(row)[2])


async def test_the_meetings_tab_shows_states_and_an_early_start_is_asked_first(
    demo_store, make_app
):
    pid = demo_store.project_id("CX-FIX")
    held = next(m for m in demo_store.meetings(pid) if m.kind == "coordination")
    review = _planned(demo_store)  # CX-FIX's "Scope check", five days ahead
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_project(pid, tab="meetings")
        await until(
            pilot,
            lambda: isinstance(app.screen, ProjectScreen) and app.screen.query("#meeting-list"),
            "the meetings tab",
        )
        table = app.screen.query_one("#meeting-list", RecordTable)
        await until(pilot, lambda: table.row_count > 0, "the meetings listed")
        assert _state_of(table, review.id) == "Planned"
        assert _state_of(table, held.id) == "Minutes distributed"

        row = next(
            i for i in range(table.row_count) if table.ordered_rows[i].key.value == str(review.id)
        )
        table.focus()
        table.move_cursor(row=row)
        await pilot.press("N")  # the notice goes out: the row says so, not only a toast
        await until(pilot, lambda: _state_of(table, review.id) == "Notice sent", "the state")

        await pilot.press("enter")  # five days early: a question, nothing started yet
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        assert demo_store.meeting_detail(review.id).meeting.started_at is None
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, ProjectScreen), "back on the project")
        assert demo_store.meeting_detail(review.id).meeting.started_at is None

        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question again")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, MeetingRunnerScreen), "the runner")
        assert demo_store.meeting_detail(review.id).meeting.started_at is not None


async def test_p_on_an_item_whose_task_is_unfinished_asks_first(demo_store, make_app):
    from .test_acceptance import go_to_item, items, open_acceptance

    task = next(r for r in demo_store.task_rows("Q4-LAUNCH") if r.code == "T-04")
    assert task.progress < 100
    item = demo_store.add_acceptance_item("Q4-LAUNCH", deliverable="Detail page", task_id=task.id)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acceptance(pilot, demo_store)
        await go_to_item(pilot, screen, "Detail page")
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        question = str(app.screen.query_one("#question").render())
        assert f"only at {task.progress} %" in question
        await pilot.press("n")
        await until(pilot, lambda: app.screen is screen, "back on the acceptance list")
        verdict = next(i.verdict for i in items(demo_store) if i.id == item.id)
        assert verdict == "pending"
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question again")
        await pilot.press("y")
        await until(
            pilot,
            lambda: next(i.verdict for i in items(demo_store) if i.id == item.id) == "pass",
            "the pass",
        )
