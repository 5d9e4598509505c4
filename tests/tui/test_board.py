"""The task board from the keyboard: columns, moves saved at once, the filter, literal text."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from collabtui.models import Task
from collabtui.screens.board import BoardScreen, parse_filter
from collabtui.store.board import COLUMNS, TaskFilter
from collabtui.widgets.task_column import TaskColumn, card_lines

from .conftest import SIZE

TODAY = date(2026, 11, 27)


async def open_board(pilot, store, project="Q4-LAUNCH") -> BoardScreen:
    """Push the board of ``project`` and wait for it to settle."""
    screen = BoardScreen(store.project_id(project) if project else None)
    await pilot.app.push_screen(screen)
    await pilot.pause()
    return screen


def on_screen(board: BoardScreen) -> dict[str, list[str]]:
    """The codes each column shows."""
    return {c.status: [card.code for card in c.cards] for c in board.query(TaskColumn)}


def in_store(store, project="Q4-LAUNCH", flt=None) -> dict[str, list[str]]:
    """The codes the store puts in each column."""
    out: dict[str, list[str]] = {s: [] for s in COLUMNS}
    for card in store.task_cards(project, flt, TODAY):
        out[card.status].append(card.code)
    return out


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
        for column in board.query(TaskColumn):
            assert f"({len(column.cards)})" in str(column.border_title)
        assert isinstance(board.focused, TaskColumn) and board.focused.status == "todo"


async def test_arrows_and_hjkl_move_the_focus(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        await pilot.press("right")
        assert board.focused.status == "in_progress"
        await pilot.press("l", "l")
        assert board.focused.status == "done"
        await pilot.press("h", "left", "left")
        assert board.focused.status == "todo"
        column = board.focused
        await pilot.press("down")
        assert column.cursor == min(1, len(column.cards) - 1)
        await pilot.press("k")
        assert column.cursor == 0
        await pilot.press("j")
        assert column.card is column.cards[min(1, len(column.cards) - 1)]


async def test_moving_a_card_right_saves_its_status(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        card = board.focused.card
        assert card.status == "todo"
        await pilot.press("shift+right")
        await pilot.pause()
        saved = next(c for c in demo_store.task_cards("Q4-LAUNCH", today=TODAY) if c.id == card.id)
        assert saved.status == "in_progress"
        assert on_screen(board) == in_store(demo_store)
        assert on_screen(board)["in_progress"][-1] == card.code  # appended at the end
        assert board.focused.status == "in_progress" and board.focused.card.id == card.id
        # and back again with "["
        await pilot.press("left_square_bracket")
        await pilot.pause()
        saved = next(c for c in demo_store.task_cards("Q4-LAUNCH", today=TODAY) if c.id == card.id)
        assert saved.status == "todo"
        assert board.focused.status == "todo" and board.focused.card.id == card.id
        assert on_screen(board) == in_store(demo_store)


async def test_a_stale_card_is_reported_and_reloaded(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        card = board.focused.card
        demo_store.move_task(card.id, card.version, "blocked")  # someone else moves it
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert any(n.severity == "error" for n in app._notifications)
        assert on_screen(board) == in_store(demo_store)
        saved = next(c for c in demo_store.task_cards("Q4-LAUNCH", today=TODAY) if c.id == card.id)
        assert saved.status == "blocked"


async def test_slash_filters_as_you_type_and_escape_restores(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        everything = on_screen(board)
        first = demo_store.task_cards("Q4-LAUNCH", today=TODAY)[0]
        await pilot.press("slash")
        assert isinstance(board.focused, Input)
        await pilot.press(*first.code)
        await app.workers.wait_for_complete()
        await pilot.pause()
        narrowed = on_screen(board)
        assert narrowed == in_store(demo_store, flt=TaskFilter(text=first.code))
        assert first.code in narrowed[first.status]
        assert sum(map(len, narrowed.values())) < sum(map(len, everything.values()))
        await pilot.press("escape")
        await pilot.pause()
        assert on_screen(board) == everything
        assert isinstance(board.focused, TaskColumn)
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("escape")  # nothing left to clear: leave
        await pilot.pause()
        assert not isinstance(app.screen, BoardScreen)


async def test_filter_prefixes_narrow_by_status_and_owner(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        owner = demo_store.task_cards("Q4-LAUNCH", today=TODAY)[0].owner
        await pilot.press("slash", *"status:blocked")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = on_screen(board)
        assert shown["blocked"] and not any(v for k, v in shown.items() if k != "blocked")
        board.query_one(Input).value = f"@{owner}"
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert on_screen(board) == in_store(demo_store, flt=TaskFilter(owner=owner))
        await pilot.press("enter")  # back to the cards, filter kept
        assert isinstance(board.focused, TaskColumn)
        assert on_screen(board) == in_store(demo_store, flt=TaskFilter(owner=owner))


async def test_hostile_titles_show_literally(demo_store, make_app):
    card = demo_store.task_cards("Q4-LAUNCH", today=TODAY)[0]
    hostile = "[bold]x[/] [/] [@click=app.quit]y[/] 中文\x1b[31m"
    with demo_store.db.write("task.edit") as u:
        u.edit(Task, card.id, card.version, title=hostile)
    app = make_app(demo_store)
    async with app.run_test(size=(160, 36)) as pilot:
        board = await open_board(pilot, demo_store)
        column = board.column("todo")
        lines = [
            "".join(seg.text for seg in column.render_line(y)) for y in range(column.size.height)
        ]
        text = "\n".join(lines)
        assert "[bold]x[/]" in text
        assert "\x1b" not in text
        wide = card_lines(column.cards[0], 200, TODAY)[0].plain
        assert hostile.replace("\x1b", "\N{REPLACEMENT CHARACTER}") in wide
        assert isinstance(app.screen, BoardScreen)  # nothing crashed, nothing quit
