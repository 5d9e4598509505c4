"""Tasks of the tracking table (表3): reads for the table and the editor, and the edits.

The one-owner rule lives in :func:`check_task` and runs before every flush of a
:class:`Task` (see ``unit.py``), so no path — form, meeting runner, loader, import —
can store a task without exactly one owner or with a due date before its start.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func
from sqlmodel import col, select

from collabtui.domain.enums import OPEN_TASK_STATUSES, Priority, TaskStatus
from collabtui.domain.errors import NotFound, ValidationError
from collabtui.domain.tasks import next_task_code
from collabtui.domain.views import SupportRow, TaskRow, TaskUpdateRow
from collabtui.store.base import StoreBase
from collabtui.store.models import (
    Decision,
    Department,
    Goal,
    Person,
    Project,
    Task,
    TaskSupport,
    TaskUpdate,
)
from collabtui.store.projects import _find_project

#: Task fields a form may set.
TASK_FIELDS = (
    "code",
    "title",
    "description",
    "owner_id",
    "goal_id",
    "decision_id",
    "deliverable",
    "quality_standard",
    "start_on",
    "due_on",
    "status",
    "progress",
    "priority",
    "notes",
)


class TaskOps(StoreBase):
    """Store methods for tasks, their supporting departments and daily updates."""

    # ------------------------------------------------------------------ reads

    def task_rows(self, project: int | str | None = None) -> list[TaskRow]:
        """Every task of ``project`` (or of all projects) with every 表3 field, by code."""
        with self.db.read() as s:
            stmt = _row_query()
            if project is not None:
                stmt = stmt.where(Task.project_id == _find_project(s, project).id)
            # Columns, not ORM objects: 10,000 rows for the table in a fraction of the time.
            rows = s.exec(stmt.order_by(Project.code, Task.id)).all()
            supports = _supports(s, [r.id for r in rows])
        return [_task_row(r, supports.get(r.id, ())) for r in rows]

    def task_row(self, task_id: int) -> TaskRow:
        """One task with its supports, its source and its update log (newest first)."""
        with self.db.read() as s:
            task = s.exec(_row_query().where(Task.id == task_id)).first()
            if task is None:
                raise NotFound("task", task_id)
            supports = _supports(s, [task.id]).get(task.id, ())
            updates = s.exec(
                select(TaskUpdate, func.coalesce(Person.name, ""))
                .join(Person, col(Person.id) == TaskUpdate.author_id, isouter=True)
                .where(TaskUpdate.task_id == task_id)
                .order_by(col(TaskUpdate.on).desc(), col(TaskUpdate.id).desc())
            ).all()
            source: str | None = ""
            if task.decision_id is not None:
                source = s.exec(
                    select(Decision.text).where(Decision.id == task.decision_id)
                ).first()
            elif task.goal_id is not None:
                source = s.exec(select(Goal.description).where(Goal.id == task.goal_id)).first()
        row = _task_row(task, supports)
        return _replace_row(
            row,
            source=source or "",
            updates=tuple(
                TaskUpdateRow(u.id, u.on, author, u.progress, u.done, u.problems)
                for u, author in updates
            ),
        )

    def task_sources(self, project_id: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        """The goals and the decisions of a project a task may come from: (id, text)."""
        from collabtui.store.models import Meeting

        with self.db.read() as s:
            goals = s.exec(
                select(Goal.id, Goal.description)
                .where(Goal.project_id == project_id)
                .order_by(col(Goal.id))
            ).all()
            decisions = s.exec(
                select(Decision.id, Decision.text)
                .join(Meeting, col(Meeting.id) == Decision.meeting_id)
                .where(Meeting.project_id == project_id)
                .order_by(col(Decision.id))
            ).all()
        return [(gid, text) for gid, text in goals], [(did, text) for did, text in decisions]

    # ------------------------------------------------------------------ writes

    def create_task(
        self,
        project: int | str,
        *,
        supports: Sequence[tuple[int, str, int | None]] = (),
        **fields,
    ) -> Task:
        """A new task at the end of its column; ``supports``: (department, duty, contact)."""
        _only_task_fields(fields)
        with self.db.write("task.create") as u:
            project_id = _find_project(u.session, project).id
            if not (fields.get("code") or "").strip():
                codes = u.scalars(select(Task.code).where(Task.project_id == project_id))
                fields["code"] = next_task_code(codes)
            status = TaskStatus(fields.get("status") or TaskStatus.TODO)
            last = u.session.exec(
                select(func.max(Task.position)).where(
                    Task.project_id == project_id, Task.status == status
                )
            ).one()
            _check_owner(u, fields.get("owner_id"))
            task = u.add(
                Task(project_id=project_id, position=(last or 0.0) + 1.0, **_clean(fields))
            )
            _write_supports(u, task.id, supports)
            return task

    def edit_task(
        self,
        task_id: int,
        version: int,
        *,
        supports: Sequence[tuple[int, str, int | None]] | None = None,
        **fields,
    ) -> Task:
        """Change a task's fields (and, when given, replace its supporting departments)."""
        _only_task_fields(fields)
        with self.db.write("task.edit") as u:
            if "owner_id" in fields:
                _check_owner(u, fields["owner_id"])
            task = u.edit(Task, task_id, version, **_clean(fields))
            if supports is not None:
                _write_supports(u, task_id, supports)
            return task

    def delete_task(self, task_id: int, version: int) -> None:
        """Remove a task with everything that hangs on it (supports, updates, progress
        rows, risk links; resource requests and acceptance items are unlinked), each
        row through the unit, so the change log holds them all and undo restores them."""
        from collabtui.store.cascade import delete_with_children

        with self.db.write("task.delete") as u:
            task = u.get(Task, task_id)
            if task.version != version:
                u.edit(Task, task_id, version)  # raises the conflict with "theirs"
            delete_with_children(u, task)

    def add_task_update(
        self,
        task_id: int,
        *,
        on: date,
        progress: int,
        done: str = "",
        problems: str = "",
        author_id: int | None = None,
    ) -> TaskUpdate:
        """Log a daily update and carry its progress over to the task."""
        if not 0 <= progress <= 100:
            raise ValidationError.of("task.err.progress", "progress")
        if not (done.strip() or problems.strip()):
            raise ValidationError.of("task.err.update_empty", "done")
        with self.db.write("task.update") as u:
            task = u.get(Task, task_id)
            update = u.add(
                TaskUpdate(
                    task_id=task_id,
                    on=on,
                    author_id=author_id,
                    progress=progress,
                    done=done.strip(),
                    problems=problems.strip(),
                )
            )
            if progress == 100 and task.status.value in OPEN_TASK_STATUSES:
                # A daily update at 100 % finishes the task (lifecycle: no open task at 100 %).
                u.edit(Task, task_id, None, status=TaskStatus.DONE, progress=100)
            elif task.progress != progress:
                u.edit(Task, task_id, None, progress=progress)
            return update


