"""A task's supporting departments are picked from the directory, the project's own
first; nothing can be typed into the department, and stored supports keep loading, even
when their department has since been retired (issue 18)."""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from collabtui.screens.task_editor import TaskEditor
from collabtui.widgets.row_list import RowList
from tests.support.internals import select_options

from .conftest import TALL
from .test_board import open_board


async def wait_for(pilot, condition, what: str) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


def shown(picker: Select) -> str:
    """What the picker shows in the form (its current choice, or its prompt)."""
    return str(picker.query_one("SelectCurrent #label", Static).render())


async def test_a_support_department_is_picked_with_the_projects_own_first(demo_store, make_app):
    project = demo_store.project("Q4-LAUNCH")
    own = [d for d in demo_store.picker_departments(project.id) if d.own]
    assert own, "the Chinese project has departments of its own"
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=TALL) as pilot:
        board = await open_board(pilot, demo_store, "Q4-LAUNCH")
        card = board.view.card
        kept = len(demo_store.task_row(card.id).supports)
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, TaskEditor)
        editor.query_one("#f-notes", Input).focus()
        await pilot.press("ctrl+n")
        supports = editor.query_one("#supports", RowList)
        await wait_for(pilot, lambda: len(supports.rows) == kept + 1, "a new support row")
        picker = supports.rows[-1].cells()[0]
        assert isinstance(picker, Select)
        await wait_for(pilot, lambda: app.focused is picker, "the department has the focus")
        offered = [v for _, v in select_options(picker) if v is not Select.NULL]
        assert offered[: len(own)] == [str(d.id) for d in own]

        await pilot.press(*"财务")  # nothing can be typed into it
        await pilot.pause()
        assert picker.value is Select.NULL and shown(picker) == "选择部门"

        # A duty without a department is refused, in Chinese, and nothing is saved.
        await pilot.press("tab", *"联调")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(editor.query_one("#e-supports", Static).render())
        assert "请从列表中选择配合部门" in error
        assert app.screen is editor and len(demo_store.task_row(card.id).supports) == kept

        # Picked with the keys: the first department listed is the project's own.
        picker.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: picker.expanded, "the list is open")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: picker.value == str(own[0].id), "picked")
        assert own[0].name in shown(picker)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not editor, "saved and left")
    saved = demo_store.task_row(card.id)
    assert len(saved.supports) == kept + 1
    new = next(s for s in saved.supports if s.duty == "联调")
    assert (new.department_id, new.department) == (own[0].id, own[0].name)


async def test_a_stored_support_keeps_its_retired_department(demo_store, make_app):
    task = next(
        r
        for p in demo_store.projects()
        for r in demo_store.task_rows(p.id)
        if r.supports and r.project_id is not None
    )
    support = task.supports[0]
    department = next(d for d in demo_store.departments() if d.id == support.department_id)
    demo_store.retire_department(department.id, department.version)
    assert department.id not in {d.id for d in demo_store.picker_departments(task.project_id)}
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        await pilot.pause()
        app.push_screen(TaskEditor(task.project_id, task_id=task.id))
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, TaskEditor) and app.screen.form_ready,
            "the editor",
        )
        editor = app.screen
        rows = editor.query_one("#supports", RowList).rows
        assert len(rows) == len(task.supports)
        picker = rows[0].cells()[0]
        assert picker.value == str(support.department_id)
        assert support.department in shown(picker)
        editor.query_one("#f-notes", Input).focus()
        await pilot.press(*"ok")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not editor, "saved and left")
    saved = demo_store.task_row(task.id)
    assert saved.notes.endswith("ok")
    assert [(s.department_id, s.duty) for s in saved.supports] == [
        (s.department_id, s.duty) for s in task.supports
    ]
