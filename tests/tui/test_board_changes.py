"""When the store changes, the board reads what changed (the change log says which
cards), not every card again — and reads every card when a change shows on cards
it cannot name (an owner's new name) or the log does not tell the whole story."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from collabtui.store.models import Task

from .conftest import SIZE
from .test_board import open_board
from .test_live_refresh import titles, within

pytestmark = pytest.mark.both_backends


def count_reads(monkeypatch, store) -> dict[str, int]:
    """How often the board read every card, and how often only some."""
    calls = {"all": 0, "some": 0}
    every, some = store.task_cards, store.task_cards_of

    def all_cards(*args, **kwargs):
        calls["all"] += 1
        return every(*args, **kwargs)

    def some_cards(*args, **kwargs):
        calls["some"] += 1
        return some(*args, **kwargs)

    monkeypatch.setattr(store, "task_cards", all_cards)
    monkeypatch.setattr(store, "task_cards_of", some_cards)
    return calls


async def test_another_copys_edit_reads_only_that_card(demo_store, other, make_app, monkeypatch):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        calls = count_reads(monkeypatch, demo_store)
        card = board.view.column("todo").cards[0]
        row = other.task_row(card.id)
        other.edit_task(row.id, row.version, title="Renamed elsewhere")
        other.move_task(card.id, row.version + 1, "blocked", to_end=True)
        await within(pilot, lambda: titles(board)[card.id] == "Renamed elsewhere")
        assert card.id in [c.id for c in board.view.column("blocked").cards]
        assert card.id not in [c.id for c in board.view.column("todo").cards]
        assert calls == {"all": 0, "some": calls["some"]} and calls["some"] >= 1


async def test_an_owners_new_name_reads_every_card(demo_store, other, make_app, monkeypatch):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        calls = count_reads(monkeypatch, demo_store)
        card = board.view.card
        owner = next(p for p in other.people() if p.name == card.owner)
        other.edit_person(owner.id, owner.version, name="Renamed Owner")

        def owners() -> set[str]:
            return {c.owner for column in board.view.columns for c in column.cards}

        await within(pilot, lambda: "Renamed Owner" in owners())
        assert card.owner not in owners() and calls["all"] >= 1


async def test_a_task_gone_without_the_log_is_noticed(demo_store, other, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot, demo_store)
        first, second = board.view.column("todo").cards[:2]
        elsewhere = other.project_id("CX-FIX")
        with other.db.write("test.raw") as u:  # a change the log does not hold
            u.session.connection().execute(
                update(Task.__table__).where(Task.__table__.c.id == first.id),
                {"project_id": elsewhere},
            )
        row = other.task_row(second.id)
        other.edit_task(row.id, row.version, title="Seen by the log")
        await within(pilot, lambda: first.id not in titles(board))
        assert titles(board)[second.id] == "Seen by the log"
        assert set(titles(board)) == {r.id for r in other.task_rows("Q4-LAUNCH")}


async def test_the_first_cards_show_before_every_card_is_read(demo_store, make_app, monkeypatch):
    import threading

    from collabtui.screens import board as board_screen
    from collabtui.screens.board import BoardScreen

    monkeypatch.setattr(board_screen, "HEAD_CARDS", 2)
    release, every = threading.Event(), demo_store.task_cards

    def slow_read(*args, **kwargs):
        release.wait(10)  # a read of every card that takes its time
        return every(*args, **kwargs)

    monkeypatch.setattr(demo_store, "task_cards", slow_read)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        board = BoardScreen(demo_store.project_id("Q4-LAUNCH"))
        await app.push_screen(board)
        counts = {s: len(c) for s, c in in_store_by_status(every).items()}
        await within(pilot, lambda: any(column.cards for column in board.view.columns))
        for column in board.view.columns:
            assert len(column.cards) == min(2, counts[column.status])
            assert column.count == counts[column.status]  # the title says how many
        card = board.view.card
        await pilot.press("right_square_bracket")  # not before every card is there
        assert demo_store.task_row(card.id).status == card.status
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert {c.status: len(c.cards) for c in board.view.columns} == counts


def in_store_by_status(read) -> dict[str, list]:
    from collabtui.domain.board import COLUMNS
    from tests.tui.test_board import TODAY

    out: dict[str, list] = {s: [] for s in COLUMNS}
    for card in read("Q4-LAUNCH", None, TODAY):
        out[card.status].append(card)
    return out
