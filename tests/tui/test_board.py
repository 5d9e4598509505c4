"""The task board from the keyboard (and the mouse): columns, moves saved at once,
reordering, the filter, sorting, the table view and literal text."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from collabtui.domain.board import COLUMNS, TaskFilter
from collabtui.screens.board import BoardScreen, parse_filter
from collabtui.screens.task_editor import TaskEditor
from collabtui.store.models import Task
from collabtui.widgets.board_view import BoardView
from collabtui.widgets.task_card import CARD_HEIGHT, card_lines
from collabtui.widgets.task_table import TaskTable
from tests.support.internals import messages

from .conftest import SIZE

TODAY = date(2026, 11, 27)


async def open_board(pilot, store, project="Q4-LAUNCH") -> BoardScreen:
    """Push the board of ``project`` and wait until its cards are read and shown."""
    screen = BoardScreen(store.project_id(project) if project else None)
    await pilot.app.push_screen(screen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def on_screen(board: BoardScreen) -> dict[str, list[str]]:
    """The codes each column shows."""
    return {c.status: [card.code for card in c.cards] for c in board.view.columns}


def in_store(store, project="Q4-LAUNCH", flt=None) -> dict[str, list[str]]:
    """The codes the store puts in each column."""
    out: dict[str, list[str]] = {s: [] for s in COLUMNS}
    for card in store.task_cards(project, flt, TODAY):
        out[card.status].append(card.code)
    return out


def screen_text(view: BoardView) -> str:
    """What the board widget draws, line by line."""
    return "\n".join(
        "".join(seg.text for seg in view.render_line(y)) for y in range(view.size.height)
    )


def saved(store, card_id: int):
    return next(c for c in store.task_cards(None, today=TODAY) if c.id == card_id)


def test_filter_words_and_prefixes():
    flt = parse_filter("launch @Ann #IT !overdue !week status:blocked")
    assert flt == TaskFilter("launch", "Ann", "IT", "blocked", True, True)
    assert parse_filter("status:in").status == "in_progress"
    assert parse_filter("status:nonsense").status == "?"


async def test_the_five_columns_show_the_stores_cards(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        shown = on_screen(board)
        assert list(shown) == list(COLUMNS)
        assert shown == in_store(demo_store)
        assert sum(len(v) for v in shown.values()) == 14
        assert all(shown.values()), "the demo project has tasks in every status"
        top = screen_text(board.view).splitlines()[0]
        for column in board.view.columns:
            assert f"{column.title} ({len(column.cards)})" in top
        assert isinstance(app.focused, BoardView) and board.view.active.status == "todo"


async def test_arrows_and_hjkl_move_the_cursor(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        view = board.view
        await pilot.press("right")
        assert view.active.status == "in_progress"
        await pilot.press("l", "l")
        assert view.active.status == "done"
        await pilot.press("h", "left", "left")
        assert view.active.status == "todo"
        column = view.active
        await pilot.press("down")
        assert column.cursor == min(1, len(column.cards) - 1)
        await pilot.press("k")
        assert column.cursor == 0
        await pilot.press("j")
        assert view.card is column.cards[min(1, len(column.cards) - 1)]
        await pilot.press("end")
        assert view.card is column.cards[-1]
        await pilot.press("home")
        assert view.card is column.cards[0]


async def test_moving_a_card_right_and_back_saves_its_status(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        card = board.view.card
        assert card.status == "todo"
        await pilot.press("shift+right")
        assert saved(demo_store, card.id).status == "in_progress"
        assert on_screen(board) == in_store(demo_store)
        assert on_screen(board)["in_progress"][-1] == card.code  # appended at the end
        assert board.view.active.status == "in_progress" and board.view.card.id == card.id
        await pilot.press("right_square_bracket")
        assert saved(demo_store, card.id).status == "blocked"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert saved(demo_store, card.id).status == "todo"
        assert board.view.active.status == "todo" and board.view.card.id == card.id
        assert on_screen(board) == in_store(demo_store)
        await pilot.press("shift+left")  # already in the first column: nothing happens
        assert saved(demo_store, card.id).status == "todo"


async def test_moving_into_done_completes_the_progress(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        await pilot.press("l", "l")  # blocked
        card = board.view.card
        assert card.progress < 100
        await pilot.press("shift+right")
        assert saved(demo_store, card.id).status == "done"
        assert saved(demo_store, card.id).progress == 100
        assert board.view.card.progress == 100


async def test_shift_up_and_down_reorder_within_a_column(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store, "CX-FIX")
        codes = on_screen(board)["todo"]
        assert len(codes) >= 2
        await pilot.press("shift+down")
        expected = [codes[1], codes[0], *codes[2:]]
        assert in_store(demo_store, "CX-FIX")["todo"] == expected
        assert on_screen(board)["todo"] == expected
        assert board.view.card.code == codes[0] and board.view.active.cursor == 1
        await pilot.press("shift+up")
        assert in_store(demo_store, "CX-FIX")["todo"] == codes
        assert on_screen(board)["todo"] == codes
        await pilot.press("shift+up")  # already first: nothing moves
        assert in_store(demo_store, "CX-FIX")["todo"] == codes


async def test_a_stale_card_is_reported_and_reloaded(demo_store, make_app, monkeypatch):
    app = make_app(demo_store)
    # The other copy's move has not reached this screen yet (no live refresh between).
    monkeypatch.setattr(app, "data_changed", lambda: None)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        card = board.view.card
        demo_store.move_task(card.id, card.version, "blocked")  # someone else moves it
        await pilot.press("right_square_bracket")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert messages(app, "error")
        assert on_screen(board) == in_store(demo_store)
        assert saved(demo_store, card.id).status == "blocked"


async def test_slash_filters_as_you_type_and_escape_restores(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        everything = on_screen(board)
        first = demo_store.task_cards("Q4-LAUNCH", today=TODAY)[0]
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*first.code)
        narrowed = on_screen(board)
        assert narrowed == in_store(demo_store, flt=TaskFilter(text=first.code))
        assert first.code in narrowed[first.status]
        assert sum(map(len, narrowed.values())) < sum(map(len, everything.values()))
        await pilot.press("escape")
        assert on_screen(board) == everything
        assert isinstance(app.focused, BoardView)
        await pilot.press("escape")  # nothing left to clear: leave
        await pilot.pause()
        assert not isinstance(app.screen, BoardScreen)


async def test_filter_prefixes_narrow_by_status_owner_and_overdue(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        owner = demo_store.task_cards("Q4-LAUNCH", today=TODAY)[0].owner
        await pilot.press("slash", *"status:blocked")
        shown = on_screen(board)
        assert shown["blocked"] and not any(v for k, v in shown.items() if k != "blocked")
        board.query_one(Input).value = f"@{owner}"
        await pilot.pause()
        assert on_screen(board) == in_store(demo_store, flt=TaskFilter(owner=owner))
        board.query_one(Input).value = "!overdue"
        await pilot.pause()
        overdue = in_store(demo_store, flt=TaskFilter(overdue=True))
        assert on_screen(board) == overdue and any(overdue.values())
        await pilot.press("enter")  # back to the cards, filter kept
        assert isinstance(app.focused, BoardView)
        assert on_screen(board) == overdue


async def test_s_cycles_the_sort_order(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        manual = on_screen(board)
        await pilot.press("s")
        assert board.sort_mode == "due"
        assert "due date" in board.sub_title
        for column in board.view.columns:
            dues = [c.due_on or date.max for c in column.cards]
            assert dues == sorted(dues)
        before = in_store(demo_store)
        await pilot.press("shift+down")  # reordering needs the manual order
        assert in_store(demo_store) == before
        assert messages(app, "warning")
        for _ in range(4):
            await pilot.press("s")
        assert board.sort_mode == "manual"
        assert on_screen(board) == manual


async def test_t_toggles_the_tracking_table(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        await pilot.press("l")
        card = board.view.card
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = board.query_one(TaskTable)
        assert board.showing_table and isinstance(app.focused, TaskTable)
        assert table.row_count == 14
        assert table.cursor_task_id == card.id
        assert "tracking table" in board.sub_title
        await pilot.press("slash", *card.code, "enter")
        assert table.row_count == sum(
            map(len, in_store(demo_store, flt=TaskFilter(card.code)).values())
        )
        await pilot.press("down", "t")
        assert not board.showing_table and isinstance(app.focused, BoardView)


async def test_a_click_selects_and_a_second_click_opens(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        width = board.view.size.width // len(COLUMNS)
        index, column = next(
            (i, c) for i, c in enumerate(board.view.columns) if i and len(c.cards) >= 2
        )
        await pilot.click(BoardView, offset=(index * width + 3, 1 + CARD_HEIGHT))
        assert board.view.active is column
        assert board.view.card is column.cards[1]
        await pilot.click(BoardView, offset=(index * width + 3, 1 + CARD_HEIGHT))
        await pilot.pause()
        assert isinstance(app.screen, TaskEditor)
        assert app.screen.row.id == column.cards[1].id


async def test_hostile_titles_show_literally(demo_store, make_app):
    card = demo_store.task_cards("Q4-LAUNCH", today=TODAY)[0]
    hostile = "[bold]x[/] [/] [@click=app.quit]y[/] 中文\x1b[31m"
    with demo_store.db.write("task.edit") as u:
        u.edit(Task, card.id, card.version, title=hostile)
    app = make_app(demo_store)
    async with app.run_test(size=(160, 36)) as pilot:
        board = await open_board(pilot, demo_store)
        text = screen_text(board.view)
        assert "[bold]x[/]" in text
        assert "\x1b" not in text
        wide = card_lines(board.view.column("todo").cards[0], 200, TODAY)[0].plain
        assert hostile.replace("\x1b", "\N{REPLACEMENT CHARACTER}") in wide
        assert isinstance(app.screen, BoardScreen)  # nothing crashed, nothing quit


async def test_the_all_projects_board_names_each_cards_project(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(160, 36)) as pilot:
        board = await open_board(pilot, demo_store, None)
        assert sum(map(len, on_screen(board).values())) == len(
            demo_store.task_cards(None, today=TODAY)
        )
        assert "Q4-LAUNCH·" in screen_text(board.view)


async def test_u_logs_a_daily_update_from_the_board(demo_store, make_app):
    from collabtui.dialogs.task_update import TaskUpdateForm

    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        await pilot.press("l")
        card = board.view.card
        await pilot.press("u")
        form = app.screen
        assert isinstance(form, TaskUpdateForm)
        form.query_one("#f-progress", Input).value = "90"
        form.query_one("#f-done", Input).value = "Pages reviewed"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is board
        row = demo_store.task_row(card.id)
        assert row.progress == 90 and row.updates[0].done == "Pages reviewed"
        assert board.view.card.id == card.id and board.view.card.progress == 90
