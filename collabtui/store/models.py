"""SQLModel tables: one table per playbook record (their enums are in :mod:`collabtui.domain.enums`).

No Textual, no Rich, no I/O here. Every editable table carries a ``version`` used for
optimistic concurrency (see :mod:`collabtui.store.unit`); timestamps are timezone-aware
and stored in UTC; dates without a time (due dates, milestones) are plain ``date``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from collabtui.domain.enums import (
    AgendaKind,
    AttendeeRole,
    ChangeAction,
    ConsultationStatus,
    DecisionStatus,
    DepartmentRole,
    MeetingKind,
    Phase,
    Priority,
    ProgressStatus,
    ResourceKind,
    ResourceStatus,
    RetroDimension,
    RiskLevel,
    RiskStatus,
    RiskType,
    Scenario,
    SignOffVerdict,
    TaskStatus,
    Verdict,
)


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: timestamps must be timezone-aware")
        value = value.astimezone(UTC)
        # SQLite has no time zones: store naive UTC so text comparisons stay ordered.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class EnumText(TypeDecorator):
    """Stores a ``StrEnum`` as its plain value, so adding members needs no migration."""

    impl = String(32)
    cache_ok = True

    def __init__(self, enum_cls: type[StrEnum]):
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value, dialect):
        return None if value is None else self.enum_cls(value).value

    def process_result_value(self, value, dialect):
        return None if value is None else self.enum_cls(value)


# --------------------------------------------------------------------------- enums


def _ts(**kwargs: Any) -> Any:
    """A timezone-aware timestamp column."""
    return Field(sa_type=UTCDateTime, **kwargs)


def _enum(enum_cls: type[StrEnum], default: StrEnum | None = None, **kwargs: Any) -> Any:
    """An enum column stored as text."""
    return Field(default=default, sa_type=EnumText(enum_cls), **kwargs)


def _fk(target: str, ondelete: Literal["CASCADE", "SET NULL", "RESTRICT"], **kwargs: Any) -> Any:
    """A foreign key with an explicit on-delete rule, indexed."""
    kwargs.setdefault("default", None)
    return Field(foreign_key=target, ondelete=ondelete, index=True, **kwargs)


class Row(SQLModel):
    """Columns every editable table has: identity, audit times and a version."""

    if TYPE_CHECKING:
        # For the type checker: every row the store reads, or has added (Unit.add
        # flushes), has its id; None only before that. The table it maps to.
        id: int = Field(default=None, primary_key=True)
        __tablename__: ClassVar[str]
        __table__: ClassVar[Table]
    else:
        id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _ts(default_factory=utcnow)
    updated_at: datetime = _ts(default_factory=utcnow)
    version: int = Field(default=1)


# --------------------------------------------------------------------------- directory


class Department(Row, table=True):
    """A department (or an external partner) that takes part in projects."""

    name: str = Field(unique=True)
    external: bool = False
    head_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer,
            ForeignKey("person.id", ondelete="SET NULL", use_alter=True, name="fk_department_head"),
            nullable=True,
        ),
    )
    note: str = ""
    retired_at: datetime | None = _ts(default=None)


class Person(Row, table=True):
    """Someone who can own, attend, sign or head something."""

    name: str = Field(index=True)
    department_id: int | None = _fk("department.id", "RESTRICT")
    role: str = ""
    email: str = ""
    chat: str = ""
    retired_at: datetime | None = _ts(default=None)


# --------------------------------------------------------------------------- phase 1


class Project(Row, table=True):
    """A cross-department project: the request form (表1) and its lifecycle phase."""

    code: str = Field(unique=True, index=True)
    topic: str
    scenario: Scenario = _enum(Scenario, Scenario.JOINT_PROJECT)
    requesting_department_id: int | None = _fk("department.id", "RESTRICT")
    lead_id: int | None = _fk("person.id", "SET NULL")
    background: str = ""
    business_value: str = ""
    phase: Phase = _enum(Phase, Phase.DRAFT, index=True)
    start_on: date | None = None
    end_on: date | None = None
    ended_at: datetime | None = _ts(default=None)
    # The requirement confirmation minutes (《需求确认纪要》), once recorded.
    confirmed_at: datetime | None = _ts(default=None)
    confirmation_notes: str = ""
    confirmation_meeting_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer,
            ForeignKey(
                "meeting.id", ondelete="SET NULL", use_alter=True, name="fk_project_confirmation"
            ),
            nullable=True,
        ),
    )


class ProjectDepartment(Row, table=True):
    """A department collaborating on a project, or an external partner."""

    __table_args__ = (UniqueConstraint("project_id", "department_id"),)

    project_id: int = _fk("project.id", "CASCADE")
    department_id: int = _fk("department.id", "RESTRICT")
    role: DepartmentRole = _enum(DepartmentRole, DepartmentRole.COLLABORATING)
    position: int = 0
    commitment: str = ""  # resources the department committed in the confirmation


class Goal(Row, table=True):
    """A core goal, quantified where possible (metric, target, unit, actual)."""

    project_id: int = _fk("project.id", "CASCADE")
    position: int = 0
    description: str
    metric: str = ""
    target: float | None = None
    unit: str = ""
    actual: float | None = None
    priority: Priority = _enum(Priority, Priority.NORMAL)


class Deliverable(Row, table=True):
    """An expected deliverable and the quality standard acceptance will check."""

    project_id: int = _fk("project.id", "CASCADE")
    position: int = 0
    name: str
    quality_standard: str = ""


class Milestone(Row, table=True):
    """A time node of the request form."""

    project_id: int = _fk("project.id", "CASCADE")
    position: int = 0
    name: str
    due_on: date
    done_on: date | None = None


class Consultation(Row, table=True):
    """One-to-one confirmation with one collaborating department (一对一沟通确认)."""

    __table_args__ = (UniqueConstraint("project_id", "department_id"),)

    project_id: int = _fk("project.id", "CASCADE")
    department_id: int = _fk("department.id", "RESTRICT")
    head_id: int | None = _fk("person.id", "SET NULL")
    held_on: date | None = None
    status: ConsultationStatus = _enum(ConsultationStatus, ConsultationStatus.PENDING)
    feasibility: str = ""
    resource_gaps: str = ""
    risks: str = ""
    feedback: str = ""
    agreed_at: datetime | None = _ts(default=None)


# --------------------------------------------------------------------------- phase 2


class Meeting(Row, table=True):
    """A meeting: plan, live run and minutes (表2)."""

    project_id: int | None = _fk("project.id", "CASCADE")
    kind: MeetingKind = _enum(MeetingKind, MeetingKind.COORDINATION, index=True)
    title: str
    goal: str = ""
    start_at: datetime = _ts(index=True)
    duration_min: int = 60
    place: str = ""
    host_id: int | None = _fk("person.id", "SET NULL")
    recorder_id: int | None = _fk("person.id", "SET NULL")
    materials: str = ""
    notice_sent_at: datetime | None = _ts(default=None)
    started_at: datetime | None = _ts(default=None)
    ended_at: datetime | None = _ts(default=None)
    current_item: int = 0
    notes: str = ""
    minutes_distributed_at: datetime | None = _ts(default=None)
    distributed_to: str = ""
    follow_up_of_id: int | None = _fk("meeting.id", "SET NULL")


class Attendee(Row, table=True):
    """A person invited to a meeting, with a role and attendance."""

    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    meeting_id: int = _fk("meeting.id", "CASCADE")
    person_id: int = _fk("person.id", "RESTRICT")
    role: AttendeeRole = _enum(AttendeeRole, AttendeeRole.EXECUTOR)
    attended: bool | None = None


class AgendaItem(Row, table=True):
    """One agenda item, presented by its owner within a timebox."""

    meeting_id: int = _fk("meeting.id", "CASCADE")
    position: int = 0
    title: str
    owner_id: int | None = _fk("person.id", "SET NULL")
    timebox_min: int = 10
    kind: AgendaKind = _enum(AgendaKind, AgendaKind.DISCUSSION)
    notes: str = ""
    started_at: datetime | None = _ts(default=None)
    ended_at: datetime | None = _ts(default=None)


class Decision(Row, table=True):
    """A decision agreed in a meeting: owner, due date and tracking status."""

    meeting_id: int = _fk("meeting.id", "CASCADE")
    agenda_item_id: int | None = _fk("agendaitem.id", "SET NULL")
    text: str
    owner_id: int | None = _fk("person.id", "SET NULL")
    due_on: date | None = None
    status: DecisionStatus = _enum(DecisionStatus, DecisionStatus.OPEN)


class OpenItem(Row, table=True):
    """Something left unresolved (未明确事项), to be settled in a follow-up meeting."""

    meeting_id: int = _fk("meeting.id", "CASCADE")
    agenda_item_id: int | None = _fk("agendaitem.id", "SET NULL")
    text: str
    owner_id: int | None = _fk("person.id", "SET NULL")
    follow_up_meeting_id: int | None = _fk("meeting.id", "SET NULL")
    resolved_at: datetime | None = _ts(default=None)


# --------------------------------------------------------------------------- phase 3


class Task(Row, table=True):
    """A task of the tracking table (表3) with exactly one owner."""

    __table_args__ = (
        UniqueConstraint("project_id", "code"),
        Index("ix_task_project_status", "project_id", "status"),
    )

    project_id: int = _fk("project.id", "CASCADE")
    code: str
    title: str
    description: str = ""
    owner_id: int = Field(foreign_key="person.id", ondelete="RESTRICT", index=True)
    goal_id: int | None = _fk("goal.id", "SET NULL")
    decision_id: int | None = _fk("decision.id", "SET NULL")
    deliverable: str = ""
    quality_standard: str = ""
    start_on: date | None = None
    due_on: date | None = Field(default=None, index=True)
    status: TaskStatus = _enum(TaskStatus, TaskStatus.TODO, index=True)
    progress: int = 0
    priority: Priority = _enum(Priority, Priority.NORMAL)
    position: float = 0.0
    notes: str = ""
    done_at: datetime | None = _ts(default=None)


class TaskSupport(Row, table=True):
    """A supporting department's duty on a task, with a contact person."""

    task_id: int = _fk("task.id", "CASCADE")
    department_id: int = _fk("department.id", "RESTRICT")
    duty: str = ""
    contact_id: int | None = _fk("person.id", "SET NULL")


