"""The retrospective (《协作复盘总结表》) in the store: the meeting, the items, goal actuals.

Every capture is its own short transaction (like the meeting runner), so a
retrospective captured item by item loses nothing when the terminal closes. Items
belong to the project; they are attached to its retrospective meeting when there is
one. The 5-working-day rule is read with the alerts' own :func:`~collabtui.domain.alerts.project_end`.
"""

from __future__ import annotations

import math
from datetime import date, datetime, tzinfo

from sqlalchemy import func
from sqlmodel import col, select

from collabtui.domain.alerts import project_end
from collabtui.domain.enums import MeetingKind, RetroDimension
from collabtui.domain.errors import ValidationError
from collabtui.domain.inputs import normal
from collabtui.domain.playbook import DURATION_NORMS
from collabtui.domain.retro import (
    DIMENSIONS,
    GoalAchievement,
    RetroItemRow,
    RetroMeeting,
    RetroReport,
    retro_timing,
)
from collabtui.domain.workdays import WorkCalendar
from collabtui.i18n import t
from collabtui.store.base import StoreBase
from collabtui.store.models import BestPractice, Goal, Meeting, Person, RetroItem
from collabtui.store.projects import _find_project

#: Item fields an edit may set.
ITEM_FIELDS = ("dimension", "text", "owner_id", "action", "due_on", "goal_id")
#: A new retrospective meeting's length: the norm's upper end (复盘会 60–90 min).
RETRO_MINUTES = DURATION_NORMS["retrospective"][1]


