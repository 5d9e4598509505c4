"""The weekly standup's reads and writes, and the progress list (《进度跟踪清单》).

An answer in the standup is saved at once as the week's :class:`ProgressEntry` of
that task (one per project, week and task) and carried to the task itself, so the
board, the table and the progress list never disagree. Finishing the standup fills
in the tasks nobody spoke about and links the week's list to a weekly-progress
meeting.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo

from sqlalchemy import func
from sqlmodel import col, select

from collabtui.domain.enums import MeetingKind, ProgressStatus, TaskStatus
from collabtui.domain.errors import ValidationError
from collabtui.domain.progress import (
    STANDUP_MINUTES,
    DailyNote,
    ProgressRow,
    StandupDepartment,
    StandupSheet,
    met_plan,
)
from collabtui.domain.weeks import parse_week, shift_week, week_days
from collabtui.store.base import StoreBase
from collabtui.store.models import (
    Department,
    Meeting,
    Person,
    ProgressEntry,
    RiskWarning,
    Task,
    TaskUpdate,
)
from collabtui.store.projects import _find_project

#: Fields a standup answer may set.
ANSWER_FIELDS = ("completion", "status", "miss_reason", "support_needed", "support_from_id")

_OPEN = (TaskStatus.TODO, TaskStatus.IN_PROGRESS, TaskStatus.BLOCKED)


class ProgressOps(StoreBase):
    """Store methods for the weekly standup and the progress list."""

    def standup_sheet(self, project: int | str, week: str, *, tz: tzinfo) -> StandupSheet:
        """Every task the standup of ``week`` goes through, department by department.

        Open tasks, tasks with an entry this week, and tasks finished since last
        week's list; each with last week's completion and the week's daily notes.
        """
        week = _week(week)
        with self.db.read() as s:
            found = _find_project(s, project)
            pid, code = found.id, found.code
            tasks = s.exec(
                select(Task, Person.name, Person.department_id, Department.name)
                .join(Person, col(Person.id) == Task.owner_id)
                .join(Department, col(Department.id) == Person.department_id, isouter=True)
                .where(Task.project_id == pid)
            ).all()
            now_entries = _entries(s, pid, week)
            before = _entries(s, pid, shift_week(week, -1))
            monday, sunday = week_days(week)
            notes: dict[int, list[DailyNote]] = {}
            for update in s.exec(
                select(TaskUpdate)
                .join(Task, col(Task.id) == TaskUpdate.task_id)
                .where(
                    Task.project_id == pid,
                    col(TaskUpdate.on) >= monday,
                    col(TaskUpdate.on) <= sunday,
                )
                .order_by(col(TaskUpdate.on).desc(), col(TaskUpdate.id).desc())
            ).all():
                notes.setdefault(update.task_id, []).append(
                    DailyNote(update.on, update.progress, update.done, update.problems)
                )
            start, end = _bounds(week, tz)
            risks = s.exec(
                select(RiskWarning.title).where(
                    RiskWarning.project_id == pid,
                    col(RiskWarning.raised_at) >= start,
                    col(RiskWarning.raised_at) < end,
                )
            ).all()
            support_names = dict(s.exec(select(Department.id, Department.name)).all())
        meeting_id = next((e.meeting_id for e in now_entries.values() if e.meeting_id), None)
        by_dept: dict[tuple[str, int | None], list[ProgressRow]] = {}
        for task, owner, dept_id, dept in tasks:
            entry, last = now_entries.get(task.id), before.get(task.id)
            finished_before = task.status not in _OPEN and (
                last is None or last.status == ProgressStatus.DONE or last.completion >= 100
            )
            if entry is None and finished_before:
                continue
            row = _row(task, owner, dept_id, dept or "", entry, last, support_names)
            row = _with_notes(row, tuple(notes.get(task.id, ())))
            by_dept.setdefault((dept or "", dept_id), []).append(row)
        departments = tuple(
            StandupDepartment(dept_id, name, tuple(sorted(rows, key=lambda r: r.task_code)))
            for (name, dept_id), rows in sorted(by_dept.items(), key=lambda kv: kv[0][0])
        )
        return StandupSheet(pid, code, week, departments, meeting_id, tuple(risks))

    def progress_weeks(self, project: int | str) -> list[str]:
        """The weeks that have a progress list, newest first."""
        with self.db.read() as s:
            pid = _find_project(s, project).id
            weeks = s.exec(
                select(ProgressEntry.week).where(ProgressEntry.project_id == pid).distinct()
            ).all()
        return sorted(weeks, reverse=True)

    def progress_list(self, project: int | str, week: str) -> list[ProgressRow]:
        """The stored list of ``week``: the recorded entries only, by department and task."""
        week = _week(week)
        with self.db.read() as s:
            pid = _find_project(s, project).id
            entries = _entries(s, pid, week)
            before = _entries(s, pid, shift_week(week, -1))
            rows = s.exec(
                select(Task, Person.name, Person.department_id, Department.name)
                .join(Person, col(Person.id) == Task.owner_id)
                .join(Department, col(Department.id) == Person.department_id, isouter=True)
                .where(col(Task.id).in_(list(entries) or [-1]))
            ).all()
            names: dict[int | None, str] = dict(
                s.exec(select(Department.id, Department.name)).all()
            )
        out = []
        for task, owner, _dept_id, dept in rows:
            entry = entries[task.id]
            department = names.get(entry.department_id, dept or "")
            out.append(
                _row(
                    task, owner, entry.department_id, department, entry, before.get(task.id), names
                )
            )
        return sorted(out, key=lambda r: (r.department, r.task_code))

    def record_progress(self, project: int | str, week: str, task_id: int, **answer):
        """Save one standup answer for ``task_id`` in ``week`` at once, and carry it over
        to the task (progress, and status for done or blocked)."""
        unknown = set(answer) - set(ANSWER_FIELDS)
        if unknown:
            raise TypeError(f"not progress fields: {sorted(unknown)}")
        week = _week(week)
        if "completion" in answer and not 0 <= int(answer["completion"]) <= 100:
            raise ValidationError.of("task.err.progress", "completion")
        if "status" in answer:
            answer["status"] = ProgressStatus(answer["status"])
        with self.db.write("standup.answer") as u:
            pid = _find_project(u.session, project).id
            task = u.get(Task, task_id)
            if task.project_id != pid:
                raise ValidationError.of("standup.err.other_project", "task_id")
            entry = u.first(
                select(ProgressEntry).where(
                    ProgressEntry.project_id == pid,
                    ProgressEntry.week == week,
                    ProgressEntry.task_id == task_id,
                )
            )
            if entry is None:
                entry = u.add(_fresh_entry(u, pid, week, task))
            fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in answer.items()}
            if fields.get("status") == ProgressStatus.DONE:
                fields["completion"] = 100
            status = fields.get("status", entry.status)
            reason = fields.get("miss_reason", entry.miss_reason)
            fields["met_plan"] = met_plan(str(getattr(status, "value", status)), reason)
            entry = u.edit(ProgressEntry, entry.id, None, **fields)
            _carry_to_task(u, task, entry)
            return entry

    def finish_standup(
        self,
        project: int | str,
        week: str,
        *,
        started_at: datetime,
        ended_at: datetime,
        title: str,
        tz: tzinfo,
    ) -> Meeting:
        """Close the week: an entry for every task of the sheet (the ones nobody spoke
        about keep their current state) and the week's weekly-progress meeting, which
        the whole list links to. Finishing again updates the same meeting."""
        week = _week(week)
        sheet = self.standup_sheet(project, week, tz=tz)
        with self.db.write("standup.finish") as u:
            pid = sheet.project_id
            entries = {
                e.task_id: e
                for e in u.scalars(
                    select(ProgressEntry).where(
                        ProgressEntry.project_id == pid, ProgressEntry.week == week
                    )
                )
            }
            meeting = None
            if sheet.meeting_id is not None:
                meeting = u.session.get(Meeting, sheet.meeting_id)
            if meeting is None:
                meeting = u.add(
                    Meeting(
                        project_id=pid,
                        kind=MeetingKind.WEEKLY_PROGRESS,
                        title=title,
                        start_at=started_at,
                        started_at=started_at,
                        ended_at=ended_at,
                        duration_min=STANDUP_MINUTES,
                    )
                )
            else:
                meeting = u.edit(Meeting, meeting.id, None, ended_at=ended_at)
            for dept in sheet.departments:
                for row in dept.rows:
                    entry = entries.get(row.task_id)
                    if entry is None:
                        task = u.get(Task, row.task_id)
                        u.add(_fresh_entry(u, pid, week, task, meeting_id=meeting.id))
                    elif entry.meeting_id != meeting.id:
                        u.edit(ProgressEntry, entry.id, None, meeting_id=meeting.id)
            return meeting


# ---------------------------------------------------------------------- helpers


def _week(text: str) -> str:
    try:
        return parse_week(text)
    except ValueError:
        raise ValidationError.of("standup.err.week", "week", value=text) from None


def _bounds(week: str, tz: tzinfo) -> tuple[datetime, datetime]:
    """The week in ``tz`` as UTC moments: Monday 00:00 to the next Monday 00:00 there.

    Both ends are converted to UTC so that the range is elapsed time (a week with a
    daylight-saving change has 167 or 169 hours).
    """
    monday, _ = week_days(week)
    start = datetime.combine(monday, time(0), tzinfo=tz)
    end = datetime.combine(monday + timedelta(days=7), time(0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def _entries(s, project_id: int, week: str) -> dict[int, ProgressEntry]:
    return {
        e.task_id: e
        for e in s.exec(
            select(ProgressEntry).where(
                ProgressEntry.project_id == project_id, ProgressEntry.week == week
            )
        ).all()
        if e.task_id is not None
    }


def _fresh_entry(u, project_id: int, week: str, task: Task, **extra) -> ProgressEntry:
    """A week's entry for ``task`` from its current state (before anyone answered)."""
    owner = u.session.get(Person, task.owner_id)
    status = {
        TaskStatus.BLOCKED: ProgressStatus.BLOCKED,
        TaskStatus.DONE: ProgressStatus.DONE,
        TaskStatus.ACCEPTED: ProgressStatus.DONE,
    }.get(task.status, ProgressStatus.ON_TRACK)
    return ProgressEntry(
        project_id=project_id,
        week=week,
        task_id=task.id,
        department_id=owner.department_id if owner else None,
        completion=task.progress,
        status=status,
        met_plan=status != ProgressStatus.BLOCKED,
        **extra,
    )


