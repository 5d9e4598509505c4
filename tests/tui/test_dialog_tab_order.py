"""Tab goes through every field of a dialog before its buttons, at 80x24 too (issue 18).

The buttons are docked at the bottom so they stay in view while the fields scroll;
Textual orders focus by position, and a docked bar sits above the fields scrolled
below it — Tab jumped from the last field in view to Save and skipped the rest (the
new risk's tasks, departments, raiser and time were never reached from the keyboard).
"""

from __future__ import annotations

import pytest
from textual.widgets import Button

from collabtui.dialogs.risk import FORM_FIELDS, RiskForm
from tests.tui.test_risks import open_register


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_tab_reaches_every_field_before_the_buttons(demo_store, make_app, size):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=size) as pilot:
        await open_register(pilot, demo_store)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RiskForm)
        order = []
        for _ in range(len(FORM_FIELDS) + 2):
            focused = app.focused
            order.append(focused.id if not isinstance(focused, Button) else "button")
            if isinstance(focused, Button):
                break
            await pilot.press("tab")
        fields = [name for name in order if name != "button"]
        assert fields == [f"f-{name}" for name in FORM_FIELDS], order
        assert order[-1] == "button"
