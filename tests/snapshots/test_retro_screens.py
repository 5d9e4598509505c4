"""Snapshots of the retrospective (《协作复盘总结表》) and the handbook (《跨部门协作最佳实践手册》)
at a fixed size, clock and dataset.

Run ``pytest tests/snapshots/test_retro_screens.py --snapshot-update`` after an intended
visual change, then look at the pictures before committing them.
"""

from __future__ import annotations

from datetime import UTC

SIZE = (120, 36)
NARROW = (80, 24)
MARKUP = "[bold]x[/] 看起来像标记 [/]"


def with_markup_item(store) -> None:
    """A VIP-PTS suggestion and a practice whose texts look like Rich markup."""
    owner = next(p for p in store.people() if p.name == "李娜")
    item = store.add_retro_item(
        "VIP-PTS", "suggestion", MARKUP, owner_id=owner.id, action="[@click=app.quit]x[/]"
    )
    store.promote_to_practice(
        item.id, tz=UTC, title=MARKUP, body="[red]body[/]", tags="[b]标签[/b]"
    )


def retro_of(code: str):
    """``run_before``: open project ``code``, then its retrospective (``T``)."""

    async def run(pilot):
        pilot.app.open_project(pilot.app.store.project_id(code))
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()

    return run


async def handbook(pilot):
    """``run_before``: the handbook from the dashboard (``H``)."""
    await pilot.press("H")
    await pilot.pause()


def test_retro_chinese(snap_compare, demo_store, make_app):
    with_markup_item(demo_store)
    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=retro_of("VIP-PTS")
    )


def test_retro_english(snap_compare, demo_store, make_app):
    with_markup_item(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=retro_of("VIP-PTS"))


def test_handbook_chinese(snap_compare, demo_store, make_app):
    with_markup_item(demo_store)
    assert snap_compare(make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=handbook)


def test_handbook_english_narrow(snap_compare, demo_store, make_app):
    with_markup_item(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=NARROW, run_before=handbook)
