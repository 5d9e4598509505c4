"""Whole documents for the exporters, each read in one session (one consistent view)."""

from __future__ import annotations

import json

from sqlmodel import select

from collabtui.documents import (
    ConfirmationEntry,
    ConsultationEntry,
    DeliverableEntry,
    DepartmentEntry,
    GoalEntry,
    MilestoneEntry,
    RequestChange,
    RequestDocument,
)
from collabtui.models import (
    Change,
    Deliverable,
    Department,
    DepartmentRole,
    Goal,
    Meeting,
    Milestone,
    Person,
)
from collabtui.store.projects import _find_project, department_links
from collabtui.store.request import _children, _request_changes, consultation_rows


class DocumentOps:
    """Store methods that read export documents (mixed into :class:`~collabtui.store.Store`)."""

    def request_document(self, key: int | str) -> RequestDocument:
        """The request form, the one-to-one alignment and the confirmation of a project.

        ``key`` is the project's id or code; :class:`~collabtui.store.NotFound` if none.
        """
        with self.db.read() as s:
            project = _find_project(s, key)
            pid = project.id
            departments = {d.id: d for d in s.exec(select(Department)).all()}
            people = {p.id: p.name for p in s.exec(select(Person)).all()}
            links = department_links(s, pid)
            consultations = consultation_rows(s, pid)
            goals = _children(s, Goal, pid)
            milestones = _children(s, Milestone, pid)
            deliverables = _children(s, Deliverable, pid)
            #: What each record of the form is called now, for the change notes.
            names: dict[tuple[str, int], str] = {
                **{("goal", g.id): g.description for g in goals},
                **{("milestone", m.id): m.name for m in milestones},
                **{("deliverable", d.id): d.name for d in deliverables},
                **{("projectdepartment", link.id): dept.name for link, dept in links},
            }
            requesting = departments.get(project.requesting_department_id)
            meeting = (
                s.get(Meeting, project.confirmation_meeting_id)
                if project.confirmation_meeting_id
                else None
            )
            return RequestDocument(
                id=pid,
                code=project.code,
                topic=project.topic,
                scenario=project.scenario.value,
                phase=project.phase.value,
                requesting_department=requesting.name if requesting else "",
                lead=people.get(project.lead_id, ""),
                background=project.background,
                business_value=project.business_value,
                departments=tuple(
                    DepartmentEntry(
                        name=dept.name,
                        role=link.role.value,
                        head=people.get(dept.head_id, ""),
                        commitment=link.commitment,
                    )
                    for link, dept in links
                ),
                goals=tuple(
                    GoalEntry(
                        description=g.description,
                        metric=g.metric,
                        target=g.target,
                        unit=g.unit,
                        priority=g.priority.value,
                    )
                    for g in goals
                ),
                milestones=tuple(
                    MilestoneEntry(name=m.name, due_on=m.due_on, done_on=m.done_on)
                    for m in milestones
                ),
                deliverables=tuple(
                    DeliverableEntry(name=d.name, quality_standard=d.quality_standard)
                    for d in deliverables
                ),
                consultations=tuple(
                    ConsultationEntry(
                        department=dept.name,
                        external=role == DepartmentRole.EXTERNAL,
                        head=people.get(c.head_id, ""),
                        held_on=c.held_on,
                        status=c.status.value,
                        feasibility=c.feasibility,
                        resource_gaps=c.resource_gaps,
                        risks=c.risks,
                        feedback=c.feedback,
                        agreed_at=c.agreed_at,
                        changed_since_agreed=(
                            tuple(
                                _change(ch, names, departments)
                                for ch in _request_changes(s, pid, c.agreed_at)
                            )
                            if c.agreed_at
                            else ()
                        ),
                    )
                    for c, dept, role in consultations
                ),
                confirmation=(
                    ConfirmationEntry(
                        confirmed_at=project.confirmed_at,
                        notes=project.confirmation_notes,
                        meeting_title=meeting.title if meeting else "",
                        meeting_start=meeting.start_at if meeting else None,
                        meeting_place=meeting.place if meeting else "",
                    )
                    if project.confirmed_at is not None
                    else None
                ),
            )


#: Foreign keys that name a field of the request form; other ids are left out.
_KEY_FIELDS = {"lead_id": "lead", "requesting_department_id": "requesting"}
#: The column that names a record of each kind, shown with its change.
_SUBJECT = {"goal": "description", "milestone": "name", "deliverable": "name"}


def _change(
    change: Change, names: dict[tuple[str, int], str], departments: dict[int, Department]
) -> RequestChange:
    """A change-log row as a plain record: which fields, and which record by name."""
    diff: dict[str, list] = json.loads(change.changes)
    fields = sorted(_KEY_FIELDS.get(k, k) for k in diff if k in _KEY_FIELDS or not _is_key(k))
    subject = names.get((change.entity, change.entity_id))
    if subject is None and change.entity == "projectdepartment":  # since removed
        dept = departments.get(_latest(diff.get("department_id")))
        subject = dept.name if dept else ""
    elif subject is None and change.entity in _SUBJECT:  # since deleted
        subject = _latest(diff.get(_SUBJECT[change.entity])) or ""
    return RequestChange(
        at=change.at,
        action=change.action.value,
        entity=change.entity,
        fields=tuple(fields),
        subject=str(subject or ""),
    )


def _is_key(name: str) -> bool:
    return name == "id" or name.endswith("_id")


def _latest(pair: list | None):
    """The new value of an ``[old, new]`` pair, or the old one for a deletion."""
    if not pair:
        return None
    old, new = pair
    return new if new is not None else old