# ---------------------------------------------------------------------- helpers


def _only_task_fields(fields: dict) -> None:
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise TypeError(f"not task fields: {sorted(unknown)}")


def _clean(fields: dict) -> dict:
    """Strip text fields, turn enum values into members."""
    out = {}
    for key, value in fields.items():
        if isinstance(value, str) and key not in ("status", "priority"):
            value = value.strip()
        if key == "status" and value is not None:
            value = TaskStatus(value)
        if key == "priority" and value is not None:
            value = Priority(value)
        out[key] = value
    return out


def _check_owner(u, owner_id: int | None) -> None:
    """The owner must be one existing, active person."""
    if owner_id is None:
        raise ValidationError.of("task.err.one_owner", "owner_id")
    person = u.session.get(Person, owner_id)
    if person is None:
        raise ValidationError.of("task.err.owner_unknown", "owner_id", id=owner_id)
    if person.retired_at is not None:
        raise ValidationError.of("task.err.owner_retired", "owner_id", name=person.name)


def _write_supports(u, task_id: int, supports: Sequence[tuple[int, str, int | None]]) -> None:
    """Make the task's supporting departments exactly ``supports`` (one row each)."""
    seen: set[int] = set()
    for department_id, duty, _contact in supports:
        if department_id in seen:
            raise ValidationError.of("task.err.support_twice", "supports")
        seen.add(department_id)
        if not (duty or "").strip():
            raise ValidationError.of("task.err.support_duty", "supports")
    existing = {
        row.department_id: row
        for row in u.scalars(select(TaskSupport).where(TaskSupport.task_id == task_id))
    }
    for department_id, duty, contact_id in supports:
        row = existing.pop(department_id, None)
        if row is None:
            u.add(
                TaskSupport(
                    task_id=task_id,
                    department_id=department_id,
                    duty=duty.strip(),
                    contact_id=contact_id,
                )
            )
        elif (row.duty, row.contact_id) != (duty.strip(), contact_id):
            u.edit(TaskSupport, row.id, None, duty=duty.strip(), contact_id=contact_id)
    for row in existing.values():
        u.delete(row)


