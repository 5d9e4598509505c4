"""The task editor's owner picker lists the project's people first, each with their
department (issue 18)."""

from __future__ import annotations

from textual.widgets import Select

from collabtui.screens.task_editor import TaskEditor
from tests.support.internals import select_options

from .conftest import TALL
from .test_board import open_board


async def test_the_owner_picker_starts_with_the_projects_people(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=TALL) as pilot:
        await open_board(pilot, demo_store, "Q4-LAUNCH")
        await pilot.press("n")
        editor = app.screen
        assert isinstance(editor, TaskEditor)
        owner = editor.query_one("#f-owner_id", Select)
        options = [(str(prompt), value) for prompt, value in select_options(owner)]
        options = [o for o in options if o[1] is not Select.NULL]
        project = demo_store.project("Q4-LAUNCH")
        own = [p for p in demo_store.picker_people(project.id) if p.own]
        assert [value for _, value in options][: len(own)] == [p.id for p in own]
        departments = {d.id: d.name for d in demo_store.departments()}
        people = {p.id: p for p in demo_store.people()}
        for prompt, value in options[: len(own)]:
            person = people[value]
            assert prompt == f"{person.name}（{departments[person.department_id]}）"
        others = {p.id for p in demo_store.picker_people(project.id) if not p.own}
        assert {value for _, value in options[len(own) :]} == others
        owner.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert owner.expanded
