"""A draft keeps the rows of a form's lists too (issue 15): a goal row added to the
request form, then the process gone, comes back as a row with what was typed — and the
rows that edit stored goals keep editing them."""

from __future__ import annotations

from textual.widgets import Input

from collabtui.screens.request_form import RequestFormScreen
from collabtui.widgets.row_list import RowList
from tests.tui.test_every_form import drafts, wait_until

from .conftest import TALL


async def _edit_request(pilot):
    app = pilot.app
    app.open_project(app.store.project_id("CX-FIX"))
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, RequestFormScreen)
    await wait_until(pilot, lambda: form.form_ready, "open")
    return form


async def test_an_added_goal_row_comes_back_with_the_draft(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        form = await _edit_request(pilot)
        goals = form.query_one("#goals", RowList)
        saved = goals.values()
        goals.rows[-1].query(Input).first().focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Fewer tickets", "tab", *"tickets", "tab", *"40")
        await pilot.pause()
        typed = goals.values()
        assert len(typed) == len(saved) + 1
        assert (None, ["Fewer tickets", "tickets", "40", ""]) in typed
        await wait_until(
            pilot,
            lambda: drafts() and "Fewer tickets" in drafts()[0].read_text(encoding="utf-8"),
            "the draft kept the new row",
        )
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()

    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        form = await _edit_request(pilot)
        goals = form.query_one("#goals", RowList)
        await wait_until(pilot, lambda: goals.values() == typed, "the rows as they were typed")
        kept = [record_id for record_id, _ in goals.values() if record_id is not None]
        assert kept == [record_id for record_id, _ in saved], "stored goals still edited"
        assert form.query("#draft-bar")
        await pilot.press("ctrl+l")  # back to the saved version: the row goes again
        await pilot.pause()
        await wait_until(pilot, lambda: goals.values() == saved, "the saved rows")
        assert not form.form_dirty and drafts() == []
