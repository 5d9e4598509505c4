"""The retrospective (《协作复盘总结表》) and the handbook as plain values, and their arithmetic.

Pure: no I/O, no terminal, no database. The store builds a :class:`RetroReport` and
:class:`PracticeRow` values; the screens and the exports read them.

Goal achievement (目标达成) is read from the project's goals: ``actual / target`` as a
percentage. It is ``None`` — "no ratio" — when the goal has no target, a target of
zero (``零重大故障``: nothing to divide by; the actual is still shown) or no actual
yet. Above 100 % is allowed (a goal beaten), and so are negative figures: a target of
``-10`` (cut by ten) met with ``-12`` is 120 %, an actual that went the wrong way is a
negative percentage.

The rule (phase 5 of the playbook): the retrospective is held at most
:data:`~collabtui.domain.alerts.RETRO_WORKDAYS` working days after the project ended. The
end is :func:`collabtui.domain.alerts.project_end`'s, counted in the team's working-day
calendar (:mod:`collabtui.domain.workdays`), exactly as the alerts count it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from collabtui.domain.alerts import RETRO_WORKDAYS, retro_deadline
from collabtui.domain.enums import RetroDimension, values
from collabtui.domain.workdays import WorkCalendar

#: The four dimensions of the summary, in the order it lists them.
DIMENSIONS = values(RetroDimension)
#: Timing states: held in time, held late, still due, overdue, no end known yet.
TIMING_STATES = ("on_time", "late", "due", "overdue", "no_end")


# ---------------------------------------------------------------------- goal achievement


def achievement_percent(target: float | None, actual: float | None) -> float | None:
    """``actual`` as a percentage of ``target``; ``None`` when there is no ratio.

    No ratio: no target, a target of 0, no actual, or a figure that is not finite.
    """
    if target is None or actual is None:
        return None
    if not (math.isfinite(target) and math.isfinite(actual)) or target == 0:
        return None
    return actual / target * 100


@dataclass(frozen=True)
class GoalAchievement:
    """One goal of the project: target, actual and the percentage reached."""

    goal_id: int
    version: int
    position: int
    description: str
    metric: str
    target: float | None
    unit: str
    actual: float | None

    @property
    def percent(self) -> float | None:
        """How much of the target was reached (``None``: no ratio, see :attr:`why_none`)."""
        return achievement_percent(self.target, self.actual)

    @property
    def why_none(self) -> str:
        """Why there is no percentage: ``no_target``, ``target_zero``, ``no_actual`` or ``""``."""
        if self.target is None:
            return "no_target"
        if self.actual is None:
            return "no_actual"
        if self.target == 0:
            return "target_zero"
        return ""


def format_percent(value: float | None, lang: str | None = None) -> str:
    """``112.5%``, ``90%``; ``""`` for none (:func:`collabtui.i18n.formats.percent`)."""
    from collabtui.i18n import formats

    return formats.percent(value, lang)


def format_figure(value: float | None, unit: str = "", lang: str | None = None) -> str:
    """A target or actual with its unit (``15%``, ``20,000 单``); ``""`` for none."""
    if value is None:
        return ""
    from collabtui.i18n import formats

    return formats.amount(value, unit, lang=lang)


# ---------------------------------------------------------------------- items


@dataclass(frozen=True)
class RetroItemRow:
    """One item of the summary, with the names it refers to."""

    id: int
    version: int
    dimension: str
    position: int
    text: str
    goal_id: int | None = None
    goal: str = ""
    owner_id: int | None = None
    owner: str = ""
    action: str = ""
    due_on: date | None = None
    meeting_id: int | None = None
    #: Practices of the handbook promoted from this item.
    practice_ids: tuple[int, ...] = ()

    @property
    def promoted(self) -> bool:
        """True when the item is the source of a practice."""
        return bool(self.practice_ids)


_OWNER = re.compile(r"(?:^|\s)[@＠](\S+)")
_ARROW = re.compile(r"\s*(?:->|→|=>)\s*")


def parse_capture(line: str) -> tuple[str, str | None, str]:
    """``"text @owner -> action"`` → ``(text, owner, action)``.

    The owner is the last ``@word`` (``@`` after a space or at the start, so an
    e-mail address stays text); the action is what follows the first ``->`` (or
    ``→``). Both are optional: ``"text"`` → ``("text", None, "")``.
    """
    parts = _ARROW.split(line, maxsplit=1)
    head = parts[0]
    action = " ".join(parts[1].split()) if len(parts) == 2 else ""
    owners = list(_OWNER.finditer(head))
    owner = None
    if owners:
        last = owners[-1]
        owner = last.group(1)
        head = head[: last.start()] + head[last.end() :]
    return " ".join(head.split()), owner, action


def match_person(name: str, people: list[tuple[str, int]]) -> int | None:
    """The id of the person called ``name`` (exact, then case-insensitive, then a unique prefix)."""
    wanted = name.strip()
    if not wanted:
        return None
    for label, key in people:
        if label == wanted:
            return key
    folded = wanted.casefold()
    exact = [key for label, key in people if label.casefold() == folded]
    if exact:
        return exact[0]
    squeezed = folded.replace(" ", "")
    starts = [
        key for label, key in people if label.casefold().replace(" ", "").startswith(squeezed)
    ]
    return starts[0] if len(starts) == 1 else None


# ---------------------------------------------------------------------- the 5-working-day rule


@dataclass(frozen=True)
class RetroTiming:
    """The retrospective against the rule: end, deadline, held day and where it stands."""

    state: str  # one of TIMING_STATES
    end: date | None = None
    deadline: date | None = None
    held_on: date | None = None
    #: Working days from the end to the day it was held (or to today while it is due).
    workday: int | None = None
    limit: int = RETRO_WORKDAYS

    @property
    def in_time(self) -> bool | None:
        """True when held in time, False when held late or overdue, ``None`` otherwise."""
        if self.state == "on_time":
            return True
        if self.state in ("late", "overdue"):
            return False
        return None


def local_day(moment: datetime | date | None, tz: tzinfo) -> date | None:
    """The date of ``moment`` in ``tz`` (a plain date as it is)."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return moment.astimezone(tz).date()
    return moment


