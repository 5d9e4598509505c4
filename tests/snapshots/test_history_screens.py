"""Snapshots of a task's history (H): a move by the user, an edit by a colleague with a
markup-looking note, the demo's creation of the task and its children; English and
Chinese, 120×36. The log's times are set to fixed moments so the picture is stable."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from collabtui.store import Store
from collabtui.store.models import Change
from tests.conftest import FIXED_NOW

SIZE = (120, 36)
T05 = 5


def _history(store) -> None:
    """A move of T-05 by the user and an edit by "other", then fixed times in the log."""
    card = next(c for c in store.task_cards(today=FIXED_NOW.date()) if c.id == T05)
    store.move_task(T05, card.version, "blocked", to_end=True)
    other = Store(store.url, user="other")
    try:
        row = other.task_row(T05)
        other.edit_task(T05, row.version, notes="等待支付网关 [bold]回调[/] 修复", progress=60)
    finally:
        other.close()
    moments = {
        "demo.load": FIXED_NOW - timedelta(days=2),
        "task.move": FIXED_NOW + timedelta(minutes=5),
        "task.edit": FIXED_NOW + timedelta(minutes=20),
    }
    with store.engine.begin() as conn:
        for intent, at in moments.items():
            conn.execute(update(Change).where(Change.intent == intent).values(at=at))


async def _open(pilot):
    from collabtui.dialogs.history import HistoryScreen

    await pilot.app.push_screen(HistoryScreen("task", T05))
    await pilot.pause()


def test_history_english(snap_compare, demo_store, make_app):
    _history(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=_open)


def test_history_chinese(snap_compare, demo_store, make_app):
    _history(demo_store)
    app = make_app(demo_store, lang="zh-CN")
    assert snap_compare(app, terminal_size=SIZE, run_before=_open)
