"""The rest of issue 15's cases, each by the keys the report names: the dialogs that
dropped typing on Esc (opened as the report opened them), one-field dialogs that ignored
Enter, task errors that stayed after the field was fixed, and the palette's quit."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, Static

from collabtui.dialogs.confirm import ConfirmDialog, ReasonDialog
from collabtui.dialogs.discipline import FormDiscipline, field_value
from collabtui.dialogs.forms import RecordForm
from collabtui.screens.task_editor import TaskEditor
from tests.support.forms import OPENERS, Q4, discover
from tests.tui.test_every_form import send_now, wait_until

from .conftest import TALL


def _q4(store):
    return store.project(Q4).id


async def _start_if_asked(pilot) -> None:
    if isinstance(pilot.app.screen, ConfirmDialog):
        await pilot.press("y")
        await pilot.pause()


def _meeting(store):
    return next(iter(store.meetings(_q4(store)))).id


#: The report's list: ``name → (how to get to the screen, keys that open the dialog)``.
PATHS = {
    "department add (d, a)": (lambda app: app.go("directory"), ["a"]),
    "person edit (d, e)": (lambda app: app.open_directory("people"), ["e"]),
    "one-to-one (c, enter)": (lambda app: app.open_project(_q4(app.store)), ["c", "enter"]),
    "runner decision (d)": (lambda app: app.go("runner", _meeting(app.store)), ["d"]),
    "runner action item (a)": (lambda app: app.go("runner", _meeting(app.store)), ["a"]),
    "runner open item (o)": (lambda app: app.go("runner", _meeting(app.store)), ["o"]),
    "runner note (t)": (lambda app: app.go("runner", _meeting(app.store)), ["t"]),
    "risk edit (e)": (lambda app: app.go("risks", _q4(app.store)), ["e"]),
    "new resource request (n)": (lambda app: app.go("resources", _q4(app.store)), ["n"]),
}


@pytest.mark.parametrize("name", sorted(PATHS))
async def test_esc_on_a_dialog_with_typing_asks_and_keeps_it(name, demo_store, make_app):
    go, keys = PATHS[name]
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        go(app)
        await pilot.pause()
        await _start_if_asked(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDiscipline), f"{name}: {form!r} is a form"
        await wait_until(pilot, lambda: form.form_ready, "open")
        send_now(app, list("Typed 1"))
        first = form.first_field()
        await wait_until(pilot, lambda: str(field_value(first)).endswith("Typed 1"), "typed")
        typed = form.snapshot()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), f"{name}: Esc asks"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and form.snapshot() == typed, f"{name}: nothing lost"


#: Forms whose enter stays in the field: a multi-line note (a new line), a checklist (it
#: ticks), and the forms of several fields (set per call: a when, a resource request, a
#: retrospective item); they save with ctrl+s.
ENTER_IS_THE_FIELDS = {"NotesForm", "AttendanceForm", "WhenForm", "ResourceForm", "RetroItemForm"}


def _enter_saves() -> list[str]:
    """The forms whose enter saves: one single-line field, or ENTER_SAVES (a capture line)."""
    return sorted(
        name
        for name, cls in discover().items()
        if name not in ENTER_IS_THE_FIELDS
        and (
            issubclass(cls, ReasonDialog)
            or (issubclass(cls, RecordForm) and (cls.ENTER_SAVES or len(cls.FIELDS) <= 1))
        )
    )


@pytest.mark.parametrize("name", _enter_saves())
async def test_enter_saves_every_one_field_dialog(name, demo_store, make_app):
    """Phase reason and retro capture saved on Enter; the in-place date and the fail or
    waive note did not."""
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        form = OPENERS[name](app)
        saved, results = [], []
        if isinstance(form, RecordForm):
            form.save = lambda values: saved.append(values) or True
        app.push_screen(form, results.append)
        await wait_until(pilot, lambda: form.form_ready, "open")
        assert isinstance(form.first_field(), Input)
        if isinstance(form, RecordForm):
            assert form.ENTER_SAVES or len(form.FIELDS) == 1, name
        await pilot.press(*"12", "enter")
        await pilot.pause()
        assert results and results[0] not in (None, False), f"{name}: enter saved"
        assert app.screen is not form


async def test_task_errors_go_as_soon_as_their_field_is_fixed(demo_store, make_app):
    """ "任务必须有且只有一位负责人" and "截止日期早于开始日期" stayed after the fix."""
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=TALL) as pilot:
        editor = TaskEditor(_q4(demo_store))
        app.push_screen(editor)
        await wait_until(pilot, lambda: editor.form_ready, "open")
        await pilot.press(*"新任务")
        editor.query_one("#f-start_on", Input).value = "2026-12-10"
        editor.query_one("#f-due_on", Input).value = "2026-12-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        owner_error = editor.query_one("#e-owner_id", Static)
        assert "负责人" in str(owner_error.render())
        owner = editor.query_one("#f-owner_id", Select)
        assert app.focused is owner
        owner.value = editor.owner_choices[0].id
        await pilot.pause()
        assert str(owner_error.render()) == "", "the owner's error went with the fix"
        await pilot.press("ctrl+s")
        await pilot.pause()
        due_error = editor.query_one("#e-due_on", Static)
        assert "截止日期早于开始日期" in str(due_error.render())
        due = editor.query_one("#f-due_on", Input)
        assert app.focused is due and due.selection.is_empty
        await pilot.press("backspace", "5")
        await pilot.pause()
        assert str(due_error.render()) == "", "the date's error went with the fix"


async def test_the_palette_s_quit_asks_with_a_form_open(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Q9")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"quit")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.is_running
        await pilot.press("enter")  # keep editing
        await pilot.pause()
        assert app.screen.query_one("#f-code", Input).value == "Q9"
