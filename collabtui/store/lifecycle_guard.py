"""Every write checked against the lifecycle tables, whatever its path.

Called from the unit's ``before_flush`` (store/unit.py) for each created or edited
record: keys, the CLI, an imported file and undo all flush through it. The tables and
their conditions are pure (domain/lifecycle.py, domain/lifecycle_rules.py); this module
only reads what they need from the session (old values, linked records).

Undo and redo (a unit with ``reverts``) restore a state the record was in, so they skip
the transition tables and the entry conditions, never the state conditions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import inspect
from sqlmodel import Session, col, select

from collabtui.domain import lifecycle as lc
from collabtui.domain import lifecycle_rules as rules
from collabtui.domain.errors import ValidationError
from collabtui.domain.playbook import Problem
from collabtui.store.models import (
    AcceptanceItem,
    Consultation,
    Decision,
    Meeting,
    OpenItem,
    Project,
    ResourceRequest,
    RiskWarning,
    Task,
    TaskUpdate,
    utcnow,
)


class _Old:
    """The values a record had before this flush (its current ones where unchanged)."""

    def __init__(self, obj: Any):
        self._obj = obj
        self._state = inspect(obj)

    def __getattr__(self, key: str) -> Any:
        hist = self._state.attrs[key].history
        if hist.has_changes():
            return hist.deleted[0] if hist.deleted else None
        return getattr(self._obj, key)

    def changed(self, *keys: str) -> bool:
        return any(self._state.attrs[k].history.has_changes() for k in keys)


def _refuse(problems: list[Problem]) -> None:
    for p in problems:
        if not p.hint:
            raise ValidationError.of(p.key, p.field or None, **p.params)


def check_lifecycle(session: Session, obj: Any, *, new: bool) -> None:
    """Refuse ``obj`` when it is in a state its table forbids, or moved there wrongly."""
    check = _CHECKS.get(type(obj))
    if check is None:
        return
    restoring = session.info.get("reverts") is not None
    with session.no_autoflush:
        check(session, obj, None if new else _Old(obj), restoring)


def _move(table: lc.Lifecycle, old: object, new: object, restoring: bool) -> bool:
    """Check a move of ``table``; whether the state changed (and was allowed)."""
    old_v, new_v = str(getattr(old, "value", old)), str(getattr(new, "value", new))
    if old_v == new_v:
        return False
    if not restoring:
        table.check(old_v, new_v)
    return True


def _meeting(session: Session, m: Meeting, old: _Old | None, restoring: bool) -> None:
    _refuse(rules.meeting_conditions(m.started_at, m.ended_at, m.minutes_distributed_at))
    moved = old is None or old.changed("start_at", "follow_up_of_id")
    if moved and not restoring and m.follow_up_of_id is not None:
        original = session.get(Meeting, m.follow_up_of_id)
        if original is not None:
            _refuse(rules.follow_up_conditions(m.start_at, original.start_at))
    notice = old is not None and old.changed("notice_sent_at") and m.notice_sent_at is not None
    if notice and not restoring:  # the notice is recorded only before the meeting starts
        rules.check_notice(lc.meeting_state(old))
    if old is not None:
        _move(lc.MEETING, lc.meeting_state(old), lc.meeting_state(m), restoring)


def _task(session: Session, task: Task, old: _Old | None, restoring: bool) -> None:
    if old is not None and old.changed("status") and not restoring:
        if not old.changed("progress") or task.status.value in ("done", "accepted"):
            task.progress = rules.progress_after_move(
                old.status, task.status, task.progress or 0, _last_progress(session, task)
            )
        _move(lc.TASK, old.status, task.status, restoring)
        # Rows of the session carry this unit's unflushed verdicts too.
        items = list(session.exec(select(AcceptanceItem).where(AcceptanceItem.task_id == task.id)))
        items += [o for o in session.new if isinstance(o, AcceptanceItem)]
        verdicts = [i.verdict.value for i in items if i.task_id == task.id and i.dropped_at is None]
        _refuse(rules.task_entry_conditions(task.status, verdicts))
    _refuse(rules.task_conditions(task.status, task.progress))


def _last_progress(session: Session, task: Task) -> int:
    """The latest daily update below 100 % (0 without one)."""
    last = session.exec(
        select(TaskUpdate.progress)
        .where(TaskUpdate.task_id == task.id, TaskUpdate.progress < 100)
        .order_by(col(TaskUpdate.on).desc(), col(TaskUpdate.id).desc())
    ).first()
    return last or 0


def _update(session: Session, update: TaskUpdate, old: _Old | None, restoring: bool) -> None:
    if restoring or (old is not None and not old.changed("on")):
        return
    task = session.get(Task, update.task_id)
    start_on = task.start_on if task is not None else None
    _refuse(rules.update_conditions(update.on, start_on, utcnow()))


def _decision(session: Session, d: Decision, old: _Old | None, restoring: bool) -> None:
    if old is None or not _move(lc.DECISION, old.status, d.status, restoring) or restoring:
        return
    task = session.exec(select(Task).where(Task.decision_id == d.id)).first()
    _refuse(rules.decision_entry_conditions(d.status, task.status if task else None))


def _open_item(session: Session, item: OpenItem, old: _Old | None, restoring: bool) -> None:
    if old is not None:
        _move(lc.OPEN_ITEM, lc.open_item_state(old), lc.open_item_state(item), restoring)


def _consultation(session: Session, c: Consultation, old: _Old | None, restoring: bool) -> None:
    if old is not None:
        _move(lc.CONSULTATION, old.status, c.status, restoring)
    if old is None or old.changed("status", "held_on"):
        _refuse(rules.consultation_conditions(c.status, c.held_on, utcnow()))


def _resource(session: Session, r: ResourceRequest, old: _Old | None, restoring: bool) -> None:
    if old is not None:
        _move(lc.RESOURCE, old.status, r.status, restoring)
    if old is None or old.changed("status", "in_place_on"):
        _refuse(rules.resource_conditions(r.status, r.in_place_on, utcnow()))


def _risk(session: Session, r: RiskWarning, old: _Old | None, restoring: bool) -> None:
    if old is not None:
        _move(lc.RISK, old.status, r.status, restoring)


def _item(session: Session, item: AcceptanceItem, old: _Old | None, restoring: bool) -> None:
    if old is None or not _move(lc.ACCEPTANCE_ITEM, old.verdict, item.verdict, restoring):
        return
    if restoring or item.task_id is None:
        return
    task = session.get(Task, item.task_id)
    if task is not None:
        _refuse(rules.verdict_entry_conditions(old.verdict, item.verdict, task.status))


def _project(session: Session, p: Project, old: _Old | None, restoring: bool) -> None:
    if old is None or restoring:
        return
    _move(lc.PHASE, old.phase, p.phase, restoring)
    confirming = old.changed("confirmed_at", "confirmation_meeting_id")
    if confirming and p.confirmed_at is not None and p.confirmation_meeting_id is not None:
        meeting = session.get(Meeting, p.confirmation_meeting_id)
        ended = meeting.ended_at if meeting is not None else None
        _refuse(rules.confirmation_conditions(ended, utcnow()))


_Check = Callable[[Session, Any, "_Old | None", bool], None]
_CHECKS: dict[type, _Check] = {
    Meeting: _meeting,
    Task: _task,
    TaskUpdate: _update,
    Decision: _decision,
    OpenItem: _open_item,
    Consultation: _consultation,
    ResourceRequest: _resource,
    RiskWarning: _risk,
    AcceptanceItem: _item,
    Project: _project,
}
