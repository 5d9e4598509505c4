"""Phase 3 groundwork: board reads with filters, and moves that keep order."""

from __future__ import annotations

from datetime import date

import pytest

from collabtui.domain.board import TaskFilter
from collabtui.store import ConflictError

TODAY = date(2026, 11, 27)  # a Friday


def codes(cards):
    return [c.code for c in cards]


def test_filters_narrow_the_board(demo_store):
    everything = demo_store.task_cards("Q4-LAUNCH", today=TODAY)
    assert len(everything) == 14
    statuses = [c.status for c in everything]
    assert statuses == sorted(
        statuses, key=["todo", "in_progress", "blocked", "done", "accepted"].index
    )
    one = everything[0]
    assert (
        codes(demo_store.task_cards("Q4-LAUNCH", TaskFilter(text=one.title[:4]), TODAY))[0]
        == one.code
    )
    by_owner = demo_store.task_cards(None, TaskFilter(owner=one.owner), TODAY)
    assert by_owner and {c.owner for c in by_owner} == {one.owner}
    by_dept = demo_store.task_cards(None, TaskFilter(department=one.department), TODAY)
    assert by_dept and {c.department for c in by_dept} == {one.department}
    blocked = demo_store.task_cards(None, TaskFilter(status="blocked"), TODAY)
    assert blocked and {c.status for c in blocked} == {"blocked"}
    overdue = demo_store.task_cards(None, TaskFilter(overdue=True), TODAY)
    assert overdue and all(c.overdue(TODAY) for c in overdue)
    assert len(overdue) == sum(1 for c in demo_store.task_cards(today=TODAY) if c.overdue(TODAY))
    week = demo_store.task_cards(None, TaskFilter(due_this_week=True), TODAY)
    assert all(date(2026, 11, 23) <= c.due_on <= date(2026, 11, 29) for c in week)


def test_moves_keep_the_order_of_the_other_cards(demo_store):
    cards = demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY)
    assert len(cards) >= 2
    moving = demo_store.task_cards("CX-FIX", TaskFilter(status="in_progress"), TODAY)[0]
    demo_store.move_task(moving.id, moving.version, "todo", after_id=cards[0].id)
    after = demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY)
    assert codes(after) == [cards[0].code, moving.code, *codes(cards[1:])]
    first = after[-1]
    demo_store.move_task(first.id, first.version, "todo")
    assert codes(demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY))[0] == first.code


def test_moving_to_done_completes_progress_and_stale_moves_conflict(demo_store):
    card = demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY)[0]
    done = demo_store.move_task(card.id, card.version, "done")
    assert done.progress == 100 and done.status.value == "done"
    with pytest.raises(ConflictError):
        demo_store.move_task(card.id, card.version, "todo")
    history = demo_store.history("task", card.id)
    assert history[-1].intent == "task.move"


def test_move_to_the_end_of_a_column(demo_store):
    todo = demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY)
    moving = demo_store.task_cards("CX-FIX", TaskFilter(status="blocked"), TODAY)[0]
    demo_store.move_task(moving.id, moving.version, "todo", to_end=True)
    after = demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY)
    assert codes(after) == [*codes(todo), moving.code]
