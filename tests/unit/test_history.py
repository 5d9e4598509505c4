"""History and undo/redo from the change log: edits, moves, creates, deletes with their
children, across restarts, and refusals when someone else changed the record since."""

from __future__ import annotations

import json
from datetime import UTC

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from collabtui.domain.clock import FixedClock
from collabtui.domain.errors import ValidationError
from collabtui.store import Store
from collabtui.store.history import UndoRefused
from collabtui.store.models import (
    EDITABLE_TABLES,
    Change,
    ProgressEntry,
    ResourceRequest,
    RiskTask,
    TaskSupport,
    TaskUpdate,
)
from collabtui.store.unit import record_dict
from tests.conftest import FIXED_NOW

#: T-05 of the demo: two supports, two daily updates, progress rows, risk links and
#: a resource request hang on it.
T05 = 5


def everything(store) -> dict[str, dict[int, dict]]:
    """Every editable row, without the columns an undo may change (version, time)."""
    out = {}
    with store.db.read() as s:
        for model in EDITABLE_TABLES:
            rows = s.exec(select(model)).all()
            out[model.__tablename__] = {
                r.id: {
                    k: v for k, v in record_dict(r).items() if k not in ("version", "updated_at")
                }
                for r in rows
            }
    return out


def card(store, task_id):
    return next(c for c in store.task_cards(today=FIXED_NOW.date()) if c.id == task_id)


def children(store, task_id):
    with store.db.read() as s:
        return {
            model.__tablename__: sorted(
                r.id for r in s.exec(select(model).where(model.task_id == task_id)).all()
            )
            for model in (TaskSupport, TaskUpdate, ProgressEntry, RiskTask, ResourceRequest)
        }


def test_undo_and_redo_an_edit(demo_store):
    row = demo_store.task_rows("Q4-LAUNCH")[0]
    demo_store.edit_task(row.id, row.version, title="Renamed", progress=55)
    done = demo_store.undo(tz=UTC)
    assert done.message == f"Undid: edit task {row.code}"
    back = demo_store.task_row(row.id)
    assert (back.title, back.progress) == (row.title, row.progress)
    assert back.version > row.version  # a stale copy of the row now gets a conflict
    assert demo_store.redo(tz=UTC).message == f"Redid: edit task {row.code}"
    again = demo_store.task_row(row.id)
    assert (again.title, again.progress) == ("Renamed", 55)


def test_undo_a_board_move_puts_the_card_back_in_place(demo_store):
    before = card(demo_store, 3)
    demo_store.move_task(3, before.version, "done", to_end=True)
    assert card(demo_store, 3).status == "done"
    assert demo_store.undo(tz=UTC).message == "Undid: move task T-03"
    after = card(demo_store, 3)
    assert (after.status, after.position, after.progress) == (
        before.status,
        before.position,
        before.progress,
    )
    demo_store.redo(tz=UTC)
    assert card(demo_store, 3).status == "done"


def test_undo_a_create_deletes_the_task_and_redo_brings_it_back_with_its_id(demo_store):
    owner = demo_store.task_row(1).owner_id
    task = demo_store.create_task(
        "Q4-LAUNCH", title="Fresh", owner_id=owner, supports=[(3, "Help out", None)]
    )
    demo_store.undo(tz=UTC)
    assert task.id not in {r.id for r in demo_store.task_rows()}
    assert children(demo_store, task.id)["tasksupport"] == []
    demo_store.redo(tz=UTC)
    back = demo_store.task_row(task.id)
    assert (back.code, back.title) == (task.code, "Fresh")
    assert [s.duty for s in back.supports] == ["Help out"]


def test_deleting_a_task_logs_every_child_and_undo_restores_them_all(demo_store):
    before = everything(demo_store)
    kids = children(demo_store, T05)
    assert kids["tasksupport"] and kids["taskupdate"] and kids["progressentry"]
    assert kids["risktask"] and kids["resourcerequest"]
    demo_store.delete_task(T05, demo_store.task_row(T05).version)
    with demo_store.db.read() as s:
        logged = s.exec(select(Change).where(Change.intent == "task.delete")).all()
    logged_keys = {(c.entity, c.entity_id, c.action.value) for c in logged}
    for table, ids in kids.items():
        action = "update" if table == "resourcerequest" else "delete"  # unlinked, kept
        assert {(table, i, action) for i in ids} <= logged_keys
    assert demo_store.undo(tz=UTC).message == "Undid: delete task T-05"
    assert children(demo_store, T05) == kids
    assert everything(demo_store) == before  # same ids, same values, creation times too


