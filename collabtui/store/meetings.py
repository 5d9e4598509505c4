"""Meetings: listing them across projects."""

from __future__ import annotations

from sqlmodel import col, select

from collabtui.domain.views import MeetingSummary
from collabtui.store.base import StoreBase
from collabtui.store.models import Meeting, Project
from collabtui.store.projects import _find_project


class MeetingOps(StoreBase):
    """Store methods for meetings (mixed into :class:`~collabtui.store.Store`)."""

    def meetings(self, project: int | str | None = None) -> list[MeetingSummary]:
        """Meetings by start time, of one project or of all."""
        with self.db.read() as s:
            stmt = (
                select(Meeting, Project.code)
                .join(Project, col(Project.id) == Meeting.project_id, isouter=True)
                .order_by(col(Meeting.start_at), col(Meeting.id))
            )
            if project is not None:
                stmt = stmt.where(Meeting.project_id == _find_project(s, project).id)
            return [
                MeetingSummary(
                    id=m.id,
                    project_code=code or "",
                    kind=m.kind.value,
                    title=m.title,
                    start_at=m.start_at,
                    duration_min=m.duration_min,
                )
                for m, code in s.exec(stmt).all()
            ]
