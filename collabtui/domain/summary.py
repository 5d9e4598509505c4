"""The dashboard's row: one project in a line. Its own module (not
:mod:`collabtui.domain.views`) because start-up builds these before anything else: the
other views' dataclasses cost start-up time the first frame does not need."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProjectSummary:
    """One dashboard row."""

    id: int
    code: str
    topic: str
    requesting_department: str
    phase: str
    open_tasks: int
    overdue_tasks: int
    open_risks: int
    tasks: int = 0
    goals: int = 0
    partners: int = 0
    has_lead: bool = False
    has_requesting: bool = False
    confirmed: bool = False
    not_agreed: tuple[str, ...] = ()
    # The phase gates' facts (domain/playbook.py), so the dashboard and the project
    # screen judge a project by the same table.
    retro_held: bool = False
    review_pending: bool = False
    acceptance_pending: int = 0
    acceptance_failed: int = 0
    signoffs_missing: tuple[str, ...] = ()
    milestones: int = 0
    deliverables: int = 0
