"""Two copies of collab on one store: what one commits, the other shows within two
seconds, with its cursor where it was; a form being typed in is never overwritten."""

from __future__ import annotations

import time

import pytest
from textual.widgets import Input

from collabtui.screens.task_editor import TaskEditor
from collabtui.widgets.record_table import RecordTable

from .conftest import SIZE, TALL
from .test_board import open_board

pytestmark = pytest.mark.both_backends  # LISTEN/NOTIFY on the server shows on screen

#: What issue 8 promises: another copy's change is on screen within this many seconds.
PROMISE = 2.0


async def within(pilot, condition, seconds: float = PROMISE) -> float:
    """Seconds until ``condition()`` holds (the app keeps running meanwhile)."""
    start = time.monotonic()
    while not condition():
        elapsed = time.monotonic() - start
        assert elapsed < seconds, f"not on screen within {seconds} s"
        await pilot.pause(0.1)
    return time.monotonic() - start


def titles(board) -> dict[int, str]:
    return {card.id: card.title for column in board.view.columns for card in column.cards}


async def test_the_board_shows_another_copys_new_title(demo_store, other, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        await pilot.press("j")  # the cursor on the column's second card
        card = board.view.card
        first = board.view.active.cards[0]
        row = other.task_row(first.id)
        other.edit_task(row.id, row.version, title="Renamed by the other copy")
        await within(pilot, lambda: titles(board)[first.id] == "Renamed by the other copy")
        assert board.view.card.id == card.id, "the cursor stays on its card"


async def test_a_card_moved_by_another_copy_moves_and_the_cursor_follows(
    demo_store, other, make_app
):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        card = board.view.card
        assert board.view.active.status == "todo"
        other.move_task(card.id, card.version, "in_progress", to_end=True)
        await within(pilot, lambda: board.view.active.status == "in_progress")
        assert board.view.card.id == card.id
        assert card.id not in [c.id for c in board.view.column("todo").cards]


async def test_new_tasks_of_another_copy_keep_the_filter(demo_store, other, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        await pilot.press("slash", *"zebra")
        await pilot.press("enter")
        assert titles(board) == {}
        owner = other.people()[0]
        project = other.project_id("Q4-LAUNCH")
        other.create_task(project, title="Zebra crossing signage", owner_id=owner.id)
        await within(pilot, lambda: list(titles(board).values()) == ["Zebra crossing signage"])
        assert board.query_one("#board-filter", Input).value == "zebra"


async def test_a_list_screen_refreshes_and_keeps_its_cursor(demo_store, other, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_directory()
        await pilot.pause()
        table = app.screen.query_one("#department-table", RecordTable)
        table.focus()
        await pilot.press("down", "down")
        kept = table.cursor_key
        other.add_department("AAA first in the list")
        await within(pilot, lambda: table.row_count == len(other.departments(include_retired=True)))
        assert table.cursor_key == kept


async def test_an_editor_being_typed_in_is_left_alone(demo_store, other, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        board = await open_board(pilot, demo_store)
        card = board.view.card
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, TaskEditor)
        editor.query_one("#f-notes", Input).value = "typing…"
        row = other.task_row(card.id)
        other.edit_task(row.id, row.version, notes="theirs", title="Their title")
        await within(pilot, lambda: board.stale)  # the change is seen, the board noted stale
        assert titles(board)[card.id] == card.title, "a covered screen does not read"
        assert app.screen is editor, "no dialog, no reload while typing"
        assert editor.query_one("#f-notes", Input).value == "typing…"
        assert editor.query_one("#f-title", Input).value == card.title
        app.pop_screen()  # back on the board: it reads what changed meanwhile
        await within(pilot, lambda: titles(board)[card.id] == "Their title")
        assert not board.stale
