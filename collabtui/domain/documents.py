"""Plain, immutable documents the exporters render: names resolved, no ORM, no I/O.

The store reads a whole document in one session and hands it over; the renderers in
:mod:`collabtui.export` turn it into Markdown or JSON in whichever language is asked
for. So nothing here is translated: enums are kept as their values (``"agreed"``),
times as timezone-aware UTC ``datetime`` values, and the renderer picks the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DepartmentEntry:
    """A collaborating department (or external partner) and what it committed."""

    name: str
    #: A :class:`~collabtui.store.models.DepartmentRole` value: collaborating / external.
    role: str
    head: str = ""
    #: Resources committed in the requirement confirmation ("" until recorded).
    commitment: str = ""

    @property
    def external(self) -> bool:
        """True for an external partner."""
        return self.role == "external"


@dataclass(frozen=True)
class GoalEntry:
    """A core goal: what, how it is measured, the number to reach, its priority."""

    description: str
    metric: str = ""
    target: float | None = None
    unit: str = ""
    #: A :class:`~collabtui.store.models.Priority` value.
    priority: str = "normal"

    @property
    def measurable(self) -> bool:
        """True when the goal has a number to check against."""
        return self.target is not None


@dataclass(frozen=True)
class MilestoneEntry:
    """A time node of the request form."""

    name: str
    due_on: date
    done_on: date | None = None


@dataclass(frozen=True)
class DeliverableEntry:
    """An expected deliverable and the quality standard acceptance will check."""

    name: str
    quality_standard: str = ""


@dataclass(frozen=True)
class RequestChange:
    """One edit to the request form: what happened to which record, which fields."""

    at: datetime
    #: A :class:`~collabtui.store.models.ChangeAction` value: create / update / delete.
    action: str
    #: The table of the record: project, goal, milestone, deliverable, ….
    entity: str
    #: Column names that changed (ids left out; ``lead_id`` reads ``lead``,
    #: ``requesting_department_id`` reads ``requesting``).
    fields: tuple[str, ...] = ()
    #: Which record: a goal's description, a milestone's, deliverable's or
    #: department's name ("" for the project itself).
    subject: str = ""


@dataclass(frozen=True)
class ConsultationStepEntry:
    """One status a one-to-one went through, kept (history, not overwrite)."""

    at: datetime
    #: A :class:`~collabtui.store.models.ConsultationStatus` value.
    status: str
    held_on: date | None = None
    #: What was said at that step: the concerns raised, or how they were resolved.
    note: str = ""


@dataclass(frozen=True)
class ConsultationEntry:
    """One row of the one-to-one alignment table (一对一沟通确认)."""

    department: str
    external: bool = False
    head: str = ""
    held_on: date | None = None
    #: A :class:`~collabtui.store.models.ConsultationStatus` value.
    status: str = "pending"
    feasibility: str = ""
    resource_gaps: str = ""
    risks: str = ""
    feedback: str = ""
    agreed_at: datetime | None = None
    #: Edits to the request after the department agreed, oldest first.
    changed_since_agreed: tuple[RequestChange, ...] = ()
    #: Every status it went through, oldest first (from the change log).
    history: tuple[ConsultationStepEntry, ...] = ()


@dataclass(frozen=True)
class ConfirmationEntry:
    """The requirement confirmation minutes (《需求确认纪要》)."""

    confirmed_at: datetime
    notes: str = ""
    meeting_title: str = ""
    meeting_start: datetime | None = None
    meeting_place: str = ""


@dataclass(frozen=True)
class RequestDocument:
    """The request form (表1), the alignment table and the confirmation, as one."""

    id: int
    code: str
    topic: str
    #: A :class:`~collabtui.store.models.Scenario` value.
    scenario: str
    #: A :class:`~collabtui.store.models.Phase` value.
    phase: str
    requesting_department: str = ""
    lead: str = ""
    background: str = ""
    business_value: str = ""
    departments: tuple[DepartmentEntry, ...] = ()
    goals: tuple[GoalEntry, ...] = ()
    milestones: tuple[MilestoneEntry, ...] = ()
    deliverables: tuple[DeliverableEntry, ...] = ()
    consultations: tuple[ConsultationEntry, ...] = ()
    #: ``None`` until the confirmation minutes are recorded.
    confirmation: ConfirmationEntry | None = None


# --------------------------------------------------------------------------- minutes


@dataclass(frozen=True)
class PersonEntry:
    """Someone named in the minutes, with what a mail or calendar client needs."""

    name: str
    email: str = ""
    department: str = ""
    #: The person's id, so a calendar can tell two people of the same name apart.
    id: int | None = None


@dataclass(frozen=True)
class AttendeeEntry:
    """An invited person: role and attendance."""

    person: PersonEntry
    #: An :class:`~collabtui.store.models.AttendeeRole` value: decision_maker / executor / cc.
    role: str = "executor"
    #: ``True`` present, ``False`` absent, ``None`` not recorded (yet).
    attended: bool | None = None

    @property
    def copied(self) -> bool:
        """True for someone only copied on the minutes (role *cc*)."""
        return self.role == "cc"


@dataclass(frozen=True)
class MeetingRef:
    """Another meeting the minutes point to: the next one, a follow-up, the original."""

    id: int
    title: str
    start_at: datetime
    duration_min: int = 60
    #: A :class:`~collabtui.store.models.MeetingKind` value.
    kind: str = "coordination"
    place: str = ""


@dataclass(frozen=True)
class AgendaEntry:
    """One agenda item in order: who presents it, its timebox, what was noted."""

    number: int
    title: str
    owner: str = ""
    timebox_min: int = 10
    #: An :class:`~collabtui.store.models.AgendaKind` value: report / discussion / decision.
    kind: str = "discussion"
    notes: str = ""
    started_at: datetime | None = None
    ended_at: datetime | None = None


@dataclass(frozen=True)
class DecisionEntry:
    """A decision: owner, due date, tracking status and the tasks it became."""

    text: str
    owner: str = ""
    due_on: date | None = None
    #: A :class:`~collabtui.store.models.DecisionStatus` value: open / done / dropped.
    status: str = "open"
    #: The title of the agenda item it was taken under ("" for none).
    agenda_item: str = ""
    #: Codes of the tasks linked to it (``Task.decision_id``), by code.
    tasks: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionItemEntry:
    """A task that came out of one of the meeting's decisions."""

    code: str
    title: str
    owner: str = ""
    due_on: date | None = None
    #: A :class:`~collabtui.store.models.TaskStatus` value.
    status: str = "todo"
    #: The text of the decision it came from.
    decision: str = ""


