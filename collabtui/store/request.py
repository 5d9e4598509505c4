"""Phase 1: the request form, one-to-one confirmations, the review and the phase guard."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlmodel import col, select

from collabtui.domain.drafts import (
    DeliverableDraft,
    GoalDraft,
    MilestoneDraft,
    PartnerDraft,
    RequestDraft,
)
from collabtui.domain.enums import (
    AgendaKind,
    AttendeeRole,
    ConsultationStatus,
    DepartmentRole,
    MeetingKind,
    Priority,
    Scenario,
)
from collabtui.domain.errors import NotFound, ValidationError
from collabtui.domain.playbook import Problem, blocking, check_request
from collabtui.domain.views import ConsultationRow
from collabtui.i18n import has, t
from collabtui.store.base import StoreBase
from collabtui.store.models import (
    AgendaItem,
    Attendee,
    Change,
    Consultation,
    Deliverable,
    Department,
    Goal,
    Meeting,
    Milestone,
    Project,
    ProjectDepartment,
    utcnow,
)
from collabtui.store.projects import department_links

#: Entities whose changes alter what a department agreed to.
REQUEST_ENTITIES = ("project", "goal", "milestone", "deliverable", "projectdepartment")
#: The user actions that edit the request form (loads and confirmations do not).
REQUEST_INTENTS = ("request.save", "project.edit")


class RequestInvalid(ValidationError):
    """A request form with blocking problems; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        first = problems[0]
        super().__init__(field=first.field, key=first.key, params=first.params)
        self.problems = problems


