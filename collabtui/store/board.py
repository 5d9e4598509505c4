"""The task board's reads and moves.

Cards are plain :class:`~collabtui.domain.board.TaskCard` rows read with one query,
narrowed by the domain's filter. A move changes status and a fractional ``position``
between its new neighbours, in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import bindparam, func, text
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
       task.position, project.code, task.description, task.priority,
       EXISTS (SELECT 1 FROM acceptanceitem AS item WHERE item.task_id = task.id
               AND item.dropped_at IS NULL AND item.verdict IN ('pass', 'waived'))
FROM task
JOIN person ON person.id = task.owner_id
LEFT JOIN department ON department.id = person.department_id
JOIN project ON project.id = task.project_id
"""
#: Tables whose changes show on cards besides the tasks' own (names, codes, and
#: whether an acceptance item lets the task be accepted).
_CARD_SOURCES = frozenset({"person", "department", "project", "acceptanceitem"})
#: More changed rows than this since the last read: the board is read whole.
CHANGED_MAX = 500
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
        cards = [_card(r) for r in rows]
        return filter_cards(cards, flt or TaskFilter(), today)

    def task_cards_head(
        self, project: int | None, per_column: int
    ) -> tuple[dict[str, list[TaskCard]], dict[str, int]]:
        """The first ``per_column`` cards of each column (of ``project``, or of every
        project) and every column's count: what the board shows first, while it reads
        the rest."""
        where = "" if project is None else " AND task.project_id = :project_id"
        params: dict[str, object] = {"project_id": project, "most": per_column}
        head: dict[str, list[TaskCard]] = {}
        with self.db.read() as s:
            conn = s.connection()
            for status in COLUMNS:
                query = text(
                    CARDS_SQL
                    + " WHERE task.status = :status"
                    + where
                    + " ORDER BY task.position, task.id LIMIT :most"
                )
                rows = conn.execute(query, params | {"status": status}).all()
                head[status] = [_card(r) for r in rows]
            count = "SELECT status, count(*) FROM task"
            if project is not None:
                count += " WHERE project_id = :project_id"
            totals: dict[str, int] = {
                str(r[0]): int(r[1]) for r in conn.execute(text(count + " GROUP BY status"), params)
            }
        return head, {status: totals.get(status, 0) for status in COLUMNS}

    def board_changes(
        self, after: int | None, project: int | None = None
    ) -> tuple[int, set[int] | None]:
        """What changed on the board since change-log row ``after`` (``None``: never read).

        Returns the newest change-log id and the ids of the tasks changed since (created,
        edited, moved or deleted; of ``project``, or of every project), or ``None`` in
        their place when the board must be read whole: something else a card shows
        changed (a person's or a department's name, a project's code), more than
        :data:`CHANGED_MAX` rows, or the log does not continue what was seen.
        """
        with self.db.read() as s:
            conn = s.connection()
            last = conn.execute(text("SELECT max(id) FROM change")).scalar() or 0
            if after is None or last < after:
                return last, None
            rows = conn.execute(
                text(
                    "SELECT entity, entity_id, project_id FROM change"
                    " WHERE id > :after ORDER BY id LIMIT :most"
                ),
                {"after": after, "most": CHANGED_MAX + 1},
            ).all()
        if len(rows) > CHANGED_MAX or any(r[0] in _CARD_SOURCES for r in rows):
            return last, None
        return last, {
            r[1] for r in rows if r[0] == "task" and (project is None or r[2] in (None, project))
        }

    def task_cards_of(
        self, ids: Sequence[int], project: int | None = None
    ) -> tuple[list[TaskCard], int]:
        """The cards of tasks ``ids`` that still exist (of ``project``, if given), and how
        many cards the board holds now (to check a board patched with them)."""
        where, count = " WHERE task.id IN :ids", "SELECT count(*) FROM task"
        params: dict[str, object] = {"ids": list(ids)}
        if project is not None:
            where += " AND task.project_id = :project_id"
            count += " WHERE project_id = :project_id"
            params["project_id"] = project
        query = text(CARDS_SQL + where).bindparams(bindparam("ids", expanding=True))
        with self.db.read() as s:
            conn = s.connection()
            rows = conn.execute(query, params).all() if ids else []
            total = conn.execute(text(count), {"project_id": project}).scalar() or 0
        return [_card(r) for r in rows], total

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


def _card(r) -> TaskCard:
    """A card from a row of :data:`CARDS_SQL`, its search text prepared once."""
    return TaskCard(
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
        acceptable=bool(r[14]),
        search_text=haystack_of(r[3], r[4], r[12]),
    )


def _date(value) -> date | None:
    """A date column as SQLite (text) or PostgreSQL (date) returns it."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)