def _supports(s, task_ids: list[int]) -> dict[int, tuple[SupportRow, ...]]:
    """Supporting departments of ``task_ids``, by task id, in department order."""
    if not task_ids:
        return {}
    out: dict[int, list[SupportRow]] = {}
    for chunk_start in range(0, len(task_ids), 500):
        chunk = task_ids[chunk_start : chunk_start + 500]
        contact = select(Person.id, Person.name).subquery()
        rows = s.exec(
            select(  # type: ignore[call-overload]  # sqlmodel types select() for at most 4 columns
                TaskSupport.id,
                TaskSupport.version,
                TaskSupport.task_id,
                TaskSupport.department_id,
                TaskSupport.duty,
                TaskSupport.contact_id,
                Department.name,
                func.coalesce(contact.c.name, ""),
            )
            .join(Department, Department.id == TaskSupport.department_id)
            .join(contact, contact.c.id == TaskSupport.contact_id, isouter=True)
            .where(col(TaskSupport.task_id).in_(chunk))
            .order_by(TaskSupport.task_id, Department.name)
        ).all()
        for sid, version, task_id, dept_id, duty, contact_id, dept, who in rows:
            out.setdefault(task_id, []).append(
                SupportRow(sid, version, dept_id, dept, duty, contact_id, who)
            )
    return {k: tuple(v) for k, v in out.items()}


def _row_query():
    """The columns of a :class:`TaskRow` (its supports are read apart)."""
    return (
        select(  # type: ignore[call-overload]  # sqlmodel types select() for at most 4 columns
            Task.id,
            Task.version,
            Task.project_id,
            col(Project.code).label("project_code"),
            Task.code,
            Task.title,
            Task.description,
            Task.owner_id,
            col(Person.name).label("owner"),
            func.coalesce(Department.name, "").label("owner_department"),
            Task.start_on,
            Task.due_on,
            Task.deliverable,
            Task.quality_standard,
            Task.progress,
            Task.status,
            Task.priority,
            Task.notes,
            Task.goal_id,
            Task.decision_id,
        )
        .join(Person, Person.id == Task.owner_id)
        .join(Department, Department.id == Person.department_id, isouter=True)
        .join(Project, Project.id == Task.project_id)
    )


def _task_row(r, supports) -> TaskRow:
    """A :class:`TaskRow` from one row of :func:`_row_query`."""
    fields = dict(r._mapping)
    fields["status"] = getattr(r.status, "value", str(r.status))
    fields["priority"] = getattr(r.priority, "value", str(r.priority))
    return TaskRow(supports=tuple(supports), **fields)


def _replace_row(row: TaskRow, **changes) -> TaskRow:
    from dataclasses import replace

    return replace(row, **changes)