class TaskUpdate(Row, table=True):
    """A daily note from a task's owner: progress, what was done, problems."""

    task_id: int = _fk("task.id", "CASCADE")
    on: date
    author_id: int | None = _fk("person.id", "SET NULL")
    progress: int = 0
    done: str = ""
    problems: str = ""


class ResourceRequest(Row, table=True):
    """A resource request (《资源申请表》): people, budget, equipment or other."""

    project_id: int = _fk("project.id", "CASCADE")
    task_id: int | None = _fk("task.id", "SET NULL")
    department_id: int | None = _fk("department.id", "RESTRICT")
    kind: ResourceKind = _enum(ResourceKind, ResourceKind.OTHER)
    description: str = ""
    quantity: float = 1.0
    unit: str = ""
    currency: str = ""
    purpose: str = ""
    needed_by: date | None = None
    status: ResourceStatus = _enum(ResourceStatus, ResourceStatus.REQUESTED)
    in_place_on: date | None = None


# --------------------------------------------------------------------------- phase 4


class ProgressEntry(Row, table=True):
    """One row of the weekly progress list (《进度跟踪清单》)."""

    __table_args__ = (UniqueConstraint("project_id", "week", "task_id"),)

    project_id: int = _fk("project.id", "CASCADE")
    week: str = Field(index=True)  # ISO week, e.g. "2026-W48"
    department_id: int | None = _fk("department.id", "RESTRICT")
    task_id: int | None = _fk("task.id", "CASCADE")
    completion: int = 0
    status: ProgressStatus = _enum(ProgressStatus, ProgressStatus.ON_TRACK)
    met_plan: bool = True
    miss_reason: str = ""
    support_needed: str = ""
    support_from_id: int | None = _fk("department.id", "RESTRICT")
    meeting_id: int | None = _fk("meeting.id", "SET NULL")


