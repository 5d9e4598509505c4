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


async def test_n_is_dimmed_on_a_meeting_that_has_started_and_says_why(demo_store, make_app):
    from collabtui.screens.project import ProjectScreen
    from collabtui.widgets.record_table import RecordTable

    from ..unit.test_lifecycle_c import _planned, held_meeting
    from .test_real_clock import until

    planned = _planned(demo_store)
    pid = planned.project_id
    held = held_meeting(demo_store, pid)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_project(pid, tab="meetings")
        await until(
            pilot,
            lambda: isinstance(app.screen, ProjectScreen) and app.screen.query("#meeting-list"),
            "the meetings tab",
        )
        screen = app.screen
        table = screen.query_one("#meeting-list", RecordTable)
        await until(pilot, lambda: table.row_count > 0, "the meetings listed")

        def row_of(meeting_id: int) -> int:
            keys = [table.ordered_rows[i].key.value for i in range(table.row_count)]
            return keys.index(str(meeting_id))

        table.focus()
        table.move_cursor(row=row_of(held.id))
        await until(pilot, lambda: screen.active_bindings["N"].enabled is False, "N dimmed")
        await pilot.press("N")
        await pilot.pause()
        assert messages(app, "error")[-1] == (
            "a meeting that is “Minutes distributed” cannot become “Notice sent”"
        )
        after = demo_store.meeting_detail(held.id).meeting
        assert (after.notice_sent_at, after.version) == (held.notice_sent_at, held.version)

        table.move_cursor(row=row_of(planned.id))  # the footer follows the cursor
        await until(pilot, lambda: screen.active_bindings["N"].enabled is True, "N offered")
        await pilot.press("N")
        await until(
            pilot,
            lambda: demo_store.meeting_detail(planned.id).meeting.notice_sent_at is not None,
            "the notice recorded",
        )


async def test_the_verdict_keys_follow_the_acceptance_item_table(demo_store, make_app):
    from .test_acceptance import go_to_item, open_acceptance

    project = demo_store.project_id("Q4-LAUNCH")
    done = next(c for c in demo_store.task_cards(project, today=TODAY) if c.status == "done")
    item = demo_store.add_acceptance_item(project, deliverable="Launch kit", task_id=done.id)
    item = demo_store.set_verdict(item.id, item.version, "pass", "")
    demo_store.move_task(done.id, done.version, "accepted", to_end=True)  # through the item
    other = demo_store.add_acceptance_item(project, deliverable="Old duplicate")
    demo_store.drop_acceptance_item(other.id, other.version, "merged")

    def stored(item_id: int):
        report = demo_store.acceptance_report(project)
        return next(i for i in (*report.items, *report.dropped) if i.id == item_id)

    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acceptance(pilot, demo_store)
        await go_to_item(pilot, screen, "Launch kit")
        await pilot.pause()
        keys = screen.active_bindings
        assert keys["f"].enabled is False  # its task was accepted through it
        assert keys["p"].enabled is True and keys["w"].enabled is True
        before = stored(item.id)
        await pilot.press("f")
        await pilot.pause()
        assert app.screen is screen  # no note asked for
        assert messages(app, "error")[-1] == (
            "its task is accepted through this item: move the task back to Done first"
        )
        after = stored(item.id)
        assert (after.verdict, after.version) == ("pass", before.version)

        await go_to_item(pilot, screen, "Old duplicate")  # dropped: no verdict at all
        await pilot.pause()
        keys = screen.active_bindings
        assert [keys[k].enabled for k in "pfw"] == [False, False, False]
        await pilot.press("p")
        await pilot.pause()
        assert "Old duplicate" in messages(app)[-1]
        assert stored(other.id).verdict == "pending"
