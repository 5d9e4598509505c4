"""Textual's own words in Chinese: the dropdown's footer key, the command palette's
placeholder, "no matches" and system commands, ctrl+c, and palette results in words
(issue 18)."""

from __future__ import annotations

import re

from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import Select

from collabtui.dialogs.help import HelpScreen
from tests.support.internals import SelectOverlay, messages

from .conftest import SIZE

#: A Latin word that is not a name (the product's, a file format's).
LATIN_WORD = re.compile(r"\b(?!collab\b|SVG\b)[A-Za-z]{3,}")


async def _wait(pilot, condition, what: object = "", tries: int = 500) -> None:
    """Let the app work until ``condition()`` holds (the palette searches in a worker)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"the condition never held: {what() if callable(what) else what}")


def _options(app) -> list[tuple[str, str]]:
    """The palette's results: (name, the line under it) each."""
    results = app.screen.query_one(CommandList)
    shown = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
    return [(*text.split("\n", 1), "")[:2] for text in shown]


def _descriptions(screen) -> dict[str, str]:
    """The descriptions of the keys active on ``screen``, by action."""
    return {a.binding.action: a.binding.description for a in screen.active_bindings.values()}


async def _palette(pilot, *typed: str) -> None:
    await pilot.press("ctrl+p")
    await _wait(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    if typed:
        await pilot.press(*typed)


async def test_an_open_dropdown_offers_its_escape_key_in_chinese(store, make_app):
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await _wait(pilot, lambda: bool(app.screen.query(Select)))
        select = app.screen.query(Select).first()
        select.focus()
        await pilot.pause()
        await pilot.press("enter")
        await _wait(pilot, lambda: select.query_one(SelectOverlay).has_focus)
        described = _descriptions(app.screen)
        assert described["dismiss"] == "收起菜单"
        footer_text = app.export_screenshot()
        assert "收起菜单" in footer_text
        assert "Dismiss" not in footer_text
        await pilot.press("escape")
        await _wait(pilot, lambda: not select.expanded)


async def test_textual_widgets_keys_are_translated_for_a_second_app_in_english(store, make_app):
    """The classes' bindings are translated from their English originals each time."""
    cases = (
        ("zh-CN", "收起菜单", "主题"),
        ("en", "Dismiss menu", "Theme"),
        ("zh-CN", "收起菜单", "主题"),
    )
    for lang, dismissed, theme in cases:
        app = make_app(store, lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert SelectOverlay._merged_bindings is not None
            (dismiss,) = SelectOverlay._merged_bindings.key_to_bindings["escape"]
            assert dismiss.description == dismissed
            # ours are translated per app, never left in the previous app's language
            assert _descriptions(app.screen)["cycle_theme"] == theme


async def test_the_palette_speaks_chinese_placeholder_and_no_matches(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await _palette(pilot)
        field = app.screen.query_one(CommandInput)
        assert field.placeholder == "搜索命令……"
        await pilot.press(*"qqqxxzz")
        await _wait(
            pilot,
            lambda: any("没有匹配的结果" in name for name, _ in _options(app)),
            lambda: _options(app),
        )
        assert not any("No matches" in name for name, _ in _options(app))


async def test_system_commands_are_listed_in_chinese_with_chinese_help(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await _palette(pilot)
        await _wait(pilot, lambda: len(_options(app)) > 5, lambda: _options(app))
        helps: dict[str, list[str]] = {}
        for name, help_text in _options(app):
            helps.setdefault(name, []).append(help_text)
        for title in ("选择主题", "退出", "按键", "截图"):
            assert title in helps, helps
            assert any(h and not LATIN_WORD.search(h) for h in helps[title]), (title, helps[title])
        for english in ("Theme", "Quit", "Keys", "Screenshot", "Maximize"):
            assert english not in helps


async def test_the_keys_command_opens_collabs_own_list_of_keys(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await _palette(pilot, *"按键")
        await _wait(pilot, lambda: any(n == "按键" for n, _ in _options(app)))
        await pilot.press("enter")
        await _wait(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_the_theme_command_searches_themes_in_chinese(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await _palette(pilot, *"选择主题")
        await _wait(pilot, lambda: any(n == "选择主题" for n, _ in _options(app)))
        await pilot.press("enter")
        await _wait(
            pilot,
            lambda: (
                isinstance(app.screen, CommandPalette)
                and app.screen.query_one(CommandInput).placeholder == "搜索主题……"
            ),
        )


async def test_ctrl_c_says_how_to_quit_in_chinese(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await _wait(
            pilot, lambda: any("退出 collab" in m for m in messages(app)), lambda: messages(app)
        )
        assert not any("quit the app" in m for m in messages(app))


async def test_palette_results_show_statuses_and_times_in_words(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    raw = re.compile(r"\b(in_progress|todo|blocked|done|aligning|executing|confirmed)\b|T\d\d:")
    async with app.run_test(size=SIZE) as pilot:
        await _palette(pilot, *"T-0")
        await _wait(pilot, lambda: any(n.startswith("任务：") for n, _ in _options(app)))
        tasks = [(n, h) for n, h in _options(app) if n.startswith("任务：")]
        assert tasks and all(h and not raw.search(h) and not LATIN_WORD.search(h) for _, h in tasks)
        await pilot.press("escape")
        meeting = demo_store.meetings()[0]
        await _palette(pilot, *meeting.title[:4])
        await _wait(pilot, lambda: any(n.startswith("会议：") for n, _ in _options(app)))
        times = [h for n, h in _options(app) if n.startswith("会议：")]
        local = meeting.start_at.astimezone(app.clock.tz).strftime("%Y-%m-%d %H:%M")
        assert local in times
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", h) for h in times), times
        await pilot.press("escape")
        await _palette(pilot, *"Q4")
        await _wait(pilot, lambda: any(n.startswith("项目：") for n, _ in _options(app)))
        phases = [h for n, h in _options(app) if n.startswith("项目：")]
        assert phases and not any(raw.search(h) or LATIN_WORD.search(h) for h in phases), phases


async def test_the_palettes_list_of_keys_names_textuals_own_in_chinese(demo_store, make_app):
    """The dashboard's table brings DataTable's keys (Cursor down, Page up…): in Chinese."""
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _palette(pilot)
        await _wait(pilot, lambda: len(_options(app)) > 10, lambda: _options(app))
        names = [name for name, _ in _options(app)]
        assert "光标下移" in names
        assert [n for n in names if LATIN_WORD.search(n)] == []