def retro_timing(
    end: datetime | date | None,
    held: datetime | None,
    today: date,
    calendar: WorkCalendar,
    tz: tzinfo,
) -> RetroTiming:
    """Where the retrospective stands on ``today``.

    ``end`` is :func:`collabtui.domain.alerts.project_end`'s value; ``held`` the moment the
    retrospective meeting began (``None``: not held yet). As in the alerts, a planned
    end still ahead counts as today (the work ended already when someone holds the
    retrospective), and the deadline is the :data:`RETRO_WORKDAYS`-th working day after
    the end.
    """
    held_on = local_day(held, tz)
    if end is None:
        return RetroTiming("no_end", held_on=held_on)
    end_day, deadline = retro_deadline(end, today, calendar, tz)
    if held_on is not None:
        n = calendar.workdays_between(end_day, held_on)
        return RetroTiming(
            "on_time" if held_on <= deadline else "late", end_day, deadline, held_on, n
        )
    n = calendar.workdays_between(end_day, today)
    return RetroTiming("due" if today <= deadline else "overdue", end_day, deadline, None, n)


# ---------------------------------------------------------------------- the report


@dataclass(frozen=True)
class RetroMeeting:
    """The project's retrospective meeting (复盘会)."""

    id: int
    version: int
    title: str
    start_at: datetime
    duration_min: int
    started_at: datetime | None = None
    ended_at: datetime | None = None
    place: str = ""
    host: str = ""
    recorder: str = ""

    @property
    def held(self) -> bool:
        """True once it began (or was recorded as ended)."""
        return self.started_at is not None or self.ended_at is not None

    @property
    def held_at(self) -> datetime | None:
        """When it was held: its real start, else its planned start once it ended."""
        if not self.held:
            return None
        return self.started_at or self.start_at


@dataclass(frozen=True)
class RetroReport:
    """The retrospective summary of one project, as the screen and the exports show it."""

    project_id: int
    code: str
    topic: str
    phase: str
    meeting: RetroMeeting | None
    goals: tuple[GoalAchievement, ...]
    items: tuple[RetroItemRow, ...]
    timing: RetroTiming

    def items_of(self, dimension: str) -> tuple[RetroItemRow, ...]:
        """The items of one dimension, in their order."""
        return tuple(i for i in self.items if i.dimension == dimension)

    def item(self, item_id: int) -> RetroItemRow | None:
        """The item with this id, if it is in the report."""
        return next((i for i in self.items if i.id == item_id), None)

    @property
    def follow_ups(self) -> tuple[RetroItemRow, ...]:
        """Items with a follow-up action."""
        return tuple(i for i in self.items if i.action)


# ---------------------------------------------------------------------- the handbook


_TAG_SPLIT = re.compile(r"[,，、;；\n]+")


def split_tags(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Tags from ``"会议, 纪要"`` (also ``，`` ``、`` ``;``) or a list: trimmed, no repeats."""
    if value is None:
        return ()
    parts = _TAG_SPLIT.split(value) if isinstance(value, str) else list(value)
    seen: dict[str, str] = {}
    for part in parts:
        tag = " ".join(str(part).split())
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return tuple(seen.values())


def join_tags(tags: tuple[str, ...] | list[str]) -> str:
    """Tags as stored: comma-separated."""
    return ",".join(tags)


@dataclass(frozen=True)
class PracticeRow:
    """A practice of the handbook (《跨部门协作最佳实践手册》) with its source."""

    id: int
    version: int
    title: str
    body: str
    tags: tuple[str, ...]
    source_project_id: int | None = None
    source_code: str = ""
    source_topic: str = ""
    source_retro_item_id: int | None = None
    source_on: date | None = None
    retired_at: datetime | None = None

    @property
    def retired(self) -> bool:
        """True once retired (left out of the handbook export)."""
        return self.retired_at is not None


def group_by_tag(
    practices: list[PracticeRow] | tuple[PracticeRow, ...],
) -> list[tuple[str, list[PracticeRow]]]:
    """``(tag, practices)`` for the handbook: every tag, a practice under each of its tags.

    Tags in case-insensitive order; untagged practices last under ``""``. Within a
    tag the order of ``practices`` is kept.
    """
    groups: dict[str, list[PracticeRow]] = {}
    names: dict[str, str] = {}
    untagged: list[PracticeRow] = []
    for p in practices:
        if not p.tags:
            untagged.append(p)
        for tag in p.tags:
            key = tag.casefold()
            names.setdefault(key, tag)
            groups.setdefault(key, []).append(p)
    out = [(names[k], groups[k]) for k in sorted(groups)]
    if untagged:
        out.append(("", untagged))
    return out


__all__ = [
    "DIMENSIONS",
    "GoalAchievement",
    "PracticeRow",
    "RetroItemRow",
    "RetroMeeting",
    "RetroReport",
    "RetroTiming",
    "achievement_percent",
    "format_figure",
    "format_percent",
    "group_by_tag",
    "join_tags",
    "match_person",
    "parse_capture",
    "retro_timing",
    "split_tags",
]
