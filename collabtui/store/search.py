"""Finding records by part of a name, for the command palette (Chinese too)."""

from __future__ import annotations

from sqlmodel import col, or_, select

from collabtui.domain.views import SearchHit
from collabtui.store.base import StoreBase
from collabtui.store.models import Department, Meeting, Person, Project, Task


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with wildcards escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SearchOps(StoreBase):
    """Store methods for search (mixed into :class:`~collabtui.store.Store`)."""

    def search(self, text: str, limit: int = 40) -> list[SearchHit]:
        """Projects, meetings, tasks, people and departments whose name contains ``text``."""
        text = text.strip()
        if not text:
            return []
        pattern = _like(text)
        hits: list[SearchHit] = []
        with self.db.read() as s:
            for p in s.exec(
                select(Project)
                .where(
                    or_(
                        col(Project.code).ilike(pattern, escape="\\"),
                        col(Project.topic).ilike(pattern, escape="\\"),
                    )
                )
                .limit(limit)
            ):
                hits.append(SearchHit("project", p.id, f"{p.code} {p.topic}", p.phase.value, p.id))
            for m in s.exec(
                select(Meeting).where(col(Meeting.title).ilike(pattern, escape="\\")).limit(limit)
            ):
                hits.append(
                    SearchHit("meeting", m.id, m.title, m.start_at.isoformat(), m.project_id)
                )
            for t in s.exec(
                select(Task)
                .where(
                    or_(
                        col(Task.title).ilike(pattern, escape="\\"),
                        col(Task.code).ilike(pattern, escape="\\"),
                    )
                )
                .limit(limit)
            ):
                hits.append(
                    SearchHit("task", t.id, f"{t.code} {t.title}", t.status.value, t.project_id)
                )
            for person in s.exec(
                select(Person).where(col(Person.name).ilike(pattern, escape="\\")).limit(limit)
            ):
                hits.append(SearchHit("person", person.id, person.name, person.role))
            for d in s.exec(
                select(Department)
                .where(col(Department.name).ilike(pattern, escape="\\"))
                .limit(limit)
            ):
                hits.append(SearchHit("department", d.id, d.name, ""))
        return hits[:limit]
