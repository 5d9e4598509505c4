"""The request form and the value domain (issue 17): a goal's target typed as ``inf``,
``1e999`` or ``nan`` is refused with a translated line, and nothing is saved."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from collabtui.screens.request_form import RequestFormScreen
from collabtui.widgets.row_list import RowList

from .conftest import SIZE

TALL = (SIZE[0], 60)


@pytest.mark.parametrize("typed", ["inf", "1e999", "nan", "Infinity"])
async def test_a_target_that_is_not_a_number_is_refused(demo_store, make_app, typed):
    project = demo_store.project("CX-FIX")
    before = demo_store.request_draft(project.id)
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        form = RequestFormScreen(before, demo_store.departments(), demo_store.people())
        app.push_screen(form)
        await pilot.pause()
        target = form.query_one("#goals", RowList).rows[0].query(Input)[2]
        target.focus()
        target.value = ""
        await pilot.press(*typed, "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        shown = str(form.query_one("#form-error", Static).render())
        notes = " ".join(str(n.render()) for n in form.query(".row-note"))
        assert "not a finite number" in shown or "not a number" in notes, (shown, notes)
    assert demo_store.request_draft(project.id) == before