class RequestOps(StoreBase):
    """Store methods for phase 1 (mixed into :class:`~collabtui.store.Store`)."""

    # ------------------------------------------------------------------ the form

    def request_draft(self, project_id: int) -> RequestDraft:
        """The request form of a saved project, ready to edit."""
        with self.db.read() as s:
            p = s.get(Project, project_id)
            if p is None:
                raise NotFound("project", project_id)
            links = department_links(s, project_id)
            return RequestDraft(
                code=p.code,
                topic=p.topic,
                scenario=p.scenario.value,
                requesting_department_id=p.requesting_department_id,
                lead_id=p.lead_id,
                partners=[
                    PartnerDraft(department_id=d.id, external=link.role == DepartmentRole.EXTERNAL)
                    for link, d in links
                ],
                background=p.background,
                business_value=p.business_value,
                goals=[
                    GoalDraft(g.description, g.metric, g.target, g.unit, g.id)
                    for g in _children(s, Goal, project_id)
                ],
                milestones=[
                    MilestoneDraft(m.name, m.due_on, m.id)
                    for m in _children(s, Milestone, project_id)
                ],
                deliverables=[
                    DeliverableDraft(d.name, d.quality_standard, d.id)
                    for d in _children(s, Deliverable, project_id)
                ],
                start_on=p.start_on,
                end_on=p.end_on,
                project_id=p.id,
                version=p.version,
            )

    def save_request(self, draft: RequestDraft, today: date) -> Project:
        """Create or update a project from its request form, in one transaction.

        New collaborating departments are added to the directory; each collaborating
        department gets a pending one-to-one confirmation.
        """
        problems = blocking(check_request(draft, today))
        if problems:
            raise RequestInvalid(problems)
        fields: dict[str, Any] = {
            "code": draft.code.strip(),
            "topic": draft.topic.strip(),
            "scenario": Scenario(draft.scenario),
            "requesting_department_id": draft.requesting_department_id,
            "lead_id": draft.lead_id,
            "background": draft.background,
            "business_value": draft.business_value,
            "start_on": draft.start_on,
            "end_on": draft.end_on,
        }
        with self.db.write("request.save") as u:
            clash = u.first(
                select(Project).where(
                    Project.code == fields["code"], Project.id != (draft.project_id or -1)
                )
            )
            if clash:
                raise RequestInvalid([Problem("code", "rule.code_taken", {"code": fields["code"]})])
            if draft.project_id is None:  # draft.is_new
                project = u.add(Project(**fields))
            else:
                project = u.edit(Project, draft.project_id, draft.version, **fields)
                # The form is one record: saving it always makes a new version, so a
                # copy holding an older form conflicts even if only a goal changed.
                project.updated_at = utcnow()
            pid = project.id
            self._sync_partners(u, pid, draft.requesting_department_id, draft.partners)
            _sync(
                u,
                Goal,
                pid,
                [g for g in draft.goals if g.description.strip()],
                lambda g: {
                    "description": g.description.strip(),
                    "metric": g.metric.strip(),
                    "target": g.target,
                    "unit": g.unit.strip(),
                },
            )
            _sync(
                u,
                Milestone,
                pid,
                [m for m in draft.milestones if m.name.strip()],
                lambda m: {"name": m.name.strip(), "due_on": m.due_on},
            )
            _sync(
                u,
                Deliverable,
                pid,
                [d for d in draft.deliverables if d.name.strip()],
                lambda d: {"name": d.name.strip(), "quality_standard": d.quality_standard.strip()},
            )
            return project

    def _sync_partners(
        self, u, project_id: int, requesting_id: int | None, partners: list[PartnerDraft]
    ) -> None:
        """Make the project's collaborating departments (and consultations) match.

        A partner typed by name is the existing department of that name, or a new one.
        Its role is external when the form says so; the directory flag only sets the
        form's default.
        """
        wanted: list[tuple[int, bool]] = []
        for partner in partners:
            if partner.department_id is None:
                name = partner.new_name.strip()
                if not name:
                    continue
                dept = u.first(select(Department).where(Department.name == name))
                if dept is None:
                    dept = u.add(Department(name=name, external=partner.external))
            else:
                dept = u.get(Department, partner.department_id)
            if dept.id == requesting_id:
                raise RequestInvalid([Problem("partners", "rule.requesting_is_partner")])
            if any(dept.id == seen for seen, _ in wanted):
                raise RequestInvalid([Problem("partners", "rule.duplicate_partner")])
            wanted.append((dept.id, partner.external))
        links = {
            link.department_id: link
            for link in u.scalars(
                select(ProjectDepartment).where(ProjectDepartment.project_id == project_id)
            )
        }
        consultations = {
            c.department_id: c
            for c in u.scalars(select(Consultation).where(Consultation.project_id == project_id))
        }
        for position, (dept_id, external) in enumerate(wanted):
            role = DepartmentRole.EXTERNAL if external else DepartmentRole.COLLABORATING
            link = links.pop(dept_id, None)
            if link is None:
                u.add(
                    ProjectDepartment(
                        project_id=project_id, department_id=dept_id, role=role, position=position
                    )
                )
            else:
                link.role, link.position = role, position
            if dept_id not in consultations:
                head = u.session.get(Department, dept_id).head_id
                u.add(Consultation(project_id=project_id, department_id=dept_id, head_id=head))
        for dept_id, link in links.items():
            u.delete(link)
            if dept_id in consultations:
                u.delete(consultations[dept_id])

    # ------------------------------------------------------------------ one-to-one

    def consultations(self, project_id: int) -> list[ConsultationRow]:
        """One row per collaborating department, with what changed since it agreed."""
        with self.db.read() as s:
            rows = consultation_rows(s, project_id)
            people = _names(s)
            out = []
            for c, d, role in rows:
                changed = _request_changes(s, project_id, c.agreed_at) if c.agreed_at else []
                out.append(
                    ConsultationRow(
                        id=c.id,
                        version=c.version,
                        department_id=d.id,
                        department=d.name,
                        external=role == DepartmentRole.EXTERNAL,
                        head_id=c.head_id,
                        head=people.get(c.head_id, ""),
                        held_on=c.held_on,
                        status=c.status.value,
                        feasibility=c.feasibility,
                        resource_gaps=c.resource_gaps,
                        risks=c.risks,
                        feedback=c.feedback,
                        agreed_at=c.agreed_at,
                        changed_since_agreed=tuple(_describe(ch) for ch in changed),
                    )
                )
            return out

    def record_consultation(self, consultation_id: int, version: int, **fields) -> Consultation:
        """Record a one-to-one confirmation; recording "agreed" stamps the moment, so
        what changed since is counted from the latest agreement."""
        status = fields.get("status")
        if status is not None:
            fields["status"] = ConsultationStatus(status)
        with self.db.write("consultation.record") as u:
            if fields.get("status") == ConsultationStatus.AGREED:
                # Agreeing (again) is agreeing to the request as it is now.
                fields["agreed_at"] = utcnow()
            return u.edit(Consultation, consultation_id, version, **fields)

    def request_changes_since(self, project_id: int, since: datetime) -> list[Change]:
        """Edits to the request form (project, goals, milestones, …) after ``since``."""
        with self.db.read() as s:
            return _request_changes(s, project_id, since)

    # ------------------------------------------------------------------ review

    def schedule_requirement_review(
        self,
        project_id: int,
        start_at: datetime,
        *,
        duration_min: int = 60,
        place: str = "",
    ) -> Meeting:
        """Plan the requirement review (需求评审会), prefilled from the request.

        Every collaborating department's head is invited as a decision maker; the
        agenda walks the request form; the lead hosts.
        """
        with self.db.write("meeting.plan_review") as u:
            p = u.get(Project, project_id)
            meeting = u.add(
                Meeting(
                    project_id=project_id,
                    kind=MeetingKind.REQUIREMENT_REVIEW,
                    title=t("review.title", topic=p.topic),
                    goal=t("review.goal"),
                    start_at=start_at,
                    duration_min=duration_min,
                    place=place,
                    host_id=p.lead_id,
                )
            )
            invited: set[int] = set()
            if p.lead_id:
                u.add(
                    Attendee(
                        meeting_id=meeting.id, person_id=p.lead_id, role=AttendeeRole.DECISION_MAKER
                    )
                )
                invited.add(p.lead_id)
            heads = u.scalars(
                select(Consultation.head_id).where(
                    Consultation.project_id == project_id, col(Consultation.head_id).is_not(None)
                )
            )
            for head in heads:
                if head not in invited:
                    u.add(
                        Attendee(
                            meeting_id=meeting.id,
                            person_id=head,
                            role=AttendeeRole.DECISION_MAKER,
                        )
                    )
                    invited.add(head)
            agenda = [
                ("review.agenda_background", AgendaKind.REPORT, 10),
                ("review.agenda_goals", AgendaKind.DISCUSSION, 15),
                ("review.agenda_plan", AgendaKind.DISCUSSION, 10),
                ("review.agenda_resources", AgendaKind.DECISION, 10),
                ("review.agenda_standards", AgendaKind.DECISION, 10),
            ]
            for position, (key, kind, minutes) in enumerate(agenda):
                u.add(
                    AgendaItem(
                        meeting_id=meeting.id,
                        position=position,
                        title=t(key),
                        owner_id=p.lead_id,
                        timebox_min=minutes,
                        kind=kind,
                    )
                )
            return meeting

    def record_confirmation(
        self,
        project_id: int,
        version: int,
        *,
        meeting_id: int | None,
        notes: str,
        priorities: dict[int, str],
        commitments: dict[int, str],
        standards: dict[int, str],
    ) -> Project:
        """Record the requirement confirmation minutes (《需求确认纪要》).

        ``priorities`` maps goal ids to a priority, ``commitments`` department ids to
        the resources they committed, ``standards`` deliverable ids to the quality
        standard acceptance will check.
        """
        try:
            priorities = {k: Priority(v) for k, v in priorities.items()}
        except ValueError:
            raise ValidationError.of("rule.bad_priority", "priority") from None
        with self.db.write("request.confirm") as u:
            if meeting_id is not None:
                meeting = u.get(Meeting, meeting_id)
                if (
                    meeting.project_id != project_id
                    or meeting.kind != MeetingKind.REQUIREMENT_REVIEW
                ):
                    raise ValidationError.of("rule.not_this_review", "meeting_id")
            project = u.edit(
                Project,
                project_id,
                version,
                confirmation_meeting_id=meeting_id,
                confirmation_notes=notes,
            )
            if project.confirmed_at is None:
                project.confirmed_at = utcnow()
            for goal in u.scalars(select(Goal).where(Goal.project_id == project_id)):
                if goal.id in priorities:
                    goal.priority = priorities[goal.id]
            for link in u.scalars(
                select(ProjectDepartment).where(ProjectDepartment.project_id == project_id)
            ):
                if link.department_id in commitments:
                    link.commitment = commitments[link.department_id].strip()
            for item in u.scalars(select(Deliverable).where(Deliverable.project_id == project_id)):
                if item.id in standards:
                    item.quality_standard = standards[item.id].strip()
            return project


