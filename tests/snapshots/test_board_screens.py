"""Snapshots of the task board, the tracking table (表3) and the task editor.

Wide (120 columns) and narrow (80), English and Chinese, with a long Chinese title
and a markup-looking one, at the fixed clock and demo data of the other snapshots.
"""

from __future__ import annotations

from collabtui.domain.board import TaskFilter
from collabtui.store.models import Task
from tests.conftest import FIXED_NOW

WIDE = (120, 36)
NARROW = (80, 24)
FORM = (120, 48)


def _hostile(store) -> None:
    """A long Chinese title and a markup-looking one on the first two cards to do."""
    first, second = store.task_cards("Q4-LAUNCH", TaskFilter(status="todo"), FIXED_NOW.date())[:2]
    with store.db.write("test") as u:
        u.edit(Task, first.id, None, title="整理渠道经销商的首发备货、物流时效与售后话术" * 3)
        u.edit(Task, second.id, None, title="[bold]看起来像标记[/] [@click=app.quit]quit[/]")


def _board(store, *keys: str, project: str | None = "Q4-LAUNCH"):
    async def open_board(pilot):
        from collabtui.screens.board import BoardScreen

        await pilot.app.push_screen(BoardScreen(store.project_id(project) if project else None))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False

    return open_board


def test_board_chinese_wide(snap_compare, demo_store, make_app):
    _hostile(demo_store)
    app = make_app(demo_store, lang="zh-CN")
    assert snap_compare(app, terminal_size=WIDE, run_before=_board(demo_store, "j"))


def test_board_english_narrow(snap_compare, demo_store, make_app):
    _hostile(demo_store)
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=NARROW, run_before=_board(demo_store, "l"))


def test_board_chinese_narrow(snap_compare, demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    assert snap_compare(app, terminal_size=NARROW, run_before=_board(demo_store))


def test_board_all_projects_filtered_english(snap_compare, demo_store, make_app):
    keys = ("slash", *"!overdue")
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=WIDE, run_before=_board(demo_store, *keys, project=None))


def test_table_english_wide(snap_compare, demo_store, make_app):
    _hostile(demo_store)
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=WIDE, run_before=_board(demo_store, "t"))


def test_table_chinese_narrow(snap_compare, demo_store, make_app):
    _hostile(demo_store)
    app = make_app(demo_store, lang="zh-CN")
    assert snap_compare(app, terminal_size=NARROW, run_before=_board(demo_store, "t"))


def test_task_editor_chinese(snap_compare, demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    assert snap_compare(app, terminal_size=FORM, run_before=_board(demo_store, "l", "e"))


def test_task_editor_english_new(snap_compare, demo_store, make_app):
    app = make_app(demo_store)
    run = _board(demo_store, "n", project="CX-FIX")
    assert snap_compare(app, terminal_size=FORM, run_before=run)
