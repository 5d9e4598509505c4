"""The retrospective and the handbook from the keyboard: capture by keys (the store checked
after each key), a goal's actual, edit, delete, promote; the handbook searched as you
type in Chinese and English, edited, retired and restored."""

from __future__ import annotations

from datetime import UTC, date

from textual.widgets import Input, Select, Static, TextArea

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.dialogs.retro import (
    ActualForm,
    CaptureLine,
    PracticeForm,
    PracticeView,
    RetroItemForm,
)
from collabtui.domain.workdays import WorkCalendar
from collabtui.screens.dashboard import DashboardScreen
from collabtui.screens.handbook import HandbookScreen
from collabtui.screens.project import ProjectScreen
from collabtui.screens.retro import RetroScreen
from collabtui.widgets.record_table import RecordTable

from .conftest import SIZE

TODAY = date(2026, 11, 27)  # Friday
CN = WorkCalendar("CN")


def report(store, project):
    return store.retro_report(project, calendar=CN, tz=None, today=TODAY)


def setup(store):
    """A project that ended on Monday 23 November, with a goal and two people."""
    dept = store.add_department("Ops")
    ann = store.add_person("Ann", department_id=dept.id)
    store.add_person("Bo Li", department_id=dept.id)
    project = store.create_project(
        "P7", "[bold]Launch[/] 上线", end_on=date(2026, 11, 23), lead_id=ann.id
    )
    with store.db.write("test.goal") as u:
        from collabtui.store.models import Goal

        u.add(Goal(project_id=project.id, description="Signups", metric="users", target=200))
    return project, ann


async def open_retro(pilot, store, code) -> RetroScreen:
    pilot.app.open_project(store.project_id(code))
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProjectScreen)
    await pilot.press("T")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RetroScreen)
    return screen


async def capture(pilot, key: str, text: str) -> None:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, CaptureLine)
    await pilot.press(*text, "enter")
    await pilot.pause()


def rule_line(screen) -> str:
    return str(screen.query_one("#retro-rule", Static).render())


async def test_a_retrospective_captured_by_keys(store, make_app):
    _project, ann = setup(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_retro(pilot, store, "P7")
        assert "due by 2026-11-30" in rule_line(screen)
        assert report(store, "P7").meeting is None

        await capture(pilot, "h", "One-to-one first")
        r = report(store, "P7")
        assert [(i.dimension, i.text) for i in r.items] == [("highlight", "One-to-one first")]
        assert r.meeting is not None and r.meeting.held  # the first capture began it
        assert r.meeting.duration_min == 90
        assert "working day 4 of 5" in rule_line(screen)

        await capture(pilot, "i", "Vendor late @Ann -> register vendor risks")
        problem = report(store, "P7").items_of("problem")[0]
        assert (problem.text, problem.owner_id, problem.action) == (
            "Vendor late",
            ann.id,
            "register vendor risks",
        )

        await capture(pilot, "s", "Template early @bo")
        suggestion = report(store, "P7").items_of("suggestion")[0]
        assert suggestion.owner == "Bo Li" and suggestion.action == ""

        await capture(pilot, "g", "Signups below plan")
        note = report(store, "P7").items_of("goal_result")[0]
        assert note.goal == "Signups"  # the goal under the cursor

        # An unknown owner keeps the line and says why.
        await pilot.press("h", *"x @Nobody", "enter")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, CaptureLine)
        assert "Nobody" in str(form.query_one("#e-text", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert len(report(store, "P7").items) == 4

        items = screen.query_one("#retro-items", RecordTable)
        assert items.row_count == 4
        assert [str(items.get_row_at(i)[0]) for i in range(4)] == [
            "Goal achievement",
            "Highlight",
            "Problem to improve",
            "Suggestion",
        ]


async def test_type_a_goals_actual_and_see_the_percentage(store, make_app):
    setup(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_retro(pilot, store, "P7")
        goals = screen.query_one("#retro-goals", RecordTable)
        assert str(goals.get_row_at(0)[4]) == "no actual yet"
        await pilot.press("t")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ActualForm)
        await pilot.press(*"230", "enter")
        await pilot.pause()
        assert report(store, "P7").goals[0].actual == 230
        assert str(goals.get_row_at(0)[3]) == "230"
        assert str(goals.get_row_at(0)[4]) == "115%"
        await pilot.press("t", "ctrl+a", "backspace", *"abc", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ActualForm)
        await pilot.press("escape")
        await pilot.pause()
        assert report(store, "P7").goals[0].actual == 230


async def test_edit_delete_and_promote_by_keys(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_retro(pilot, demo_store, "VIP-PTS")
        assert "working day 2 of 5" in rule_line(screen) and "in time" in rule_line(screen)
        items = screen.query_one("#retro-items", RecordTable)
        await pilot.press("tab")  # the retrospective opens on the goals; the items below
        assert items.has_focus
        before = report(demo_store, "VIP-PTS")
        target = before.items_of("suggestion")[0]
        while screen.current_item().id != target.id:
            await pilot.press("down")

        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, RetroItemForm)
        form.query_one("#f-action", Input).value = "周进度模板随立项下发"
        form.query_one("#f-due_on", Input).value = "+7d"
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = report(demo_store, "VIP-PTS").item(target.id)
        assert edited.action == "周进度模板随立项下发" and edited.due_on == date(2026, 12, 4)

        await pilot.press("P")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, PracticeForm)
        assert form.query_one("#f-title", Input).value == target.text
        assert "周进度模板随立项下发" in form.query_one("#f-body", TextArea).text
        form.query_one("#f-title", Input).value = "立项即下发周进度模板"
        form.query_one("#f-tags", Input).value = "进度，模板"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, RetroScreen)
        practice = demo_store.practices("周进度模板")[0]
        assert practice.tags == ("进度", "模板") and practice.source_code == "VIP-PTS"
        assert practice.source_on == report(demo_store, "VIP-PTS").timing.held_on
        assert str(items.get_row_at(items.cursor_row)[5]) == "✓"

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert report(demo_store, "VIP-PTS").item(target.id) is None
        assert len(report(demo_store, "VIP-PTS").items) == len(before.items) - 1
        assert demo_store.practice(practice.id).source_retro_item_id is None