def test_undo_and_redo_survive_a_restart(demo_store):
    before = card(demo_store, 3)
    demo_store.move_task(3, before.version, "blocked", to_end=True)
    url = demo_store.url
    demo_store.close()
    second = Store(url, user="tester")
    try:
        second.undo(tz=UTC)
        assert card(second, 3).status == before.status
    finally:
        second.close()
    third = Store(url, user="tester")
    try:
        assert third.redo(tz=UTC).message == "Redid: move task T-03"
        assert card(third, 3).status == "blocked"
    finally:
        third.close()


def test_undo_walks_back_one_action_at_a_time_and_a_new_edit_clears_redo(demo_store):
    first = card(demo_store, 3)  # T-03 is done; T-12 too (accepted cards go back only to done)
    demo_store.move_task(3, first.version, "in_progress", to_end=True)
    demo_store.move_task(12, card(demo_store, 12).version, "blocked", to_end=True)
    assert demo_store.undo(tz=UTC).message == "Undid: move task T-12"
    assert demo_store.undo(tz=UTC).message == "Undid: move task T-03"
    assert card(demo_store, 3).status == first.status
    assert card(demo_store, 3).progress == first.progress  # the reset progress is back too
    row = demo_store.task_row(4)
    demo_store.edit_task(4, row.version, notes="new work")
    with pytest.raises(UndoRefused, match="Nothing to redo"):
        demo_store.redo(tz=UTC)
    assert demo_store.undo(tz=UTC).message == "Undid: edit task T-04"
    assert demo_store.redo(tz=UTC).message == "Redid: edit task T-04"


def test_nothing_to_undo_after_loading_the_demo_and_nothing_to_redo(demo_store):
    with pytest.raises(UndoRefused, match="Nothing to undo"):
        demo_store.undo(tz=UTC)
    with pytest.raises(UndoRefused, match="Nothing to redo"):
        demo_store.redo(tz=UTC)


def test_nothing_to_undo_in_chinese(demo_store):
    from collabtui import i18n

    i18n.set_language("zh-CN")
    with pytest.raises(UndoRefused, match="没有可撤销的操作"):
        demo_store.undo(tz=UTC)


def test_refused_when_another_user_changed_the_record_since(demo_store):
    before = card(demo_store, 3)
    demo_store.move_task(3, before.version, "blocked", to_end=True)
    other = Store(demo_store.url, user="other")
    try:
        row = other.task_row(3)
        other.edit_task(3, row.version, notes="theirs")
    finally:
        other.close()
    untouched = everything(demo_store)
    with pytest.raises(UndoRefused) as refused:
        demo_store.undo(tz=UTC)
    assert "other changed task T-03 at 2026-" in str(refused.value)
    assert str(refused.value).startswith("Cannot undo “move task T-03”")
    assert everything(demo_store) == untouched
    assert demo_store.task_row(3).notes == "theirs"


def test_refused_when_another_user_deleted_the_record_since(demo_store):
    row = demo_store.task_row(2)
    demo_store.edit_task(2, row.version, title="Mine")
    other = Store(demo_store.url, user="other")
    try:
        other.delete_task(2, other.task_row(2).version)
    finally:
        other.close()
    with pytest.raises(UndoRefused, match="other deleted task T-02 at"):
        demo_store.undo(tz=UTC)


def test_another_users_actions_are_not_mine_to_undo(demo_store):
    other = Store(demo_store.url, user="other")
    try:
        other.move_task(3, card(other, 3).version, "blocked", to_end=True)
        with pytest.raises(UndoRefused, match="Nothing to undo"):
            demo_store.undo(tz=UTC)
        assert other.undo(tz=UTC).message == "Undid: move task T-03"
    finally:
        other.close()


