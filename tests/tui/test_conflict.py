"""The conflict dialog: the other copy saved the task I am editing. I see their values
beside mine and choose: see theirs, keep mine, or cancel back to my form."""

from __future__ import annotations

import io
from datetime import UTC

from rich.console import Console
from textual.widgets import Input, Static

from collabtui.dialogs.conflict import ConflictDialog
from collabtui.screens.task_editor import TaskEditor

from .conftest import TALL
from .test_board import open_board


async def edit_first_card(pilot, store, other, **theirs) -> tuple[TaskEditor, int]:
    """Open the board's first card in the editor; the other copy then saves ``theirs``."""
    board = await open_board(pilot, store)
    card = board.view.card
    await pilot.press("e")
    editor = pilot.app.screen
    assert isinstance(editor, TaskEditor)
    row = other.task_row(card.id)
    other.edit_task(row.id, row.version, **theirs)
    return editor, card.id


async def clash(pilot, store, other) -> tuple[TaskEditor, int]:
    """The other copy saves the task I am editing; I type and save."""
    editor, task_id = await edit_first_card(
        pilot, store, other, notes="their notes", title="Their title"
    )
    editor.query_one("#f-notes", Input).value = "my notes"
    editor.query_one("#f-progress", Input).value = "55"
    await pilot.press("ctrl+s")
    await pilot.pause()
    return editor, task_id


def fields_shown(dialog: ConflictDialog) -> dict[str, tuple[str, str]]:
    return {caption: (theirs, mine) for caption, theirs, mine in dialog.rows}


async def test_the_dialog_shows_what_differs_side_by_side(demo_store, other, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        _, task_id = await clash(pilot, demo_store, other)
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        before = demo_store.task_row(task_id)
        shown = fields_shown(dialog)
        assert shown["Notes"] == ("their notes", "my notes")
        assert shown["Task name"][0] == "Their title"
        assert shown["Progress"] == (f"{before.progress}", "55")
        assert "Status" not in shown, "fields both sides agree on are not shown"
        assert dialog.headline.startswith(f"Task #{task_id} was saved by other at ")
        footer = [key.description for key in dialog.query("FooterKey")]
        assert footer[:3] == ["See theirs", "Keep mine", "Cancel"]


async def test_see_theirs_loads_their_values_and_drops_mine(demo_store, other, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        editor, task_id = await clash(pilot, demo_store, other)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is editor
        assert editor.query_one("#f-notes", Input).value == "their notes"
        assert editor.query_one("#f-title", Input).value == "Their title"
        assert editor.query_one("#f-progress", Input).value != "55"
        assert demo_store.task_row(task_id).notes == "their notes"
        editor.query_one("#f-notes", Input).value = "their notes, and mine on top"
        await pilot.press("ctrl+s")  # now against their version: saved, no dialog
        await pilot.pause()
        assert not isinstance(app.screen, (TaskEditor, ConflictDialog))
        saved = demo_store.task_row(task_id)
        assert (saved.title, saved.notes) == ("Their title", "their notes, and mine on top")


async def test_keep_mine_saves_mine_over_theirs(demo_store, other, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        editor, task_id = await clash(pilot, demo_store, other)
        title = editor.query_one("#f-title", Input).value
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(app.screen, (TaskEditor, ConflictDialog))
        saved = demo_store.task_row(task_id)
        assert (saved.notes, saved.progress, saved.title) == ("my notes", 55, title)
        actors = [c.actor for c in demo_store.history("task", task_id)]
        assert actors[-2:] == ["other", "tester"], "their edit stays in the history"


async def test_cancel_goes_back_to_my_form_with_my_values(demo_store, other, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        editor, task_id = await clash(pilot, demo_store, other)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor
        assert editor.query_one("#f-notes", Input).value == "my notes"
        assert "someone else changed" in str(editor.query_one("#form-error", Static).render())
        assert demo_store.task_row(task_id).notes == "their notes"
        await pilot.press("ctrl+s")  # saving again asks again
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)


async def test_a_third_change_while_the_dialog_is_open_asks_again(demo_store, other, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        _, task_id = await clash(pilot, demo_store, other)
        row = other.task_row(task_id)
        other.edit_task(row.id, row.version, notes="their second thoughts")
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog), "never over a version I have not seen"
        assert fields_shown(dialog)["Notes"] == ("their second thoughts", "my notes")
        assert demo_store.task_row(task_id).notes == "their second thoughts"


async def test_markup_in_their_text_is_shown_literally(demo_store, other, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        notes = "[bold]x[/] [/] [@click=app.quit]q[/]"
        editor, _ = await edit_first_card(pilot, demo_store, other, notes=notes)
        editor.query_one("#f-notes", Input).value = "mine"
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        console = Console(width=200, file=io.StringIO())
        console.print(dialog.query_one("#conflict-fields", Static).content)
        assert "[bold]x[/] [/] [@click=app.quit]q[/]" in console.file.getvalue()


async def test_a_modal_form_keeps_mine_and_compares_moments_in_local_time(
    demo_store, other, make_app
):
    from textual.widgets import Input

    from collabtui.dialogs.risk import RiskForm

    from .conftest import SIZE
    from .test_risks import open_register, put_cursor_on

    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, demo_store)
        await put_cursor_on(pilot, screen, "Logistics short-staffed during peak season")
        shown = screen.current()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RiskForm)
        other.edit_risk(shown.id, shown.version, solution="their solution")
        form.query_one("#f-solution", Input).value = "my solution"
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        assert [theirs for _, theirs, _ in dialog.rows] == ["their solution"], (
            "the raising time (stored in UTC, typed in local time) is not a difference"
        )
        await pilot.press("m")
        await pilot.pause()
        assert app.screen is screen
        assert next(r for r in other.risk_rows("CX-FIX", tz=UTC) if r.id == shown.id).solution == (
            "my solution"
        )