async def test_escape_goes_back_to_the_project(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_retro(pilot, demo_store, "VIP-PTS")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ProjectScreen)


# ---------------------------------------------------------------------- the handbook


async def open_handbook(pilot) -> HandbookScreen:
    assert isinstance(pilot.app.screen, DashboardScreen)
    await pilot.press("H")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HandbookScreen)
    return screen


def listed(screen) -> list[str]:
    return [r.title for r in screen.rows]


async def test_handbook_search_as_you_type_in_chinese(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_handbook(pilot)
        assert len(listed(screen)) == 4
        await pilot.press("slash")
        box = screen.query_one("#handbook-query", Input)
        assert box.has_focus
        box.value = "纪要"  # Pilot cannot type CJK: set the value, as an IME would
        await pilot.pause()
        assert listed(screen) == ["纪要 24 小时内发出，决议逐条跟踪"]
        assert "匹配" in str(screen.query_one("#summary", Static).render())
        box.value = "一对一 评审会"
        await pilot.pause()
        assert listed(screen) == ["评审会前先做一对一确认"]
        box.value = "没有这样的实践"
        await pilot.pause()
        assert listed(screen) == []
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#practice-list", RecordTable).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DashboardScreen)


async def test_handbook_search_typed_in_english_then_show_edit_retire(demo_store, make_app):
    item = report(demo_store, "VIP-PTS").items[0]
    demo_store.promote_to_practice(
        item.id,
        tz=UTC,
        title="Pre-wire the [bold]review[/]",
        body="Talk one-to-one.",
        tags="Alignment",
    )
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_handbook(pilot)
        await pilot.press("slash", *"REVIEW")
        await pilot.pause()
        assert listed(screen) == ["Pre-wire the [bold]review[/]"]
        table = screen.query_one("#practice-list", RecordTable)
        assert str(table.get_row_at(0)[0]) == "Pre-wire the [bold]review[/]"
        await pilot.press("enter")  # back to the list
        await pilot.pause()
        assert table.has_focus
        await pilot.press("enter")  # the practice whole
        await pilot.pause()
        assert isinstance(pilot.app.screen, PracticeView)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, PracticeForm)
        form.query_one("#f-tags", Input).value = "Alignment, Meetings"
        await pilot.press("ctrl+s")
        await pilot.pause()
        practice = demo_store.practices("review")[0]
        assert practice.tags == ("Alignment", "Meetings")

        await pilot.press("x")
        await pilot.pause()
        assert demo_store.practices("review") == []
        assert listed(screen) == []
        await pilot.press("full_stop")  # show retired ones
        await pilot.pause()
        assert listed(screen) == ["Pre-wire the [bold]review[/]"]
        await pilot.press("x")
        await pilot.pause()
        assert demo_store.practices("review")[0].retired is False


async def test_the_capture_form_offers_the_goals(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_retro(pilot, demo_store, "VIP-PTS")
        await pilot.press("g")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, CaptureLine)
        goals = form.query_one("#f-goal_id", Select)
        assert goals.value == report(demo_store, "VIP-PTS").goals[0].goal_id
