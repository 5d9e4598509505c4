"""Whole documents for the exporters, each read in one session (one consistent view)."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from collabtui.domain.documents import (
    ActionItemEntry,
    AgendaEntry,
    AttendeeEntry,
    ConfirmationEntry,
    ConsultationEntry,
    ConsultationStepEntry,
    DecisionEntry,
    DeliverableEntry,
    DepartmentEntry,
    GoalEntry,
    MeetingRef,
    MilestoneEntry,
    MinutesDocument,
    OpenItemEntry,
    PersonEntry,
    RequestChange,
    RequestDocument,
)
from collabtui.domain.enums import DepartmentRole
from collabtui.domain.errors import NotFound
from collabtui.store.base import StoreBase
from collabtui.store.models import (
    AgendaItem,
    Attendee,
    Change,
    Decision,
    Deliverable,
    Department,
    Goal,
    Meeting,
    Milestone,
    OpenItem,
    Person,
    Project,
    Task,
)
from collabtui.store.projects import _find_project, department_links
from collabtui.store.request import _children, _request_changes, consultation_rows
from collabtui.store.trail import action_item_ids, consultation_steps, step_note


class DocumentOps(StoreBase):
    """Store methods that read export documents (mixed into :class:`~collabtui.store.Store`)."""

    def request_document(self, key: int | str) -> RequestDocument:
        """The request form, the one-to-one alignment and the confirmation of a project.

        ``key`` is the project's id or code; :class:`~collabtui.store.NotFound` if none.
        """
        with self.db.read() as s:
            project = _find_project(s, key)
            pid = project.id
            # looked up by optional references: a None finds nothing
            departments: dict[int | None, Department] = {
                d.id: d for d in s.exec(select(Department)).all()
            }
            people: dict[int | None, str] = {p.id: p.name for p in s.exec(select(Person)).all()}
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
                        history=tuple(
                            ConsultationStepEntry(
                                at=step.at,
                                status=step.status,
                                held_on=step.held_on,
                                note=step_note(step),
                            )
                            for step in consultation_steps(s, c.id)
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

    # ------------------------------------------------------------------ minutes

    def minutes_document(self, meeting_id: int | str) -> MinutesDocument:
        """The minutes of one meeting (表2), read in one session.

        :class:`~collabtui.store.NotFound` when there is no meeting with this id.
        """
        key = str(meeting_id).strip()
        store_id = self.store_id
        with self.db.read() as s:
            meeting = s.get(Meeting, int(key)) if _is_id(key) else None
            if meeting is None:
                raise NotFound("meeting", key)
            return _minutes(s, [meeting], store_id)[0]

    def meeting_ids(self, project: int | str | None = None) -> list[int]:
        """Ids of the meetings of one project (id or code), or of all, by start time."""
        with self.db.read() as s:
            stmt = select(Meeting.id).order_by(col(Meeting.start_at), col(Meeting.id))
            if project is not None:
                stmt = stmt.where(Meeting.project_id == _find_project(s, project).id)
            return list(s.exec(stmt).all())

    def minutes_documents(self, project: int | str | None = None) -> list[MinutesDocument]:
        """The minutes of every meeting of one project, or of all, by start time.

        One session and a handful of queries whatever the number of meetings: the
        attendees, agenda items, decisions, tasks, open items and people of all the
        selected meetings are each read with ``IN (…)`` lists.
        """
        store_id = self.store_id
        with self.db.read() as s:
            stmt = select(Meeting).order_by(col(Meeting.start_at), col(Meeting.id))
            if project is not None:
                stmt = stmt.where(Meeting.project_id == _find_project(s, project).id)
            return _minutes(s, list(s.exec(stmt).all()), store_id)

    def calendar_meetings(self, project: int | str | None = None) -> list[MinutesDocument]:
        """The meetings for a calendar export (all of them, or one project's), by start.

        The same documents as :meth:`minutes_documents`: a calendar entry needs the
        attendees with their roles and e-mails, and the agenda for its description.
        """
        return self.minutes_documents(project)


#: Foreign keys that name a field of the request form; other ids are left out.
_KEY_FIELDS = {"lead_id": "lead", "requesting_department_id": "requesting"}
#: The column that names a record of each kind, shown with its change.
_SUBJECT = {"goal": "description", "milestone": "name", "deliverable": "name"}


def _change(
    change: Change, names: dict[tuple[str, int], str], departments: dict[int | None, Department]
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


# ---------------------------------------------------------------------- minutes

#: Ids per ``IN (…)`` list: under the 999 bound parameters of older SQLite builds.
_CHUNK = 500


def _is_id(text: str) -> bool:
    """True for a string of digits that fits a database integer."""
    return text.isdigit() and len(text) <= 18


def _where_in(session, query, ids: Iterable[int | None]) -> list:
    """The rows of ``query(chunk)`` for each chunk of the distinct, non-null ``ids``."""
    keys = sorted({i for i in ids if i is not None})
    rows: list = []
    for start in range(0, len(keys), _CHUNK):
        rows.extend(session.exec(query(keys[start : start + _CHUNK])).all())
    return rows


def _grouped(rows: Iterable, attr: str) -> dict[int, list]:
    """Rows by the value of their ``attr`` (order kept)."""
    out: dict[int, list] = defaultdict(list)
    for row in rows:
        out[getattr(row, attr)].append(row)
    return out


def _ref(meeting) -> MeetingRef | None:
    """A meeting (row or record with the :data:`_REF_COLUMNS`) as a reference."""
    if meeting is None:
        return None
    return MeetingRef(
        id=meeting.id,
        title=meeting.title,
        start_at=meeting.start_at,
        duration_min=meeting.duration_min,
        kind=meeting.kind.value,
        place=meeting.place,
    )


#: Columns a meeting reference (next meeting, follow-up) needs.
_REF_COLUMNS = "id project_id follow_up_of_id title start_at duration_min kind place"


def _rows(s, model, names: str, key: str, ids: Iterable[int | None], *order) -> list:
    """Columns ``names`` of the rows of ``model`` whose ``key`` is one of ``ids``.

    Plain rows, not ORM objects: building thousands of instances would cost more
    than the queries themselves.
    """
    columns = [getattr(model, name) for name in names.split()]
    column = getattr(model, key)
    return _where_in(s, lambda c: select(*columns).where(column.in_(c)).order_by(*order), ids)


def _minutes(s, meetings: Sequence[Meeting], store_id: str = "") -> list[MinutesDocument]:
    """Minutes documents for ``meetings`` (in that order), in about a dozen queries."""
    if not meetings:
        return []
    ids = [m.id for m in meetings]
    attendees = _grouped(
        _rows(
            s,
            Attendee,
            "meeting_id person_id role attended updated_at",
            "meeting_id",
            ids,
            Attendee.id,
        ),
        "meeting_id",
    )
    agenda_rows = _rows(
        s,
        AgendaItem,
        "id meeting_id title owner_id timebox_min kind notes started_at ended_at updated_at",
        "meeting_id",
        ids,
        AgendaItem.position,
        AgendaItem.id,
    )
    agenda = _grouped(agenda_rows, "meeting_id")
    agenda_titles = {a.id: a.title for a in agenda_rows}
    decision_rows = _rows(
        s,
        Decision,
        "id meeting_id agenda_item_id text owner_id due_on status",
        "meeting_id",
        ids,
        Decision.id,
    )
    decisions = _grouped(decision_rows, "meeting_id")
    # Action items (行动项) have their own section: they are not listed as decisions.
    action_ids = action_item_ids(s, [d.id for d in decision_rows])
    open_items = _grouped(
        _rows(
            s,
            OpenItem,
            "meeting_id agenda_item_id text owner_id follow_up_meeting_id resolved_at",
            "meeting_id",
            ids,
            OpenItem.id,
        ),
        "meeting_id",
    )
    tasks = _grouped(
        _rows(
            s,
            Task,
            "decision_id code title owner_id due_on status",
            "decision_id",
            [d.id for d in decision_rows],
            Task.code,
            Task.id,
        ),
        "decision_id",
    )
    projects = {
        p.id: p for p in _rows(s, Project, "id code topic", "id", [m.project_id for m in meetings])
    }
    # Candidates for "next meeting": the projects' meetings and these meetings' follow-ups.
    siblings = _grouped(
        _rows(
            s,
            Meeting,
            _REF_COLUMNS,
            "project_id",
            projects,
            Meeting.start_at,
            Meeting.id,
        ),
        "project_id",
    )
    follow_ups = _grouped(
        _rows(s, Meeting, _REF_COLUMNS, "follow_up_of_id", ids, Meeting.start_at, Meeting.id),
        "follow_up_of_id",
    )
    known: dict[int | None, object] = {m.id: m for group in siblings.values() for m in group}
    known.update({m.id: m for m in meetings})
    wanted = [m.follow_up_of_id for m in meetings]
    wanted += [o.follow_up_meeting_id for group in open_items.values() for o in group]
    known.update(
        {
            m.id: m
            for m in _rows(s, Meeting, _REF_COLUMNS, "id", [i for i in wanted if i not in known])
        }
    )
    starts = {pid: [m.start_at for m in group] for pid, group in siblings.items()}

    person_ids: list[int | None] = []
    for m in meetings:
        person_ids += [m.host_id, m.recorder_id]
    for rows, attr in (
        (attendees, "person_id"),
        (agenda, "owner_id"),
        (decisions, "owner_id"),
        (open_items, "owner_id"),
        (tasks, "owner_id"),
    ):
        person_ids += [getattr(r, attr) for group in rows.values() for r in group]
    people: dict[int | None, PersonEntry] = {
        p.id: PersonEntry(name=p.name, email=p.email, department=p.department or "", id=p.id)
        for p in _where_in(
            s,
            lambda c: (
                select(
                    Person.id, Person.name, Person.email, col(Department.name).label("department")
                )
                .join(Department, col(Department.id) == Person.department_id, isouter=True)
                .where(col(Person.id).in_(c))
            ),
            person_ids,
        )
    }

    def name(person_id: int | None) -> str:
        entry = people.get(person_id)
        return entry.name if entry else ""

    def next_after(m: Meeting) -> MeetingRef | None:
        later: list = []
        if m.project_id in siblings:
            group = siblings[m.project_id]
            index = bisect_right(starts[m.project_id], m.start_at)
            if index < len(group):
                later.append(group[index])
        later += [f for f in follow_ups.get(m.id, ()) if f.start_at > m.start_at]
        return _ref(min(later, key=lambda x: (x.start_at, x.id))) if later else None

    docs = []
    for m in meetings:
        project = projects.get(m.project_id)
        meeting_decisions = decisions.get(m.id, [])
        changed = [m.updated_at]
        changed += [a.updated_at for a in attendees.get(m.id, ())]
        changed += [a.updated_at for a in agenda.get(m.id, ())]
        docs.append(
            MinutesDocument(
                id=m.id,
                kind=m.kind.value,
                title=m.title,
                start_at=m.start_at,
                duration_min=m.duration_min,
                end_at=m.start_at + timedelta(minutes=m.duration_min),
                project_code=project.code if project else "",
                project_topic=project.topic if project else "",
                goal=m.goal,
                place=m.place,
                host=people.get(m.host_id),
                recorder=people.get(m.recorder_id),
                materials=tuple(
                    line.strip() for line in (m.materials or "").splitlines() if line.strip()
                ),
                notice_sent_at=m.notice_sent_at,
                started_at=m.started_at,
                ended_at=m.ended_at,
                notes=m.notes,
                minutes_distributed_at=m.minutes_distributed_at,
                distributed_to=m.distributed_to,
                follow_up_of=_ref(known.get(m.follow_up_of_id)),
                attendees=tuple(
                    AttendeeEntry(
                        person=people.get(a.person_id) or PersonEntry(name="", id=a.person_id),
                        role=a.role.value,
                        attended=a.attended,
                    )
                    for a in attendees.get(m.id, ())
                ),
                agenda=tuple(
                    AgendaEntry(
                        number=n,
                        title=a.title,
                        owner=name(a.owner_id),
                        timebox_min=a.timebox_min,
                        kind=a.kind.value,
                        notes=a.notes,
                        started_at=a.started_at,
                        ended_at=a.ended_at,
                    )
                    for n, a in enumerate(agenda.get(m.id, ()), start=1)
                ),
                decisions=tuple(
                    DecisionEntry(
                        text=d.text,
                        owner=name(d.owner_id),
                        due_on=d.due_on,
                        status=d.status.value,
                        agenda_item=agenda_titles.get(d.agenda_item_id, ""),
                        tasks=tuple(t.code for t in tasks.get(d.id, ())),
                    )
                    for d in meeting_decisions
                    if d.id not in action_ids
                ),
                action_items=tuple(
                    ActionItemEntry(
                        code=t.code,
                        title=t.title,
                        owner=name(t.owner_id),
                        due_on=t.due_on,
                        status=t.status.value,
                        decision=d.text,
                    )
                    for d in meeting_decisions
                    for t in tasks.get(d.id, ())
                ),
                open_items=tuple(
                    OpenItemEntry(
                        text=o.text,
                        owner=name(o.owner_id),
                        follow_up=_ref(known.get(o.follow_up_meeting_id)),
                        resolved_at=o.resolved_at,
                        agenda_item=agenda_titles.get(o.agenda_item_id, ""),
                    )
                    for o in open_items.get(m.id, ())
                ),
                next_meeting=next_after(m),
                updated_at=max(_aware(c) for c in changed if c is not None),
                store_id=store_id,
            )
        )
    return docs


def _aware(moment: datetime) -> datetime:
    """A timestamp as timezone-aware (rows are; a row built in memory may not be)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
