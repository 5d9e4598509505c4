"""Projects: finding them by id or code, creating them, reading one whole."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from collabtui.domain.errors import NotFound, ValidationError
from collabtui.store.base import StoreBase
from collabtui.store.models import (
    Deliverable,
    Department,
    Goal,
    Meeting,
    Milestone,
    Person,
    Project,
    ProjectDepartment,
    RiskWarning,
    Task,
)


@dataclass(frozen=True)
class ProjectOverview:
    """Everything the project screen shows, read in one session (rows of the store)."""

    project: Project
    requesting: Department | None
    lead: Person | None
    departments: list[tuple[str, Department]]
    deliverables: list[Deliverable]
    goals: list[Goal]
    milestones: list[Milestone]
    meetings: list[Meeting]
    tasks: list[Task]
    risks: list[RiskWarning]


class ProjectOps(StoreBase):
    """Store methods for projects (mixed into :class:`~collabtui.store.Store`)."""

    def projects(self) -> list[Project]:
        """Every project, by code."""
        with self.db.read() as s:
            return list(s.exec(select(Project).order_by(Project.code)).all())

    def project(self, key: int | str) -> Project:
        """The project with this id or code (codes match case-insensitively)."""
        with self.db.read() as s:
            return _find_project(s, key)

    def project_id(self, key: int | str) -> int:
        """The id of the project with this id or code."""
        return self.project(key).id

    def create_project(self, code: str, topic: str, **fields) -> Project:
        """Open a new project (phase *draft*)."""
        code, topic = (code or "").strip(), (topic or "").strip()
        if not code:
            raise ValidationError.of("err.required", "code")
        if not topic:
            raise ValidationError.of("err.required", "topic")
        with self.db.write("project.create") as u:
            if u.first(select(Project).where(Project.code == code)):
                raise ValidationError.of("err.code_taken", "code", code=code)
            return u.add(Project(code=code, topic=topic, **fields))

    def edit_project(self, project_id: int, version: int, **fields) -> Project:
        """Change request-form fields of a project."""
        with self.db.write("project.edit") as u:
            return u.edit(Project, project_id, version, **fields)

    def project_departments(self, project_id: int) -> list[tuple[ProjectDepartment, Department]]:
        """The project's collaborating departments with their links, in form order."""
        with self.db.read() as s:
            return department_links(s, project_id)

    def deliverables(self, project_id: int) -> list[Deliverable]:
        """The project's expected deliverables, in form order."""
        with self.db.read() as s:
            return list(
                s.exec(
                    select(Deliverable)
                    .where(Deliverable.project_id == project_id)
                    .order_by(col(Deliverable.position), col(Deliverable.id))
                ).all()
            )

    def project_overview(self, project_id: int) -> ProjectOverview:
        """Everything the project screen shows, read in one session."""
        with self.db.read() as s:
            project = _find_project(s, project_id)
            pid = project.id
            requesting = (
                s.get(Department, project.requesting_department_id)
                if project.requesting_department_id
                else None
            )
            lead = s.get(Person, project.lead_id) if project.lead_id else None
            links = department_links(s, pid)
            return ProjectOverview(
                project=project,
                requesting=requesting,
                lead=lead,
                departments=[(link.role, dept) for link, dept in links],
                deliverables=list(
                    s.exec(
                        select(Deliverable)
                        .where(Deliverable.project_id == pid)
                        .order_by(col(Deliverable.position), col(Deliverable.id))
                    )
                ),
                goals=list(
                    s.exec(select(Goal).where(Goal.project_id == pid).order_by(col(Goal.position)))
                ),
                milestones=list(
                    s.exec(
                        select(Milestone)
                        .where(Milestone.project_id == pid)
                        .order_by(col(Milestone.due_on))
                    )
                ),
                meetings=list(
                    s.exec(
                        select(Meeting)
                        .where(Meeting.project_id == pid)
                        .order_by(col(Meeting.start_at))
                    )
                ),
                tasks=list(s.exec(select(Task).where(Task.project_id == pid).order_by(Task.code))),
                risks=list(
                    s.exec(
                        select(RiskWarning)
                        .where(RiskWarning.project_id == pid)
                        .order_by(col(RiskWarning.raised_at))
                    )
                ),
            )


def department_links(session, project_id: int) -> list[tuple[ProjectDepartment, Department]]:
    """A project's collaborating departments with their links, in form order."""
    return list(
        session.exec(
            select(ProjectDepartment, Department)
            .join(Department, col(Department.id) == ProjectDepartment.department_id)
            .where(ProjectDepartment.project_id == project_id)
            .order_by(col(ProjectDepartment.position), col(Department.name))
        ).all()
    )


def _find_project(session, key: int | str) -> Project:
    """Resolve an id (int or digits) or a code to a project."""
    text = str(key).strip()
    project = None
    if text.isdigit():
        project = session.get(Project, int(text))
    if project is None:
        project = session.exec(select(Project).where(Project.code == text)).first()
    if project is None and text:
        from sqlalchemy import func

        project = session.exec(
            select(Project).where(func.lower(Project.code) == text.lower())
        ).first()
    if project is None:
        raise NotFound("project", text)
    return project
