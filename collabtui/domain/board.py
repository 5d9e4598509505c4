"""The task board's cards, filter and sort orders: pure functions over cards.

The board narrows 10,000 cards as the user types without asking the database again;
the store reads cards with the same :func:`matches`, so both always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from collabtui.domain.enums import OPEN_TASK_STATUSES, TaskStatus
from collabtui.i18n import LANGUAGES, catalogue, label_value

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


@dataclass(frozen=True, slots=True)
class TaskCard:
    """One card: what the board shows of a task.

    Slotted: a board holds 10,000 of them, and a card without a ``__dict__`` is
    smaller and one object fewer for the garbage collector to walk.
    """

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
    #: A passed or waived acceptance item (not dropped) checks this task, so it may
    #: enter 已验收 (issue 16: the board dims ``]`` otherwise).
    acceptable: bool = False
    #: What :attr:`haystack` returns, prepared once (set by the store's read, or on
    #: first use).
    search_text: str | None = field(default=None, repr=False, compare=False)

    def overdue(self, today: date) -> bool:
        """Open and past its due date."""
        return self.status in OPEN_TASK_STATUSES and self.due_on is not None and self.due_on < today

    @property
    def haystack(self) -> str:
        """What a filter word is looked for in: code, title, description (case-folded)."""
        found = self.search_text
        if found is None:
            found = haystack_of(self.code, self.title, self.description)
            object.__setattr__(self, "search_text", found)  # a cache, not a change
        return found


def haystack_of(code: str, title: str, description: str) -> str:
    """A card's :attr:`TaskCard.haystack`."""
    return f"{code}\n{title}\n{description}".casefold()


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


#: Full-width forms a Chinese input method types, read as their ASCII twins.
_FULL_WIDTH = str.maketrans({"！": "!", "：": ":", "＠": "@", "＃": "#"})


@cache
def _filter_words(name: str) -> frozenset[str]:
    """A filter word in every language (``!overdue`` and ``!逾期``), case-folded."""
    return frozenset(
        catalogue(lang)[f"filter.word.{name}"].casefold().translate(_FULL_WIDTH)
        for lang in LANGUAGES
    )


def parse_filter(text: str) -> TaskFilter:
    """What the ``/`` line asks for.

    Words are matched in titles, codes and descriptions; ``@owner``, ``#department``,
    ``!overdue``, ``!week`` and ``status:blocked`` narrow further, in either language
    (``!逾期``, ``!本周``, ``状态:受阻``; full-width ``！`` and ``：`` too). A status may
    be given by its value, its translated label, or the start of either.
    """
    words: list[str] = []
    owner = department = status = ""
    overdue = week = False
    for token in text.split():
        low = token.casefold().translate(_FULL_WIDTH)
        name, colon, value = token.translate(_FULL_WIDTH).partition(":")
        if low.startswith("@") and len(token) > 1:
            owner = token[1:]
        elif low.startswith("#") and len(token) > 1:
            department = token[1:]
        elif low in _filter_words("overdue"):
            overdue = True
        elif low in _filter_words("week"):
            week = True
        elif colon and value and name.casefold() in _filter_words("status"):
            status = match_status(value) or "?"
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
    """The column value ``text`` names (value, label in either language, or a unique
    start of one)."""
    want = text.casefold()
    names = {
        v: (v.casefold(), *(label_value("TaskStatus", v, lang).casefold() for lang in LANGUAGES))
        for v in COLUMNS
    }
    for value, shown in names.items():
        if want in shown:
            return value
    hits = [v for v, shown in names.items() if any(name.startswith(want) for name in shown)]
    return hits[0] if len(hits) == 1 else None
