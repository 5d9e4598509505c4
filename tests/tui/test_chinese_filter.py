"""The board filter typed in Chinese narrows the cards as its English words do (issue 18)."""

from __future__ import annotations

from textual.widgets import Input

from collabtui.domain.board import TaskFilter

from .conftest import SIZE
from .test_board import TODAY, in_store, on_screen, open_board


async def test_chinese_filter_words_narrow_the_board(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        everything = on_screen(board)
        overdue = in_store(demo_store, flt=TaskFilter(overdue=True))
        assert 0 < sum(map(len, overdue.values())) < sum(map(len, everything.values()))
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        assert "!逾期" in app.focused.placeholder
        await pilot.press(*"!逾期")
        await pilot.pause()
        assert on_screen(board) == overdue
        board.query_one(Input).value = "状态：受阻"
        await pilot.pause()
        shown = on_screen(board)
        assert shown == in_store(demo_store, flt=TaskFilter(status="blocked"))
        assert shown["blocked"] and not any(v for k, v in shown.items() if k != "blocked")
        board.query_one(Input).value = "!本周"
        await pilot.pause()
        assert on_screen(board) == in_store(demo_store, flt=TaskFilter(due_this_week=True))
        assert all(
            c.due_on is not None
            for c in demo_store.task_cards("Q4-LAUNCH", TaskFilter(due_this_week=True), TODAY)
        )
