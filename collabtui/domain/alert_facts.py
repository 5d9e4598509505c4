"""The plain facts the alert rules read: one frozen dataclass per kind of record.

:meth:`collabtui.store.Store.alert_facts` fills them with one query per table; tests
and property tests build them by hand. No ORM, no terminal, no I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from collabtui.domain.views import ResourceRow


@dataclass(frozen=True)
class ProjectFacts:
    """What the project-level rules need to know about one project."""

    id: int
    code: str
    topic: str = ""
    phase: str = "draft"
    start_on: date | None = None
    end_on: date | None = None
    ended_at: datetime | None = None
    confirmed_at: datetime | None = None
    #: ``(phase, when)`` moves recorded by the phase guard, oldest first.
    entered: tuple[tuple[str, datetime], ...] = ()
    #: Collaborating departments ``(id, name)`` (external partners are not required to sign).
    departments: tuple[tuple[int, str], ...] = ()
    #: Departments whose sign-off accepts the results (with or without reservations).
    signed_off: frozenset[int] = frozenset()
    #: ISO weeks (``"2026-W48"``) that have a weekly progress list.
    progress_weeks: frozenset[str] = frozenset()
    #: Acceptance meetings' ends, for projects whose end is not otherwise recorded.
    acceptance_ended: tuple[datetime, ...] = ()

    def entered_at(self, phase: str) -> datetime | None:
        """When the project last moved into ``phase`` (``None``: not recorded)."""
        moments = [when for name, when in self.entered if name == phase]
        return moments[-1] if moments else None


@dataclass(frozen=True)
class MeetingFacts:
    """A meeting's schedule, notice and minutes."""

    id: int
    project_id: int | None
    kind: str
    title: str
    start_at: datetime
    duration_min: int = 60
    notice_sent_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    minutes_distributed_at: datetime | None = None
    #: What it lacks of agenda, host, recorder, attendees
    #: (:func:`~collabtui.domain.lifecycle_rules.meeting_missing`).
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class DecisionFacts:
    """A meeting decision: owner, due date and tracking status."""

    id: int
    meeting_id: int
    project_id: int | None
    text: str
    owner_id: int | None = None
    due_on: date | None = None
    status: str = "open"


@dataclass(frozen=True)
class OpenItemFacts:
    """An item a meeting left unresolved."""

    id: int
    meeting_id: int
    project_id: int | None
    text: str
    follow_up_meeting_id: int | None = None
    resolved: bool = False


@dataclass(frozen=True)
class TaskFacts:
    """A task of the tracking table: owner, deliverable, standard, status, due date."""

    id: int
    project_id: int
    code: str
    title: str
    owner_id: int | None = None
    owner_retired: bool = False
    deliverable: str = ""
    quality_standard: str = ""
    status: str = "todo"
    due_on: date | None = None


@dataclass(frozen=True)
class RiskFacts:
    """A risk warning: when it was raised and the date it threatens."""

    id: int
    project_id: int
    title: str
    raised_at: datetime
    threatened_on: date | None = None
    status: str = "open"


@dataclass(frozen=True)
class AlertFacts:
    """Everything the rules look at, as plain values (``Store.alert_facts`` reads it)."""

    projects: tuple[ProjectFacts, ...] = ()
    meetings: tuple[MeetingFacts, ...] = ()
    decisions: tuple[DecisionFacts, ...] = ()
    open_items: tuple[OpenItemFacts, ...] = ()
    tasks: tuple[TaskFacts, ...] = ()
    resources: tuple[ResourceRow, ...] = ()
    risks: tuple[RiskFacts, ...] = ()


__all__ = [
    "AlertFacts",
    "DecisionFacts",
    "MeetingFacts",
    "OpenItemFacts",
    "ProjectFacts",
    "RiskFacts",
    "TaskFacts",
]
