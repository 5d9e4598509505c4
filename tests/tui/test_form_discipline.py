"""The cases of issue 15, each as a person met it: keys typed while a form opens, a
failed save's error and focus, errors that go, Enter and the arrows in dialogs, the
retrospective's capture line, quitting with a form open."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input, Select, Static

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.dialogs.forms import DepartmentForm
from collabtui.dialogs.resource import InPlaceForm
from collabtui.dialogs.retro import CaptureLine
from collabtui.screens.directory import DirectoryScreen
from collabtui.screens.request_form import RequestFormScreen
from collabtui.widgets.row_list import RowList
from tests.support.internals import select_values
from tests.tui.test_every_form import send_now, wait_until
from tests.tui.test_retro import open_retro

from .conftest import SIZE, TALL


async def test_a_department_typed_right_after_a_is_saved_whole(store, make_app):
    """`a` then 销售部 at once saved "销": every key now reaches the name, in order."""
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DirectoryScreen)
        send_now(app, ["a", *"销售部", "ctrl+s"])
        await pilot.pause()
        await wait_until(
            pilot, lambda: [d.name for d in store.departments()] == ["销售部"], "saved"
        )
        assert isinstance(app.screen, DirectoryScreen)


async def test_a_request_typed_right_after_n_lands_in_its_first_field(store, make_app):
    store.add_department("IT")
    app = make_app(store)
    async with app.run_test(size=TALL) as pilot:
        send_now(app, ["n", *"Q1-NEW"])
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RequestFormScreen)
        await wait_until(pilot, lambda: form.query_one("#f-code", Input).value == "Q1-NEW", "typed")
        assert form.query_one("#f-topic", Input).value == ""


async def test_a_bad_goal_target_is_explained_under_the_target_and_focused_there(store, make_app):
    """`abc` in a goal's target: the error showed under the description, which was
    focused with its whole value selected, so the next key erased it."""
    store.add_department("IT")
    app = make_app(store)
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        goals = form.query_one("#goals", RowList)
        goals.rows[0].query(Input).first().focus()
        await pilot.pause()
        await pilot.press(*"Cut return time", "tab", *"days", "tab", *"abc", "ctrl+s")
        await pilot.pause()
        target = goals.cell(0, "target")
        description = goals.cell(0, "description")
        assert app.focused is target
        assert target.cursor_position == 3 and target.selection.is_empty
        note = goals.query(".row-note").first()
        assert "not a number" in str(note.render())
        assert note.styles.padding.left > 1, "the note is indented under the target column"
        assert description.region.x < target.region.x
        await pilot.press("backspace", *"30")  # the next key edits the target only
        await pilot.pause()
        assert description.value == "Cut return time" and target.value == "ab30"
        # The error went as soon as the field changed (what shows now is the live hint).
        assert "not a number" not in str(note.render()) and not note.has_class("error")
        assert str(form.query_one("#e-code", Static).render()) == "required"


async def test_a_field_error_goes_when_the_field_changes_and_not_before(store, make_app):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form = DepartmentForm(lambda values: store.add_department(values["name"]), [])
        app.push_screen(form)
        await wait_until(pilot, lambda: form.form_ready, "open")
        await pilot.press("ctrl+s")  # no name
        await pilot.pause()
        error = form.query_one("#e-name", Static)
        assert str(error.render()) != ""
        assert app.focused is form.query_one("#f-name", Input)
        await pilot.press("x")
        await pilot.pause()
        assert str(error.render()) == ""


async def test_enter_saves_a_one_field_dialog(demo_store, make_app):
    """The in-place date (and any form of one field) saves on Enter."""
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        saved = []
        row = demo_store.resource_rows()[0]
        form = InPlaceForm(lambda values: saved.append(values) or True, row, "2026-11-27")
        results = []
        app.push_screen(form, results.append)
        await wait_until(pilot, lambda: form.form_ready, "open")
        await pilot.press("enter")
        await pilot.pause()
        assert saved == [{"in_place_on": "2026-11-27"}] and results == [True]


async def test_dialog_buttons_follow_the_arrows_and_a_merge_focuses_yes(store, make_app):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        answers = []
        app.push_screen(
            ConfirmDialog("Merge?", "Merge", "Cancel", destructive=False), answers.append
        )
        await pilot.pause()
        assert app.focused.id == "yes", "Enter on a merge merges"
        await pilot.press("right")
        assert app.focused.id == "no"
        await pilot.press("left")
        assert app.focused.id == "yes"
        await pilot.press("enter")
        await pilot.pause()
        assert answers == [True]
        app.push_screen(ConfirmDialog("Delete?", "Delete", "Keep"), answers.append)
        await pilot.pause()
        assert isinstance(app.focused, Button) and app.focused.id == "no", "the safe choice"
        await pilot.press("enter")
        await pilot.pause()
        assert answers == [True, False]


async def test_the_retrospective_capture_asks_before_dropping_a_line(demo_store, make_app):
    """`h`, type, Esc, `h` showed an empty line: Esc now asks, keep editing keeps it."""
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        await open_retro(pilot, demo_store, "VIP-PTS")
        await pilot.press("h", *"Daily check-ins worked", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # keep editing
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CaptureLine)
        assert form.query_one("#f-text", Input).value == "Daily check-ins worked"


async def test_ctrl_q_with_an_edited_request_asks_and_keeps_the_app(demo_store, make_app):
    """`e`, type, ctrl+q quit with status 0 and the change gone."""
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        app.open_project(demo_store.project_id("CX-FIX"))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RequestFormScreen)
        await pilot.press(*"-2", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.is_running
        assert app.focused.id == "no", "keep editing is the safe choice"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and form.query_one("#f-code", Input).value == "CX-FIX-2"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize(
    "lang, words",
    [("en", ["Directory", "Request form", "demo"]), ("zh-CN", ["通讯录", "需求表", "示例项目"])],
)
async def test_an_empty_store_shows_the_first_steps_with_their_keys(lang, words, store, make_app):
    """The first launch offered only ctrl+d: now the directory, then the request form."""
    app = make_app(store, lang=lang, keys={"directory": "D"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        empty = app.screen.query_one("#empty", Static)
        assert empty.display
        text = str(empty.render())
        assert all(word in text for word in words), text
        assert "1. D " in text and "2. n " in text, "the keys as they are, remapped too"
        assert text.index("1.") < text.index("2.")


async def test_a_department_head_is_picked_among_its_members(store, make_app):
    """The head list was everyone: now the department's members (anyone while it has none)."""
    sales = store.add_department("Sales")
    empty = store.add_department("Legal")
    ann = store.add_person("Ann", department_id=sales.id)
    store.add_person("Bo")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        people = store.people()
        by_id = {d.id: d for d in store.departments()}
        form = DepartmentForm(lambda values: None, people, by_id[sales.id])
        app.push_screen(form)
        await wait_until(pilot, lambda: form.form_ready, "open")
        assert select_values(form.query_one("#f-head_id", Select)) == [Select.NULL, ann.id]
        form = DepartmentForm(lambda values: None, people, by_id[empty.id])
        assert len(form.head_choices()) == 2
        assert len(DepartmentForm(lambda values: None, people).head_choices()) == 2


