"""``y`` copies what a screen shows as a document; ``ctrl+o`` edits a long field in $EDITOR."""

from __future__ import annotations

import contextlib
import sys

from textual.widgets import TextArea

from collabtui.screens.board import BoardScreen
from collabtui.screens.minutes import MinutesScreen
from collabtui.screens.progress import ProgressScreen

from .conftest import SIZE


async def _wait(pilot, condition, tries: int = 500) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the condition never held")


async def test_y_on_the_board_copies_the_task_under_the_cursor(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await _wait(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.view.card)
        card = app.screen.view.card
        await pilot.press("y")
        await _wait(pilot, lambda: bool(app.clipboard))
        assert app.clipboard.startswith(f"# {card.project_code}/{card.code} ")
        assert "| Owner |" in app.clipboard


async def test_y_copies_the_minutes_the_progress_list_and_the_digest(demo_store, make_app):
    meeting = next(m for m in demo_store.meetings() if m.project_code == "Q4-LAUNCH")
    project = demo_store.project("Q4-LAUNCH")
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        dashboard = app.screen
        await _wait(pilot, lambda: dashboard.found_alerts is not None)
        await pilot.press("y")
        await _wait(pilot, lambda: bool(app.clipboard))
        assert app.clipboard.startswith("**") and "Q4-LAUNCH" in app.clipboard  # the digest
        app.push_screen(MinutesScreen(meeting.id))
        # The minutes on screen (read off the UI thread), then y, as a person does.
        await _wait(pilot, lambda: isinstance(app.screen, MinutesScreen) and app.screen.markdown)
        await pilot.press("y")
        await _wait(pilot, lambda: app.clipboard == app.screen.markdown)
        assert meeting.title in app.clipboard
        app.push_screen(ProgressScreen(project.id))
        await _wait(pilot, lambda: isinstance(app.screen, ProgressScreen) and app.screen.week)
        await pilot.press("y")
        await _wait(pilot, lambda: app.screen.week in app.clipboard)
        assert "进度跟踪清单" in app.clipboard


async def test_y_is_not_offered_where_there_is_no_document(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")  # the directory: no document
        await _wait(pilot, lambda: type(app.screen).__name__ == "DirectoryScreen")
        assert "copy-document" not in {b.binding.id for b in app.screen.active_bindings.values()}
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == ""


async def test_ctrl_o_edits_a_long_field_in_the_editor(demo_store, make_app, monkeypatch, tmp_path):
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text(encoding='utf-8') + ' 加上一句\\x1b[31m\\n', encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(demo_store)
    monkeypatch.setattr(type(app), "suspend", lambda self: contextlib.nullcontext())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await _wait(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.view.card)
        await pilot.press("e")
        await _wait(pilot, lambda: bool(app.screen.query(TextArea)))
        area = app.screen.query_one("#f-description", TextArea)
        before = area.text
        area.focus()
        await pilot.pause()
        await pilot.press("ctrl+o")
        await _wait(pilot, lambda: area.text != before)
        assert area.text.startswith(before + " 加上一句") and area.text.endswith("[31m")
        assert "\x1b" not in area.text and not area.text.endswith("\n")  # cleaned, trimmed
        await pilot.press("ctrl+z")  # one step of the field's own undo
        await _wait(pilot, lambda: area.text == before)