class RiskWarning(Row, table=True):
    """A risk warning (《风险预警表》), raised ahead of the date it threatens."""

    project_id: int = _fk("project.id", "CASCADE")
    title: str
    type: RiskType = _enum(RiskType, RiskType.OTHER)
    level: RiskLevel = _enum(RiskLevel, RiskLevel.MEDIUM)
    impact: str = ""
    solution: str = ""
    threatened_on: date | None = None
    raised_by_id: int | None = _fk("person.id", "SET NULL")
    raised_at: datetime = _ts(default_factory=utcnow)
    status: RiskStatus = _enum(RiskStatus, RiskStatus.OPEN, index=True)


class RiskTask(Row, table=True):
    """A task a risk warning affects."""

    __table_args__ = (UniqueConstraint("risk_id", "task_id"),)

    risk_id: int = _fk("riskwarning.id", "CASCADE")
    task_id: int = _fk("task.id", "CASCADE")


class RiskDepartment(Row, table=True):
    """A department a risk warning affects."""

    __table_args__ = (UniqueConstraint("risk_id", "department_id"),)

    risk_id: int = _fk("riskwarning.id", "CASCADE")
    department_id: int = _fk("department.id", "RESTRICT")


# --------------------------------------------------------------------------- phase 5


class AcceptanceItem(Row, table=True):
    """A deliverable checked against its agreed quality standard (《成果验收报告》)."""

    project_id: int = _fk("project.id", "CASCADE")
    position: int = 0
    deliverable: str
    quality_standard: str = ""
    task_id: int | None = _fk("task.id", "SET NULL")
    verdict: Verdict = _enum(Verdict, Verdict.PENDING)
    note: str = ""
    dropped_reason: str = ""
    dropped_at: datetime | None = _ts(default=None)


class SignOff(Row, table=True):
    """A collaborating department's acceptance sign-off."""

    __table_args__ = (UniqueConstraint("project_id", "department_id"),)

    project_id: int = _fk("project.id", "CASCADE")
    department_id: int = _fk("department.id", "RESTRICT")
    person_id: int | None = _fk("person.id", "SET NULL")
    signed_at: datetime = _ts(default_factory=utcnow)
    verdict: SignOffVerdict = _enum(SignOffVerdict, SignOffVerdict.ACCEPTED)
    comment: str = ""


