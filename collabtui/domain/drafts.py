"""Plain data a form edits and the store saves: the request form (表1).

No ORM here, so the rules in :mod:`collabtui.domain.playbook` can check a draft and the UI
can hold one while the user types, without a database row behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class GoalDraft:
    """A core goal: what, how it is measured, and the number to reach."""

    description: str = ""
    metric: str = ""
    target: float | None = None
    unit: str = ""
    id: int | None = None

    @property
    def measurable(self) -> bool:
        """True when the goal has a number to check against."""
        return self.target is not None


@dataclass
class MilestoneDraft:
    """A time node."""

    name: str = ""
    due_on: date | None = None
    id: int | None = None


@dataclass
class DeliverableDraft:
    """An expected deliverable (its quality standard is set in the confirmation)."""

    name: str = ""
    quality_standard: str = ""
    id: int | None = None


@dataclass
class PartnerDraft:
    """A collaborating department: an existing one (``department_id``) or a new name."""

    department_id: int | None = None
    new_name: str = ""
    external: bool = False


@dataclass
class RequestDraft:
    """Everything on the collaboration request form."""

    code: str = ""
    topic: str = ""
    scenario: str = "joint_project"
    requesting_department_id: int | None = None
    lead_id: int | None = None
    partners: list[PartnerDraft] = field(default_factory=list)
    background: str = ""
    business_value: str = ""
    goals: list[GoalDraft] = field(default_factory=list)
    milestones: list[MilestoneDraft] = field(default_factory=list)
    deliverables: list[DeliverableDraft] = field(default_factory=list)
    #: The project's start and planned end (the overview shows them).
    start_on: date | None = None
    end_on: date | None = None
    #: Set when the draft edits an existing project.
    project_id: int | None = None
    version: int | None = None

    @property
    def is_new(self) -> bool:
        """True for a request that is not saved yet."""
        return self.project_id is None