def test_a_redo_is_refused_when_someone_changed_the_record_after_the_undo(demo_store):
    row = demo_store.task_row(4)
    demo_store.edit_task(4, row.version, title="Mine")
    demo_store.undo(tz=UTC)
    other = Store(demo_store.url, user="other")
    try:
        other.edit_task(4, other.task_row(4).version, progress=80)
    finally:
        other.close()
    with pytest.raises(UndoRefused, match="Cannot redo “edit task T-04”: other changed"):
        demo_store.redo(tz=UTC)
    assert demo_store.task_row(4).title == row.title


def test_undo_and_redo_rows_name_what_they_revert(demo_store):
    before = card(demo_store, 3)
    demo_store.move_task(3, before.version, "blocked", to_end=True)
    demo_store.undo(tz=UTC)
    with demo_store.db.read() as s:
        moves = s.exec(select(Change).where(Change.intent == "task.move")).all()
        undos = s.exec(select(Change).where(Change.intent == "undo:task.move")).all()
    assert undos and {u.reverts for u in undos} == {moves[-1].txn}
    assert json.loads(undos[-1].changes)["status"] == ["blocked", before.status]


def test_history_lists_the_record_and_its_children_newest_first(demo_store):
    demo_store.move_task(T05, card(demo_store, T05).version, "blocked", to_end=True)
    entries = demo_store.record_history("task", T05)
    assert entries[0].intent == "task.move"
    assert entries[0].record == "T-05"
    assert {"status"} <= {f.field for f in entries[0].fields}
    assert [e.id for e in entries] == sorted((e.id for e in entries), reverse=True)
    assert {"task", "tasksupport", "taskupdate"} <= {e.entity for e in entries}
    assert entries[-1].action == "create"


#: Text a person can type: no NUL, no lone surrogate (the store refuses both, see test_store).
_CHARS = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))

# A random walk of edits on three demo tasks: the values to set, by field.
_EDITS = st.lists(
    st.tuples(
        st.sampled_from([1, 2, 3]),
        st.one_of(
            st.tuples(st.just("title"), st.text(_CHARS, min_size=1, max_size=12).filter(str.strip)),
            st.tuples(st.just("progress"), st.integers(0, 100)),
            st.tuples(st.just("status"), st.sampled_from(["todo", "blocked", "done"])),
            st.tuples(st.just("notes"), st.text(_CHARS, max_size=20)),
        ),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=_EDITS)
def test_any_edits_then_undo_all_give_back_the_originals(demo_store, edits):
    before = everything(demo_store)
    for task_id, (field, value) in edits:
        version = demo_store.task_row(task_id).version
        try:  # an edit the lifecycle table refuses (100 % on an open task, …) is no action
            if field == "status":
                demo_store.move_task(task_id, version, value, to_end=True)
            else:
                demo_store.edit_task(task_id, version, **{field: value})
        except ValidationError:
            pass
    undone = 0
    with pytest.raises(UndoRefused, match="Nothing to undo"):
        while undone <= len(edits):  # an edit that changed nothing is no action
            demo_store.undo(tz=UTC)
            undone += 1
    assert undone <= len(edits)
    assert everything(demo_store) == before


def test_nobody_undoes_past_a_bulk_load(demo_store):
    from datetime import UTC

    from tests.conftest import FIXED_NOW

    other = Store(demo_store.url, user="other")
    try:
        other.edit_task(4, other.task_row(4).version, notes="before the reload")
        demo_store.load_demo(clock=FixedClock(FIXED_NOW), force=True)
        with pytest.raises(UndoRefused, match="Nothing to undo"):
            other.undo(tz=UTC)
    finally:
        other.close()


def test_a_risks_history_holds_its_links_and_undo_restores_them(demo_store):
    risk = demo_store.risk_rows("Q4-LAUNCH", tz=UTC)[0]
    with demo_store.db.read() as s:
        links = sorted(
            r.task_id for r in s.exec(select(RiskTask).where(RiskTask.risk_id == risk.id))
        )
    demo_store.edit_risk(risk.id, risk.version, task_ids=[1], title="Narrowed")
    entries = demo_store.record_history("riskwarning", risk.id)
    assert {"riskwarning", "risktask"} <= {e.entity for e in entries}
    assert demo_store.undo(tz=UTC).message == f"Undid: edit risk {risk.title}"
    with demo_store.db.read() as s:
        again = sorted(
            r.task_id for r in s.exec(select(RiskTask).where(RiskTask.risk_id == risk.id))
        )
    assert again == links