class RetroOps(StoreBase):
    """Store methods for the retrospective (mixed into :class:`~collabtui.store.Store`)."""

    # ------------------------------------------------------------------ reads

    def retro_report(
        self,
        project: int | str,
        *,
        calendar: WorkCalendar,
        tz: tzinfo,
        today: date,
    ) -> RetroReport:
        """The retrospective summary of ``project``, with the rule's standing on ``today``.

        ``tz`` is the user's time zone (the clock's) and ``today`` the date in it.
        """
        facts = self.alert_facts(project).projects[0]
        with self.db.read() as s:
            p = _find_project(s, project)
            meeting = _retro_meeting(s, p.id)
            people: dict[int | None, str] = dict(s.exec(select(Person.id, Person.name)).all())
            goals = s.exec(
                select(Goal)
                .where(Goal.project_id == p.id)
                .order_by(col(Goal.position), col(Goal.id))
            ).all()
            goal_names = {g.id: g.description for g in goals}
            items = s.exec(
                select(RetroItem)
                .where(RetroItem.project_id == p.id)
                .order_by(col(RetroItem.position), col(RetroItem.id))
            ).all()
            promoted: dict[int | None, list[int]] = {}
            ids = [i.id for i in items]
            if ids:
                for practice_id, item_id in s.exec(
                    select(BestPractice.id, BestPractice.source_retro_item_id)
                    .where(col(BestPractice.source_retro_item_id).in_(ids))
                    .order_by(col(BestPractice.id))
                ).all():
                    promoted.setdefault(item_id, []).append(practice_id)
            code, topic, phase = p.code, p.topic, _value(p.phase)
        rows = sorted(
            (_item_row(i, goal_names, people, promoted) for i in items),
            key=lambda r: (DIMENSIONS.index(r.dimension), r.position, r.id),
        )
        ref = None
        if meeting is not None:
            ref = RetroMeeting(
                id=meeting.id,
                version=meeting.version,
                title=meeting.title,
                start_at=meeting.start_at,
                duration_min=meeting.duration_min,
                started_at=meeting.started_at,
                ended_at=meeting.ended_at,
                place=meeting.place,
                host=people.get(meeting.host_id, ""),
                recorder=people.get(meeting.recorder_id, ""),
            )
        held = ref.held_at if ref is not None else None
        timing = retro_timing(project_end(facts), held, today, calendar, tz)
        return RetroReport(
            project_id=facts.id,
            code=code,
            topic=topic,
            phase=phase,
            meeting=ref,
            goals=tuple(
                GoalAchievement(
                    goal_id=g.id,
                    version=g.version,
                    position=g.position,
                    description=g.description,
                    metric=g.metric,
                    target=g.target,
                    unit=g.unit,
                    actual=g.actual,
                )
                for g in goals
            ),
            items=tuple(rows),
            timing=timing,
        )

    # ------------------------------------------------------------------ writes

    def start_retrospective(
        self, project: int | str, *, start_at: datetime, title: str | None = None
    ) -> Meeting:
        """The project's retrospective meeting, begun at ``start_at``.

        Creates it (kind *retrospective*, :data:`RETRO_MINUTES` minutes, hosted by the
        project's lead) when the project has none; a planned one that has not begun
        begins now; one already held is returned as it is.
        """
        if start_at.tzinfo is None:
            raise ValidationError.of("rule.bad_datetime", "start_at")
        with self.db.write("retro.start") as u:
            p = _find_project(u.session, project)
            meeting = _retro_meeting(u.session, p.id)
            if meeting is None:
                name = (title or "").strip() or t("retro.meeting_title", topic=p.topic)
                meeting = u.add(
                    Meeting(
                        project_id=p.id,
                        kind=MeetingKind.RETROSPECTIVE,
                        title=name,
                        goal=t("retro.meeting_goal"),
                        start_at=start_at,
                        started_at=start_at,
                        duration_min=RETRO_MINUTES,
                        host_id=p.lead_id,
                    )
                )
            elif meeting.started_at is None and meeting.ended_at is None:
                meeting.started_at = start_at
                u.session.flush()
            for item in u.scalars(
                select(RetroItem).where(
                    RetroItem.project_id == p.id, col(RetroItem.meeting_id).is_(None)
                )
            ):
                item.meeting_id = meeting.id
            return meeting

    def add_retro_item(
        self,
        project: int | str,
        dimension: RetroDimension | str,
        text: str,
        *,
        owner_id: int | None = None,
        action: str = "",
        due_on: date | None = None,
        goal_id: int | None = None,
    ) -> RetroItem:
        """Capture one item of the summary, saved at once, last of its dimension."""
        with self.db.write("retro.add") as u:
            p = _find_project(u.session, project)
            meeting = _retro_meeting(u.session, p.id)
            item = RetroItem(
                project_id=p.id,
                meeting_id=meeting.id if meeting is not None else None,
                dimension=_dimension(dimension),
                text=text,
                owner_id=owner_id,
                action=action or "",
                due_on=due_on,
                goal_id=goal_id,
            )
            check_retro_item(u.session, item)
            last = u.first(
                select(func.max(RetroItem.position)).where(
                    RetroItem.project_id == p.id, RetroItem.dimension == item.dimension
                )
            )
            item.position = 0 if last is None else last + 1
            return u.add(item)

    def edit_retro_item(self, item_id: int, version: int, **fields) -> RetroItem:
        """Change an item's text, owner, action, due date, goal or dimension."""
        unknown = set(fields) - set(ITEM_FIELDS)
        if unknown:
            raise TypeError(f"not retrospective item fields: {sorted(unknown)}")
        if "dimension" in fields:
            fields["dimension"] = _dimension(fields["dimension"])
        with self.db.write("retro.edit") as u:
            item = u.edit(RetroItem, item_id, version, **fields)
            check_retro_item(u.session, item)
            return item

    def delete_retro_item(self, item_id: int, version: int) -> None:
        """Remove an item (a practice promoted from it keeps its text and loses the link)."""
        with self.db.write("retro.delete") as u:
            item = u.get(RetroItem, item_id)
            if item.version != version:
                u.edit(RetroItem, item_id, version)  # raises the conflict
            u.delete(item)

    def record_goal_actual(self, goal_id: int, version: int, actual: float | str | None) -> Goal:
        """Type the result a goal reached (``None`` or ``""`` clears it)."""
        value = parse_actual(actual)
        with self.db.write("goal.actual") as u:
            return u.edit(Goal, goal_id, version, actual=value)


