"""The best-practice handbook (《跨部门协作最佳实践手册》) in the store.

A practice is promoted from a retrospective item (its project and the day of that
retrospective are its source), edited, retired and restored. Search is a plain
case-insensitive substring match over title, body, tags and the source project's
code and topic: it needs no tokenizer, so Chinese works as well as English, and the
same query runs on SQLite and PostgreSQL. Several words must all match (each
anywhere); ``%`` and ``_`` are literal.
"""

from __future__ import annotations

from datetime import date, tzinfo

from sqlmodel import col, or_, select

from collabtui.domain.errors import ValidationError
from collabtui.domain.retro import PracticeRow, join_tags, split_tags
from collabtui.store.base import StoreBase
from collabtui.store.models import BestPractice, Meeting, Project, RetroItem, utcnow
from collabtui.store.search import _like

#: Practice fields an edit may set.
PRACTICE_FIELDS = ("title", "body", "tags", "source_on")


class HandbookOps(StoreBase):
    """Store methods for the handbook (mixed into :class:`~collabtui.store.Store`)."""

    # ------------------------------------------------------------------ reads

    def practices(self, query: str = "", *, include_retired: bool = False) -> list[PracticeRow]:
        """Practices whose title, body, tags or source project contain every word of ``query``.

        Current ones first, then by source date (newest first), then title; retired
        ones only with ``include_retired``.
        """
        with self.db.read() as s:
            stmt = select(BestPractice, Project.code, Project.topic).join(
                Project, col(Project.id) == BestPractice.source_project_id, isouter=True
            )
            if not include_retired:
                stmt = stmt.where(col(BestPractice.retired_at).is_(None))
            for word in query.split():
                pattern = _like(word)
                stmt = stmt.where(
                    or_(
                        *(
                            col(c).ilike(pattern, escape="\\")
                            for c in (
                                BestPractice.title,
                                BestPractice.body,
                                BestPractice.tags,
                                Project.code,
                                Project.topic,
                            )
                        )
                    )
                )
            stmt = stmt.order_by(
                col(BestPractice.retired_at).is_not(None),
                col(BestPractice.source_on).is_(None),
                col(BestPractice.source_on).desc(),
                col(BestPractice.title),
                col(BestPractice.id),
            )
            rows = s.exec(stmt).all()
        return [_row(p, code or "", topic or "") for p, code, topic in rows]

    def practice(self, practice_id: int) -> PracticeRow:
        """One practice, retired or not."""
        with self.db.read() as s:
            p = s.get(BestPractice, practice_id)
            if p is None:
                from collabtui.domain.errors import NotFound

                raise NotFound("bestpractice", practice_id)
            project = s.get(Project, p.source_project_id) if p.source_project_id else None
        return _row(p, project.code if project else "", project.topic if project else "")

    # ------------------------------------------------------------------ writes

    def promote_to_practice(
        self,
        retro_item_id: int,
        *,
        title: str,
        body: str = "",
        tags: str | list[str] | tuple[str, ...] = "",
        tz: tzinfo,
        source_on: date | None = None,
    ) -> BestPractice:
        """A new practice from a retrospective item, citing its project and date.

        ``source_on`` defaults to the day of the item's retrospective meeting, else
        today, both in the user's zone ``tz``.
        """
        with self.db.write("practice.promote") as u:
            item = u.get(RetroItem, retro_item_id)
            if source_on is None:
                meeting = u.session.get(Meeting, item.meeting_id) if item.meeting_id else None
                moment = (meeting.started_at or meeting.start_at) if meeting else utcnow()
                source_on = moment.astimezone(tz).date()
            practice = BestPractice(
                title=title,
                body=body,
                tags=join_tags(split_tags(tags)),
                source_project_id=item.project_id,
                source_retro_item_id=item.id,
                source_on=source_on,
            )
            check_practice(practice)
            return u.add(practice)

    def edit_practice(self, practice_id: int, version: int, **fields) -> BestPractice:
        """Change a practice's title, body, tags or source date."""
        unknown = set(fields) - set(PRACTICE_FIELDS)
        if unknown:
            raise TypeError(f"not practice fields: {sorted(unknown)}")
        if "tags" in fields:
            fields["tags"] = join_tags(split_tags(fields["tags"]))
        with self.db.write("practice.edit") as u:
            practice = u.edit(BestPractice, practice_id, version, **fields)
            check_practice(practice)
            return practice

    def retire_practice(self, practice_id: int, version: int) -> BestPractice:
        """Take a practice out of the handbook (kept, and searchable with retired ones)."""
        with self.db.write("practice.retire") as u:
            practice = u.edit(BestPractice, practice_id, version)
            if practice.retired_at is None:
                practice.retired_at = utcnow()
            return practice

    def restore_practice(self, practice_id: int, version: int) -> BestPractice:
        """Put a retired practice back into the handbook."""
        with self.db.write("practice.restore") as u:
            return u.edit(BestPractice, practice_id, version, retired_at=None)


def check_practice(practice: BestPractice) -> None:
    """A practice has a one-line title; its body and tags are trimmed."""
    practice.title = " ".join((practice.title or "").split())
    if not practice.title:
        raise ValidationError.of("err.required", "title")
    practice.body = (practice.body or "").strip()
    practice.tags = join_tags(split_tags(practice.tags))


def _row(p: BestPractice, code: str, topic: str) -> PracticeRow:
    return PracticeRow(
        id=p.id,
        version=p.version,
        title=p.title,
        body=p.body,
        tags=split_tags(p.tags),
        source_project_id=p.source_project_id,
        source_code=code,
        source_topic=topic,
        source_retro_item_id=p.source_retro_item_id,
        source_on=p.source_on,
        retired_at=p.retired_at,
    )


__all__ = ["HandbookOps", "check_practice"]
