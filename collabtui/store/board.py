"""The task board's reads and moves.

Cards are plain :class:`~collabtui.domain.board.TaskCard` rows read with one query,
narrowed by the domain's filter. A move changes status and a fractional ``position``
between its new neighbours, in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, text
from sqlmodel import col, select

from collabtui.domain.board import COLUMNS, TaskCard, TaskFilter, filter_cards, haystack_of
from collabtui.domain.enums import TaskStatus
from collabtui.domain.errors import ValidationError
from collabtui.domain.views import TaskRow
from collabtui.store.base import StoreBase
from collabtui.store.models import Task
from collabtui.store.projects import _find_project

#: The cards of the board (a WHERE on the project may follow).
CARDS_SQL = """
SELECT task.id, task.version, task.project_id, task.code, task.title, person.name,
       COALESCE(department.name, ''), task.due_on, task.status, task.progress,
       task.position, project.code, task.description, task.priority
FROM task
JOIN person ON person.id = task.owner_id
LEFT JOIN department ON department.id = person.department_id
JOIN project ON project.id = task.project_id
"""
#: Board order: column by column (left to right), then position.
ORDER_SQL = (
    " ORDER BY CASE task.status "
    + " ".join(f"WHEN '{status}' THEN {i}" for i, status in enumerate(COLUMNS))
    + f" ELSE {len(COLUMNS)} END, task.position, task.id"
)


class BoardOps(StoreBase):
    """Store methods for the task board (mixed into the Store)."""

    def task_cards(
        self,
        project: int | str | None = None,
        flt: TaskFilter | None = None,
        today: date | None = None,
    ) -> list[TaskCard]:
        """Cards by column, then position (one project or all), narrowed by ``flt``.

        One query reads the cards; the filter is :func:`matches`, the same function
        the board applies as the user types, so both always agree.
        """
        if today is None:
            raise TypeError("task_cards needs today, the date in the user's zone (Clock.today)")
        with self.db.read() as s:
            params = {}
            sql = CARDS_SQL
            if project is not None:
                params["project_id"] = _find_project(s, project).id
                sql += " WHERE task.project_id = :project_id"
            sql += ORDER_SQL
            # Plain SQL without ORM type processing: 10,000 cards in a third of the time.
            rows = s.connection().execute(text(sql), params).all()
        # Read in board order (column, position), each card's search text prepared once.
        cards = [
            TaskCard(
                id=r[0],
                version=r[1],
                project_id=r[2],
                code=r[3],
                title=r[4],
                owner=r[5],
                department=r[6],
                due_on=_date(r[7]),
                status=r[8],
                progress=r[9],
                position=r[10],
                project_code=r[11],
                description=r[12],
                priority=r[13],
                search_text=haystack_of(r[3], r[4], r[12]),
            )
            for r in rows
        ]
        return filter_cards(cards, flt or TaskFilter(), today)

    def task_rows_of(self, ids: Sequence[int]) -> list[TaskRow]:
        """The 表3 rows of tasks ``ids`` (in that order; missing ids are left out).

        The board's table reads the rows it is about to draw, a window at a time,
        instead of every task of the board.
        """
        from collabtui.store.tasks import _row_query, _supports, _task_row

        wanted = list(dict.fromkeys(ids))
        found: dict[int, object] = {}
        with self.db.read() as s:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                for r in s.exec(_row_query().where(col(Task.id).in_(chunk))).all():
                    found[r.id] = r
            supports = _supports(s, list(found))
        return [_task_row(found[i], supports.get(i, ())) for i in wanted if i in found]

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

        The new position lies halfway between its neighbours, so no other card moves;
        two aggregates find them, whatever the column's length. Only when there is no
        room left between two positions is the column renumbered.
        """
        target = TaskStatus(status)
        with self.db.write("task.move") as u:
            task = u.get(Task, task_id)
            others = (
                Task.project_id == task.project_id,
                Task.status == target,
                Task.id != task_id,
            )

            def aggregate(fn, *where):
                return u.session.exec(select(fn(Task.position)).where(*others, *where)).one()

            if to_end:
                last = aggregate(func.max)
                position = 0.0 if last is None else last + 1.0
            elif after_id is None:
                first = aggregate(func.min)
                position = 0.0 if first is None else first - 1.0
            else:
                neighbour = u.session.get(Task, after_id)
                if (
                    neighbour is None
                    or neighbour.id == task_id
                    or neighbour.project_id != task.project_id
                    or neighbour.status != target
                ):
                    raise ValidationError.of("board.bad_neighbour")
                before = neighbour.position
                tied = u.session.exec(
                    select(func.count()).where(
                        *others, Task.position == before, Task.id > neighbour.id
                    )
                ).one()
                after = aggregate(func.min, Task.position > before)
                if tied or (after is not None and after - before < 1e-9):
                    before, after = _renumber(u, task, target, neighbour.id)
                position = before + 1.0 if after is None else (before + after) / 2
            fields = {"status": target, "position": position}
            if target in (TaskStatus.DONE, TaskStatus.ACCEPTED) and task.progress < 100:
                fields["progress"] = 100
            return u.edit(Task, task_id, version, **fields)


def _renumber(u, task: Task, target: TaskStatus, after_id: int) -> tuple[float, float | None]:
    """Give the column's cards the positions 0, 1, 2, … in their order (ties, or no
    room left); return the positions around the gap after card ``after_id``."""
    column = [
        x
        for x in u.scalars(
            select(Task)
            .where(Task.project_id == task.project_id, Task.status == target)
            .order_by(col(Task.position), col(Task.id))
        )
        if x.id != task.id
    ]
    for index, other in enumerate(column):
        if other.position != float(index):
            u.edit(Task, other.id, None, position=float(index))
    index = next(i for i, x in enumerate(column) if x.id == after_id)
    return float(index), (float(index + 1) if index + 1 < len(column) else None)


def _date(value) -> date | None:
    """A date column as SQLite (text) or PostgreSQL (date) returns it."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)
