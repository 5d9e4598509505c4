"""Phase 2 in the store: plan a meeting, run it live, distribute the minutes.

Every capture in the runner is its own short transaction, so closing the terminal
mid-meeting loses nothing, and the meeting's ``current_item`` lets a reopened runner
resume where it was. Times come from the caller's clock (``now``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import col, select

from collabtui.domain.enums import AgendaKind, AttendeeRole, MeetingKind
from collabtui.domain.errors import NotFound, ValidationError
from collabtui.domain.lifecycle_rules import starts_early
from collabtui.domain.tasks import next_task_code
from collabtui.store.base import StoreBase
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

#: How attendees are listed: decision makers, executors, then the copied list.
ROLE_ORDER = (AttendeeRole.DECISION_MAKER, AttendeeRole.EXECUTOR, AttendeeRole.CC)


@dataclass
class AgendaDraft:
    """One agenda item as planned."""

    title: str
    owner_id: int | None = None
    timebox_min: int = 10
    kind: str = "discussion"


@dataclass
class MeetingDraft:
    """A meeting as planned: what, when, who, and the agenda."""

    project_id: int | None
    title: str
    start_at: datetime
    kind: str = "coordination"
    goal: str = ""
    duration_min: int = 60
    place: str = ""
    host_id: int | None = None
    recorder_id: int | None = None
    materials: str = ""
    attendees: list[tuple[int, str]] = field(default_factory=list)  # (person id, role)
    agenda: list[AgendaDraft] = field(default_factory=list)


@dataclass(frozen=True)
class MeetingDetail:
    """Everything the runner and the minutes screen show, read in one session."""

    meeting: Meeting
    attendees: tuple[tuple[Attendee, Person], ...]
    agenda: tuple[AgendaItem, ...]
    decisions: tuple[Decision, ...]
    open_items: tuple[OpenItem, ...]
    actions: tuple[Task, ...]
    people: dict[int, str]

    @property
    def current(self) -> AgendaItem | None:
        """The agenda item the meeting is on."""
        index = self.meeting.current_item
        return self.agenda[index] if 0 <= index < len(self.agenda) else None


class MeetingRunOps(StoreBase):
    """Store methods for planning and running meetings (mixed into the Store)."""

    # ------------------------------------------------------------------ plan

    def plan_meeting(self, draft: MeetingDraft) -> Meeting:
        """Create a meeting with its attendees and agenda, in one transaction."""
        if not draft.title.strip():
            raise ValidationError.of("err.required", "title")
        if not 1 <= draft.duration_min <= 600:
            raise ValidationError.of("rule.bad_number", "duration_min")
        if draft.start_at.tzinfo is None:
            raise ValidationError.of("rule.bad_datetime", "start_at")
        with self.db.write("meeting.plan") as u:
            meeting = u.add(
                Meeting(
                    project_id=draft.project_id,
                    kind=MeetingKind(draft.kind),
                    title=draft.title.strip(),
                    goal=draft.goal.strip(),
                    start_at=draft.start_at,
                    duration_min=draft.duration_min,
                    place=draft.place.strip(),
                    host_id=draft.host_id,
                    recorder_id=draft.recorder_id,
                    materials=draft.materials.strip(),
                )
            )
            seen: set[int] = set()
            for person_id, role in draft.attendees:
                if person_id in seen:
                    continue
                seen.add(person_id)
                u.add(Attendee(meeting_id=meeting.id, person_id=person_id, role=AttendeeRole(role)))
            for position, item in enumerate(a for a in draft.agenda if a.title.strip()):
                u.add(
                    AgendaItem(
                        meeting_id=meeting.id,
                        position=position,
                        title=item.title.strip(),
                        owner_id=item.owner_id,
                        timebox_min=item.timebox_min,
                        kind=AgendaKind(item.kind),
                    )
                )
            return meeting

    def send_notice(self, meeting_id: int, now: datetime | None = None) -> Meeting:
        """Record that the notice went out (now)."""
        with self.db.write("meeting.notice") as u:
            return u.edit(Meeting, meeting_id, None, notice_sent_at=now or utcnow())

    # ------------------------------------------------------------------ read

    def meeting_detail(self, meeting_id: int) -> MeetingDetail:
        """A meeting with attendees, agenda, decisions, open items and action items."""
        with self.db.read() as s:
            meeting = s.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            attendees = sorted(
                s.exec(
                    select(Attendee, Person)
                    .join(Person, col(Person.id) == Attendee.person_id)
                    .where(Attendee.meeting_id == meeting_id)
                ).all(),
                key=lambda pair: (ROLE_ORDER.index(pair[0].role), pair[1].name),
            )
            agenda = s.exec(
                select(AgendaItem)
                .where(AgendaItem.meeting_id == meeting_id)
                .order_by(col(AgendaItem.position), col(AgendaItem.id))
            ).all()
            decisions = s.exec(
                select(Decision).where(Decision.meeting_id == meeting_id).order_by(col(Decision.id))
            ).all()
            opens = s.exec(
                select(OpenItem).where(OpenItem.meeting_id == meeting_id).order_by(col(OpenItem.id))
            ).all()
            decision_ids = [d.id for d in decisions]
            actions = (
                s.exec(
                    select(Task)
                    .where(col(Task.decision_id).in_(decision_ids))
                    .order_by(col(Task.id))
                ).all()
                if decision_ids
                else []
            )
            people = {p.id: p.name for p in s.exec(select(Person)).all()}
            return MeetingDetail(
                meeting,
                tuple(attendees),
                tuple(agenda),
                tuple(decisions),
                tuple(opens),
                tuple(actions),
                people,
            )

    # ------------------------------------------------------------------ run

    def start_meeting(
        self, meeting_id: int, now: datetime | None = None, *, early: bool = False
    ) -> Meeting:
        """Start the clock (once) and the first agenda item.

        Starting well before the planned time (domain/lifecycle_rules.py ``starts_early``)
        is a :class:`MeetingEarly` unless ``early`` says the user agreed to it.
        """
        now = now or utcnow()
        with self.db.write("meeting.start") as u:
            meeting = u.get(Meeting, meeting_id)
            if meeting.started_at is None and not early and starts_early(meeting.start_at, now):
                raise MeetingEarly(meeting.start_at)
            if meeting.started_at is None:
                meeting.started_at = now
            item = _item_at(u, meeting_id, meeting.current_item)
            if item is not None and item.started_at is None:
                item.started_at = now
            return meeting

    def goto_item(self, meeting_id: int, index: int, now: datetime | None = None) -> Meeting:
        """Move to agenda item ``index``: the one left is closed, the new one starts.

        On a finished meeting only the position moves (reviewing stamps no times).
        """
        now = now or utcnow()
        with self.db.write("meeting.goto") as u:
            meeting = u.get(Meeting, meeting_id)
            items = _items(u, meeting_id)
            if not items:
                return meeting
            index = max(0, min(index, len(items) - 1))
            previous = meeting.current_item
            if index == previous:
                return meeting
            meeting.current_item = index
            if meeting.ended_at is not None:
                return meeting
            if 0 <= previous < len(items):
                left = items[previous]
                if left.started_at is not None and left.ended_at is None:
                    left.ended_at = now
            entered = items[index]
            entered.ended_at = None
            if entered.started_at is None:
                entered.started_at = now
            return meeting

    def add_decision(
        self,
        meeting_id: int,
        text: str,
        *,
        owner_id: int | None = None,
        due_on: date | None = None,
        agenda_item_id: int | None = None,
    ) -> Decision:
        """Capture a decision (owner and due date may follow later)."""
        text = _required(text)
        with self.db.write("meeting.decision") as u:
            u.get(Meeting, meeting_id)
            return u.add(
                Decision(
                    meeting_id=meeting_id,
                    agenda_item_id=agenda_item_id,
                    text=text,
                    owner_id=owner_id,
                    due_on=due_on,
                )
            )

    def add_action_item(
        self,
        meeting_id: int,
        text: str,
        *,
        owner_id: int,
        due_on: date | None = None,
        agenda_item_id: int | None = None,
    ) -> Task:
        """Capture an action item: a decision and the project task it becomes."""
        text = _required(text)
        if owner_id is None:
            raise ValidationError.of("err.required", "owner_id")
        with self.db.write("meeting.action") as u:
            meeting = u.get(Meeting, meeting_id)
            if meeting.project_id is None:
                raise ValidationError.of("rule.action_needs_project")
            decision = u.add(
                Decision(
                    meeting_id=meeting_id,
                    agenda_item_id=agenda_item_id,
                    text=text,
                    owner_id=owner_id,
                    due_on=due_on,
                )
            )
            codes = u.scalars(select(Task.code).where(Task.project_id == meeting.project_id))
            return u.add(
                Task(
                    project_id=meeting.project_id,
                    code=next_task_code(codes),
                    title=text,
                    owner_id=owner_id,
                    due_on=due_on,
                    decision_id=decision.id,
                )
            )

    def add_open_item(
        self,
        meeting_id: int,
        text: str,
        *,
        owner_id: int | None = None,
        agenda_item_id: int | None = None,
    ) -> OpenItem:
        """Capture something left unresolved (未明确事项)."""
        text = _required(text)
        with self.db.write("meeting.open_item") as u:
            u.get(Meeting, meeting_id)
            return u.add(
                OpenItem(
                    meeting_id=meeting_id,
                    agenda_item_id=agenda_item_id,
                    text=text,
                    owner_id=owner_id,
                )
            )

    def add_note(self, agenda_item_id: int, text: str) -> AgendaItem:
        """Append a line to an agenda item's notes."""
        text = _required(text)
        with self.db.write("meeting.note") as u:
            item = u.get(AgendaItem, agenda_item_id)
            item.notes = f"{item.notes}\n{text}" if item.notes else text
            return item

    def set_attendance(self, attendee_id: int, attended: bool | None) -> Attendee:
        """Mark an attendee present, absent or unknown."""
        with self.db.write("meeting.attendance") as u:
            return u.edit(Attendee, attendee_id, None, attended=attended)

    def finish_meeting(self, meeting_id: int, now: datetime | None = None) -> Meeting:
        """Stop the clock and close the current agenda item."""
        now = now or utcnow()
        with self.db.write("meeting.finish") as u:
            meeting = u.get(Meeting, meeting_id)
            item = _item_at(u, meeting_id, meeting.current_item)
            if item is not None and item.started_at is not None and item.ended_at is None:
                item.ended_at = now
            if meeting.started_at is None:
                meeting.started_at = now
            meeting.ended_at = now
            return meeting


# ---------------------------------------------------------------------- helpers


class MeetingEarly(ValidationError):
    """Starting a meeting well before its planned time: ask first (``start_at`` says when)."""

    def __init__(self, start_at: datetime):
        when = start_at.strftime("%Y-%m-%d %H:%M UTC")  # the screen asks in the user's zone
        super().__init__(key="lifecycle.meeting.start_early", params={"when": when})
        self.start_at = start_at


def _required(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError.of("err.required", "text")
    return text


def _items(u, meeting_id: int) -> list[AgendaItem]:
    return u.scalars(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    )


def _item_at(u, meeting_id: int, index: int) -> AgendaItem | None:
    items = _items(u, meeting_id)
    return items[index] if 0 <= index < len(items) else None
