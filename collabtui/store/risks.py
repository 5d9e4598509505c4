"""Risk warnings (《风险预警表》): the register's rows, raising, editing and the lifecycle.

A warning moves forward ``open → assessing → mitigating → closed`` (a step may be
skipped: a false alarm is closed straight from ``open``), and any warning still
active (open, assessing, mitigating) may turn ``materialized`` when the risk
happened. ``closed`` and ``materialized`` are final, except that either may be
reopened (back to ``open``) — a warning closed by mistake, or a risk that returns.
Nothing else moves backwards.

A warning names the date it threatens (required: the playbook's 24-hour rule is
measured against it), the tasks it affects (tasks of its own project) and the
departments it affects. Its lead time and whether it was raised late are computed
when it is read, in the time zone the caller gives (see :meth:`RiskOps.risk_rows`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import case, func
from sqlmodel import col, select

from collabtui.domain import lifecycle
from collabtui.domain.enums import ACTIVE_RISK_STATUSES, RiskLevel, RiskStatus, RiskType
from collabtui.domain.errors import ValidationError
from collabtui.domain.inputs import normal, parse_day
from collabtui.domain.playbook import risk_is_late, risk_lead_time
from collabtui.domain.views import RiskRow
from collabtui.store.base import StoreBase
from collabtui.store.models import (
    Department,
    Person,
    Project,
    RiskDepartment,
    RiskTask,
    RiskWarning,
    Task,
    utcnow,
)
from collabtui.store.projects import _find_project
from collabtui.store.trail import closing_notes

#: Risk warning fields a form may set (links and status have their own arguments).
RISK_FIELDS = (
    "title",
    "type",
    "level",
    "impact",
    "solution",
    "threatened_on",
    "raised_by_id",
    "raised_at",
)

_S = RiskStatus
_INTENT = {
    _S.OPEN: "risk.reopen",
    _S.ASSESSING: "risk.assess",
    _S.MITIGATING: "risk.mitigate",
    _S.CLOSED: "risk.close",
    _S.MATERIALIZED: "risk.materialize",
}


class RiskOps(StoreBase):
    """Store methods for risk warnings (mixed into :class:`~collabtui.store.Store`)."""

    # ------------------------------------------------------------------ reads

    def risk_rows(
        self, project: int | str | None = None, *, tz: tzinfo, only: Sequence[int] | None = None
    ) -> list[RiskRow]:
        """The warnings of ``project`` (or of every project), as the register lists them
        (``only``: just the warnings of these ids, e.g. the one a key just changed).

        Active warnings (open, assessing, mitigating) first, then closed and
        materialized ones; each group by threatened date (undated last), then
        project code and id. ``lead_time`` and ``late`` are measured to the start of
        the threatened day in ``tz``, the user's zone (the clock's).
        """
        with self.db.read() as s:
            stmt = (
                select(RiskWarning, Project.code, func.coalesce(Person.name, ""))
                .join(Project, col(Project.id) == RiskWarning.project_id)
                .join(Person, col(Person.id) == RiskWarning.raised_by_id, isouter=True)
            )
            if project is not None:
                stmt = stmt.where(RiskWarning.project_id == _find_project(s, project).id)
            if only is not None:
                stmt = stmt.where(col(RiskWarning.id).in_(list(only)))
            active = case(
                (col(RiskWarning.status).in_(ACTIVE_RISK_STATUSES), 0),
                else_=1,
            )
            stmt = stmt.order_by(
                active,
                col(RiskWarning.threatened_on).is_(None),
                col(RiskWarning.threatened_on),
                Project.code,
                col(RiskWarning.id),
            )
            found = s.exec(stmt).all()
            ids = [risk.id for risk, _, _ in found]
            tasks = _links(
                s,
                select(RiskTask.risk_id, Task.id, Task.code)
                .join(Task, col(Task.id) == RiskTask.task_id)
                .where(col(RiskTask.risk_id).in_(ids))
                .order_by(Task.code),
            )
            departments = _links(
                s,
                select(RiskDepartment.risk_id, Department.id, Department.name)
                .join(Department, col(Department.id) == RiskDepartment.department_id)
                .where(col(RiskDepartment.risk_id).in_(ids))
                .order_by(Department.name),
            )
            notes = closing_notes(s, [r.id for r, _, _ in found if r.status == _S.CLOSED])
        return [
            replace(
                _row(risk, code, raiser, tasks.get(risk.id, ()), departments.get(risk.id, ()), tz),
                closing_note=notes.get(risk.id, ""),
            )
            for risk, code, raiser in found
        ]

    # ------------------------------------------------------------------ writes

    def raise_risk(
        self,
        project: int | str,
        *,
        title: str,
        type: str,
        level: str,
        impact: str = "",
        solution: str = "",
        threatened_on: date | None = None,
        raised_by_id: int | None = None,
        raised_at: datetime | None = None,
        task_ids: Sequence[int] = (),
        department_ids: Sequence[int] = (),
    ) -> RiskWarning:
        """Raise a warning (status ``open``) on ``project``; ``raised_at`` defaults to now.

        Raises :class:`ValidationError` (naming the field) for a missing title or
        threatened date, an unknown type or level, a task of another project, an
        unknown department or person.
        """
        fields = _clean(
            {
                "title": title,
                "type": type,
                "level": level,
                "impact": impact,
                "solution": solution,
                "threatened_on": threatened_on,
                "raised_by_id": raised_by_id,
                "raised_at": raised_at if raised_at is not None else utcnow(),
            }
        )
        with self.db.write("risk.raise") as u:
            project_id = _find_project(u.session, project).id
            risk = RiskWarning(project_id=project_id, status=RiskStatus.OPEN, **fields)
            check_risk(u.session, risk)
            _check_links(u.session, project_id, task_ids, department_ids)
            risk = u.add(risk)
            _write_links(u, risk.id, task_ids, department_ids)
            return risk

    def edit_risk(
        self,
        risk_id: int,
        version: int,
        *,
        task_ids: Sequence[int] | None = None,
        department_ids: Sequence[int] | None = None,
        **fields,
    ) -> RiskWarning:
        """Change a warning's fields; ``task_ids``/``department_ids`` replace its links.

        Not its status (see :meth:`set_risk_status`) nor its project. A change of
        links alone still gives the warning a new version, so another copy editing
        it meets a conflict.
        """
        unknown = set(fields) - set(RISK_FIELDS)
        if unknown:
            raise TypeError(f"not risk warning fields: {sorted(unknown)}")
        fields = _clean(fields)
        with self.db.write("risk.edit") as u:
            risk = u.get(RiskWarning, risk_id)
            if risk.version != version:
                u.edit(RiskWarning, risk_id, version)  # raises the conflict
            _check_links(u.session, risk.project_id, task_ids or (), department_ids or ())
            links_changed = _write_links(u, risk_id, task_ids, department_ids)
            risk = u.edit(RiskWarning, risk_id, version, **fields)
            check_risk(u.session, risk)
            if links_changed and not u.session.is_modified(risk):
                risk.updated_at = utcnow()  # links are part of the warning: a new version
            u.session.flush()
            return risk

    def set_risk_status(
        self, risk_id: int, version: int, status: RiskStatus | str, note: str = ""
    ) -> RiskWarning:
        """Move a warning along its lifecycle (see the module docstring).

        Closing needs a closing note (why it is closed): it is kept with the change
        (the change log's note) and read back as :attr:`RiskRow.closing_note`.
        """
        try:
            new = RiskStatus(status)
        except ValueError:
            raise ValidationError.of("risk.err.status", "status") from None
        note = normal(note or "")
        with self.db.write(_INTENT[new], note=note) as u:
            risk = u.get(RiskWarning, risk_id)
            if risk.version != version:
                u.edit(RiskWarning, risk_id, version)  # raises the conflict
            check_transition(risk.status, new)
            if new == RiskStatus.CLOSED and not note:
                raise ValidationError.of("risk.err.closing_note", "note")
            return u.edit(RiskWarning, risk_id, version, status=new)

    def delete_risk(self, risk_id: int, version: int) -> None:
        """Remove a warning and its links."""
        with self.db.write("risk.delete") as u:
            risk = u.get(RiskWarning, risk_id)
            if risk.version != version:
                u.edit(RiskWarning, risk_id, version)  # raises the conflict
            _write_links(u, risk_id, (), ())
            u.delete(risk)


# ---------------------------------------------------------------------- rules


def check_transition(old: str, new: str) -> None:
    """A :class:`ValidationError` unless the move is in :data:`~collabtui.domain.lifecycle.RISK`."""
    lifecycle.RISK.check(old, new)


def check_risk(session, risk: RiskWarning) -> None:
    """The rules every stored warning keeps, in the form's order; raises ValidationError.

    A title; a known type and level; the threatened date (the 24-hour rule is
    measured against it); a raiser who exists, when one is named.
    """
    if not (risk.title or "").strip():
        raise ValidationError.of("risk.err.title", "title")
    try:
        risk.type = RiskType(risk.type)
    except ValueError:
        raise ValidationError.of("risk.err.type", "type") from None
    try:
        risk.level = RiskLevel(risk.level)
    except ValueError:
        raise ValidationError.of("risk.err.level", "level") from None
    if risk.threatened_on is None:
        raise ValidationError.of("risk.err.threatened_needed", "threatened_on")
    if risk.raised_by_id is not None and session.get(Person, risk.raised_by_id) is None:
        raise ValidationError.of("risk.err.raised_by", "raised_by_id", id=risk.raised_by_id)
    if risk.raised_at is None or risk.raised_at.tzinfo is None:
        raise ValidationError.of("rule.bad_datetime", "raised_at")


def _check_links(
    session, project_id: int, task_ids: Iterable[int], department_ids: Iterable[int]
) -> None:
    """Affected tasks belong to the warning's project; affected departments exist."""
    for task_id in task_ids:
        task = session.get(Task, task_id)
        if task is None or task.project_id != project_id:
            code = task.code if task is not None else str(task_id)
            raise ValidationError.of("risk.err.task_other_project", "task_ids", code=code)
    for department_id in department_ids:
        if session.get(Department, department_id) is None:
            raise ValidationError.of("risk.err.department", "department_ids", id=department_id)


# ---------------------------------------------------------------------- helpers


def _clean(fields: dict) -> dict:
    """Trim text, read typed dates, turn type and level into members."""
    out = {}
    for key, value in fields.items():
        if key == "threatened_on" and isinstance(value, str):
            value = parse_day(value, key)
        elif key == "type":
            try:
                value = RiskType(normal(value))
            except ValueError:
                raise ValidationError.of("risk.err.type", "type") from None
        elif key == "level":
            try:
                value = RiskLevel(normal(value))
            except ValueError:
                raise ValidationError.of("risk.err.level", "level") from None
        elif key == "raised_at" and (not isinstance(value, datetime) or value.tzinfo is None):
            raise ValidationError.of("rule.bad_datetime", "raised_at")
        elif isinstance(value, str):
            value = value.strip()
        out[key] = value
    return out


def _write_links(
    u, risk_id: int, task_ids: Sequence[int] | None, department_ids: Sequence[int] | None
) -> bool:
    """Make the warning's task and department links exactly these (``None``: keep).

    True when a link was added or removed.
    """
    changed = False
    for model, column, wanted in (
        (RiskTask, "task_id", task_ids),
        (RiskDepartment, "department_id", department_ids),
    ):
        if wanted is None:
            continue
        wanted = list(dict.fromkeys(wanted))  # keep the order, drop repeats
        existing = {
            getattr(link, column): link
            for link in u.scalars(select(model).where(model.risk_id == risk_id))
        }
        for key in wanted:
            if existing.pop(key, None) is None:
                link: dict[str, Any] = {column: key}
                u.add(model(risk_id=risk_id, **link))
                changed = True
        for link in existing.values():
            u.delete(link)
            changed = True
    return changed


def _links(session, stmt) -> dict[int, tuple[tuple[int, str], ...]]:
    """``{risk id: ((id, name), …)}`` from a select of (risk id, id, name)."""
    out: dict[int, list[tuple[int, str]]] = {}
    for risk_id, key, name in session.exec(stmt).all():
        out.setdefault(risk_id, []).append((key, name))
    return {k: tuple(v) for k, v in out.items()}


def _row(
    risk: RiskWarning,
    project_code: str,
    raised_by: str,
    tasks: tuple[tuple[int, str], ...],
    departments: tuple[tuple[int, str], ...],
    tz: tzinfo,
) -> RiskRow:
    zone = tz
    return RiskRow(
        id=risk.id,
        version=risk.version,
        project_id=risk.project_id,
        project_code=project_code,
        title=risk.title,
        type=str(getattr(risk.type, "value", risk.type)),
        level=str(getattr(risk.level, "value", risk.level)),
        impact=risk.impact,
        solution=risk.solution,
        threatened_on=risk.threatened_on,
        raised_by_id=risk.raised_by_id,
        raised_by=raised_by,
        raised_at=risk.raised_at,
        status=str(getattr(risk.status, "value", risk.status)),
        task_ids=tuple(k for k, _ in tasks),
        task_codes=tuple(c for _, c in tasks),
        department_ids=tuple(k for k, _ in departments),
        departments=tuple(n for _, n in departments),
        lead_time=risk_lead_time(risk.raised_at, risk.threatened_on, zone),
        late=risk_is_late(risk.raised_at, risk.threatened_on, zone),
    )
