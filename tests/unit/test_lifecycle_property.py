"""Issue 16, the property: whatever sequence of store operations (undo and redo among
them) a user tries on the demo, after every step no record is in a state its lifecycle
table forbids. Refused operations are part of the walk: a refusal must leave the store
as it was, and an accepted one must leave it valid.
"""

from __future__ import annotations

import itertools
from datetime import UTC, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from collabtui.domain import lifecycle_rules as rules
from collabtui.domain.errors import StoreError
from collabtui.domain.lifecycle import TASK, meeting_state
from collabtui.store import Store
from collabtui.store.history import UndoRefused
from collabtui.store.models import (
    AcceptanceItem,
    Consultation,
    Decision,
    Meeting,
    ResourceRequest,
    Task,
    TaskUpdate,
)

from ..conftest import FIXED_NOW

TODAY = FIXED_NOW.date()
_copies = itertools.count()

_TASK_STATUS = st.sampled_from(["todo", "in_progress", "blocked", "done", "accepted"])
_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("move"), st.integers(0, 40), _TASK_STATUS),
        st.tuples(st.just("progress"), st.integers(0, 40), st.integers(0, 100)),
        st.tuples(st.just("update"), st.integers(0, 40), st.integers(-200, 40)),
        st.tuples(st.just("verdict"), st.integers(0, 40), st.sampled_from(["pass", "pending"])),
        st.tuples(st.just("decision"), st.integers(0, 40), st.sampled_from(["open", "done"])),
        st.tuples(st.just("meeting"), st.integers(0, 40), st.sampled_from(["go", "end", "send"])),
        st.tuples(st.just("resource"), st.integers(0, 40), st.integers(-5, 60)),
        st.tuples(st.just("one_to_one"), st.integers(0, 40), st.integers(-5, 60)),
        st.tuples(st.just("undo"), st.just(0), st.just(0)),
        st.tuples(st.just("redo"), st.just(0), st.just(0)),
    ),
    min_size=1,
    max_size=10,
)


def _rows(store, model):
    with store.db.read() as s:
        return list(s.exec(select(model).order_by(model.id)).all())


def _last_change(store) -> int:
    from sqlalchemy import func

    from collabtui.store.models import Change

    with store.db.read() as s:
        return s.exec(select(func.max(Change.id))).one() or 0


def _pick(rows, n):
    return rows[n % len(rows)] if rows else None


def violations(store, initially_accepted: set[int], initially_done: set[int]) -> list[str]:
    """Every record in a state its table forbids (empty when all is well)."""
    found: list[str] = []
    from collabtui.store.models import utcnow

    now = utcnow()
    tasks = {t.id: t for t in _rows(store, Task)}
    items = _rows(store, AcceptanceItem)
    for m in _rows(store, Meeting):
        found += [
            f"meeting {m.id}: {p.key}"
            for p in rules.meeting_conditions(m.started_at, m.ended_at, m.minutes_distributed_at)
        ]
        meeting_state(m)  # a state of the table
    for t in tasks.values():
        found += [f"task {t.id}: {p.key}" for p in rules.task_conditions(t.status, t.progress)]
        assert t.status in TASK.moves
        if t.status == "accepted" and t.id not in initially_accepted:
            verdicts = [i.verdict.value for i in items if i.task_id == t.id and not i.dropped_at]
            found += [
                f"task {t.id}: {p.key}" for p in rules.task_entry_conditions(t.status, verdicts)
            ]
    for u in _rows(store, TaskUpdate):
        start = tasks[u.task_id].start_on
        if start is not None and u.on < start:
            found.append(f"update {u.id}: before the start")
    for d in _rows(store, Decision):
        task = next((t for t in tasks.values() if t.decision_id == d.id), None)
        if d.id not in initially_done and task is not None:
            found += [
                f"decision {d.id}: {p.key}"
                for p in rules.decision_entry_conditions(d.status, task.status)
            ]
    for c in _rows(store, Consultation):
        found += [
            f"one-to-one {c.id}: {p.key}"
            for p in rules.consultation_conditions(c.status, c.held_on, now)
        ]
    for r in _rows(store, ResourceRequest):
        found += [
            f"resource {r.id}: {p.key}"
            for p in rules.resource_conditions(r.status, r.in_place_on, now)
        ]
    return found


def apply(store, op) -> None:
    """Try one operation as a user would; the store may refuse it."""
    kind, n, arg = op
    real_today = FIXED_NOW.date()  # the demo's today
    if kind == "move":
        t = _pick(_rows(store, Task), n)
        store.move_task(t.id, t.version, arg, to_end=True)
    elif kind == "progress":
        t = _pick(_rows(store, Task), n)
        store.edit_task(t.id, t.version, progress=arg)
    elif kind == "update":
        t = _pick(_rows(store, Task), n)
        on = real_today + timedelta(days=arg)
        store.add_task_update(t.id, on=on, progress=min(100, (t.progress or 0) + 20), done="x")
    elif kind == "verdict":
        i = _pick(_rows(store, AcceptanceItem), n)
        if i is not None:
            store.set_verdict(i.id, i.version, arg, "checked")
    elif kind == "decision":
        d = _pick(_rows(store, Decision), n)
        store.set_decision_status(d.id, d.version, arg)
    elif kind == "meeting":
        m = _pick(_rows(store, Meeting), n)
        at = m.start_at
        if arg == "go":
            store.start_meeting(m.id, now=at, early=n % 2 == 0)
        elif arg == "end":
            store.finish_meeting(m.id, now=at + timedelta(minutes=30))
        else:
            store.distribute_minutes(m.id, now=at + timedelta(hours=n))
    elif kind == "resource":
        r = _pick(_rows(store, ResourceRequest), n)
        status = {"requested": "approved", "approved": "in_place"}.get(r.status.value)
        if status is not None:
            day = real_today + timedelta(days=arg) if status == "in_place" else None
            store.set_resource_status(r.id, r.version, status, day)
    elif kind == "one_to_one":
        c = _pick(_rows(store, Consultation), n)
        day = real_today + timedelta(days=arg * 10)
        store.record_consultation(c.id, c.version, status="agreed", held_on=day)
    elif kind == "undo":
        store.undo(tz=UTC)
    elif kind == "redo":
        store.redo(tz=UTC)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=_OPS)
def test_no_sequence_of_operations_leaves_a_record_in_a_forbidden_state(
    sqlite_templates, tmp_path, ops
):
    path = tmp_path / f"walk-{next(_copies)}.sqlite3"
    sqlite_templates.copy_to("demo", path)
    store = Store(f"sqlite:///{path}", user="tester")
    try:
        accepted = {t.id for t in _rows(store, Task) if t.status == "accepted"}
        done = {d.id for d in _rows(store, Decision) if d.status == "done"}
        assert violations(store, accepted, done) == []
        for op in ops:
            before = _last_change(store)
            try:
                apply(store, op)
            except (StoreError, UndoRefused) as refused:
                assert refused.message(), op  # refused with a reason
                assert _last_change(store) == before, op  # and nothing written
            assert violations(store, accepted, done) == [], op
    finally:
        store.close()
