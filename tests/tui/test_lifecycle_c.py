"""Issue 16 (part c) at the keyboard: the board's ``]``/``[``, the acceptance screen's
``p``/``f``/``w`` and the project screen's ``N`` follow the lifecycle tables — a key the
table refuses for the record under the cursor is shown disabled in the footer, pressing
it says the translated reason, and nothing is written."""

from __future__ import annotations

from collabtui.screens.board import BoardScreen
from tests.support.internals import messages

from .conftest import SIZE
from .test_board import TODAY, open_board


def _card(store, card_id: int):
    return next(c for c in store.task_cards(None, today=TODAY) if c.id == card_id)


async def _to_column(pilot, board: BoardScreen, status: str) -> None:
    while board.view.active.status != status:
        await pilot.press("l")
    await pilot.pause()


async def test_the_board_dims_a_move_into_accepted_without_a_passed_item(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        await _to_column(pilot, board, "done")
        card = board.view.card
        assert card is not None and not card.acceptable
        keys = board.active_bindings
        assert keys["right_square_bracket"].enabled is False  # done → accepted: no item
        assert keys["left_square_bracket"].enabled is True  # done → blocked is allowed
        before = _card(demo_store, card.id)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert messages(app, "error")[-1] == (
            "a task is accepted only through a passed acceptance item:"
            " pass its item in Acceptance first"
        )
        after = _card(demo_store, card.id)
        assert (after.status, after.version) == ("done", before.version)
        assert board.view.card.id == card.id and board.view.active.status == "done"

        # Its item passed (elsewhere): the board reads it, and ] accepts the task.
        item = demo_store.add_acceptance_item(
            card.project_id, deliverable=card.title, task_id=card.id
        )
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert board.active_bindings["right_square_bracket"].enabled is False  # pending
        demo_store.set_verdict(item.id, item.version, "pass", "")
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert board.view.card.id == card.id and board.view.card.acceptable
        assert board.active_bindings["right_square_bracket"].enabled is True
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert _card(demo_store, card.id).status == "accepted"


async def test_the_boards_footer_follows_the_cursor(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        assert board.active_bindings["right_square_bracket"].enabled is True  # a todo card
        await _to_column(pilot, board, "done")
        assert board.active_bindings["right_square_bracket"].enabled is False
        await pilot.press("h")
        await pilot.pause()
        assert board.view.active.status == "blocked"
        assert board.active_bindings["right_square_bracket"].enabled is True
