"""Snapshots of the resource requests (《资源申请表》) at a fixed size, clock and dataset.

Run ``pytest tests/snapshots/test_resources_screens.py --snapshot-update`` after an
intended visual change, then look at the pictures before committing them.
"""

from __future__ import annotations

SIZE = (120, 36)
NARROW = (80, 24)
MARKUP = "[bold]x[/] cable [/] 看起来像标记"


def with_markup_request(store) -> None:
    """A CX-FIX request whose description looks like Rich markup."""
    store.create_resource(
        "CX-FIX",
        kind="equipment",
        description=MARKUP,
        quantity=3,
        unit="[red]units[/]",
        department_id=store.departments()[0].id,
        purpose="[@click=app.quit]x[/] must show literally",
        needed_by=store.resource_rows("CX-FIX")[0].needed_by,
    )


def opened(code: str):
    """``run_before``: open project ``code``, then its resource requests."""

    async def run(pilot):
        pilot.app.open_project(pilot.app.store.project_id(code))
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()

    return run


def test_resources_english(snap_compare, demo_store, make_app):
    with_markup_request(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=opened("CX-FIX"))


def test_resources_chinese(snap_compare, demo_store, make_app):
    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=opened("Q4-LAUNCH")
    )


def test_resources_english_narrow(snap_compare, demo_store, make_app):
    with_markup_request(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=NARROW, run_before=opened("CX-FIX"))


def test_resources_chinese_narrow(snap_compare, demo_store, make_app):
    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=NARROW, run_before=opened("Q4-LAUNCH")
    )


def test_resource_form_with_error_chinese(snap_compare, demo_store, make_app):
    async def typed_chinese_digits(pilot):
        await opened("Q4-LAUNCH")(pilot)
        await pilot.press("n")  # the form opens in its first text field: the description
        await pilot.press(*"[bold]x[/] 扫描枪")
        pilot.app.screen.query_one("#f-quantity").focus()
        await pilot.press(*"五十", "ctrl+s")
        await pilot.pause()
        pilot.app.screen.query_one("#f-quantity").cursor_blink = False

    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=typed_chinese_digits
    )
