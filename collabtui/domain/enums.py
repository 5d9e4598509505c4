"""The playbook's enumerations: phases, statuses, kinds, verdicts (pure Python).

The store's tables store these values; the rules, renderers and screens compare with
them. Nothing here imports the ORM.
"""

from __future__ import annotations

from enum import StrEnum


class Scenario(StrEnum):
    """Where the playbook is used (适用场景)."""

    JOINT_PROJECT = "joint_project"
    RESOURCE_SHARING = "resource_sharing"
    PROBLEM_SOLVING = "problem_solving"
    TEAM_BUILDING = "team_building"


class Phase(StrEnum):
    """A project's lifecycle phase, in order."""

    DRAFT = "draft"
    ALIGNING = "aligning"
    CONFIRMED = "confirmed"
    EXECUTING = "executing"
    ACCEPTING = "accepting"
    RETROSPECTIVE = "retrospective"
    CLOSED = "closed"


class DepartmentRole(StrEnum):
    """How a department takes part in a project."""

    COLLABORATING = "collaborating"
    EXTERNAL = "external"


class ConsultationStatus(StrEnum):
    """Outcome of a one-to-one confirmation (一对一沟通确认)."""

    PENDING = "pending"
    AGREED = "agreed"
    CONCERNS = "concerns"
    BLOCKED = "blocked"


class MeetingKind(StrEnum):
    """The kinds of meeting the playbook runs."""

    REQUIREMENT_REVIEW = "requirement_review"
    COORDINATION = "coordination"
    WEEKLY_PROGRESS = "weekly_progress"
    ACCEPTANCE = "acceptance"
    RETROSPECTIVE = "retrospective"
    FOLLOW_UP = "follow_up"


class AttendeeRole(StrEnum):
    """An attendee's role in a meeting."""

    DECISION_MAKER = "decision_maker"
    EXECUTOR = "executor"
    CC = "cc"


class AgendaKind(StrEnum):
    """What an agenda item is for."""

    REPORT = "report"
    DISCUSSION = "discussion"
    DECISION = "decision"


class DecisionStatus(StrEnum):
    """Tracking state of a meeting decision."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class TaskStatus(StrEnum):
    """Board columns, in order."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    DONE = "done"
    ACCEPTED = "accepted"


class Priority(StrEnum):
    """Task priority."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class ResourceKind(StrEnum):
    """What a resource request asks for."""

    PEOPLE = "people"
    BUDGET = "budget"
    EQUIPMENT = "equipment"
    OTHER = "other"


class ResourceStatus(StrEnum):
    """Resource request lifecycle."""

    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    IN_PLACE = "in_place"


class ProgressStatus(StrEnum):
    """A task's standing in the weekly standup."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BLOCKED = "blocked"
    DONE = "done"


class RiskType(StrEnum):
    """Risk warning types (《风险预警表》)."""

    RESOURCE_SHORTAGE = "resource_shortage"
    TECHNICAL_BOTTLENECK = "technical_bottleneck"
    DEPENDENCY = "dependency"
    SCHEDULE = "schedule"
    SCOPE_QUALITY = "scope_quality"
    EXTERNAL = "external"
    OTHER = "other"


class RiskLevel(StrEnum):
    """How bad a risk is."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class RiskStatus(StrEnum):
    """Risk warning lifecycle."""

    OPEN = "open"
    ASSESSING = "assessing"
    MITIGATING = "mitigating"
    CLOSED = "closed"
    MATERIALIZED = "materialized"


class Verdict(StrEnum):
    """Acceptance verdict for one item."""

    PENDING = "pending"
    PASS = "pass"
    FAIL = "fail"
    WAIVED = "waived"


class SignOffVerdict(StrEnum):
    """A department's acceptance sign-off."""

    ACCEPTED = "accepted"
    ACCEPTED_WITH_RESERVATIONS = "accepted_with_reservations"
    REJECTED = "rejected"


class RetroDimension(StrEnum):
    """The four dimensions of the retrospective summary."""

    GOAL_RESULT = "goal_result"
    HIGHLIGHT = "highlight"
    PROBLEM = "problem"
    SUGGESTION = "suggestion"


class ChangeAction(StrEnum):
    """What a change-log row records."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


# --------------------------------------------------------------------------- helpers


#: Task statuses that still need work (a task in one of them can be overdue).
OPEN_TASK_STATUSES: tuple[str, ...] = (TaskStatus.TODO, TaskStatus.IN_PROGRESS, TaskStatus.BLOCKED)
#: Risk statuses of a warning still being handled (the register lists them first).
ACTIVE_RISK_STATUSES: tuple[str, ...] = (
    RiskStatus.OPEN,
    RiskStatus.ASSESSING,
    RiskStatus.MITIGATING,
)


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The values of ``enum`` in their declared order, as plain strings."""
    return tuple(member.value for member in enum)
