"""Snapshots of the weekly standup and the progress list, in English and Chinese."""

from __future__ import annotations

SIZE = (120, 36)


def _standup(store, code: str, *keys: str):
    async def run(pilot):
        pilot.app.open_project(store.project_id(code))
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run


def _progress(store, code: str):
    async def run(pilot):
        pilot.app.open_project(store.project_id(code))
        await pilot.pause()
        await pilot.press("L")
        await pilot.pause()

    return run


def test_standup_chinese(snap_compare, demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    assert snap_compare(app, terminal_size=SIZE, run_before=_standup(demo_store, "Q4-LAUNCH", "n"))


def test_standup_english(snap_compare, demo_store, make_app):
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=SIZE, run_before=_standup(demo_store, "CX-FIX", "7"))


def test_standup_summary_english(snap_compare, demo_store, make_app):
    app = make_app(demo_store)
    run = _standup(demo_store, "CX-FIX", "a", "n", "b", "f")
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_progress_list_chinese(snap_compare, demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    assert snap_compare(app, terminal_size=SIZE, run_before=_progress(demo_store, "Q4-LAUNCH"))


def test_progress_list_english(snap_compare, demo_store, make_app):
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=SIZE, run_before=_progress(demo_store, "CX-FIX"))
