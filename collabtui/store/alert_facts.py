"""The facts the alert rules read, gathered in one read transaction, one query per table."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from collabtui.domain.alert_facts import (
    AlertFacts,
    DecisionFacts,
    MeetingFacts,
    OpenItemFacts,
    ProjectFacts,
    RiskFacts,
    TaskFacts,
)
from collabtui.domain.enums import DepartmentRole, SignOffVerdict
from collabtui.domain.lifecycle_rules import meeting_missing
from collabtui.store.base import StoreBase
from collabtui.store.models import (
    AgendaItem,
    Attendee,
    Change,
    Decision,
    Department,
    Meeting,
    OpenItem,
    Person,
    ProgressEntry,
    Project,
    ProjectDepartment,
    RiskWarning,
    SignOff,
    Task,
)
from collabtui.store.projects import _find_project

#: Sign-off verdicts that accept the results.
ACCEPTING = (SignOffVerdict.ACCEPTED, SignOffVerdict.ACCEPTED_WITH_RESERVATIONS)


def _value(x):
    """An enum's value, anything else as it is."""
    return getattr(x, "value", x)


class AlertOps(StoreBase):
    """Store method for the alerts (mixed into :class:`~collabtui.store.Store`)."""

    def alert_facts(self, project: int | str | None = None) -> AlertFacts:
        """Everything :func:`collabtui.domain.alerts.alerts` needs, for one project or all.

        Read only, in one transaction, with one query per table (never one per
        project), so it stays fast on a store with thousands of tasks.
        """
        with self.db.read() as s:
            pid = _find_project(s, project).id if project is not None else None

            def only(stmt, column):
                return stmt if pid is None else stmt.where(column == pid)

            agenda = _counts(s, only, AgendaItem.meeting_id)
            invited = _counts(s, only, Attendee.meeting_id)
            meetings = tuple(
                MeetingFacts(
                    missing=meeting_missing(
                        agenda.get(m[0], 0), m[10], m[11], invited.get(m[0], 0)
                    ),
                    id=m[0],
                    project_id=m[1],
                    kind=_value(m[2]),
                    title=m[3],
                    start_at=m[4],
                    duration_min=m[5],
                    notice_sent_at=m[6],
                    started_at=m[7],
                    ended_at=m[8],
                    minutes_distributed_at=m[9],
                )
                for m in s.exec(
                    only(
                        select(  # type: ignore[call-overload, misc]  # sqlmodel types select() for at most 4 columns
                            Meeting.id,
                            Meeting.project_id,
                            Meeting.kind,
                            Meeting.title,
                            Meeting.start_at,
                            Meeting.duration_min,
                            Meeting.notice_sent_at,
                            Meeting.started_at,
                            Meeting.ended_at,
                            Meeting.minutes_distributed_at,
                            Meeting.host_id,
                            Meeting.recorder_id,
                        ),
                        Meeting.project_id,
                    ).order_by(Meeting.start_at, Meeting.id)
                ).all()
            )
            decisions = tuple(
                DecisionFacts(
                    id=d[0],
                    meeting_id=d[1],
                    project_id=d[2],
                    text=d[3],
                    owner_id=d[4],
                    due_on=d[5],
                    status=_value(d[6]),
                )
                for d in s.exec(
                    only(
                        select(  # type: ignore[call-overload]  # sqlmodel types select() for at most 4 columns
                            Decision.id,
                            Decision.meeting_id,
                            Meeting.project_id,
                            Decision.text,
                            Decision.owner_id,
                            Decision.due_on,
                            Decision.status,
                        ).join(Meeting, Meeting.id == Decision.meeting_id),
                        Meeting.project_id,
                    )
                ).all()
            )
            open_items = tuple(
                OpenItemFacts(
                    id=o[0],
                    meeting_id=o[1],
                    project_id=o[2],
                    text=o[3],
                    follow_up_meeting_id=o[4],
                    resolved=o[5] is not None,
                )
                for o in s.exec(
                    only(
                        select(  # type: ignore[call-overload]  # sqlmodel types select() for at most 4 columns
                            OpenItem.id,
                            OpenItem.meeting_id,
                            Meeting.project_id,
                            OpenItem.text,
                            OpenItem.follow_up_meeting_id,
                            OpenItem.resolved_at,
                        ).join(Meeting, Meeting.id == OpenItem.meeting_id),
                        Meeting.project_id,
                    )
                ).all()
            )
            tasks = tuple(
                TaskFacts(
                    id=k[0],
                    project_id=k[1],
                    code=k[2],
                    title=k[3],
                    owner_id=k[4],
                    owner_retired=k[5] is not None,
                    deliverable=k[6] or "",
                    quality_standard=k[7] or "",
                    status=_value(k[8]),
                    due_on=k[9],
                )
                for k in s.exec(
                    only(
                        select(  # type: ignore[call-overload]  # sqlmodel types select() for at most 4 columns
                            Task.id,
                            Task.project_id,
                            Task.code,
                            Task.title,
                            Task.owner_id,
                            Person.retired_at,
                            Task.deliverable,
                            Task.quality_standard,
                            Task.status,
                            Task.due_on,
                        ).join(Person, Person.id == Task.owner_id, isouter=True),
                        Task.project_id,
                    )
                ).all()
            )
            risks = tuple(
                RiskFacts(
                    id=r[0],
                    project_id=r[1],
                    title=r[2],
                    raised_at=r[3],
                    threatened_on=r[4],
                    status=_value(r[5]),
                )
                for r in s.exec(
                    only(
                        select(  # type: ignore[call-overload]  # sqlmodel types select() for at most 4 columns
                            RiskWarning.id,
                            RiskWarning.project_id,
                            RiskWarning.title,
                            RiskWarning.raised_at,
                            RiskWarning.threatened_on,
                            RiskWarning.status,
                        ),
                        RiskWarning.project_id,
                    )
                ).all()
            )
            projects = _project_facts(s, only, meetings)
        resources = tuple(self.resource_rows(pid))
        return AlertFacts(
            projects=projects,
            meetings=meetings,
            decisions=decisions,
            open_items=open_items,
            tasks=tasks,
            resources=resources,
            risks=risks,
        )