class RetroItem(Row, table=True):
    """One item of the retrospective summary (《协作复盘总结表》)."""

    project_id: int = _fk("project.id", "CASCADE")
    meeting_id: int | None = _fk("meeting.id", "SET NULL")
    dimension: RetroDimension = _enum(RetroDimension, RetroDimension.HIGHLIGHT)
    position: int = 0
    text: str
    goal_id: int | None = _fk("goal.id", "SET NULL")
    owner_id: int | None = _fk("person.id", "SET NULL")
    action: str = ""
    due_on: date | None = None


class BestPractice(Row, table=True):
    """A practice in the handbook (《跨部门协作最佳实践手册》)."""

    title: str
    body: str = ""
    tags: str = ""  # comma-separated
    source_project_id: int | None = _fk("project.id", "SET NULL")
    source_retro_item_id: int | None = _fk("retroitem.id", "SET NULL")
    source_on: date | None = None
    retired_at: datetime | None = _ts(default=None)


# --------------------------------------------------------------------------- audit


class Change(SQLModel, table=True):
    """One changed record in the audit trail: who, when, what, old and new values.

    Rows of one transaction share ``txn``; ``intent`` names the user action
    (``"task.move"``), so history and undo can work on whole actions. The rows of
    an undo or a redo name the transaction they revert in ``reverts``.
    """

    __table_args__ = (Index("ix_change_record", "entity", "entity_id", "id"),)

    if TYPE_CHECKING:  # as in Row
        id: int = Field(default=None, primary_key=True)
        __tablename__: ClassVar[str]
        __table__: ClassVar[Table]
    else:
        id: int | None = Field(default=None, primary_key=True)
    at: datetime = _ts(default_factory=utcnow, index=True)
    actor: str = Field(index=True)
    txn: str = Field(index=True)
    intent: str = Field(default="", index=True)
    entity: str = Field(index=True)
    entity_id: int = Field(index=True)
    project_id: int | None = Field(default=None, index=True)  # the project it belongs to
    action: ChangeAction = _enum(ChangeAction, ChangeAction.UPDATE)
    changes: str = "{}"  # JSON: {field: [old, new]}
    note: str = ""
    reverts: str | None = Field(default=None, index=True)  # the txn an undo/redo reverts


#: Every editable table, in an order where referenced tables come first.
EDITABLE_TABLES: tuple[type[Row], ...] = (
    Department,
    Person,
    Project,
    ProjectDepartment,
    Goal,
    Deliverable,
    Milestone,
    Consultation,
    Meeting,
    Attendee,
    AgendaItem,
    Decision,
    OpenItem,
    Task,
    TaskSupport,
    TaskUpdate,
    ResourceRequest,
    ProgressEntry,
    RiskWarning,
    RiskTask,
    RiskDepartment,
    AcceptanceItem,
    SignOff,
    RetroItem,
    BestPractice,
)

#: Table name → model class.
TABLES: dict[str, type[Row] | type[Change]] = {
    **{m.__tablename__: m for m in EDITABLE_TABLES},
    Change.__tablename__: Change,
}


class StoreMeta(SQLModel, table=True):
    """The store's own facts, one row each (its id: see ``store/meta.py``).

    Not a playbook record: no version, no change log, not in the exchange format.
    """

    __tablename__ = "store_meta"
    if TYPE_CHECKING:  # as in Row
        __table__: ClassVar[Table]

    key: str = Field(primary_key=True, max_length=64)
    value: str


class OutboxMessage(SQLModel, table=True):
    """A message on its way to a mail server or a group-chat robot (see ``store/outbox.py``).

    Not a playbook record: no version, no change log, not in the exchange format (a
    restored store must not send anything again). ``message_key`` is the message's
    stable id (its Message-ID, a robot's dedupe key): the same message is queued once.
    """

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _ts(default_factory=utcnow)
    updated_at: datetime = _ts(default_factory=utcnow)
    kind: str = Field(max_length=16)
    channel: str = Field(max_length=64)
    platform: str = Field(max_length=16)
    message_key: str = Field(unique=True)
    title: str = ""
    recipients: str = ""
    payload: str = ""
    project_code: str = Field(default="", index=True)
    entity: str = ""
    entity_id: int | None = None
    status: str = Field(default="queued", max_length=16, index=True)
    attempts: int = 0
    next_try_at: datetime | None = _ts(default=None)
    claimed_until: datetime | None = _ts(default=None)
    sent_at: datetime | None = _ts(default=None)
    answer: str = ""
    created_by: str = ""
