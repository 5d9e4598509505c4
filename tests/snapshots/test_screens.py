"""Snapshots of each screen state at a fixed size, clock and dataset.

Run ``pytest tests/snapshots --snapshot-update`` after an intended visual change,
then look at the pictures in the report before committing them.
"""

from __future__ import annotations

SIZE = (120, 36)


async def alerts_shown(pilot) -> None:
    """The dashboard checks the playbook's rules in a thread: wait for its list."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_dashboard_english(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=alerts_shown)


def test_dashboard_chinese(snap_compare, demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    assert snap_compare(app, terminal_size=SIZE, run_before=alerts_shown)


def test_dashboard_narrow_terminal(snap_compare, demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    assert snap_compare(app, terminal_size=(80, 24), run_before=alerts_shown)


def test_dashboard_empty_store(snap_compare, store, make_app):
    assert snap_compare(make_app(store), terminal_size=SIZE, run_before=alerts_shown)


def test_dashboard_hostile_and_long_text(snap_compare, store, make_app):
    store.create_project("X1", "[bold]x[/] 看起来像标记的标题 [/] " + "很长的协作主题" * 12)
    store.create_project("X2", "\x1b[31mANSI\x1b[0m [@click=app.quit]quit[/]")
    assert snap_compare(make_app(store), terminal_size=SIZE, run_before=alerts_shown)


def test_project_overview_chinese(snap_compare, demo_store, make_app):
    project = next(p for p in demo_store.projects() if "智能手表" in p.topic)

    async def open_project(pilot):
        pilot.app.open_project(project.id)
        await pilot.pause()

    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=open_project
    )


def test_project_tasks_english(snap_compare, demo_store, make_app):
    project = next(p for p in demo_store.projects() if p.code == "CX-FIX")

    async def open_tasks(pilot):
        pilot.app.open_project(project.id, tab="tasks")
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=open_tasks)


def test_directory_people_chinese(snap_compare, demo_store, make_app):
    async def open_people(pilot):
        pilot.app.open_directory(tab="people")
        await pilot.pause()

    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=open_people
    )


def test_help_screen(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, press=["question_mark"])


def test_department_form_with_error(snap_compare, demo_store, make_app):
    async def duplicate(pilot):
        pilot.app.open_directory()
        await pilot.pause()
        await pilot.press("a", *"市场部", "ctrl+s")
        await pilot.pause()
        pilot.app.screen.query_one("#f-name").cursor_blink = False

    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=duplicate
    )


FORM = (120, 48)


def _no_blink(app) -> None:
    from textual.widgets import Input, TextArea

    for widget in app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


def test_request_form_empty(snap_compare, demo_store, make_app):
    async def new(pilot):
        await pilot.press("n")
        await pilot.pause()
        _no_blink(pilot.app)

    assert snap_compare(make_app(demo_store), terminal_size=FORM, run_before=new)


def test_request_form_filled_chinese(snap_compare, demo_store, make_app):
    project = demo_store.project("Q4-LAUNCH")

    async def edit(pilot):
        pilot.app.open_project(project.id)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        _no_blink(pilot.app)

    assert snap_compare(make_app(demo_store, lang="zh-CN"), terminal_size=FORM, run_before=edit)


def test_request_form_with_errors(snap_compare, demo_store, make_app):
    async def refused(pilot):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        _no_blink(pilot.app)

    assert snap_compare(make_app(demo_store), terminal_size=FORM, run_before=refused)


def test_request_form_with_errors_chinese(snap_compare, demo_store, make_app):
    async def refused(pilot):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        _no_blink(pilot.app)

    assert snap_compare(make_app(demo_store, lang="zh-CN"), terminal_size=FORM, run_before=refused)


def test_alignment_table_english(snap_compare, demo_store, make_app):
    project = demo_store.project("CX-FIX")

    async def open_alignment(pilot):
        pilot.app.open_project(project.id)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=open_alignment)


def test_alignment_table_chinese(snap_compare, demo_store, make_app):
    project = demo_store.project("Q4-LAUNCH")

    async def open_alignment(pilot):
        pilot.app.open_project(project.id)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=open_alignment
    )


def test_phase_guard_dialog(snap_compare, demo_store, make_app):
    project = demo_store.project("CX-FIX")

    async def guard(pilot):
        pilot.app.open_project(project.id)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        _no_blink(pilot.app)

    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=guard)


def _runner(demo_store, code: str, *, early: bool = False):
    from collabtui.screens.runner import MeetingRunnerScreen

    meeting = next(m for m in demo_store.meetings(code) if m.kind == "requirement_review")

    async def open_runner(pilot):
        pilot.app.push_screen(MeetingRunnerScreen(meeting.id))
        await pilot.pause()
        if early:  # planned days ahead: the runner asks before starting it (issue 16)
            await pilot.press("y")
            await pilot.pause()
        await pilot.press("n")
        await pilot.pause()

    return open_runner


def test_meeting_runner_english(snap_compare, demo_store, make_app):
    assert snap_compare(
        make_app(demo_store),
        terminal_size=SIZE,
        run_before=_runner(demo_store, "CX-FIX", early=True),
    )


def test_meeting_runner_chinese(snap_compare, demo_store, make_app):
    assert snap_compare(
        make_app(demo_store, lang="zh-CN"),
        terminal_size=SIZE,
        run_before=_runner(demo_store, "Q4-LAUNCH"),
    )


def test_minutes_chinese(snap_compare, demo_store, make_app):
    from collabtui.screens.minutes import MinutesScreen

    meeting = demo_store.meetings("Q4-LAUNCH")[0]

    async def open_minutes(pilot):
        pilot.app.push_screen(MinutesScreen(meeting.id))
        await pilot.pause()

    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=open_minutes
    )


def test_minutes_english(snap_compare, demo_store, make_app):
    from collabtui.screens.minutes import MinutesScreen

    meeting = demo_store.meetings("CX-FIX")[0]

    async def open_minutes(pilot):
        pilot.app.push_screen(MinutesScreen(meeting.id))
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=open_minutes)


def test_decisions_list(snap_compare, demo_store, make_app):
    from collabtui.screens.minutes import DecisionsScreen

    async def open_decisions(pilot):
        pilot.app.push_screen(DecisionsScreen(None))
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=open_decisions)


def test_meeting_planner_chinese(snap_compare, demo_store, make_app):
    project = demo_store.project("Q4-LAUNCH")

    async def plan(pilot):
        pilot.app.open_project(project.id)
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        _no_blink(pilot.app)

    assert snap_compare(make_app(demo_store, lang="zh-CN"), terminal_size=FORM, run_before=plan)


def test_meeting_planner_english(snap_compare, demo_store, make_app):
    project = demo_store.project("CX-FIX")

    async def plan(pilot):
        pilot.app.open_project(project.id)
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        _no_blink(pilot.app)

    assert snap_compare(make_app(demo_store), terminal_size=FORM, run_before=plan)
