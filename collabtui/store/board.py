"""Phase 3 groundwork: the task board's reads and moves (the board screen is to come).

Cards are plain :class:`TaskCard` rows read with one query; filters run in SQL so a
project with 10,000 tasks only sends what matches. A move changes status and a
fractional ``position`` between its new neighbours, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import col, or_, select

from collabtui.i18n import t
from collabtui.models import Department, Person, Task, TaskStatus
from collabtui.store.errors import ValidationError
from collabtui.store.projects import _find_project
from collabtui.store.search import _like

#: Board columns, left to right.
COLUMNS = tuple(s.value for s in TaskStatus)


@dataclass(frozen=True)
class TaskFilter:
    """What the board's ``/`` filter narrows to; empty fields do not filter."""

    text: str = ""
    owner: str = ""
    department: str = ""
    status: str = ""
    overdue: bool = False
    due_this_week: bool = False


@dataclass(frozen=True)
class TaskCard:
    """One card: what the board shows of a task."""

    id: int
    version: int
    project_id: int
    code: str
    title: str
    owner: str
    department: str
    due_on: date | None
    status: str
    progress: int
    position: float

    def overdue(self, today: date) -> bool:
        """Open and past its due date."""
        return (
            self.status in ("todo", "in_progress", "blocked")
            and self.due_on is not None
            and self.due_on < today
        )


class BoardOps:
    """Store methods for the task board (mixed into the Store)."""

    def task_cards(
        self,
        project: int | str | None = None,
        flt: TaskFilter | None = None,
        today: date | None = None,
    ) -> list[TaskCard]:
        """Cards by column, then position (one project or all), narrowed by ``flt``."""
        flt = flt or TaskFilter()
        today = today or date.today()
        with self.db.read() as s:
            stmt = (
                select(
                    Task.id,
                    Task.version,
                    Task.project_id,
                    Task.code,
                    Task.title,
                    Person.name,
                    func.coalesce(Department.name, ""),
                    Task.due_on,
                    Task.status,
                    Task.progress,
                    Task.position,
                )
                .join(Person, Person.id == Task.owner_id)
                .join(Department, Department.id == Person.department_id, isouter=True)
            )
            if project is not None:
                stmt = stmt.where(Task.project_id == _find_project(s, project).id)
            if flt.text.strip():
                pattern = _like(flt.text.strip())
                stmt = stmt.where(
                    or_(
                        col(Task.title).ilike(pattern, escape="\\"),
                        col(Task.code).ilike(pattern, escape="\\"),
                        col(Task.description).ilike(pattern, escape="\\"),
                    )
                )
            if flt.owner.strip():
                stmt = stmt.where(col(Person.name).ilike(_like(flt.owner.strip()), escape="\\"))
            if flt.department.strip():
                stmt = stmt.where(
                    col(Department.name).ilike(_like(flt.department.strip()), escape="\\")
                )
            if flt.status:
                stmt = stmt.where(Task.status == TaskStatus(flt.status))
            open_statuses = [TaskStatus.TODO, TaskStatus.IN_PROGRESS, TaskStatus.BLOCKED]
            if flt.overdue:
                stmt = stmt.where(col(Task.status).in_(open_statuses), col(Task.due_on) < today)
            if flt.due_this_week:
                monday = today - timedelta(days=today.weekday())
                stmt = stmt.where(
                    col(Task.due_on) >= monday, col(Task.due_on) <= monday + timedelta(days=6)
                )
            rows = s.exec(stmt).all()
        cards = [
            TaskCard(
                id=r[0],
                version=r[1],
                project_id=r[2],
                code=r[3],
                title=r[4],
                owner=r[5],
                department=r[6],
                due_on=r[7],
                status=r[8].value if hasattr(r[8], "value") else str(r[8]),
                progress=r[9],
                position=r[10],
            )
            for r in rows
        ]
        cards.sort(key=lambda c: (COLUMNS.index(c.status), c.position, c.id))
        return cards

    def move_task(
        self,
        task_id: int,
        version: int,
        status: str,
        *,
        after_id: int | None = None,
        to_end: bool = False,
    ) -> Task:
        """Put a card into column ``status``: right after card ``after_id``, at the end
        (``to_end``), or first.

        The new position lies halfway between its neighbours, so no other card moves.
        """
        target = TaskStatus(status)
        with self.db.write("task.move") as u:
            task = u.get(Task, task_id)
            if to_end:
                last = u.session.exec(
                    select(func.max(Task.position)).where(
                        Task.project_id == task.project_id,
                        Task.status == target,
                        Task.id != task_id,
                    )
                ).one()
                fields = {"status": target, "position": (last or 0.0) + 1.0}
                if target in (TaskStatus.DONE, TaskStatus.ACCEPTED) and task.progress < 100:
                    fields["progress"] = 100
                return u.edit(Task, task_id, version, **fields)
            column = [
                x
                for x in u.scalars(
                    select(Task)
                    .where(Task.project_id == task.project_id, Task.status == target)
                    .order_by(Task.position, Task.id)
                )
                if x.id != task_id
            ]
            index = 0
            if after_id is not None:
                ids = [x.id for x in column]
                if after_id not in ids:
                    raise ValidationError(t("board.bad_neighbour"))
                index = ids.index(after_id) + 1
            before = column[index - 1].position if index > 0 else None
            after = column[index].position if index < len(column) else None
            if before is None and after is None:
                position = 0.0
            elif before is None:
                position = after - 1.0
            elif after is None:
                position = before + 1.0
            else:
                position = (before + after) / 2
            fields = {"status": target, "position": position}
            if target in (TaskStatus.DONE, TaskStatus.ACCEPTED) and task.progress < 100:
                fields["progress"] = 100
            return u.edit(Task, task_id, version, **fields)