# ---------------------------------------------------------------------- helpers


def consultation_rows(session, project_id: int) -> list:
    """``(consultation, department, role in the project)`` in form order."""
    return list(
        session.exec(
            select(Consultation, Department, ProjectDepartment.role)
            .join(Department, col(Department.id) == Consultation.department_id)
            .join(
                ProjectDepartment,
                (col(ProjectDepartment.department_id) == Consultation.department_id)
                & (ProjectDepartment.project_id == Consultation.project_id),
            )
            .where(Consultation.project_id == project_id)
            .order_by(col(ProjectDepartment.position), col(Department.name))
        ).all()
    )


def _children(session, model, project_id: int) -> list:
    return list(
        session.exec(
            select(model).where(model.project_id == project_id).order_by(model.position, model.id)
        ).all()
    )


def _sync(u, model, project_id: int, drafts: list, values) -> None:
    """Make a project's child rows equal ``drafts`` (update by id, add, delete)."""
    existing = {row.id: row for row in _children(u.session, model, project_id)}
    for position, draft in enumerate(drafts):
        fields = {**values(draft), "position": position}
        row = existing.pop(draft.id, None) if draft.id is not None else None
        if row is None:
            u.add(model(project_id=project_id, **fields))
        else:
            for name, value in fields.items():
                setattr(row, name, value)
    for row in existing.values():
        u.delete(row)


def _names(session) -> dict[int, str]:
    from collabtui.store.models import Person

    return {p.id: p.name for p in session.exec(select(Person)).all()}


def _request_changes(session, project_id: int, since: datetime) -> list[Change]:
    stmt = (
        select(Change)
        .where(
            Change.project_id == project_id,
            col(Change.entity).in_(REQUEST_ENTITIES),
            col(Change.intent).in_(REQUEST_INTENTS),
            Change.at > since,
        )
        .order_by(col(Change.id))
    )
    return list(session.exec(stmt).all())


def _describe(change: Change) -> str:
    """A one-line summary of a change: what happened to which record, which fields."""
    hidden = {"id", "project_id", "version"}
    fields = [k.removesuffix("_id") for k in json.loads(change.changes) if k not in hidden]
    names = ", ".join(field_label(f) for f in sorted(fields))
    kind = t(f"kind.{change.entity}")
    return t(
        "change.summary", action=t(f"ChangeAction.{change.action.value}"), kind=kind, fields=names
    )


def field_label(name: str) -> str:
    """The translated label of a column, or the column name when it has none."""
    return t(f"field.{name}") if has(f"field.{name}") else name
