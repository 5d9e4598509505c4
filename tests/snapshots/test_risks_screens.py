"""Snapshots of the risk register (《风险预警表》) at a fixed size, clock and dataset.

Run ``pytest tests/snapshots/test_risks_screens.py --snapshot-update`` after an
intended visual change, then look at the pictures before committing them.
"""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import FIXED_NOW

SIZE = (120, 36)
NARROW = (80, 24)
MARKUP = "[bold]x[/] 看起来像标记 [/]"


def with_markup_risk(store, code: str = "CX-FIX") -> None:
    """A warning whose texts look like Rich markup, raised 23 h 59 min before tomorrow."""
    task = store.task_rows(code)[0]
    tomorrow = FIXED_NOW.date() + timedelta(days=1)
    department = next(d.id for d in store.departments() if d.name == task.owner_department)
    store.raise_risk(
        code,
        title=MARKUP,
        type="technical_bottleneck",
        level="critical",
        impact="[red]impact[/] must show literally",
        solution="[@click=app.quit]x[/]",
        threatened_on=tomorrow,
        raised_by_id=task.owner_id,
        raised_at=FIXED_NOW.replace(hour=0, minute=1),
        task_ids=[task.id],
        department_ids=[department],
    )


def opened(code: str | None):
    """``run_before``: open project ``code`` and press ``w``; ``None``: ``w`` on the dashboard."""

    async def run(pilot):
        if code is not None:
            pilot.app.open_project(pilot.app.store.project_id(code))
            await pilot.pause()
        await pilot.press("w")
        await pilot.pause()

    return run


def test_risks_english(snap_compare, demo_store, make_app):
    with_markup_risk(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=opened("CX-FIX"))


def test_risks_chinese(snap_compare, demo_store, make_app):
    with_markup_risk(demo_store, "Q4-LAUNCH")
    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=opened("Q4-LAUNCH")
    )


def test_risks_all_projects_narrow(snap_compare, demo_store, make_app):
    with_markup_risk(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=NARROW, run_before=opened(None))


def test_risks_all_projects_chinese_narrow(snap_compare, demo_store, make_app):
    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=NARROW, run_before=opened(None)
    )


def test_risk_form_prefilled_from_a_task_chinese(snap_compare, demo_store, make_app):
    async def from_task(pilot):
        from collabtui.dialogs.risk import RiskForm

        await opened("Q4-LAUNCH")(pilot)  # the register behind the dialog
        store = pilot.app.store
        task = next(k for k in store.task_rows("Q4-LAUNCH") if k.code == "T-05")
        pilot.app.push_screen(
            RiskForm(task.project_id, task_id=task.id, raised_by_id=task.owner_id)
        )
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#f-title").cursor_blink = False
        form.query_one("#f-task_ids").focus()  # scrolls to the ticked task and department
        await pilot.pause()

    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=from_task
    )
