"""Joint acceptance from the keyboard: open from the project, generate, add, edit, judge,
mark and merge, drop, sign off and withdraw — then the phase gate on the project screen:
all sign → ``p`` moves on at once; one item fails → ``p`` asks for a reason and keeps it."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Select, Static

from collabtui.dialogs.acceptance import ItemForm, SignOffForm, TextForm
from collabtui.dialogs.confirm import ConfirmDialog, ReasonDialog
from collabtui.dialogs.help import HelpScreen
from collabtui.domain.enums import Phase
from collabtui.screens.acceptance import WIDTH, AcceptanceScreen
from collabtui.screens.project import ProjectScreen
from collabtui.text import truncate
from collabtui.widgets.record_table import RecordTable

from .conftest import SIZE

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
MARKUP = "[bold]x[/] 海报 [/] [@click=app.quit]q[/]"


async def open_acceptance(pilot, store, project="Q4-LAUNCH") -> AcceptanceScreen:
    """The project screen, then ``A``."""
    pilot.app.open_project(store.project_id(project))
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProjectScreen)
    await pilot.press("A")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AcceptanceScreen)
    return screen


def column(screen, table_id: str, index: int) -> list[str]:
    table = screen.query_one(f"#{table_id}", RecordTable)
    return [str(table.get_row_at(i)[index]) for i in range(table.row_count)]


def status(screen) -> str:
    return str(screen.query_one("#summary", Static).render())


def items(store, code="Q4-LAUNCH"):
    return store.acceptance_report(code).items


async def go_to_item(pilot, screen, deliverable: str) -> None:
    """Move the cursor (arrow keys) to the item with ``deliverable``."""
    table = screen.query_one("#item-list", RecordTable)
    rows = [*screen.report.items, *screen.report.dropped]
    target = next(i for i, r in enumerate(rows) if r.deliverable == deliverable)
    while table.cursor_row != target:
        await pilot.press("down" if table.cursor_row < target else "up")
    assert screen.current_item().deliverable == deliverable


def sign_all(store, code="Q4-LAUNCH") -> None:
    for row in store.acceptance_report(code).required:
        person = next(p for p in store.people() if p.department_id == row.department_id)
        store.sign_off(code, row.department_id, person_id=person.id, verdict="accepted")


def to_accepting(store, code="Q4-LAUNCH"):
    project = store.project(code)
    return store.edit_project(project.id, project.version, phase=Phase.ACCEPTING)


async def test_opens_from_the_project_and_lists_items_and_departments(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acceptance(pilot, demo_store, "VIP-PTS")
        report = demo_store.acceptance_report("VIP-PTS")
        assert column(screen, "item-list", 1) == [i.deliverable for i in report.items]
        assert column(screen, "item-list", 3) == ["Pass", "Pass", "Pass", "Waived", "Pass"]
        assert column(screen, "signoff-list", 4) == [
            "Accepted",
            "Accepted with reservations",
            "Accepted",
            "Accepted",
        ]
        assert column(screen, "signoff-list", 3)[0] == "2026-11-06 15:06"
        assert status(screen).startswith("3/3 departments signed")
        assert "accepted: ready for the retrospective" in status(screen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {key: action for _, (key, action, _id) in app.screen.rows()}
        assert {
            k: keys[k] for k in ("g", "n", "e", "p", "f", "w", "space", "m", "x", "s", "u")
        } == {
            "g": "Generate",
            "n": "Add",
            "e": "Edit",
            "p": "Pass",
            "f": "Fail",
            "w": "Waive",
            "space": "Mark",
            "m": "Merge",
            "x": "Drop",
            "s": "Sign off",
            "u": "Withdraw",
        }
        assert keys["tab"] == "Switch" and keys["esc"] == "Back"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)


async def test_generate_add_and_edit_by_keys(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acceptance(pilot, demo_store)
        assert "0/5 departments signed" in status(screen)
        assert screen.query_one("#item-list", RecordTable).row_count == 0
        await pilot.press("g")
        await pilot.pause()
        count = len(items(demo_store))
        # one item per task with a deliverable, + the deliverable no task delivers (issue 16)
        assert count == 15 and len(screen.report.items) == count
        await pilot.press("g")
        await pilot.pause()
        assert len(items(demo_store)) == count
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        await pilot.press("ctrl+s")  # no deliverable: the error sits next to the field
        await pilot.pause()
        assert "Name the deliverable" in str(app.screen.query_one("#e-deliverable").render())
        await pilot.press(*MARKUP, "tab", *"A4, 300 dpi", "tab", "enter", "down", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AcceptanceScreen)
        new = items(demo_store)[-1]
        assert (new.deliverable, new.quality_standard, new.task_code) == (
            MARKUP,
            "A4, 300 dpi",
            "T-01",
        )
        assert column(screen, "item-list", 1)[-1] == truncate(MARKUP, WIDTH["deliverable"])
        await go_to_item(pilot, screen, MARKUP)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        app.screen.query_one("#f-note").value = "printed proof"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert items(demo_store)[-1].note == "printed proof"


async def test_pass_fail_and_waive_by_keys(demo_store, make_app):
    demo_store.generate_acceptance_items("Q4-LAUNCH")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acceptance(pilot, demo_store)
        await pilot.press("p")  # the first item's task (T-08) is unfinished: asked first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert items(demo_store)[0].verdict == "pass"
        await pilot.press("down", "f")
        await pilot.pause()
        assert isinstance(app.screen, TextForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "does not meet" in str(app.screen.query_one("#e-note").render())
        await pilot.press(*"只有 28 家媒体到场", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AcceptanceScreen)
        second = items(demo_store)[1]
        assert (second.verdict, second.note) == ("fail", "只有 28 家媒体到场")
        await pilot.press("down", "w", *"经各部门同意", "ctrl+s")
        await pilot.pause()
        assert (items(demo_store)[2].verdict, items(demo_store)[2].note) == (
            "waived",
            "经各部门同意",
        )
        await pilot.press("down", "w", "escape")  # cancelled: nothing changes
        await pilot.pause()
        assert items(demo_store)[3].verdict == "pending"
        assert column(screen, "item-list", 3)[:4] == ["Pass", "Fail", "Waived", "Pending"]
        assert "1 item failed" in status(screen)


async def test_mark_and_merge_then_merge_the_next(demo_store, make_app):
    demo_store.generate_acceptance_items("Q4-LAUNCH")
    first, second, third, fourth = items(demo_store)[:4]
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acceptance(pilot, demo_store)
        await pilot.press("down", "space", "space")  # marks items 2 and 3, cursor on 4
        await pilot.pause()
        assert screen.marked == {second.id, third.id}
        assert column(screen, "item-list", 0)[:4] == ["1", "●", "●", "4"]
        await pilot.press("up", "up", "up")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        kept = items(demo_store)[0]
        assert kept.deliverable == "; ".join(
            [first.deliverable, second.deliverable, third.deliverable]
        )
        dropped = demo_store.acceptance_report("Q4-LAUNCH").dropped
        assert [d.id for d in dropped] == [second.id, third.id]
        assert screen.marked == set()
        await pilot.press("m", "y")  # nothing marked: the next item (4) merges in
        await pilot.pause()
        assert fourth.deliverable in items(demo_store)[0].deliverable
        assert column(screen, "item-list", 3)[-3:] == ["Dropped"] * 3


async def test_drop_asks_the_reason(demo_store, make_app):
    demo_store.generate_acceptance_items("Q4-LAUNCH")
    first = items(demo_store)[0]
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acceptance(pilot, demo_store)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, TextForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "reason" in str(app.screen.query_one("#e-reason").render())
        await pilot.press(*"与 T-08 重复", "ctrl+s")
        await pilot.pause()
        (dropped,) = demo_store.acceptance_report("Q4-LAUNCH").dropped
        assert (dropped.id, dropped.dropped_reason, dropped.dropped_at) == (
            first.id,
            "与 T-08 重复",
            NOW,
        )
        assert column(screen, "item-list", 4)[-1] == "与 T-08 重复"
        await go_to_item(pilot, screen, first.deliverable)
        await pilot.press("p")  # a dropped item takes no verdict
        await pilot.pause()
        assert demo_store.acceptance_report("Q4-LAUNCH").dropped[0].verdict == "pending"


async def test_sign_off_by_keys_then_withdraw(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acceptance(pilot, demo_store)
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SignOffForm)
        first = demo_store.acceptance_report("Q4-LAUNCH").required[0]
        assert form.query_one("#f-department_id", Select).value == first.department_id
        await pilot.press("ctrl+s")  # nobody chosen
        await pilot.pause()
        assert "签字人" in str(form.query_one("#e-person_id").render())
        assert form.query_one("#f-person_id", Select).has_focus  # the error's field
        await pilot.press("enter", "down", "enter")  # the department's first member
        await pilot.press("tab", "tab", *"[/] 同意", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AcceptanceScreen)
        row = demo_store.acceptance_report("Q4-LAUNCH").signoffs[0]
        assert (row.signed, row.verdict, row.comment, row.signed_at) == (
            True,
            "accepted",
            "[/] 同意",
            NOW,
        )
        assert status(screen).startswith("1/5 个部门已签字")
        assert column(screen, "signoff-list", 4)[0] == "同意验收"
        # the next sign-off starts with the next department still missing
        await pilot.press("s")
        await pilot.pause()
        second = demo_store.acceptance_report("Q4-LAUNCH").required[1]
        assert app.screen.query_one("#f-department_id", Select).value == second.department_id
        await pilot.press("escape", "tab")
        await pilot.pause()
        assert screen.query_one("#signoff-list", RecordTable).has_focus
        await pilot.press("u", "y")
        await pilot.pause()
        assert not demo_store.acceptance_report("Q4-LAUNCH").signoffs[0].signed
        assert column(screen, "signoff-list", 4)[0] == "未签字"


async def test_all_sign_and_p_on_the_project_moves_on_without_asking(demo_store, make_app):
    to_accepting(demo_store)
    demo_store.generate_acceptance_items("Q4-LAUNCH")
    for item in items(demo_store):
        demo_store.set_verdict(item.id, item.version, "pass")
    last = demo_store.acceptance_report("Q4-LAUNCH").required[-1]
    sign_all(demo_store)
    signoff = next(
        r
        for r in demo_store.acceptance_report("Q4-LAUNCH").signoffs
        if r.department_id == last.department_id
    )
    demo_store.withdraw_sign_off(signoff.signoff_id, signoff.version)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acceptance(pilot, demo_store)
        assert "4/5 departments signed" in status(screen)
        await pilot.press("tab", *["down"] * 4, "s")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#f-department_id", Select).value == last.department_id
        form.query_one("#f-person_id", Select).focus()  # (the form opens in its text field)
        await pilot.press("enter", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert "accepted: ready for the retrospective" in status(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert "ready to move on" in str(app.screen.query_one("#gaps").render())
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)  # no reason asked
        project = demo_store.project("Q4-LAUNCH")
        assert project.phase is Phase.RETROSPECTIVE
        assert demo_store.phase_overrides(project.id) == []


async def test_one_failed_item_and_p_asks_for_a_reason_and_keeps_it(demo_store, make_app):
    to_accepting(demo_store)
    demo_store.generate_acceptance_items("Q4-LAUNCH")
    sign_all(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acceptance(pilot, demo_store)
        await pilot.press("f", *"直播观看 42 万 未达 50 万", "ctrl+s")
        await pilot.pause()
        assert "1 item failed" in status(screen) and "not yet accepted" in status(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert "1 acceptance item failed" in str(app.screen.query_one("#gaps").render())
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert demo_store.project("Q4-LAUNCH").phase is Phase.ACCEPTING
        await pilot.press("p", *"销售部确认以首月销量为准 直播指标豁免", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        project = demo_store.project("Q4-LAUNCH")
        assert project.phase is Phase.RETROSPECTIVE
        assert [c.note for c in demo_store.phase_overrides(project.id)] == [
            "销售部确认以首月销量为准 直播指标豁免"
        ]


async def test_keys_on_an_empty_list_only_say_so(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acceptance(pilot, demo_store)
        for key in ("e", "p", "f", "w", "space", "m", "x", "u"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen
        assert items(demo_store) == ()
