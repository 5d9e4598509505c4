"""Every screen usable at 80×24 in Chinese (issue 18, layout): a footer that shows the
keys that fit whole, most important first, and always a key for help; tables that fit
their columns to the width they have (again after a resize) and say what they hide;
dialogs whose buttons stay in view; the tracking table's first view holding who, what
state, how far and by when, with every supporting department."""

from __future__ import annotations

from textual.widgets import Button

from collabtui.screens import router
from collabtui.widgets.fit import fit_columns
from collabtui.widgets.footer import Entry, Footer, choose
from collabtui.widgets.record_table import RecordTable
from tests.support.forms import OPENERS
from tests.support.reading import screen_lines

NARROW = (80, 24)
WIDE = (120, 40)


def _entry(key: str, label: str, id: str, order: int, palette: bool = False) -> Entry:
    from textual.binding import Binding

    action = "help" if id == "help" else id
    return Entry(Binding(key, action, label, id=id), key, True, "", palette, order)


def test_the_footer_chooses_by_rank_and_keeps_the_screens_order():
    keys = [
        _entry("e", "编辑需求表", "edit-request", 0),
        _entry("b", "看板", "board", 1),
        _entry("S", "周例会", "standup", 2),
        _entry("?", "帮助", "help", 3),
        _entry("^z", "撤销", "undo", 4),
    ]
    everything, compact = choose(keys, 200)
    assert (everything, compact) == (keys, False)
    # 20 cells: ? (7), b (7) fit; S 周例会 (9) does not; nothing narrower is left.
    shown, compact = choose(keys, 20)
    assert compact
    assert [e.key_display for e in shown] == ["b", "?"]
    # Help is shown even when nothing else fits.
    assert [e.key_display for e in choose(keys, 3)[0]] == ["?"]


def test_a_key_too_wide_is_skipped_for_a_narrower_one_after_it():
    keys = [
        _entry("?", "帮助", "help", 0),
        _entry("v", "安排评审会", "schedule-review", 1),
        _entry("x", "导出", "export", 2),
    ]
    shown, _ = choose(keys, 16)
    assert [e.key_display for e in shown] == ["?", "x"]


def test_columns_are_cut_to_a_common_width_before_any_is_hidden():
    assert fit_columns([10, 40, 10, 30], 200).cap is None
    fit = fit_columns([10, 40, 10, 30], 80)
    assert fit.shown == 4 and fit.cap is not None
    assert sum(min(w, fit.cap) + 2 for w in [10, 40, 10, 30]) <= 80
    many = fit_columns([10] * 12, 80, note=9)
    assert many.hidden(12) > 0
    assert many.shown * 12 + 11 <= 80


def footer_line(app) -> str:
    text, _cuts = screen_lines(app)
    return text.rstrip("\n").splitlines()[-1]


async def test_the_project_screen_shows_its_playbook_keys_at_80_columns(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await app.push_screen(router.build("project", demo_store.project("Q4-LAUNCH").id))
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        keys = [key for key, _ in footer.shown]
        for key in ["S", "L", "R", "w", "A", "T", "b", "?"]:
            assert key in keys, f"{key} in the footer at 80 columns"
        line = footer_line(app)
        for key, label in footer.shown:
            assert f"{key} {label}" in line
        _text, cuts = screen_lines(app)
        assert cuts == []
        assert footer.left_out > 0  # e, c, v… are in ? and the palette


async def test_the_footer_chooses_again_after_a_resize(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        wide = list(footer.shown)
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        for _ in range(20):
            if footer.shown != wide:
                break
            await pilot.pause()
        assert len(footer.shown) < len(wide)
        line = footer_line(app)
        assert all(f"{key} {label}" in line for key, label in footer.shown)
        assert "^p 命令  板" not in line


async def test_a_form_shows_f1_for_help_where_question_mark_is_text(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await app.push_screen(router.build("task", demo_store.project("Q4-LAUNCH").id))
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        assert "f1" in [key for key, _ in footer.shown]
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


async def test_tables_refit_after_a_resize_and_say_what_they_hide(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await app.push_screen(router.build("progress", demo_store.project("Q4-LAUNCH").id))
        await pilot.pause()
        table = app.screen.query_one(RecordTable)
        assert table.hidden_columns == 0
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        for _ in range(20):
            if table.hidden_columns:
                break
            await pilot.pause()
        assert table.hidden_columns > 0
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[-1] == f"隐藏 {table.hidden_columns} 列"
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 80
        _text, cuts = screen_lines(app)
        assert cuts == []
        # Wide again: every column back.
        await pilot.resize_terminal(*WIDE)
        for _ in range(20):
            await pilot.pause()
            if not table.hidden_columns:
                break
        assert table.hidden_columns == 0


async def test_the_dashboard_fits_80_columns_after_a_resize(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(*NARROW)
        for _ in range(20):
            await pilot.pause()
            table = app.screen.query_one("#projects", RecordTable)
            if sum(c.get_render_width(table) for c in table.columns.values()) <= 80:
                break
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 80


async def test_a_dialog_taller_than_the_terminal_keeps_its_buttons_in_view(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await app.push_screen(OPENERS["RiskForm"](app))
        await pilot.pause()
        for button in app.screen.query(Button):
            region = button.region
            assert region.height and region.bottom <= 24, f"{button.label} below the fold"
        text, _cuts = screen_lines(app)
        assert "保存" in text and "取消" in text


async def test_the_tracking_table_shows_state_progress_due_and_every_supporting_department(
    demo_store, make_app
):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await app.push_screen(router.build("board", demo_store.project("Q4-LAUNCH").id))
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        text, cuts = screen_lines(app)
        header = text.splitlines()[1]
        for title in ("状态", "进度", "截止日期", "配合部门"):
            assert title in header, f"{title} in the first view at 120 columns"
        row = next(line for line in text.splitlines() if "T-04" in line)
        assert "产品部、设计部" in row
        assert cuts == []
        # Panning goes a whole column at a time: no view cuts a character.
        await pilot.press("right", "right", "right")
        _text, cuts = screen_lines(app)
        assert cuts == []


async def test_a_dropdown_over_the_buttons_keeps_every_character(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await app.push_screen(OPENERS["ResourceForm"](app))
        await pilot.pause()
        app.screen.query_one("#f-task_id").focus()
        await pilot.press("enter")
        await pilot.pause()
        text, _cuts = screen_lines(app)
        assert "T-04  电商详情页设计与开发" in text, "an item over the Save button whole"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#buttons").visible


async def test_the_minutes_fold_a_long_list_of_attendees_instead_of_cutting_it(
    demo_store, make_app
):
    meeting = demo_store.meetings(demo_store.project("Q4-LAUNCH").id)[0]
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await app.push_screen(router.build("minutes", meeting.id))
        await app.workers.wait_for_complete()
        await pilot.pause()
        text, _cuts = screen_lines(app)
        lines = text.splitlines()
        first = next(i for i, line in enumerate(lines) if "出席人员" in line)
        assert not lines[first].rstrip().endswith("…")
        assert lines[first].rstrip().endswith("、"), "the list goes on on the next line"