def _counts(s, only, meeting_column) -> dict[int, int]:
    """How many rows of ``meeting_column``'s table each meeting has (agenda items,
    attendees), for the meetings :meth:`AlertOps.alert_facts` reads."""
    stmt = (
        select(meeting_column, func.count())
        .join(Meeting, Meeting.id == meeting_column)
        .group_by(meeting_column)
    )
    return {key: n for key, n in s.exec(only(stmt, Meeting.project_id)).all()}


def _project_facts(s, only, meetings: tuple[MeetingFacts, ...]) -> tuple[ProjectFacts, ...]:
    """The project-level facts: departments, sign-offs, progress weeks, phase moves."""
    departments: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for project_id, dept_id, name in s.exec(
        only(
            select(ProjectDepartment.project_id, Department.id, Department.name)
            .join(Department, col(Department.id) == ProjectDepartment.department_id)
            .where(ProjectDepartment.role == DepartmentRole.COLLABORATING)
            .order_by(col(ProjectDepartment.position), col(Department.name)),
            ProjectDepartment.project_id,
        )
    ).all():
        departments[project_id].append((dept_id, name))
    signed: dict[int, set[int]] = defaultdict(set)
    for project_id, dept_id in s.exec(
        only(
            select(SignOff.project_id, SignOff.department_id).where(
                col(SignOff.verdict).in_(ACCEPTING)
            ),
            SignOff.project_id,
        )
    ).all():
        signed[project_id].add(dept_id)
    weeks: dict[int, set[str]] = defaultdict(set)
    for project_id, week in s.exec(
        only(
            select(ProgressEntry.project_id, ProgressEntry.week).distinct(),
            ProgressEntry.project_id,
        )
    ).all():
        weeks[project_id].add(week)
    entered: dict[int, list[tuple[str, datetime]]] = defaultdict(list)
    for project_id, at, changes in s.exec(
        only(
            select(Change.entity_id, Change.at, Change.changes)
            .where(Change.entity == "project", Change.intent == "project.advance")
            .order_by(col(Change.id)),
            Change.entity_id,
        )
    ).all():
        phase = _new_phase(changes)
        if phase:
            entered[project_id].append((phase, at))
    accepted: dict[int, list] = defaultdict(list)
    for m in meetings:
        if m.kind == "acceptance" and m.ended_at is not None and m.project_id is not None:
            accepted[m.project_id].append(m.ended_at)
    rows = s.exec(
        only(
            select(  # type: ignore[call-overload]  # sqlmodel types select() for at most 4 columns
                Project.id,
                Project.code,
                Project.topic,
                Project.phase,
                Project.start_on,
                Project.end_on,
                Project.ended_at,
                Project.confirmed_at,
            ),
            Project.id,
        ).order_by(Project.code)
    ).all()
    return tuple(
        ProjectFacts(
            id=p[0],
            code=p[1],
            topic=p[2],
            phase=_value(p[3]),
            start_on=p[4],
            end_on=p[5],
            ended_at=p[6],
            confirmed_at=p[7],
            entered=tuple(entered.get(p[0], ())),
            departments=tuple(departments.get(p[0], ())),
            signed_off=frozenset(signed.get(p[0], ())),
            progress_weeks=frozenset(weeks.get(p[0], ())),
            acceptance_ended=tuple(accepted.get(p[0], ())),
        )
        for p in rows
    )


def _new_phase(changes: str) -> str | None:
    """The phase a ``project.advance`` change moved to, if it says."""
    try:
        phase = json.loads(changes).get("phase")
    except (ValueError, AttributeError):
        return None
    if isinstance(phase, list) and len(phase) == 2 and isinstance(phase[1], str):
        return phase[1]
    return None


__all__ = ["AlertOps"]
