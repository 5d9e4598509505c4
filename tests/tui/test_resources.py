"""Resource requests from the keyboard: open from the project, file, approve, mark in
place, reject, reopen, delete — the store checked after each key, and the screen."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Select, Static

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.dialogs.conflict import ConflictDialog
from collabtui.dialogs.help import HelpScreen
from collabtui.dialogs.resource import as_typed
from collabtui.i18n import formats
from collabtui.screens.project import ProjectScreen
from collabtui.screens.resources import InPlaceForm, ResourceForm, ResourcesScreen
from collabtui.widgets.record_table import RecordTable
from tests.support.internals import messages

from .conftest import SIZE

TODAY = date(2026, 11, 27)


async def open_resources(pilot, store, project="CX-FIX") -> ResourcesScreen:
    """The project screen, then ``R``."""
    pilot.app.open_project(store.project_id(project))
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProjectScreen)
    await pilot.press("R")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ResourcesScreen)
    return screen


def table(screen) -> RecordTable:
    return screen.query_one("#resource-list", RecordTable)


def column(screen, index: int) -> list[str]:
    t = table(screen)
    return [str(t.get_row_at(i)[index]) for i in range(t.row_count)]


def shows(cell: str, full: str) -> bool:
    """``cell`` is ``full`` as the table draws it: whole, or cut with "…" to fit the width."""
    return cell == full or (cell.endswith("…") and full.startswith(cell[:-1]))


def row_of(cells: list[str], full: str) -> int:
    """The row whose cell shows ``full`` (whole or cut to fit)."""
    return next(i for i, cell in enumerate(cells) if shows(cell, full))


def detail_text(screen) -> str:
    """What the detail under the table draws, line by line."""
    detail = screen.query_one("#detail")
    return "\n".join(
        "".join(seg.text for seg in detail.render_line(y)) for y in range(detail.size.height)
    )


def stored(store, request_id: int):
    return next(r for r in store.resource_rows() if r.id == request_id)


async def put_cursor_on(pilot, screen, description: str) -> None:
    """Move the cursor (with the arrow keys) to the request with ``description``."""
    t = table(screen)
    target = next(i for i, r in enumerate(screen.rows) if r.description == description)
    while t.cursor_row != target:
        await pilot.press("down" if t.cursor_row < target else "up")
    assert screen.current().description == description


async def test_opens_from_the_project_and_lists_its_requests(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_resources(pilot, demo_store, "Q4-LAUNCH")
        rows = demo_store.resource_rows("Q4-LAUNCH")
        assert [r.id for r in screen.rows] == [r.id for r in rows]
        assert all(
            shows(cell, r.description) for cell, r in zip(column(screen, 1), rows, strict=True)
        )
        budget = next(i for i, r in enumerate(rows) if r.unit == "元")
        # One currency mark, the language's way (issue 18): not "CNY 700,000 元".
        assert column(screen, 2)[budget] == formats.money(rows[budget].quantity, "CNY", "en")
        flags = dict(zip([r.description for r in rows], column(screen, 7), strict=True))
        assert shows(flags["发布会场地与搭建费用"], "⚠ no in-place date")
        assert shows(flags["X3 样机"], "⚠ 1 d late")
        assert flags["外包视觉设计师"] == ""
        await put_cursor_on(pilot, screen, "X3 样机")
        await pilot.pause()
        assert "in place 2026-11-14, after needed-by 2026-11-13" in detail_text(screen)
        summary = str(screen.query_one("#summary", Static).render())
        assert summary.startswith("7 requests") and "2 flagged" in summary
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {key: action for _, (key, action, _id) in app.screen.rows()}
        assert {k: keys[k] for k in "neaxiud"} == {
            "n": "New",
            "e": "Edit",
            "a": "Approve",
            "x": "Reject",
            "i": "In place",
            "u": "Reopen",
            "d": "Delete",
        }
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)


async def test_file_a_request_by_keys(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_resources(pilot, demo_store)
        before = {r.id for r in demo_store.resource_rows("CX-FIX")}
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ResourceForm)
        # the description has the focus (the first text field); back to the kind: open
        # the list, pick "Budget" (the second kind)
        await pilot.press("shift+tab", "enter", "down", "enter", "tab")
        await pilot.press(*"Survey tool", "tab", *"１,200", "tab", *"per year", "tab", *"usd")
        await pilot.press("tab", "enter", "down", "enter")  # the first department
        await pilot.press("tab", *"Customer survey after each refund", "tab", *"+10d")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ResourcesScreen)
        (new,) = [r for r in demo_store.resource_rows("CX-FIX") if r.id not in before]
        assert (new.kind, new.quantity, new.currency, new.unit) == (
            "budget",
            1200.0,
            "USD",
            "per year",
        )
        assert new.department == demo_store.departments()[0].name
        assert (new.status, new.needed_by) == ("requested", date(2026, 12, 7))
        assert "Survey tool" in column(screen, 1)
        assert screen.current().id == new.id or table(screen).row_count == 4


async def test_a_typing_error_shows_next_to_its_field_and_keeps_the_input(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await open_resources(pilot, demo_store)
        count = len(demo_store.resource_rows())
        await pilot.press("n", *"[bold]x[/] 扫描枪", "tab", *"五十", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ResourceForm)
        error = str(form.query_one("#e-quantity", Static).render())
        assert "请用阿拉伯数字，例如 3" in error and "五十" in error
        assert form.query_one("#f-quantity", Input).value == "五十"
        assert form.query_one("#f-description", Input).value == "[bold]x[/] 扫描枪"
        assert app.focused is form.query_one("#f-quantity", Input)
        form.query_one("#f-quantity", Input).value = "1e309"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "数字太大" in str(form.query_one("#e-quantity", Static).render())
        form.query_one("#f-quantity", Input).value = "-3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "不能为负数" in str(form.query_one("#e-quantity", Static).render())
        form.query_one("#f-quantity", Input).value = "50"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(form.query_one("#e-quantity", Static).render()).strip() == ""
        assert "请选择需求部门" in str(form.query_one("#e-department_id", Static).render())
        assert len(demo_store.resource_rows()) == count
        form.query_one("#f-department_id", Select).value = demo_store.departments()[0].id
        form.query_one("#f-purpose", Input).value = "退货入库扫描"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ResourcesScreen)
        assert any(shows(cell, "[bold]x[/] 扫描枪") for cell in column(app.screen, 1))


async def test_approve_then_mark_in_place_today(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_resources(pilot, demo_store)
        await put_cursor_on(pilot, screen, "CRM developer")
        request = screen.current()
        await pilot.press("a")
        await pilot.pause()
        assert stored(demo_store, request.id).status == "approved"
        assert screen.current().id == request.id
        assert any(shows(cell, "⚠ no in-place date") for cell in column(screen, 7))
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, InPlaceForm)
        assert form.query_one("#f-in_place_on", Input).value == "2026-11-27"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ResourcesScreen)
        after = stored(demo_store, request.id)
        assert (after.status, after.in_place_on) == ("in_place", TODAY)
        row = column(screen, 1).index("CRM developer")
        assert column(screen, 5)[row] == "In place"
        assert column(screen, 6)[row] == "2026-11-27"


async def test_in_place_asks_a_valid_date_and_only_for_approved_requests(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_resources(pilot, demo_store)
        await put_cursor_on(pilot, screen, "CRM developer")
        request = screen.current()
        await pilot.press("i")  # still requested: refused at once, no dialog
        await pilot.pause()
        assert app.screen is screen
        assert stored(demo_store, request.id).status == "requested"
        await pilot.press("a", "i")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-in_place_on", Input).value = "下周一"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "YYYY-MM-DD" in str(form.query_one("#e-in_place_on", Static).render())
        assert form.query_one("#f-in_place_on", Input).value == "下周一"
        form.query_one("#f-in_place_on", Input).value = "2026-12-05"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(demo_store, request.id).in_place_on == date(2026, 12, 5)
        assert "⚠ 3 d late" in column(screen, 7)
        assert "in place 2026-12-05, after needed-by 2026-12-02" in detail_text(screen)


async def test_reject_reopen_and_delete(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_resources(pilot, demo_store)
        await put_cursor_on(pilot, screen, "CRM routing module licence upgrade")
        request = screen.current()
        await pilot.press("x")
        await pilot.pause()
        assert stored(demo_store, request.id).status == "rejected"
        await pilot.press("a")  # a rejected request is not approved directly
        await pilot.pause()
        assert stored(demo_store, request.id).status == "rejected"
        await pilot.press("u")
        await pilot.pause()
        assert stored(demo_store, request.id).status == "requested"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: nothing happens
        await pilot.pause()
        assert stored(demo_store, request.id)
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.screen is screen
        assert all(r.id != request.id for r in demo_store.resource_rows())
        assert request.id not in [r.id for r in screen.rows]
        assert table(screen).row_count == 2


async def test_edit_by_enter_keeps_other_fields(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_resources(pilot, demo_store)
        await put_cursor_on(pilot, screen, "Handheld barcode scanners")
        request = screen.current()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ResourceForm)
        assert "in_place_on" in form.FIELDS  # approved: its confirmed in-place date
        assert form.query_one("#f-quantity", Input).value == "6"
        form.query_one("#f-quantity", Input).value = "8"
        form.query_one("#f-in_place_on", Input).value = "2026-12-03"
        await pilot.press("ctrl+s")
        await pilot.pause()
        after = stored(demo_store, request.id)
        assert (after.quantity, after.in_place_on) == (8.0, date(2026, 12, 3))
        assert (after.purpose, after.task_code, after.status) == (
            request.purpose,
            request.task_code,
            "approved",
        )


async def test_a_change_made_elsewhere_is_reported_not_overwritten(
    demo_store, make_app, monkeypatch
):
    app = make_app(demo_store)
    # The other copy's change has not reached this screen yet (no live refresh between).
    monkeypatch.setattr(app, "data_changed", lambda: None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_resources(pilot, demo_store)
        await put_cursor_on(pilot, screen, "CRM developer")
        shown = screen.current()
        demo_store.edit_resource(shown.id, shown.version, quantity=1)  # another copy
        await pilot.press("a")
        await pilot.pause()
        assert stored(demo_store, shown.id).status == "requested"
        assert any("Someone else changed" in m for m in messages(app))
        assert screen.current().quantity == 1  # the screen re-read the record
        await pilot.press("a")
        await pilot.pause()
        assert stored(demo_store, shown.id).status == "approved"


async def test_a_stale_form_shows_the_conflict_and_keeps_the_input(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_resources(pilot, demo_store)
        await put_cursor_on(pilot, screen, "CRM developer")
        shown = screen.current()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        demo_store.edit_resource(shown.id, shown.version, purpose="changed elsewhere")
        form.query_one("#f-purpose", Input).value = "mine"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")  # cancel: back to the form, mine intact
        await pilot.pause()
        assert app.screen is form
        assert "someone else changed" in str(form.query_one("#form-error", Static).render())
        assert form.query_one("#f-purpose", Input).value == "mine"
        assert stored(demo_store, shown.id).purpose == "changed elsewhere"


async def test_an_empty_project_says_how_to_start(store, make_app):
    store.create_project("NEW", "Nothing yet")
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_resources(pilot, store, "NEW")
        assert table(screen).row_count == 0
        assert "按 n 新建" in str(screen.query_one("#summary", Static).render())
        await pilot.press("a", "x", "i", "u", "d", "e")  # nothing under the cursor: no-ops
        await pilot.pause()
        assert app.screen is screen


def test_the_edit_form_shows_a_quantity_as_typed_without_loss():
    assert [as_typed(q) for q in (700000.0, 0.5, 2.25, 0.12345)] == [
        "700000",
        "0.5",
        "2.25",
        "0.12345",
    ]
