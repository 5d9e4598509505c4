"""ctrl+z / ctrl+y from anywhere, the board's delete key and the history view (H)."""

from __future__ import annotations

from textual.widgets import Static

from collabtui.dialogs.history import HistoryScreen
from collabtui.screens.resources import ResourcesScreen
from collabtui.screens.risks import RiskRegisterScreen
from tests.support.internals import messages

from .conftest import SIZE
from .test_board import TODAY, in_store, on_screen, open_board, saved


def supports_of(store, task_id) -> list[tuple]:
    return [(s.id, s.department_id, s.duty, s.contact_id) for s in store.task_row(task_id).supports]


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def history_text(screen: HistoryScreen) -> str:
    return str(screen.query_one("#history-body", Static).render())


async def test_ctrl_z_puts_a_moved_card_back_and_ctrl_y_moves_it_again(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        card = board.view.card
        assert card.status == "todo"
        await pilot.press("right_square_bracket")
        assert saved(demo_store, card.id).status == "in_progress"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert saved(demo_store, card.id).status == "todo"
        assert on_screen(board) == in_store(demo_store)
        assert card.code in on_screen(board)["todo"]
        assert f"Undid: move task {card.code}" in messages(app)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert saved(demo_store, card.id).status == "in_progress"
        assert on_screen(board)["in_progress"][-1] == card.code
        assert f"Redid: move task {card.code}" in messages(app)


async def test_ctrl_z_with_nothing_to_undo_says_so(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")
        assert "Nothing to undo." in messages(app)


async def test_delete_then_ctrl_z_brings_the_task_back(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        await pilot.press("l")
        card = board.view.card
        supports = supports_of(demo_store, card.id)
        await pilot.press("delete")
        await settle(pilot)
        assert f"Deleted {card.code} — ctrl+z to undo" in messages(app)
        assert card.id not in {c.id for c in demo_store.task_cards(None, today=TODAY)}
        assert all(card.code not in codes for codes in on_screen(board).values())
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert saved(demo_store, card.id).code == card.code
        assert supports_of(demo_store, card.id) == supports
        assert card.code in on_screen(board)[card.status]


async def test_h_shows_the_history_listing_the_move(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        card = board.view.card
        await pilot.press("right_square_bracket", "H")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = history_text(app.screen)
        first = text.splitlines()[0]
        assert first.endswith(f"tester  move task {card.code}")
        assert "Status: To do → In progress" in text
        assert "Created · Task" in text  # the demo load, at the bottom
        await pilot.press("escape")
        assert app.screen is board


async def test_h_in_the_table_mode_and_ctrl_g_in_the_editor(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.screen.entity == "task"
        await pilot.press("escape", "e")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.entity_id == board.table.cursor_task_id


async def test_h_in_the_risk_and_resource_registers(demo_store, make_app):
    app = make_app(demo_store)
    project = demo_store.project_id("Q4-LAUNCH")
    async with app.run_test(size=SIZE) as pilot:
        for screen, entity in (
            (RiskRegisterScreen(project), "riskwarning"),
            (ResourcesScreen(project), "resourcerequest"),
        ):
            await app.push_screen(screen)
            await settle(pilot)
            await pilot.press("H")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen) and app.screen.entity == entity
            assert app.screen.entity_id == screen.current().id
            assert "Created" in history_text(app.screen)
            await pilot.press("escape")
            app.pop_screen()
            await pilot.pause()


async def test_the_history_shows_hostile_text_literally(demo_store, make_app):
    row = demo_store.task_rows("Q4-LAUNCH")[0]
    demo_store.edit_task(row.id, row.version, title="[bold]x[/] [@click=app.quit]y[/]\x1b[31m")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(HistoryScreen("task", row.id))
        await pilot.pause()
        text = history_text(app.screen)
        assert "[bold]x[/] [@click=app.quit]y[/]\N{REPLACEMENT CHARACTER}[31m" in text


async def test_ctrl_z_in_a_text_field_leaves_saved_actions_alone(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        card = board.view.card
        await pilot.press("right_square_bracket", "slash", "x", "ctrl+z")
        await settle(pilot)
        assert saved(demo_store, card.id).status == "in_progress"
        assert not any(m.startswith("Undid") for m in messages(app))
