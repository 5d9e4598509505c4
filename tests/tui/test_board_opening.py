"""Keys typed as the board opens, faster than it draws: none lands in the hidden filter.

Seen in the installed app: ``b`` then ``H`` at typing speed put an ``H`` in the filter
line (hidden, but focused while the board mounted), and the board showed only the
cards with an "h" until ``/`` revealed it.
"""

from __future__ import annotations

from textual.widgets import Input

from collabtui.screens.board import BoardScreen
from tests.support.pilot import keys_at_once

from .conftest import SIZE


async def test_a_key_typed_as_the_board_opens_does_not_filter_it(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys_at_once(pilot, "b", "H", "x")
        board = app.screen if isinstance(app.screen, BoardScreen) else app.screen_stack[-2]
        assert isinstance(board, BoardScreen)
        line = board.query_one("#board-filter", Input)
        assert line.value == ""
        shown = sum(len(column.cards) for column in board.view.columns)
        assert shown == len(demo_store.task_cards(None, None, app.clock.today()))
        assert not line.can_focus, "hidden, the filter line takes no focus"
        if app.screen is not board:
            app.pop_screen()
            await pilot.pause()
        await pilot.press("slash", *"T-0")
        assert line.value == "T-0" and app.focused is line