@dataclass(frozen=True)
class OpenItemEntry:
    """Something left unresolved (未明确事项) and the follow-up meeting, if any."""

    text: str
    owner: str = ""
    #: The follow-up meeting (二次沟通), ``None`` while there is none.
    follow_up: MeetingRef | None = None
    resolved_at: datetime | None = None
    agenda_item: str = ""


@dataclass(frozen=True)
class MinutesDocument:
    """A meeting's minutes (表2《跨部门沟通会议纪要》): plan, attendance and outcome.

    Times are timezone-aware UTC; ``end_at`` is the planned end (start + duration).
    """

    id: int
    #: A :class:`~collabtui.store.models.MeetingKind` value.
    kind: str
    title: str
    start_at: datetime
    duration_min: int
    end_at: datetime
    project_code: str = ""
    project_topic: str = ""
    goal: str = ""
    place: str = ""
    host: PersonEntry | None = None
    recorder: PersonEntry | None = None
    #: The materials, one link or path per entry.
    materials: tuple[str, ...] = ()
    notice_sent_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    notes: str = ""
    minutes_distributed_at: datetime | None = None
    distributed_to: str = ""
    #: The meeting this one follows up (二次沟通), if it is a follow-up.
    follow_up_of: MeetingRef | None = None
    #: Invited people in the order they were added.
    attendees: tuple[AttendeeEntry, ...] = ()
    agenda: tuple[AgendaEntry, ...] = ()
    decisions: tuple[DecisionEntry, ...] = ()
    action_items: tuple[ActionItemEntry, ...] = ()
    open_items: tuple[OpenItemEntry, ...] = ()
    #: The earliest later meeting of the project, or of this one's follow-ups.
    next_meeting: MeetingRef | None = None
    #: When the meeting, its attendees or its agenda last changed (a calendar's DTSTAMP).
    updated_at: datetime | None = None
    #: The id of the store the meeting is in (its calendar UID names it); "" when unknown.
    store_id: str = ""

    @property
    def participants(self) -> tuple[AttendeeEntry, ...]:
        """Decision makers and executors (everyone but the copied)."""
        return tuple(a for a in self.attendees if not a.copied)

    @property
    def present(self) -> tuple[AttendeeEntry, ...]:
        """Everyone marked present, the copied included (they came after all)."""
        return tuple(a for a in self.attendees if a.attended is True)

    @property
    def absent(self) -> tuple[AttendeeEntry, ...]:
        """Participants marked absent (the copied were not expected to come)."""
        return tuple(a for a in self.participants if a.attended is False)

    @property
    def unmarked(self) -> tuple[AttendeeEntry, ...]:
        """Participants whose attendance is not recorded (a meeting not held yet)."""
        return tuple(a for a in self.participants if a.attended is None)

    @property
    def copied(self) -> tuple[AttendeeEntry, ...]:
        """People copied on the minutes (role *cc*), whether or not they came."""
        return tuple(a for a in self.attendees if a.copied)
