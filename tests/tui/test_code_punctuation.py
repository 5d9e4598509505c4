"""Punctuation built in code follows the language: a board column's count, the standup
summary's status and a retrospective goal's line are written with full-width brackets and
colons in Chinese (issue 18)."""

from __future__ import annotations

from collabtui.dialogs.standup import SummaryDialog
from collabtui.i18n import label_value
from tests.support.reading import screen_lines

from .conftest import TALL
from .test_board import open_board
from .test_retro import capture, open_retro, report, setup
from .test_standup import entry, open_standup


async def test_board_column_counts_use_full_width_brackets_in_chinese(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=TALL) as pilot:
        board = await open_board(pilot, demo_store, "Q4-LAUNCH")
        text, _ = screen_lines(app)
        for column in board.view.columns:
            title = label_value("TaskStatus", column.status, "zh-CN")
            assert f"{title}（{column.count}）" in text, title
            assert f"{title} (" not in text


async def test_the_standup_summary_brackets_a_status_in_chinese(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=TALL) as pilot:
        standup = await open_standup(pilot, demo_store, "Q4-LAUNCH")
        row = standup.row
        await pilot.press("b")  # blocked: it slipped
        await pilot.pause()
        assert entry(demo_store, "Q4-LAUNCH", row.task_code).status == "blocked"
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, SummaryDialog)
        text, _ = screen_lines(app)
        blocked = label_value("ProgressStatus", "blocked", "zh-CN")
        line = next(x for x in text.splitlines() if row.task_code in x and "✗" in x)
        assert f"（{blocked}）" in line and "[" not in line, line


async def test_a_retro_goal_line_has_a_full_width_colon_in_chinese(store, make_app):
    setup(store)
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=TALL) as pilot:
        await open_retro(pilot, store, "P7")
        await capture(pilot, "g", "差二十人")
        assert report(store, "P7").items_of("goal_result")[0].goal == "Signups"
        text, _ = screen_lines(app)
        assert "Signups：差二十人" in text
        assert "Signups: " not in text
