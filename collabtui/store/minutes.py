"""After a meeting: distribute the minutes, track decisions, plan the follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from collabtui.domain.enums import AgendaKind, DecisionStatus, MeetingKind
from collabtui.domain.errors import ValidationError
from collabtui.i18n import t
from collabtui.store.base import StoreBase
from collabtui.store.meeting_run import ROLE_ORDER
from collabtui.store.models import (
    AgendaItem,
    Attendee,
    Decision,
    Meeting,
    OpenItem,
    Person,
    Task,
    utcnow,
)
from collabtui.store.trail import action_item_ids, made_at


@dataclass(frozen=True)
class DecisionRow:
    """One decision in the list across meetings."""

    id: int
    version: int
    meeting_id: int
    meeting: str
    meeting_start: datetime
    text: str
    owner_id: int | None
    owner: str
    due_on: date | None
    status: str
    task_code: str
    #: When the decision was made (store/trail.py ``made_at``), not the meeting's plan.
    made_at: datetime | None = None
    #: The status of the task it became ("" without one): "done" waits for it.
    task_status: str = ""


class MinutesOps(StoreBase):
    """Store methods for what follows a meeting (mixed into the Store)."""

    def distribute_minutes(self, meeting_id: int, now: datetime | None = None) -> Meeting:
        """Record that the minutes went to every attendee and the copied list (now)."""
        with self.db.write("meeting.distribute") as u:
            meeting = u.get(Meeting, meeting_id)
            pairs = u.session.exec(
                select(Attendee.role, Person.name)
                .join(Attendee, col(Attendee.person_id) == Person.id)
                .where(Attendee.meeting_id == meeting_id)
            ).all()
            names = [
                name for _, name in sorted(pairs, key=lambda p: (ROLE_ORDER.index(p[0]), p[1]))
            ]
            meeting.minutes_distributed_at = now or utcnow()
            meeting.distributed_to = ", ".join(names)
            return meeting

    def edit_meeting_notes(self, meeting_id: int, version: int, notes: str) -> Meeting:
        """Correct the minutes' free notes after the meeting."""
        with self.db.write("meeting.notes") as u:
            return u.edit(Meeting, meeting_id, version, notes=notes.strip())

    def edit_decision(
        self,
        decision_id: int,
        version: int,
        *,
        text: str,
        owner_id: int | None,
        due_on: date | None,
    ) -> Decision:
        """Correct a decision after the meeting: its wording, owner or due date."""
        text = (text or "").strip()
        if not text:
            raise ValidationError.of("err.required", "text")
        with self.db.write("decision.edit") as u:
            return u.edit(
                Decision, decision_id, version, text=text, owner_id=owner_id, due_on=due_on
            )

    def set_decision_status(self, decision_id: int, version: int, status: str) -> Decision:
        """Track a decision: open, done or dropped."""
        with self.db.write("decision.status") as u:
            return u.edit(Decision, decision_id, version, status=DecisionStatus(status))

    def create_follow_up(
        self, meeting_id: int, start_at: datetime, *, duration_min: int = 30
    ) -> Meeting:
        """A follow-up meeting (二次沟通) taking up every open item without one.

        Same project, same attendees; each open item becomes an agenda item and
        points at the new meeting.
        """
        with self.db.write("meeting.follow_up") as u:
            original = u.get(Meeting, meeting_id)
            opens = [
                o
                for o in u.scalars(select(OpenItem).where(OpenItem.meeting_id == meeting_id))
                if o.follow_up_meeting_id is None and o.resolved_at is None
            ]
            if not opens:
                raise ValidationError.of("rule.no_open_items")
            follow = u.add(
                Meeting(
                    project_id=original.project_id,
                    kind=MeetingKind.FOLLOW_UP,
                    title=t("meeting.follow_up_title", title=original.title),
                    goal=t("meeting.follow_up_goal"),
                    start_at=start_at,
                    duration_min=duration_min,
                    place=original.place,
                    host_id=original.host_id,
                    recorder_id=original.recorder_id,
                    follow_up_of_id=original.id,
                )
            )
            for attendee in u.scalars(select(Attendee).where(Attendee.meeting_id == meeting_id)):
                u.add(
                    Attendee(meeting_id=follow.id, person_id=attendee.person_id, role=attendee.role)
                )
            minutes = max(5, duration_min // len(opens))
            for position, item in enumerate(opens):
                u.add(
                    AgendaItem(
                        meeting_id=follow.id,
                        position=position,
                        title=item.text,
                        owner_id=item.owner_id,
                        timebox_min=minutes,
                        kind=AgendaKind.DECISION,
                    )
                )
                item.follow_up_meeting_id = follow.id
            return follow

    def decision_rows(self, project: int | str | None = None) -> list[DecisionRow]:
        """Decisions across meetings (of one project or all), with the task each became."""
        from collabtui.store.projects import _find_project

        with self.db.read() as s:
            stmt = (
                select(Decision, Meeting)
                .join(Meeting, col(Meeting.id) == Decision.meeting_id)
                .order_by(col(Meeting.start_at), col(Decision.id))
            )
            if project is not None:
                stmt = stmt.where(Meeting.project_id == _find_project(s, project).id)
            pairs = s.exec(stmt).all()
            # Action items are tasks on the board, not decisions (issue 16).
            actions = action_item_ids(s, [d.id for d, _ in pairs])
            pairs = [(d, m) for d, m in pairs if d.id not in actions]
            ids = [d.id for d, _ in pairs]
            tasks = {
                task.decision_id: task
                for task in (
                    s.exec(select(Task).where(col(Task.decision_id).in_(ids))).all() if ids else []
                )
            }
            people: dict[int | None, str] = {p.id: p.name for p in s.exec(select(Person)).all()}
            return [
                DecisionRow(
                    id=d.id,
                    version=d.version,
                    meeting_id=m.id,
                    meeting=m.title,
                    meeting_start=m.start_at,
                    text=d.text,
                    owner_id=d.owner_id,
                    owner=people.get(d.owner_id, ""),
                    due_on=d.due_on,
                    status=d.status.value,
                    task_code=tasks[d.id].code if d.id in tasks else "",
                    task_status=str(getattr(tasks[d.id].status, "value", tasks[d.id].status))
                    if d.id in tasks
                    else "",
                    made_at=made_at(d.created_at, m.ended_at),
                )
                for d, m in pairs
            ]
