"""The command palette offers the current screen's actions beside the record search."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from collabtui.screens.board import BoardScreen

from .conftest import SIZE


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


def _prompts(app) -> list[str]:
    return [name for name, _ in _options(app)]


def _described_actions(screen) -> dict[str, str]:
    """The board's described, enabled actions: translated name -> binding id."""
    from collabtui.commands import _described

    found = {}
    for active in screen.active_bindings.values():
        b = active.binding
        if b.description and active.enabled and b.action != "command_palette":
            found[_described(b.description)] = b.id
    return found


async def test_the_palette_finds_every_action_of_the_board(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await _wait(pilot, lambda: isinstance(app.screen, BoardScreen))
        board = app.screen
        actions = _described_actions(board)
        assert {"新建任务", "每日进展", "卡片左移", "筛选", "看板/表格"} <= set(actions)
        for name, binding_id in actions.items():
            await pilot.press("ctrl+p")
            await _wait(pilot, lambda: isinstance(app.screen, CommandPalette))
            await pilot.press(*name)
            await _wait(
                pilot,
                lambda name=name: name in _prompts(app),
                lambda name=name: (name, _options(app)),
            )
            shown = [line for found, line in _options(app) if found == name]
            if binding_id:  # the key and the id remaps use, under the name
                assert any(line.endswith(f" · {binding_id}") for line in shown), (name, shown)
            await pilot.press("escape")
            await _wait(pilot, lambda: app.screen is board)


async def test_board_in_the_palette_opens_the_board_not_a_task(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        dashboard = app.screen
        await pilot.press("ctrl+p", *"board")
        await _wait(pilot, lambda: bool(_prompts(app)) and _prompts(app)[0] == "Board")
        await pilot.press("enter")
        await _wait(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert app.screen_stack[-2] is dashboard


async def test_a_theme_chosen_in_the_palette_is_saved(store, make_app, isolated):
    app = make_app(store)
    config = isolated / "config" / "config.toml"
    async with app.run_test(size=SIZE) as pilot:
        assert not config.exists()  # starting writes nothing
        await pilot.press("ctrl+p", *"theme")
        change = ("Choose a theme", "Change the current theme")  # the system command
        await _wait(pilot, lambda: change in _options(app), lambda: _options(app))
        app.screen.query_one(CommandList).highlighted = _options(app).index(change)
        await pilot.press("enter")
        await _wait(pilot, lambda: "nord" in _prompts(app), lambda: _options(app))
        await pilot.press(*"nord")
        await _wait(pilot, lambda: _prompts(app)[:1] == ["nord"], lambda: _options(app))
        await pilot.press("enter")
        await _wait(pilot, lambda: app.theme == "nord")
        saved = (isolated / "config" / "config.toml").read_text(encoding="utf-8")
        assert 'theme = "nord"' in saved


async def test_help_shows_each_bindings_id(demo_store, make_app):
    from collabtui.widgets.record_table import RecordTable

    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await _wait(pilot, lambda: isinstance(app.screen, BoardScreen))
        await pilot.press("question_mark")
        await _wait(pilot, lambda: bool(app.screen.query("#keys")))
        table = app.screen.query_one("#keys", RecordTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["/", "Filter", "board-filter"] in rows
        assert ["?", "Help", "help"] in rows
