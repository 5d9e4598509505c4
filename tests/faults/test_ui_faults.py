"""Saving a form on a full, read-only or locked store: the reason shows, the form stays
open with everything typed, and saving again once the problem is gone works."""

from __future__ import annotations

from textual.widgets import Input, Static

from collabtui.dialogs.forms import DepartmentForm
from collabtui.i18n import t
from collabtui.screens.task_editor import TaskEditor
from tests.tui.conftest import TALL
from tests.tui.test_board import open_board

from .inject import FAULTS
from .test_store_faults import REASON

#: Long enough to need new pages, so a full disk refuses it.
LONG = "会议纪要 minutes " * 3000


def _error(screen) -> str:
    return str(screen.query_one("#form-error", Static).render())


def _typed(screen, *names: str) -> dict[str, str]:
    return {n: screen.query_one(f"#f-{n}", Input).value for n in names}


async def test_task_editor_keeps_what_was_typed_through_every_fault(sqlite_demo, make_app):
    demo_store = sqlite_demo
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        board = await open_board(pilot, demo_store, "CX-FIX")
        card = board.view.card
        before = demo_store.task_row(card.id)
        await pilot.press("enter")
        editor = app.screen
        assert isinstance(editor, TaskEditor)
        title = editor.query_one("#f-title", Input)
        title.focus()
        title.value = ""
        await pilot.press(*"新标题 renamed")
        editor.query_one("#f-notes", Input).value = LONG
        typed = _typed(editor, "title", "notes", "deliverable", "due_on")
        for fault in FAULTS:
            with FAULTS[fault](demo_store):
                await pilot.press("ctrl+s")
                await pilot.pause()
            assert app.screen is editor, fault
            assert _error(editor) == t(REASON[fault])
            assert _typed(editor, *typed) == typed
            assert demo_store.task_row(card.id) == before
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is board
        saved = demo_store.task_row(card.id)
        assert (saved.title, saved.notes) == ("新标题 renamed", LONG.strip())


async def test_department_form_keeps_what_was_typed_through_every_fault(sqlite_demo, make_app):
    demo_store = sqlite_demo
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DepartmentForm)
        await pilot.press(*"法务部 Legal")
        form.query_one("#f-note", Input).value = LONG
        typed = _typed(form, "name", "note")
        count = len(demo_store.departments())
        for fault in FAULTS:
            with FAULTS[fault](demo_store):
                await pilot.press("ctrl+s")
                await pilot.pause()
            assert app.screen is form, fault
            assert _error(form) == t(REASON[fault])
            assert _typed(form, *typed) == typed
            assert len(demo_store.departments()) == count
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        assert "法务部 Legal" in [d.name for d in demo_store.departments()]