async def test_plus_on_a_picker_adds_a_person_or_a_department_and_picks_it(store, make_app):
    """`n` on an empty directory offered no one for the lead and failed with "required"."""
    app = make_app(store)
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RequestFormScreen)
        lead = form.query_one("#f-lead_id", Select)
        lead.focus()
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "PersonForm"
        await pilot.press(*"Ann Lee", "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        (ann,) = store.people()
        assert ann.name == "Ann Lee" and lead.value == ann.id and app.focused is lead
        requesting = form.query_one("#f-requesting_department_id", Select)
        requesting.focus()
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        await pilot.press(*"Sales", "ctrl+s")
        await pilot.pause()
        (sales,) = store.departments()
        assert app.screen is form and requesting.value == sales.id
        form.query_one("#f-code", Input).focus()
        await pilot.press("plus")  # in a text field, + is a character
        await pilot.pause()
        assert form.query_one("#f-code", Input).value == "+"


async def test_a_new_risk_s_draft_is_found_minutes_later(demo_store, make_app):
    """A new warning opens with "raised at" now: its draft must not depend on the minute."""
    from datetime import timedelta

    from tests.support.forms import OPENERS

    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        form = OPENERS["RiskForm"](app)
        app.push_screen(form)
        await wait_until(pilot, lambda: form.form_ready, "open")
        await pilot.press(*"Supplier late")
        await wait_until(pilot, lambda: form.draft_path().exists(), "a draft")
        app.clock.moment += timedelta(minutes=7)
        again = OPENERS["RiskForm"](app)
        app.push_screen(again)
        await wait_until(pilot, lambda: again.form_ready, "open again")
        assert again.first_field().value == "Supplier late"