def _carry_to_task(u, task: Task, entry: ProgressEntry) -> None:
    """The task follows the standup: its progress, and done or blocked status."""
    fields: dict = {}
    if task.progress != entry.completion:
        fields["progress"] = entry.completion
    status = entry.status
    if status == ProgressStatus.DONE and task.status in _OPEN:
        fields["status"] = TaskStatus.DONE
    elif status == ProgressStatus.BLOCKED and task.status in _OPEN[:2]:
        fields["status"] = TaskStatus.BLOCKED
    elif status in (ProgressStatus.ON_TRACK, ProgressStatus.AT_RISK) and task.status in (
        TaskStatus.TODO,
        TaskStatus.BLOCKED,
    ):
        fields["status"] = TaskStatus.IN_PROGRESS
    if fields:
        if fields.get("status") is not None:
            last = u.session.exec(
                select(func.max(Task.position)).where(
                    Task.project_id == task.project_id, Task.status == fields["status"]
                )
            ).one()
            fields["position"] = (last or 0.0) + 1.0  # at the end of its new column
        u.edit(Task, task.id, None, **fields)


def _row(task, owner, dept_id, dept, entry, last, names) -> ProgressRow:
    if entry is None:
        status = {
            TaskStatus.BLOCKED: "blocked",
            TaskStatus.DONE: "done",
            TaskStatus.ACCEPTED: "done",
        }.get(task.status, "on_track")
        return ProgressRow(
            task_id=task.id,
            task_code=task.code,
            task_title=task.title,
            department_id=dept_id,
            department=dept,
            owner=owner,
            completion=task.progress,
            previous=last.completion if last else None,
            status=status,
            met_plan=status != "blocked",
            miss_reason="",
            support_needed="",
            support_from_id=None,
            support_from="",
            recorded=False,
            due_on=task.due_on,
        )
    return ProgressRow(
        task_id=task.id,
        task_code=task.code,
        task_title=task.title,
        department_id=dept_id,
        department=dept,
        owner=owner,
        completion=entry.completion,
        previous=last.completion if last else None,
        status=getattr(entry.status, "value", str(entry.status)),
        met_plan=entry.met_plan,
        miss_reason=entry.miss_reason,
        support_needed=entry.support_needed,
        support_from_id=entry.support_from_id,
        support_from=names.get(entry.support_from_id, "") if entry.support_from_id else "",
        recorded=True,
        entry_id=entry.id,
        version=entry.version,
        due_on=task.due_on,
    )


def _with_notes(row: ProgressRow, notes: tuple[DailyNote, ...]) -> ProgressRow:
    from dataclasses import replace

    return replace(row, notes=notes)
