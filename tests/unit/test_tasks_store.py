"""Tasks in the store: the one-owner rule on every path, dates, supports, the update log,
the board filter and the card order under moves."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabtui.domain.board import TaskCard, TaskFilter, filter_cards, matches, sort_key
from collabtui.domain.errors import ValidationError
from collabtui.domain.tasks import next_task_code
from collabtui.store import ConflictError
from collabtui.store.models import Task

TODAY = date(2026, 11, 27)


def person(store, name):
    return next(p for p in store.people() if p.name == name)


def test_a_task_without_an_owner_is_refused_on_every_path(demo_store):
    with pytest.raises(ValidationError) as form_path:
        demo_store.create_task("CX-FIX", title="No owner")
    assert form_path.value.field == "owner_id"
    project_id = demo_store.project_id("CX-FIX")
    with pytest.raises(ValidationError) as raw_path, demo_store.db.write("test") as u:
        u.add(Task(project_id=project_id, code="X-1", title="Raw", owner_id=None))
    assert raw_path.value.field == "owner_id"
    row = demo_store.task_rows("CX-FIX")[0]
    with pytest.raises(ValidationError):
        demo_store.edit_task(row.id, row.version, owner_id=None)
    assert demo_store.task_row(row.id).owner_id == row.owner_id
    assert "No owner" not in {r.title for r in demo_store.task_rows("CX-FIX")}


def test_the_owner_must_exist_and_be_active(demo_store):
    with pytest.raises(ValidationError, match="does not exist"):
        demo_store.create_task("CX-FIX", title="Ghost", owner_id=99999)
    emma = person(demo_store, "Emma Clarke")
    demo_store.retire_person(emma.id, emma.version)
    with pytest.raises(ValidationError, match="retired"):
        demo_store.create_task("CX-FIX", title="Retired", owner_id=emma.id)


def test_due_not_before_start_and_progress_in_range(demo_store):
    owner = person(demo_store, "Emma Clarke").id
    with pytest.raises(ValidationError) as exc:
        demo_store.create_task(
            "CX-FIX",
            title="Backwards",
            owner_id=owner,
            start_on=date(2026, 12, 2),
            due_on=date(2026, 12, 1),
        )
    assert exc.value.field == "due_on"
    same_day = demo_store.create_task(
        "CX-FIX", title="One day", owner_id=owner, start_on=TODAY, due_on=TODAY
    )
    assert same_day.due_on == same_day.start_on
    with pytest.raises(ValidationError):
        demo_store.edit_task(same_day.id, same_day.version, progress=101)
    with pytest.raises(ValidationError):
        demo_store.edit_task(same_day.id, same_day.version, progress=-1)


def test_create_numbers_the_code_and_puts_the_card_last(demo_store):
    owner = person(demo_store, "Emma Clarke").id
    codes = [r.code for r in demo_store.task_rows("CX-FIX")]
    task = demo_store.create_task("CX-FIX", title="Next", owner_id=owner)
    assert task.code == next_task_code(codes)
    todo = demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY)
    assert todo[-1].id == task.id
    with pytest.raises(ValidationError):  # the code is unique within the project
        demo_store.create_task("CX-FIX", title="Twin", owner_id=owner, code=task.code)


def test_supports_are_replaced_as_a_set_with_duties(demo_store):
    owner = person(demo_store, "Emma Clarke").id
    depts = {d.name: d.id for d in demo_store.departments()}
    contact = person(demo_store, "Daniel Okafor").id
    task = demo_store.create_task(
        "CX-FIX",
        title="With help",
        owner_id=owner,
        supports=[(depts["Logistics"], "Carrier data", contact)],
    )
    row = demo_store.task_row(task.id)
    assert [(s.department, s.duty, s.contact) for s in row.supports] == [
        ("Logistics", "Carrier data", "Daniel Okafor")
    ]
    with pytest.raises(ValidationError, match="duty"):
        demo_store.edit_task(task.id, row.version, supports=[(depts["Logistics"], " ", None)])
    with pytest.raises(ValidationError, match="only once"):
        demo_store.edit_task(
            task.id,
            row.version,
            supports=[(depts["Logistics"], "a", None), (depts["Logistics"], "b", None)],
        )
    demo_store.edit_task(task.id, row.version, supports=[])
    assert demo_store.task_row(task.id).supports == ()


def test_updates_are_logged_newest_first_and_carry_the_progress(demo_store):
    row = demo_store.task_rows("CX-FIX")[0]
    demo_store.add_task_update(row.id, on=date(2026, 11, 25), progress=30, done="Older")
    demo_store.add_task_update(row.id, on=date(2026, 11, 26), progress=40, problems="Blocked")
    fresh = demo_store.task_row(row.id)
    assert [u.on for u in fresh.updates][:2] == [date(2026, 11, 26), date(2026, 11, 25)]
    assert fresh.progress == 40
    with pytest.raises(ValidationError):
        demo_store.add_task_update(row.id, on=TODAY, progress=50)  # says nothing
    with pytest.raises(ValidationError):
        demo_store.add_task_update(row.id, on=TODAY, progress=120, done="x")


def test_a_stale_edit_is_a_conflict(demo_store):
    row = demo_store.task_rows("CX-FIX")[0]
    demo_store.edit_task(row.id, row.version, notes="first")
    with pytest.raises(ConflictError):
        demo_store.edit_task(row.id, row.version, notes="second")
    assert demo_store.task_row(row.id).notes == "first"


def test_delete_takes_supports_and_updates_along(demo_store):
    row = next(r for r in demo_store.task_rows("CX-FIX") if r.supports)
    demo_store.add_task_update(row.id, on=TODAY, progress=10, done="x")
    fresh = demo_store.task_row(row.id)
    demo_store.delete_task(row.id, fresh.version)
    assert row.id not in {r.id for r in demo_store.task_rows("CX-FIX")}


def test_moves_between_tied_positions_renumber_the_column(demo_store):
    todo = demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY)
    assert len(todo) >= 2
    with demo_store.db.write("test") as u:  # everything at the same position
        for card in todo:
            u.edit(Task, card.id, None, position=0.0)
    ordered = demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY)
    mover = demo_store.task_cards("CX-FIX", TaskFilter(status="in_progress"), TODAY)[0]
    demo_store.move_task(mover.id, mover.version, "todo", after_id=ordered[0].id)
    after = [c.code for c in demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY)]
    assert after == [ordered[0].code, mover.code, *[c.code for c in ordered[1:]]]


def test_many_moves_into_one_gap_keep_the_order(demo_store):
    todo = demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY)
    anchor = todo[0]
    for _ in range(60):  # halving the same gap 60 times runs out of float room
        card = demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY)[-1]
        demo_store.move_task(card.id, card.version, "todo", after_id=anchor.id)
    codes = [c.code for c in demo_store.task_cards("CX-FIX", TaskFilter(status="todo"), TODAY)]
    assert codes[0] == anchor.code and len(codes) == len(set(codes)) == len(todo)


cards = st.builds(
    TaskCard,
    id=st.integers(1, 10_000),
    version=st.just(1),
    project_id=st.just(1),
    code=st.text(max_size=6),
    title=st.text(max_size=20),
    owner=st.sampled_from(["Ann", "王芳", "Bob"]),
    department=st.sampled_from(["", "IT", "市场部"]),
    due_on=st.one_of(st.none(), st.dates(date(2026, 11, 1), date(2026, 12, 31))),
    status=st.sampled_from(["todo", "in_progress", "blocked", "done", "accepted"]),
    progress=st.integers(0, 100),
    position=st.floats(-10, 10),
    description=st.text(max_size=20),
    priority=st.sampled_from(["low", "normal", "high", "urgent"]),
)
filters = st.builds(
    TaskFilter,
    text=st.text(max_size=4),
    owner=st.sampled_from(["", "an", "王"]),
    department=st.sampled_from(["", "it", "市场"]),
    status=st.sampled_from(["", "todo", "done"]),
    overdue=st.booleans(),
    due_this_week=st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(cards, max_size=30), filters)
def test_the_fast_filter_agrees_with_the_rule(deck, flt):
    assert filter_cards(deck, flt, TODAY) == [c for c in deck if matches(c, flt, TODAY)]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(cards, max_size=30), st.sampled_from(["manual", "due", "priority", "owner", "code"])
)
def test_every_sort_order_is_total(deck, mode):
    once = sorted(deck, key=sort_key(mode))
    assert sorted(once, key=sort_key(mode)) == once


def test_closing_needs_a_held_retrospective(demo_store):
    from datetime import UTC, datetime

    from collabtui.domain.enums import MeetingKind, Phase
    from collabtui.store.models import Meeting

    pid = demo_store.project_id("CX-FIX")
    while demo_store.project(pid).phase != Phase.RETROSPECTIVE:  # one gate at a time
        project = demo_store.project(pid)
        demo_store.advance_phase(pid, project.version, TODAY, reason="test: skip the gates")
    keys = [p.key for p in demo_store.phase_gaps(pid, TODAY)]
    assert "gap.no_retro" in keys
    with demo_store.db.write("test") as u:
        u.add(
            Meeting(
                project_id=pid,
                kind=MeetingKind.RETROSPECTIVE,
                title="Retro",
                start_at=datetime(2026, 11, 27, 9, tzinfo=UTC),
                started_at=datetime(2026, 11, 27, 9, tzinfo=UTC),
            )
        )
    assert "gap.no_retro" not in [p.key for p in demo_store.phase_gaps(pid, TODAY)]
