"""The retrospective acts on what the user sees selected (issue 15): it opened with the
focus on the items, so `t` typed an actual into goal 1 while the user looked at another
goal. It opens on the goals now, only the table in use shows a cursor, and a key about
"the goal under the cursor" never reads a table the user is not in."""

from __future__ import annotations

from textual.widgets import Input

from collabtui.dialogs.retro import ActualForm, RetroItemForm
from collabtui.screens.retro import RetroScreen
from collabtui.widgets.record_table import RecordTable
from tests.tui.test_retro import open_retro, report

from .conftest import SIZE


async def test_t_types_the_actual_of_the_goal_the_user_sees_selected(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_retro(pilot, demo_store, "VIP-PTS")
        goals = screen.query_one("#retro-goals", RecordTable)
        items = screen.query_one("#retro-items", RecordTable)
        before = report(demo_store, "VIP-PTS").goals
        assert len(before) >= 2
        assert goals.has_focus, "the retrospective opens on the goals, at the top"
        assert goals.show_cursor and not items.show_cursor, "one selected row on screen"

        await pilot.press("down", "t")  # the second goal, as seen
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActualForm)
        await pilot.press("ctrl+a", "ctrl+k", *"42", "enter")
        await pilot.pause()
        after = report(demo_store, "VIP-PTS").goals
        assert after[1].actual == 42, "the goal the user looked at"
        assert after[0].actual == before[0].actual, "goal 1 is untouched"

        # On the items, `t` does not reach for the goals' hidden cursor: it shows it first.
        await pilot.press("tab")
        await pilot.pause()
        assert items.has_focus and items.show_cursor and not goals.show_cursor
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, RetroScreen), "no form for a goal the user cannot see"
        assert goals.has_focus and goals.show_cursor and not items.show_cursor
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ActualForm)
        assert app.screen.query_one("#f-actual", Input).value == "42"
        await pilot.press("escape")
        await pilot.pause()

        # `e` edits what is selected: a goal's actual up there, an item down here.
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ActualForm)
        await pilot.press("escape", "tab", "e")
        await pilot.pause()
        assert isinstance(app.screen, RetroItemForm)
