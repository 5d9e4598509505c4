"""Snapshots of the conflict dialog over the task editor, in English and Chinese.

Another copy (a second store on the same database) saved the task at the fixed
moment while this copy was editing it; their notes look like markup and must show
literally.
"""

from __future__ import annotations

import pytest

from collabtui.store import Store
from tests.conftest import FIXED_NOW

SIZE = (120, 40)


@pytest.fixture
def fixed_log_time(monkeypatch):
    """Change rows written at the fixed moment (the dialog says when they saved)."""
    monkeypatch.setattr("collabtui.store.unit.utcnow", lambda: FIXED_NOW)


def _clash(store, db_url: str, who: str, title: str, notes: str):
    async def run_before(pilot):
        from textual.widgets import Input

        from collabtui.screens.board import BoardScreen

        await pilot.app.push_screen(BoardScreen(store.project_id("Q4-LAUNCH")))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        task_id = editor.row.id
        other = Store(db_url, user=who)
        try:
            row = other.task_row(task_id)
            other.edit_task(row.id, row.version, title=title, notes=notes, progress=40)
        finally:
            other.close()
        editor.query_one("#f-notes", Input).value = "我的备注 / my notes"
        editor.query_one("#f-progress", Input).value = "55"
        await pilot.press("ctrl+s")
        await pilot.pause()
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False

    return run_before


def test_conflict_dialog_english(snap_compare, demo_store, db_url, make_app, fixed_log_time):
    app = make_app(demo_store)
    notes = "Waiting for [bold]legal[/] sign-off [/] [@click=app.quit]quit[/]"
    run = _clash(demo_store, db_url, "ann", "Finalise the launch checklist", notes)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_conflict_dialog_chinese(snap_compare, demo_store, db_url, make_app, fixed_log_time):
    app = make_app(demo_store, lang="zh-CN")
    notes = "等待法务审批 [bold]看起来像标记[/]"
    run = _clash(demo_store, db_url, "王芳", "确定首发检查清单（含渠道备货与售后话术）", notes)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)
