"""The phase guard: a project moves on when the playbook says so, or with a reason."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from collabtui.domain.acceptance import unaccepted_departments
from collabtui.domain.enums import OPEN_TASK_STATUSES, MeetingKind, Phase
from collabtui.domain.errors import ValidationError
from collabtui.domain.playbook import (
    PhaseFacts,
    Problem,
    blocking,
    check_request,
    gaps_to_advance,
    request_lacks,
)
from collabtui.domain.playbook import next_phase as _next
from collabtui.i18n import t
from collabtui.store.base import StoreBase
from collabtui.store.models import Change, Meeting, Project, Task, utcnow


class PhaseBlocked(ValidationError):
    """Moving on is not allowed yet; ``gaps`` says what is missing."""

    def __init__(self, gaps: list[Problem]):
        first = gaps[0]
        super().__init__(key=first.key, params=first.params)
        self.gaps = gaps

    def message(self, tr=None) -> str:
        """Every gap in ``tr``'s language (default: the current one), ``; ``-separated."""
        return "; ".join(g.message(tr or t) for g in self.gaps)


class PhaseOps(StoreBase):
    """Store methods for phases (mixed into :class:`~collabtui.store.Store`)."""

    def phase_facts(self, project_id: int, today: date) -> PhaseFacts:
        """What the phase rules need to know about a project."""
        draft = self.request_draft(project_id)
        rows = self.consultations(project_id)
        with self.db.read() as s:
            project = s.get(Project, project_id)
            assert project is not None  # request_draft raised NotFound otherwise
            tasks = list(s.exec(select(col(Task.status)).where(Task.project_id == project_id)))
            retro_held = (
                s.exec(
                    select(Meeting.id).where(
                        Meeting.project_id == project_id,
                        Meeting.kind == MeetingKind.RETROSPECTIVE,
                        col(Meeting.started_at).is_not(None),
                    )
                ).first()
                is not None
            )
            reviews = list(
                s.exec(
                    select(Meeting.ended_at).where(
                        Meeting.project_id == project_id,
                        Meeting.kind == MeetingKind.REQUIREMENT_REVIEW,
                    )
                )
            )
        open_tasks = [x for x in tasks if x.value in OPEN_TASK_STATUSES]
        acceptance = self.acceptance_report(project_id)
        return PhaseFacts(
            phase=project.phase.value,
            request_problems=len(blocking(check_request(draft, today))),
            partners=len(rows),
            consultations_agreed=sum(1 for r in rows if r.status == "agreed"),
            consultations_open=tuple(r.department for r in rows if r.status != "agreed"),
            confirmed=project.confirmed_at is not None,
            tasks=len(tasks),
            tasks_open=len(open_tasks),
            signoffs_missing=unaccepted_departments(
                acceptance, lambda name: t("acceptance.rejected_name", department=name)
            ),
            acceptance_failed=len(acceptance.failed),
            retro_held=retro_held,
            review_pending=bool(reviews) and all(e is None for e in reviews),
            acceptance_pending=sum(1 for i in acceptance.items if i.verdict == "pending"),
            request_lacks=request_lacks(len(draft.milestones), len(draft.deliverables)),
        )

    def phase_gaps(self, project_id: int, today: date) -> list[Problem]:
        """What is missing before the project may move to its next phase."""
        return gaps_to_advance(self.phase_facts(project_id, today))

    def advance_phase(
        self, project_id: int, version: int, today: date, reason: str = ""
    ) -> Project:
        """Move to the next phase; with gaps, only with a typed reason (kept in the log)."""
        facts = self.phase_facts(project_id, today)
        target = _next(facts.phase)
        if target is None:
            raise ValidationError.of("err.last_phase")
        gaps = gaps_to_advance(facts)
        if gaps and not reason.strip():
            raise PhaseBlocked(gaps)
        note = reason.strip()
        with self.db.write("project.advance", note=note) as u:
            fields: dict[str, object] = {"phase": Phase(target)}
            if target == "closed":
                fields["ended_at"] = utcnow()
            return u.edit(Project, project_id, version, **fields)

    def phase_overrides(self, project_id: int) -> list[Change]:
        """Phase moves made despite gaps, with their typed reasons."""
        with self.db.read() as s:
            stmt = (
                select(Change)
                .where(
                    Change.entity == "project",
                    Change.entity_id == project_id,
                    Change.intent == "project.advance",
                    Change.note != "",
                )
                .order_by(col(Change.id))
            )
            return list(s.exec(stmt).all())
