"""The task editor from the board: one owner, dates, supports, the daily update log."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Select, Static

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.dialogs.conflict import ConflictDialog
from collabtui.dialogs.task_update import TaskUpdateForm
from collabtui.screens.task_editor import TaskEditor
from collabtui.widgets.board_view import BoardView
from collabtui.widgets.record_table import RecordTable
from collabtui.widgets.row_list import RowList

from .conftest import TALL
from .test_board import in_store, on_screen, open_board


def error_of(screen, field: str) -> str:
    return str(screen.query_one(f"#e-{field}", Static).render())


async def type_into(pilot, selector: str, text: str) -> None:
    """Focus the input and type ``text`` key by key, replacing what was there."""
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    widget.value = ""
    await pilot.press(*text)


async def test_n_creates_a_task_with_one_owner_in_the_current_column(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        board = await open_board(pilot, demo_store, "CX-FIX")
        await pilot.press("l")  # in progress
        await pilot.press("n")
        editor = app.screen
        assert isinstance(editor, TaskEditor) and editor.row is None
        await pilot.press(*"Write the escalation FAQ")
        await pilot.press("ctrl+s")  # no owner yet: refused, nothing saved
        assert "exactly one owner" in error_of(editor, "owner_id")
        assert app.screen is editor
        owner = next(p for p in demo_store.people() if p.name == "Emma Clarke")
        editor.query_one("#f-owner_id", Select).value = owner.id
        await type_into(pilot, "#f-start_on", "2026-12-03")
        await type_into(pilot, "#f-due_on", "2026-12-01")
        await pilot.press("ctrl+s")
        assert "before the start" in error_of(editor, "due_on")
        await type_into(pilot, "#f-due_on", "2026-12-10")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is board
        rows = {r.title: r for r in demo_store.task_rows("CX-FIX")}
        task = rows["Write the escalation FAQ"]
        assert task.owner_id == owner.id and task.status == "in_progress"
        assert (task.start_on, task.due_on) == (date(2026, 12, 3), date(2026, 12, 10))
        assert task.code and task.code not in {r.code for r in rows.values() if r is not task}
        assert on_screen(board) == in_store(demo_store, "CX-FIX")
        assert board.view.card.id == task.id  # the cursor is on the new card


async def test_e_edits_deliverable_supports_and_flags_what_is_missing(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        board = await open_board(pilot, demo_store, "CX-FIX")
        card = board.view.card
        with demo_store.db.write("test") as u:  # a task acceptance could not check
            from collabtui.store.models import Task

            u.edit(Task, card.id, None, deliverable="", quality_standard="")
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, TaskEditor) and editor.row.id == card.id
        flags = str(editor.query_one("#task-flags", Static).render())
        assert "no deliverable" in flags and "no quality standard" in flags
        await type_into(pilot, "#f-deliverable", "FAQ v1")
        await type_into(pilot, "#f-quality_standard", "Reviewed by QA")
        assert "no deliverable" not in str(editor.query_one("#task-flags", Static).render())
        supports = editor.query_one("#supports", RowList)
        kept = len(supports.rows)
        editor.query_one("#f-notes", Input).focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        taken = {s.department_id for s in editor.row.supports}
        dept = next(d for d in demo_store.departments() if d.id not in taken)
        contact = next(p for p in demo_store.people() if p.department_id == dept.id)
        cells = supports.rows[-1].cells()
        assert isinstance(cells[0], Select)  # picked from the directory, not typed
        cells[0].value = str(dept.id)
        cells[1].value = "Check carrier wording"
        cells[2].value = contact.name
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = demo_store.task_row(card.id)
        assert (saved.deliverable, saved.quality_standard) == ("FAQ v1", "Reviewed by QA")
        assert len(saved.supports) == kept + 1
        new = next(s for s in saved.supports if s.duty == "Check carrier wording")
        assert new.department == dept.name and new.contact == contact.name


async def test_a_support_without_a_department_is_reported_and_nothing_saved(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        board = await open_board(pilot, demo_store, "CX-FIX")
        card = board.view.card
        before = demo_store.task_row(card.id)
        await pilot.press("enter")
        editor = app.screen
        editor.query_one("#f-notes", Input).focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        editor.query_one("#supports", RowList).rows[-1].cells()[1].value = "Proofread"
        await pilot.press("ctrl+s")
        assert "pick the supporting department from the list" in error_of(editor, "supports")
        assert app.screen is editor
        assert demo_store.task_row(card.id) == before


async def test_ctrl_u_logs_a_daily_update_newest_first(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        board = await open_board(pilot, demo_store, "CX-FIX")
        await pilot.press("l")
        card = board.view.card
        await pilot.press("e", "ctrl+u")
        form = app.screen
        assert isinstance(form, TaskUpdateForm)
        form.query_one("#f-progress", Input).value = "150"
        form.query_one("#f-done", Input).value = "Drafted the routing rules"
        await pilot.press("ctrl+s")
        assert "0 to 100" in error_of(form, "progress")
        form.query_one("#f-progress", Input).value = "65%"
        form.query_one("#f-problems", Input).value = "Waiting for CRM access"
        await pilot.press("ctrl+s")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, TaskEditor)
        saved = demo_store.task_row(card.id)
        assert saved.progress == 65
        assert saved.updates[0].done == "Drafted the routing rules"
        assert saved.updates[0].on == date(2026, 11, 27)
        assert [u.on for u in saved.updates] == sorted((u.on for u in saved.updates), reverse=True)
        log = editor.query_one("#updates", RecordTable)
        assert log.row_count == len(saved.updates)
        assert editor.query_one("#f-progress", Input).value == "65"
        await pilot.press("escape")  # nothing else typed: leaves without asking
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is board
        assert board.view.card.progress == 65


async def test_escape_with_unsaved_changes_asks_first(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        board = await open_board(pilot, demo_store, "CX-FIX")
        card = board.view.card
        await pilot.press("e")
        editor = app.screen
        await type_into(pilot, "#f-title", "Changed my mind")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert app.screen is editor
        assert editor.query_one("#f-title", Input).value == "Changed my mind"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen is board and isinstance(app.focused, BoardView)
        assert demo_store.task_row(card.id).title == card.title


async def test_a_task_changed_meanwhile_is_a_conflict_not_an_overwrite(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        board = await open_board(pilot, demo_store, "CX-FIX")
        card = board.view.card
        await pilot.press("e")
        editor = app.screen
        row = demo_store.task_row(card.id)
        demo_store.edit_task(row.id, row.version, notes="theirs")
        await type_into(pilot, "#f-notes", "mine")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")  # cancel: back to the form, mine intact
        await pilot.pause()
        assert "someone else changed" in str(editor.query_one("#form-error", Static).render())
        assert app.screen is editor
        assert demo_store.task_row(card.id).notes == "theirs"
