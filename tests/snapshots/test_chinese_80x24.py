"""Every screen at 80×24 in Chinese, on Chinese data only (issue 18): the pictures a
new user sees in the smallest terminal we support. A fixed clock and dataset
(tests/support/chinese.py); the walk in tests/tui/test_chinese_walk.py reads the same
screens for English words, untranslated keys and cut characters."""

from __future__ import annotations

import pytest

from collabtui.screens import router
from tests.support.chinese import zh_store  # noqa: F401  (fixture)

SIZE = (80, 24)


def _project(store, code: str = "Q4-LAUNCH") -> int:
    return store.project(code).id


def _meeting(store) -> int:
    return store.meetings(_project(store))[0].id


#: Destination → how to build its arguments from the store (``None``: no arguments).
SCREENS = {
    "dashboard": None,
    "project": lambda s: (_project(s),),
    "directory": lambda s: (),
    "consultations": lambda s: (_project(s),),
    "confirmation": lambda s: (_project(s),),
    "runner": lambda s: (_meeting(s),),
    "minutes": lambda s: (_meeting(s),),
    "decisions": lambda s: (_project(s),),
    "standup": lambda s: (_project(s),),
    "progress": lambda s: (_project(s),),
    "board": lambda s: (_project(s),),
    "task": lambda s: (_project(s),),
    "resources": lambda s: (_project(s),),
    "risks": lambda s: (_project(s),),
    "acceptance": lambda s: (_project(s, "VIP-PTS"),),
    "retro": lambda s: (_project(s, "VIP-PTS"),),
    "handbook": lambda s: (),
    "outbox": lambda s: (),
}


def test_every_destination_has_a_snapshot():
    assert set(SCREENS) | {"request", "planner"} == set(router.SCREENS)


def _no_blink(app) -> None:
    from textual.widgets import Input, TextArea

    for widget in app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


@pytest.mark.parametrize("where", sorted(SCREENS))
def test_screen_at_80x24_chinese(where, snap_compare, zh_store, make_app):  # noqa: F811
    args = SCREENS[where]

    async def open_it(pilot):
        app = pilot.app
        if args is not None:
            await app.push_screen(router.build(where, *args(zh_store)))
        await app.workers.wait_for_complete()
        await pilot.pause()
        _no_blink(app)

    app = make_app(zh_store, lang="zh-CN")
    assert snap_compare(app, terminal_size=SIZE, run_before=open_it)


def test_tracking_table_at_80x24_chinese(snap_compare, zh_store, make_app):  # noqa: F811
    async def table(pilot):
        await pilot.app.push_screen(router.build("board", _project(zh_store)))
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(make_app(zh_store, lang="zh-CN"), terminal_size=SIZE, run_before=table)


def test_request_form_at_80x24_chinese(snap_compare, zh_store, make_app):  # noqa: F811
    async def edit(pilot):
        pilot.app.open_project(_project(zh_store))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        _no_blink(pilot.app)

    assert snap_compare(make_app(zh_store, lang="zh-CN"), terminal_size=SIZE, run_before=edit)


def test_meeting_planner_at_80x24_chinese(snap_compare, zh_store, make_app):  # noqa: F811
    async def plan(pilot):
        pilot.app.open_project(_project(zh_store))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        _no_blink(pilot.app)

    assert snap_compare(make_app(zh_store, lang="zh-CN"), terminal_size=SIZE, run_before=plan)
