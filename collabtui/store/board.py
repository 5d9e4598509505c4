"""The task board's reads, filter, sort orders and moves.

Cards are plain :class:`TaskCard` rows read with one query. The filter and the sort
orders are pure functions over cards, so the board narrows 10,000 cards as the user
types without asking the database again. A move changes status and a fractional
``position`` between its new neighbours, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from sqlalchemy import func, text
from sqlmodel import select

from collabtui.i18n import label_value, t
from collabtui.models import Task, TaskStatus
from collabtui.store.errors import ValidationError
from collabtui.store.projects import _find_project
from collabtui.store.queries import OPEN_TASK_STATUSES

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
    project_code: str = ""
    description: str = ""
    priority: str = "normal"

    def overdue(self, today: date) -> bool:
        """Open and past its due date."""
        return self.status in OPEN_TASK_STATUSES and self.due_on is not None and self.due_on < today

    @cached_property
    def haystack(self) -> str:
        """What a filter word is looked for in: code, title, description (case-folded)."""
        return f"{self.code}\n{self.title}\n{self.description}".casefold()


#: Sort orders of the board's columns; "manual" is the order cards were put in.
SORTS = ("manual", "due", "priority", "owner", "code")

_PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


def matches(card: TaskCard, flt: TaskFilter, today: date) -> bool:
    """Whether ``card`` passes ``flt`` (every given part must match, case-insensitive)."""
    for word in flt.text.casefold().split():
        if word not in card.haystack:
            return False
    if flt.owner.strip() and flt.owner.strip().casefold() not in card.owner.casefold():
        return False
    if flt.department.strip() and (
        flt.department.strip().casefold() not in card.department.casefold()
    ):
        return False
    if flt.status and card.status != flt.status:
        return False
    if flt.overdue and not card.overdue(today):
        return False
    if flt.due_this_week:
        monday = today - timedelta(days=today.weekday())
        if card.due_on is None or not monday <= card.due_on <= monday + timedelta(days=6):
            return False
    return True


def filter_cards(cards: list[TaskCard], flt: TaskFilter, today: date) -> list[TaskCard]:
    """The cards ``flt`` lets through, in their order (all of them for an empty filter).

    Same answer as :func:`matches` on every card, but the cheap tests run first and
    only the parts of the filter that are set are tested (10,000 cards per keystroke).
    """
    if flt == TaskFilter():
        return list(cards)
    out = cards
    if flt.status:
        out = [c for c in out if c.status == flt.status]
    for word in flt.text.casefold().split():
        out = [c for c in out if word in c.haystack]
    if flt.owner.strip() or flt.department.strip() or flt.overdue or flt.due_this_week:
        out = [c for c in out if matches(c, flt, today)]
    return list(out)


def sort_key(mode: str):
    """The key a column is sorted by in sort order ``mode`` (see :data:`SORTS`)."""
    far = date.max
    if mode == "due":
        return lambda c: (c.due_on or far, c.position, c.id)
    if mode == "priority":
        return lambda c: (_PRIORITY_RANK.get(c.priority, 9), c.due_on or far, c.id)
    if mode == "owner":
        return lambda c: (c.owner.casefold(), c.due_on or far, c.id)
    if mode == "code":
        return lambda c: (c.project_code, _natural(c.code), c.id)
    return lambda c: (c.position, c.id)


def _natural(code: str) -> tuple:
    """``T-9`` before ``T-10``."""
    head = code.rstrip("0123456789")
    tail = code[len(head) :]
    return (head.casefold(), int(tail) if tail else -1, code)


def parse_filter(text: str) -> TaskFilter:
    """What the ``/`` line asks for.

    Words are matched in titles, codes and descriptions; ``@owner``, ``#department``,
    ``!overdue``, ``!week`` and ``status:blocked`` narrow further. A status may be
    given by its value, its translated label, or the start of either.
    """
    words: list[str] = []
    owner = department = status = ""
    overdue = week = False
    for token in text.split():
        low = token.casefold()
        if token.startswith("@") and len(token) > 1:
            owner = token[1:]
        elif token.startswith("#") and len(token) > 1:
            department = token[1:]
        elif low == "!overdue":
            overdue = True
        elif low == "!week":
            week = True
        elif low.startswith("status:") and len(token) > len("status:"):
            status = match_status(token[len("status:") :]) or "?"
        else:
            words.append(token)
    return TaskFilter(
        text=" ".join(words),
        owner=owner,
        department=department,
        status=status,
        overdue=overdue,
        due_this_week=week,
    )


def match_status(text: str) -> str | None:
    """The column value ``text`` names (value, label, or a unique start of one)."""
    want = text.casefold()
    names = {v: (v.casefold(), label_value("TaskStatus", v).casefold()) for v in COLUMNS}
    for value, (plain, shown) in names.items():
        if want in (plain, shown):
            return value
    hits = [
        v for v, (plain, shown) in names.items() if plain.startswith(want) or shown.startswith(want)
    ]
    return hits[0] if len(hits) == 1 else None


class BoardOps:
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
            # Plain SQL without ORM type processing: 10,000 cards in a third of the time.
            rows = s.connection().execute(text(sql), params).all()
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
            )
            for r in rows
        ]
        cards.sort(key=lambda c: (COLUMNS.index(c.status), c.position, c.id))
        return filter_cards(cards, flt or TaskFilter(), today)

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
                    raise ValidationError(t("board.bad_neighbour"))
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
            .order_by(Task.position, Task.id)
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
