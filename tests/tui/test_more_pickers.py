"""The other pickers list the project's own departments and people first, each person
with their department: the standup's support department, the request form's partners,
the risk form's raiser and the acceptance sign-off's people (issue 18)."""

from __future__ import annotations

from textual.widgets import Select, SelectionList

from collabtui.domain.pickers import person_label
from tests.support.internals import select_options

from .conftest import TALL
from .test_every_form import open_by_key, wait_until


def offered(select: Select) -> list[tuple[str, object]]:
    return [(str(p), v) for p, v in select_options(select) if v is not Select.NULL]


async def test_the_standup_support_department_is_picked_from_the_projects_own_first(
    demo_store, make_app
):
    q4 = demo_store.project("Q4-LAUNCH")
    own = [d for d in demo_store.picker_departments(q4.id) if d.own]
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=TALL) as pilot:
        form = await open_by_key(pilot, "SupportForm", then=list("联调接口"))
        standup = app.screen_stack[-2]
        task_id, week, tz = standup.row.task_id, standup.week, app.clock.tz
        picker = form.query_one("#f-support_from_id", Select)
        assert [v for _, v in offered(picker)][: len(own)] == [d.id for d in own]
        picker.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: picker.expanded, "the list is open")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: picker.value == own[0].id, "the first one picked")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not form, "saved")
    sheet = demo_store.standup_sheet(q4.id, week, tz=tz)
    row = next(r for d in sheet.departments for r in d.rows if r.task_id == task_id)
    assert (row.support_needed, row.support_from_id) == ("联调接口", own[0].id)


async def test_the_risk_raiser_lists_the_projects_people_first_with_departments(
    demo_store, make_app
):
    q4 = demo_store.project("Q4-LAUNCH")
    people = demo_store.picker_people(q4.id)
    own = [p for p in people if p.own]
    assert own and any(not p.own for p in people)
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=TALL) as pilot:
        form = await open_by_key(pilot, "RiskForm", then=[])
        raiser = form.query_one("#f-raised_by_id", Select)
        listed = offered(raiser)
        assert [v for _, v in listed] == [p.id for p in people]
        assert listed[0][0] == person_label(own[0]) and "（" in listed[0][0]
        raiser.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: raiser.expanded, "the list is open")
        overlay = raiser.query_one("SelectOverlay")
        first = str(overlay.get_option_at_index(1).prompt)
        assert first == person_label(own[0])


async def test_the_sign_off_people_are_named_with_their_department(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=TALL) as pilot:
        form = await open_by_key(pilot, "SignOffForm", then=[])
        person = form.query_one("#f-person_id", Select)
        listed = offered(person)
        assert listed
        department = form.query_one("#f-department_id", Select)
        name = next(d.name for d in demo_store.departments() if d.id == department.value)
        for label, _ in listed:
            assert label.endswith(f"（{name}）"), label


async def test_the_request_form_lists_the_projects_own_partners_first(demo_store, make_app):
    q4 = demo_store.project("Q4-LAUNCH")
    draft = demo_store.request_draft(q4.id)
    own = [draft.requesting_department_id] + [
        p.department_id for p in draft.partners if p.department_id is not None
    ]
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=TALL) as pilot:
        await pilot.pause()
        app.go(
            "request",
            draft,
            demo_store.departments(include_retired=True),
            demo_store.people(include_retired=True),
        )
        await wait_until(
            pilot, lambda: getattr(app.screen, "form_ready", False), "the request form"
        )
        partners = app.screen.query_one("#f-partners", SelectionList)
        values = [partners.get_option_at_index(i).value for i in range(partners.option_count)]
        first = list(dict.fromkeys(d for d in own if d is not None))
        assert values[: len(first)] == first
        rest = values[len(first) :]
        names = {d.id: d.name for d in demo_store.departments()}
        assert [names[v].casefold() for v in rest] == sorted(names[v].casefold() for v in rest)