# ---------------------------------------------------------------------- rules


def parse_actual(value: float | str | None, field: str = "actual") -> float | None:
    """A goal's actual from what was typed: any finite number (0 and negatives too).

    ``17.2``, ``17.2%``, ``-3``, ``1,250``, full-width digits; nothing typed is ``None``.
    Chinese numerals and words are refused with the input messages' hints.
    """
    from collabtui.domain.inputs import _CHINESE_DIGITS, _GROUPED

    if value is None:
        return None
    if isinstance(value, bool):
        raise ValidationError.of("input.err.quantity_not_number", field)
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = normal(value).rstrip("%").strip()
        if not text:
            return None
        if _CHINESE_DIGITS.search(text):
            raise ValidationError.of("input.err.quantity_chinese", field, text=text)
        if _GROUPED.match(text.lstrip("+-")):
            text = text.replace(",", "")
        try:
            number = float(text)
        except ValueError:
            raise ValidationError.of("input.err.quantity_not_number", field) from None
    if not math.isfinite(number):
        raise ValidationError.of("input.err.quantity_not_number", field)
    return number


def check_retro_item(session, item: RetroItem) -> None:
    """The rules every stored item keeps; raises :class:`ValidationError`.

    Some text; a linked goal only on a goal-achievement item, and of the same project;
    an owner who exists; a follow-up action has an owner; a due date has an action.
    """
    item.text = " ".join((item.text or "").split()) if item.text else ""
    if not item.text:
        raise ValidationError.of("err.required", "text")
    item.action = (item.action or "").strip()
    if item.goal_id is not None:
        if RetroDimension(item.dimension) is not RetroDimension.GOAL_RESULT:
            raise ValidationError.of("retro.err.goal_dimension", "goal_id")
        goal = session.get(Goal, item.goal_id)
        if goal is None or goal.project_id != item.project_id:
            raise ValidationError.of("retro.err.goal_project", "goal_id")
    if item.owner_id is not None and session.get(Person, item.owner_id) is None:
        raise ValidationError.of("retro.err.owner", "owner_id")
    if item.action and item.owner_id is None:
        raise ValidationError.of("retro.err.action_owner", "owner_id")
    if item.due_on is not None and not item.action:
        raise ValidationError.of("retro.err.due_action", "due_on")


# ---------------------------------------------------------------------- helpers


def _value(x):
    return getattr(x, "value", x)


def _dimension(value: RetroDimension | str) -> RetroDimension:
    try:
        return RetroDimension(value)
    except ValueError:
        raise ValidationError.of("retro.err.dimension", "dimension") from None


def _retro_meeting(session, project_id: int) -> Meeting | None:
    """The project's retrospective: the first one held, else the first planned."""
    meetings = list(
        session.exec(
            select(Meeting)
            .where(Meeting.project_id == project_id, Meeting.kind == MeetingKind.RETROSPECTIVE)
            .order_by(col(Meeting.start_at), col(Meeting.id))
        ).all()
    )
    held = [m for m in meetings if m.started_at is not None or m.ended_at is not None]
    return (held or meetings or [None])[0]


def _item_row(item: RetroItem, goals: dict, people: dict, promoted: dict) -> RetroItemRow:
    return RetroItemRow(
        id=item.id,
        version=item.version,
        dimension=_value(item.dimension),
        position=item.position,
        text=item.text,
        goal_id=item.goal_id,
        goal=goals.get(item.goal_id, ""),
        owner_id=item.owner_id,
        owner=people.get(item.owner_id, ""),
        action=item.action,
        due_on=item.due_on,
        meeting_id=item.meeting_id,
        practice_ids=tuple(promoted.get(item.id, ())),
    )


__all__ = ["RetroOps", "check_retro_item", "parse_actual"]
