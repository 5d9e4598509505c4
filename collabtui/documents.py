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
    #: A :class:`~collabtui.models.DepartmentRole` value: collaborating / external.
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
    #: A :class:`~collabtui.models.Priority` value.
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
    #: A :class:`~collabtui.models.ChangeAction` value: create / update / delete.
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
class ConsultationEntry:
    """One row of the one-to-one alignment table (一对一沟通确认)."""

    department: str
    external: bool = False
    head: str = ""
    held_on: date | None = None
    #: A :class:`~collabtui.models.ConsultationStatus` value.
    status: str = "pending"
    feasibility: str = ""
    resource_gaps: str = ""
    risks: str = ""
    feedback: str = ""
    agreed_at: datetime | None = None
    #: Edits to the request after the department agreed, oldest first.
    changed_since_agreed: tuple[RequestChange, ...] = ()


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
    #: A :class:`~collabtui.models.Scenario` value.
    scenario: str
    #: A :class:`~collabtui.models.Phase` value.
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
