"""Plain, immutable objects the UI and the CLI render.

Kept apart from the SQLModel tables (no ORM import here), so start-up can show them
before the ORM is loaded and widgets never hold a live database row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from collabtui.domain.enums import ACTIVE_RISK_STATUSES


@dataclass(frozen=True)
class MeetingSummary:
    """One row of a meeting list."""

    id: int
    project_code: str
    kind: str
    title: str
    start_at: datetime
    duration_min: int


@dataclass(frozen=True)
class SearchHit:
    """A command-palette match: what it is, its label and how to open it."""

    kind: str  # project | meeting | task | person | department
    id: int
    label: str
    detail: str
    project_id: int | None = None


@dataclass(frozen=True)
class ConsultationRow:
    """One department's one-to-one confirmation, with what changed since it agreed."""

    id: int
    version: int
    department_id: int
    department: str
    external: bool
    head_id: int | None
    head: str
    held_on: date | None
    status: str
    feasibility: str
    resource_gaps: str
    risks: str
    feedback: str
    agreed_at: datetime | None
    changed_since_agreed: tuple[str, ...] = ()

    @property
    def needs_attention(self) -> bool:
        """Pending, with concerns, blocked, or agreed to an older version of the request."""
        return self.status != "agreed" or bool(self.changed_since_agreed)


@dataclass(frozen=True)
class SupportRow:
    """A supporting department's duty on a task, with its contact person."""

    id: int
    version: int
    department_id: int
    department: str
    duty: str
    contact_id: int | None
    contact: str


@dataclass(frozen=True)
class TaskUpdateRow:
    """One daily update of a task (newest first in a task's log)."""

    id: int
    on: date
    author: str
    progress: int
    done: str
    problems: str


@dataclass(frozen=True)
class TaskRow:
    """One row of the cross-department task tracking table (表3), every field."""

    id: int
    version: int
    project_id: int
    project_code: str
    code: str
    title: str
    description: str
    owner_id: int
    owner: str
    owner_department: str
    supports: tuple[SupportRow, ...]
    start_on: date | None
    due_on: date | None
    deliverable: str
    quality_standard: str
    progress: int
    status: str
    priority: str
    notes: str
    goal_id: int | None = None
    decision_id: int | None = None
    source: str = ""  # the goal or decision text it came from
    updates: tuple[TaskUpdateRow, ...] = ()


@dataclass(frozen=True)
class ResourceRow:
    """One resource request (《资源申请表》) as the screens and exports show it."""

    id: int
    version: int
    project_id: int
    project_code: str
    kind: str
    description: str
    quantity: float
    unit: str
    currency: str
    department_id: int | None
    department: str
    purpose: str
    needed_by: date | None
    task_id: int | None
    task_code: str
    status: str
    in_place_on: date | None
    #: Who approved it (the author of the approval in the change log), "" when not.
    approved_by: str = ""


#: Risk statuses that still need the leading department's attention.


@dataclass(frozen=True)
class RiskRow:
    """One risk warning (《风险预警表》) as the register and the exports show it.

    ``lead_time`` (how long before the start of the threatened day it was raised;
    negative when raised after) and ``late`` (less than 24 hours) are computed by the
    store's read in the time zone it is given, with the playbook's rule functions.
    """

    id: int
    version: int
    project_id: int
    project_code: str
    title: str
    type: str
    level: str
    impact: str
    solution: str
    threatened_on: date | None
    raised_by_id: int | None
    raised_by: str
    raised_at: datetime
    status: str
    task_ids: tuple[int, ...] = ()
    task_codes: tuple[str, ...] = ()
    department_ids: tuple[int, ...] = ()
    departments: tuple[str, ...] = ()
    lead_time: timedelta | None = None
    late: bool = False
    #: Why it was closed (the note its latest close carried; "" when not closed).
    closing_note: str = ""

    @property
    def active(self) -> bool:
        """Still open, being assessed or being mitigated (not closed or materialized)."""
        return self.status in ACTIVE_RISK_STATUSES
